"""The supervision pages: the office's letters by state and deadline, a leader's "letters to
me", a letter with its reports and timeline, issuing a letter, and accountability records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.core.errors import DomainError
from redress.core.pagination import CappedPaginator
from redress.obligations.pages import (
    ObligationPage,
    ObligationRules,
    obligation_forms,
    obligation_views,
)
from redress.obligations.permissions import is_unit_staff
from redress.orgs.http import signed_in_user
from redress.orgs.models import Role, User
from redress.supervision import services
from redress.supervision.forms import (
    AppealDecisionForm,
    LetterFilterForm,
    LetterIssueForm,
    TextForm,
)
from redress.supervision.models import (
    AccountabilityRecord,
    AccountabilityStatus,
    Letter,
    SubjectKind,
)
from redress.supervision.selectors import (
    accountability_get_for_user,
    accountability_list_for_user,
    letter_attachment_get,
    letter_get_for_user,
    letter_reports,
    letter_search,
    letter_state_counts,
    letter_timeline,
)
from redress.supervision.subjects import (
    letter_subject_kinds,
    letter_subject_resolve,
    letter_subject_url,
)

PAGE_SIZE = 50

LETTER_RULES = ObligationRules(
    can_answer=services.letter_can_answer,
    can_decide=services.letter_can_decide,
    report=lambda user, letter, kind, text, files: (
        services.letter_report_progress if kind == "progress" else services.letter_report_completion
    )(actor=user, letter=letter, text=text, files=files),
    accept=lambda user, letter, note: services.letter_accept(actor=user, letter=letter, note=note),
    send_back=lambda user, letter, reason: services.letter_send_back(
        actor=user, letter=letter, reason=reason
    ),
)


def _paged(request: HttpRequest, queryset: Any) -> tuple[Any, str]:
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    """The office page: every letter in scope by state, soonest deadline first."""
    user = signed_in_user(request)
    form = LetterFilterForm(request.GET)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page, query = _paged(request, letter_search(user=user, state=state))
    return render(
        request,
        "supervision/letter_list.html",
        {
            "page": page,
            "query": query,
            "filter_form": form,
            "counts": letter_state_counts(user=user),
            "state": state,
            "can_issue": user.role == Role.DIRECTOR,
            "heading": _("Supervision letters"),
        },
    )


@login_required
def letter_mine(request: HttpRequest) -> HttpResponse:
    """Letters to me: a leader's letters naming them; a unit's letters to its department."""
    user = signed_in_user(request)
    letters = letter_search(user=user, state="open")
    if user.role == Role.LEADER:
        letters = letters.filter(leader=user)
    else:
        letters = letters.filter(unit_id=user.department_id or 0)
    page, query = _paged(request, letters)
    return render(
        request,
        "supervision/letter_list.html",
        {"page": page, "query": query, "mine": True, "heading": _("Letters to me")},
    )


def _letter_context(user: User, letter: Letter, failed: Any = None) -> dict[str, Any]:
    return {
        "letter": letter,
        "reports": letter_reports(letter=letter),
        "events": letter_timeline(letter=letter),
        "escalations": list(letter.escalations.select_related("issuing_office")),
        "steps": obligation_forms(user, letter, LETTER_RULES, failed),
        "failed_step": failed[0] if failed else None,
        "subject_url": letter_subject_url(kind=letter.subject_kind, object_id=letter.subject_id),
    }


LETTER_PAGE = ObligationPage(
    rules=LETTER_RULES,
    get=lambda user, letter_id: letter_get_for_user(user=user, letter_id=letter_id),
    context=_letter_context,
    template="supervision/letter_detail.html",
    detail_url="supervision:letter_detail",
    id_kwarg="letter_id",
    attachment_get=lambda letter, attachment_id: letter_attachment_get(
        letter=letter, attachment_id=attachment_id
    ),
)


letter_detail, letter_act, letter_file = obligation_views(LETTER_PAGE)


@login_required
def letter_new(request: HttpRequest) -> HttpResponse:
    """Issue a letter (directors). `?case=ID` (or `?project=ID`, `?alert=ID`: any kind
    registered in redress.supervision.subjects) makes it about that object."""
    user = signed_in_user(request)
    if user.role != Role.DIRECTOR:
        raise DjangoPermissionDenied
    proposal = None
    for spec in letter_subject_kinds():
        object_id = request.GET.get(spec.kind) or request.POST.get(spec.kind)
        if object_id:
            proposal = letter_subject_resolve(kind=spec.kind, user=user, object_id=object_id)
            break
    initial: dict[str, object] = {}
    if proposal is not None:
        initial = {"unit": proposal.unit_id, "title": proposal.title}
        if proposal.subject.case is not None:
            initial["case"] = proposal.subject.case.pk
    form = LetterIssueForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter, _created = services.letter_issue(
                issuer=user,
                unit=data["unit"],
                leader=data["leader"],
                title=data["title"],
                required_action=data["required_action"],
                subject=proposal.subject if proposal else None,
                working_days=data["working_days"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Letter issued."))
            return redirect("supervision:letter_detail", letter_id=letter.pk)
    status = 400 if request.method == "POST" else 200
    subject = proposal.subject if proposal else None
    context = {
        "form": form,
        "subject": subject,
        "subject_kind": SubjectKind(subject.kind).label if subject else "",
        "subject_url": letter_subject_url(kind=subject.kind, object_id=subject.id)
        if subject
        else "",
    }
    return render(request, "supervision/letter_new.html", context, status=status)


# Accountability ----------------------------------------------------------------------------


@login_required
def accountability_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    records = accountability_list_for_user(user=user).order_by("-at", "-id")
    status = request.GET.get("status", "")
    if status in AccountabilityStatus.values:
        records = records.filter(status=status)
    page, query = _paged(request, records)
    return render(
        request,
        "supervision/accountability_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": AccountabilityStatus.choices,
        },
    )


def _record_steps(
    user: User, record: AccountabilityRecord, failed: tuple[str, Any] | None = None
) -> list[tuple[str, str, Any]]:
    steps: list[tuple[str, str, Any]] = []
    if is_unit_staff(user, record.unit_id):
        if record.status == AccountabilityStatus.OPEN:
            steps.append(("respond", _("Respond"), TextForm(prefix="respond")))
        if record.status in (AccountabilityStatus.OPEN, AccountabilityStatus.RESPONDED):
            steps.append(("appeal", _("Appeal"), TextForm(prefix="appeal")))
    if record.status == AccountabilityStatus.APPEALED and services.accountability_can_decide(
        user, record
    ):
        steps.append(("decide", _("Decide the appeal"), AppealDecisionForm(prefix="decide")))
    if failed is not None:
        steps = [(name, label, failed[1] if name == failed[0] else f) for name, label, f in steps]
    return steps


@login_required
@never_cache
def accountability_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    user = signed_in_user(request)
    record = accountability_get_for_user(user=user, record_id=record_id)
    return render(
        request,
        "supervision/accountability_detail.html",
        {
            "record": record,
            "events": record.events.select_related("actor"),
            "steps": _record_steps(user, record),
        },
    )


@login_required
@require_POST
def accountability_act(request: HttpRequest, record_id: int, step: str) -> HttpResponse:
    user = signed_in_user(request)
    record = accountability_get_for_user(user=user, record_id=record_id)
    form: TextForm | AppealDecisionForm
    if step in ("respond", "appeal"):
        form = TextForm(request.POST, prefix=step)
    elif step == "decide":
        form = AppealDecisionForm(request.POST, prefix=step)
    else:
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        try:
            if step == "respond":
                services.accountability_respond(actor=user, record=record, response=data["text"])
            elif step == "appeal":
                services.accountability_appeal(actor=user, record=record, reason=data["text"])
            else:
                services.accountability_decide_appeal(
                    actor=user, record=record, upheld=data["upheld"], reason=data["reason"]
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("supervision:accountability_detail", record_id=record.pk)
    record = accountability_get_for_user(user=user, record_id=record_id)
    return render(
        request,
        "supervision/accountability_detail.html",
        {
            "record": record,
            "events": record.events.select_related("actor"),
            "steps": _record_steps(user, record, failed=(step, form)),
            "failed_step": step,
        },
        status=400,
    )
