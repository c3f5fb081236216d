"""What the letter and action item pages share: the steps offered on an obligation (report
progress, report completion, accept, send back), their forms, carrying one out, and serving a
report's file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.core.errors import DomainError
from redress.obligations.forms import AcceptForm, ReportForm, SendBackForm
from redress.obligations.models import (
    ANSWERABLE_STATUSES,
    Obligation,
    ObligationAttachment,
    ObligationStatus,
    ReportKind,
)
from redress.orgs.models import User

STEP_LABELS = {
    "progress": _("Report progress"),
    "complete": _("Report completion"),
    "accept": _("Accept the completion"),
    "send_back": _("Send back"),
}
STEP_DONE = {
    "progress": _("Progress reported."),
    "complete": _("Completion reported."),
    "accept": _("Completion accepted; closed."),
    "send_back": _("Sent back with your reason."),
}


@dataclass(frozen=True)
class ObligationRules:
    can_answer: Callable[[User, Any], bool]
    can_decide: Callable[[User, Any], bool]
    report: Callable[..., object]  # (actor, obligation, kind, text, files)
    accept: Callable[..., object]  # (actor, obligation, note)
    send_back: Callable[..., object]  # (actor, obligation, reason)


def obligation_steps(user: User, obligation: Obligation, rules: ObligationRules) -> list[str]:
    steps = []
    if obligation.status in ANSWERABLE_STATUSES and rules.can_answer(user, obligation):
        steps += ["progress", "complete"]
    if obligation.status == ObligationStatus.COMPLETION_REPORTED and rules.can_decide(
        user, obligation
    ):
        steps += ["accept", "send_back"]
    return steps


def _form(step: str, data: Any = None, files: Any = None) -> forms.Form:
    if step in ("progress", "complete"):
        return ReportForm(data, files, prefix=step)
    if step == "accept":
        return AcceptForm(data, prefix=step)
    return SendBackForm(data, prefix=step)


def obligation_forms(
    user: User,
    obligation: Obligation,
    rules: ObligationRules,
    failed: tuple[str, forms.Form] | None,
) -> list[tuple[str, str, forms.Form]]:
    """(step, label, form) for each step offered; the failed one keeps its input and errors."""
    return [
        (
            step,
            str(STEP_LABELS[step]),
            failed[1] if failed is not None and failed[0] == step else _form(step),
        )
        for step in obligation_steps(user, obligation, rules)
    ]


def obligation_act(
    request: HttpRequest, user: User, obligation: Obligation, rules: ObligationRules, step: str
) -> tuple[bool, forms.Form | None]:
    """Carry out a step from a posted form: (done, the form with its errors if not)."""
    if step not in STEP_LABELS:
        return False, None
    form = _form(step, request.POST, request.FILES)
    if not form.is_valid():
        return False, form
    data = form.cleaned_data
    try:
        if step in ("progress", "complete"):
            kind = ReportKind.PROGRESS if step == "progress" else ReportKind.COMPLETION
            rules.report(user, obligation, kind, data["text"], data["attachments"])
        elif step == "accept":
            rules.accept(user, obligation, data["note"])
        else:
            rules.send_back(user, obligation, data["reason"])
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False, form
    return True, form


@dataclass(frozen=True)
class ObligationPage:
    """An obligation's detail page: the scoped getter (404 outside the user's scope), the
    page's context (with the failed step's form, if any), its template, the URL name that
    takes the obligation's id, and the getter of a report's file on the obligation (404)."""

    rules: ObligationRules
    get: Callable[[User, int], Any]
    context: Callable[[User, Any, tuple[str, forms.Form] | None], dict[str, Any]]
    template: str
    detail_url: str
    id_kwarg: str  # the obligation's id in the URL patterns ("letter_id")
    attachment_get: Callable[[Any, int], ObligationAttachment]


def obligation_detail_view(
    request: HttpRequest, page: ObligationPage, user: User, obligation_id: int
) -> HttpResponse:
    obligation = page.get(user, obligation_id)
    return render(request, page.template, page.context(user, obligation, None))


def obligation_act_view(
    request: HttpRequest, page: ObligationPage, user: User, obligation_id: int, step: str
) -> HttpResponse:
    """A posted step: back to the page with a message when done, or the page again with the
    step's form and its errors (400)."""
    obligation = page.get(user, obligation_id)
    done, form = obligation_act(request, user, obligation, page.rules, step)
    if form is None:
        raise Http404
    if done:
        messages.success(request, str(STEP_DONE[step]))
        return redirect(page.detail_url, obligation.pk)
    context = page.context(user, page.get(user, obligation_id), (step, form))
    return render(request, page.template, context, status=400)


def obligation_file_view(
    page: ObligationPage, user: User, obligation_id: int, attachment_id: int
) -> FileResponse:
    """A report's file, only through the obligation the user may see."""
    obligation = page.get(user, obligation_id)
    return attachment_response(page.attachment_get(obligation, attachment_id))


ObligationView = Callable[..., HttpResponseBase]


def obligation_views(page: ObligationPage) -> tuple[ObligationView, ObligationView, ObligationView]:
    """The detail, step and file views of an obligation's page, for the app's URL patterns:
    each takes the obligation's id as `page.id_kwarg`, the step view also `step`, the file view
    `attachment_id`; each is behind the login."""

    def user_of(request: HttpRequest) -> User:
        user = request.user
        assert isinstance(user, User)
        return user

    @login_required
    @never_cache
    def detail(request: HttpRequest, **ids: int) -> HttpResponse:
        return obligation_detail_view(request, page, user_of(request), ids[page.id_kwarg])

    @login_required
    @require_POST
    def act(request: HttpRequest, step: str, **ids: int) -> HttpResponse:
        return obligation_act_view(request, page, user_of(request), ids[page.id_kwarg], step)

    @login_required
    @never_cache
    def file(request: HttpRequest, attachment_id: int, **ids: int) -> FileResponse:
        return obligation_file_view(page, user_of(request), ids[page.id_kwarg], attachment_id)

    return detail, act, file


def attachment_response(attachment: ObligationAttachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=f"report-file-{attachment.pk}.{attachment.extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
