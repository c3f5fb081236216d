"""The staff's pages: the work queue, a case with its timeline and the steps they may take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.cases import services
from redress.cases.forms import (
    AnswerForm,
    AssignForm,
    BulkActionForm,
    CaseReferenceForm,
    ContactReasonForm,
    ExtendForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    RequiredNoteForm,
    ResolveForm,
    TransferForm,
)
from redress.cases.models import OPEN_STATUSES, Case
from redress.cases.permissions import Action, available_actions
from redress.cases.selectors import (
    case_get_for_user,
    case_list_for_user,
    case_search,
    case_timeline,
)
from redress.cases.services.contact import contact_read
from redress.cases.tracking import normalize_tracking_code
from redress.contacts.services import contact_exists
from redress.core.errors import DomainError
from redress.core.ids import id_parse
from redress.core.pagination import CappedPaginator
from redress.core.redirects import safe_next
from redress.orgs.http import signed_in_user
from redress.orgs.models import Role, User
from redress.orgs.selectors import department_get_for_user, jurisdiction_get_for_user

PAGE_SIZE = 50


BULK_MAX = 200


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    filter_form = QueueFilterForm(request.GET, user=user)
    filters = filter_form.filters()
    status = filters["status"]
    statuses = (
        OPEN_STATUSES if status == "open" else None if status == "all" else frozenset({status})
    )
    area = (
        jurisdiction_get_for_user(user=user, jurisdiction_id=filters["area"])
        if filters["area"]
        else None
    )
    cases = case_search(
        user=user,
        q=filters["q"],
        statuses=statuses,
        category_id=filters["category"],
        area_path=area.path if area else None,
        department_id=filters["department"],
        due=filters["due"],
        sort=filters["sort"],
    )
    page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/queue.html",
        {
            "page": page,
            "filter_form": filter_form,
            "query": query.urlencode(),
            "bulk_form": BulkActionForm(user=user, prefix="bulk"),
            "can_bulk": user.role in (Role.DIRECTOR, Role.OPERATOR),
        },
    )


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Assign or transfer several cases; each goes through the scoped getter and its service,
    and the page reports what was done and what was refused, case by case."""
    user = signed_in_user(request)
    form = BulkActionForm(request.POST, user=user, prefix="bulk")
    raw_ids = request.POST.getlist("cases")
    if not raw_ids or len(raw_ids) > BULK_MAX or any(id_parse(v) is None for v in raw_ids):
        messages.error(request, _("Select between 1 and %(max)s cases.") % {"max": BULK_MAX})
        return redirect(safe_next(request, default=reverse("cases:queue")))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(map(str, errors))}")
        return redirect(safe_next(request, default="/staff/"))
    department = department_get_for_user(user=user, department_id=form.cleaned_data["department"])
    # Every case is fetched through the scope first, so one out of reach stops the whole
    # request before anything has changed.
    cases = [
        case_get_for_user(user=user, case_id=case_id)
        for case_id in dict.fromkeys(int(v) for v in raw_ids)
    ]
    done, refused = 0, []
    for case in cases:
        try:
            if form.cleaned_data["action"] == "transfer":
                services.case_transfer(
                    case=case,
                    actor=user,
                    department=department,
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.case_assign(case=case, actor=user, department=department)
            done += 1
        except DomainError as error:
            refused.append(f"{case.display_code}: {error.message}")
    if done:
        messages.success(request, _("%(count)s case(s) done.") % {"count": done})
    for line in refused:
        messages.error(request, line)
    return redirect(safe_next(request, default="/staff/"))


@login_required
@never_cache
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    return render(request, "cases/detail.html", _detail_context(user, case))


def _detail_context(user: User, case: Case, **forms_override: forms.Form) -> dict[str, Any]:
    actions = available_actions(user, case)
    action_forms: dict[str, forms.Form] = {}
    for action in actions:
        spec = ACTIONS.get(action.value)
        if spec is not None:
            action_forms[action.value] = forms_override.get(action.value) or spec.make_form(
                None, case=case, user=user
            )
    related = [link.to_case for link in case.links_out.select_related("to_case")] + [
        link.from_case for link in case.links_in.select_related("from_case")
    ]
    visible_related = case_list_for_user(user=user).filter(pk__in=[c.pk for c in related])
    return {
        "case": case,
        "events": case_timeline(case=case),
        "actions": actions,
        "action_forms": action_forms,
        "related": visible_related,
        "merged_cases": case_list_for_user(user=user).filter(merged_into=case),
        "has_contact": Action.READ_CONTACT in actions and contact_exists(case=case),
        "attachments": list(case.attachments.all()),
        "contact_form": forms_override.get("contact") or ContactReasonForm(),
    }


@dataclass(frozen=True)
class ActionSpec:
    form_class: type[forms.Form]
    perform: Callable[[Case, User, dict[str, Any]], object]
    done: str

    def make_form(self, data: Any, *, case: Case, user: User) -> forms.Form:
        if self.form_class is TransferForm:
            return TransferForm(
                data, user=user, exclude_department_id=case.department_id, prefix="transfer"
            )
        if self.form_class is AssignForm:
            area_path = user.jurisdiction.path if user.jurisdiction else "/"
            return AssignForm(data, area_path=area_path, prefix="assign")
        if self.form_class is ResolveForm:
            return ResolveForm(data, category_public=case.category.answers_public_by_default)
        return self.form_class(data, prefix=None)


def _other_case(user: User, data: dict[str, Any]) -> Case:
    code = normalize_tracking_code(data["other"])
    other = case_list_for_user(user=user).filter(tracking_code=code).first() if code else None
    if other is None:
        raise DomainError(_("No case in your area has this tracking code."), field="other")
    return other


ACTIONS: dict[str, ActionSpec] = {
    "accept": ActionSpec(
        NoteForm,
        lambda c, u, d: services.case_accept(case=c, actor=u, note=d["note"]),
        gettext_noop("Accepted."),
    ),
    "decline": ActionSpec(
        ReasonForm,
        lambda c, u, d: services.case_decline(case=c, actor=u, reason=d["reason"]),
        gettext_noop("Declined; the reason is shown to the complainant."),
    ),
    "assign": ActionSpec(
        AssignForm,
        lambda c, u, d: services.case_assign(
            case=c, actor=u, department=d["department"], assignee=d["assignee"], note=d["note"]
        ),
        gettext_noop("Assigned."),
    ),
    "start": ActionSpec(
        NoteForm,
        lambda c, u, d: services.case_start(case=c, actor=u),
        gettext_noop("Work started."),
    ),
    "transfer": ActionSpec(
        TransferForm,
        lambda c, u, d: services.case_transfer(
            case=c, actor=u, department=d["department"], reason=d["reason"]
        ),
        gettext_noop("Transferred."),
    ),
    "extend": ActionSpec(
        ExtendForm,
        lambda c, u, d: services.case_extend(case=c, actor=u, days=d["days"], reason=d["reason"]),
        gettext_noop("Deadline extended."),
    ),
    "pause": ActionSpec(
        ReasonForm,
        lambda c, u, d: services.case_pause(case=c, actor=u, reason=d["reason"]),
        gettext_noop("Clock paused."),
    ),
    "resume": ActionSpec(
        NoteForm,
        lambda c, u, d: services.case_resume(case=c, actor=u, note=d["note"]),
        gettext_noop("Clock resumed."),
    ),
    "resolve": ActionSpec(
        ResolveForm,
        lambda c, u, d: services.case_resolve(
            case=c, actor=u, answer=d["answer"], public=d["public"]
        ),
        gettext_noop("Answer sent to the complainant."),
    ),
    "review": ActionSpec(
        AnswerForm,
        lambda c, u, d: services.case_review_answer(case=c, actor=u, answer=d["answer"]),
        gettext_noop("Review answered."),
    ),
    "re_review": ActionSpec(
        AnswerForm,
        lambda c, u, d: services.case_re_review_answer(case=c, actor=u, answer=d["answer"]),
        gettext_noop("Re-review answered."),
    ),
    "close": ActionSpec(
        NoteForm,
        lambda c, u, d: services.case_close(case=c, actor=u, note=d["note"]),
        gettext_noop("Closed."),
    ),
    "note": ActionSpec(
        RequiredNoteForm,
        lambda c, u, d: services.case_add_note(case=c, actor=u, note=d["note"]),
        gettext_noop("Note added."),
    ),
    "link": ActionSpec(
        CaseReferenceForm,
        lambda c, u, d: services.case_link(
            case=c, other=_other_case(u, d), actor=u, note=d["note"]
        ),
        gettext_noop("Linked."),
    ),
    "merge": ActionSpec(
        CaseReferenceForm,
        lambda c, u, d: services.case_merge(
            source=c, target=_other_case(u, d), actor=u, reason=d["note"]
        ),
        gettext_noop("Merged into the other case."),
    ),
}


@login_required
@require_POST
def act(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    form = spec.make_form(request.POST, case=case, user=user)
    if form.is_valid():
        try:
            spec.perform(case, user, form.cleaned_data)
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, _(spec.done))
            if action == "merge":
                return redirect("cases:queue")
            return redirect("cases:detail", case_id=case.pk)
    case = case_get_for_user(user=user, case_id=case_id)
    context = _detail_context(user, case, **{action: form})
    context["failed_action"] = action
    return render(request, "cases/detail.html", context, status=400)


@login_required
@never_cache
def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> FileResponse:
    """A case's photo, for staff who may see the case."""
    case = case_get_for_user(user=signed_in_user(request), case_id=case_id)
    found = case.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@never_cache
def contact(request: HttpRequest, case_id: int) -> HttpResponse:
    """The audited reading of a complainant's contact details."""
    user = signed_in_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    form = ContactReasonForm(request.POST)
    if form.is_valid():
        try:
            revealed = contact_read(user=user, case=case, reason=form.cleaned_data["reason"])
        except DomainError as error:
            if error.code == "permission_denied":
                raise Http404 from None
            form.add_error("reason", error.message)
        else:
            response = render(request, "cases/contact.html", {"case": case, "contact": revealed})
            response["Cache-Control"] = "no-store"
            return response
    context = _detail_context(user, case, contact=form)
    return render(request, "cases/detail.html", context, status=400)
