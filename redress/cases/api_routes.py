"""The case API: the list with its filters and search, one case, its timeline, the audited
contact reading, entering a grievance on someone's behalf; the steps of a case's life, one
endpoint each with its own body, over the same services the staff pages use; and what a
client needs to fill in a case (categories, and the jurisdictions and departments of the
user's area).

Each step checks the case through the user's scope (404 otherwise); the services then check
the role (403) and the case's state (409). The operation ids name the modules these endpoints
first lived in (redress.api.endpoints.*): they are published, and generated clients are
named after them, so they stay as they were."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.responses import Status

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, fields_renamed
from redress.api.schemas import IDEMPOTENCY_HEADER, MAX_ID, PageParams, idempotency_header, page_of
from redress.cases import services
from redress.cases.api_schemas import (
    ActionsOut,
    AnswerIn,
    AssignIn,
    CaseCreateIn,
    CaseFilters,
    CaseOut,
    CasePage,
    CategoryOut,
    ContactOut,
    ContactReasonIn,
    DepartmentFilters,
    DepartmentOut,
    DepartmentPage,
    EventList,
    ExtendIn,
    JurisdictionOut,
    JurisdictionPage,
    MergeIn,
    NoteIn,
    OtherCaseIn,
    PauseIn,
    ReasonIn,
    RequiredNoteIn,
    ResolveIn,
    TransferIn,
)
from redress.cases.api_selectors import (
    case_list_filtered,
    department_list_filtered,
    handler_get_for_department,
    jurisdiction_list_ordered,
)
from redress.cases.models import Case, Category
from redress.cases.permissions import Action, available_actions
from redress.cases.selectors import case_get_for_user, case_timeline, category_list_active
from redress.cases.services import ContactDetails, GrievanceInput
from redress.cases.services.contact import contact_read
from redress.core.errors import DomainError, PermissionDenied
from redress.orgs.models import Department, Jurisdiction, Role, User
from redress.orgs.selectors import (
    department_get_for_user,
    jurisdiction_get_for_user,
    jurisdiction_list_for_user,
)

# The scoped fetches of objects that request bodies name by id; the other apps' endpoints
# use them too.


def department_from_body(*, user: User, department_id: int, field: str) -> Department:
    try:
        return department_get_for_user(user=user, department_id=department_id)
    except Http404:
        raise DomainError(
            _("No such department in your area."), field=field, code="not_found"
        ) from None


def jurisdiction_from_body(*, user: User, jurisdiction_id: int, field: str) -> Jurisdiction:
    try:
        return jurisdiction_get_for_user(user=user, jurisdiction_id=jurisdiction_id)
    except Http404:
        raise DomainError(
            _("No such jurisdiction in your area."), field=field, code="not_found"
        ) from None


def handler_from_body(*, department: Department, user_id: int, field: str) -> User:
    try:
        return handler_get_for_department(department=department, user_id=user_id)
    except Http404:
        raise DomainError(
            _("No active handler with this id works in that department."),
            field=field,
            code="not_found",
        ) from None


def case_from_body(*, user: User, case_id: int, field: str) -> Case:
    try:
        return case_get_for_user(user=user, case_id=case_id)
    except Http404:
        raise DomainError(_("No such case in your area."), field=field, code="not_found") from None


router = Router(tags=["cases"])

CaseId = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/cases",
    response={200: CasePage, **LIST_ERRORS},
    operation_id="redress_api_endpoints_cases_case_list",
)
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, object]:
    """The cases in your scope, soonest due first, a page at a time."""
    cases = case_list_filtered(user=request_user(request), filters=filters)
    return page_of(cases, page=filters)


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, **READ_ERRORS},
    operation_id="redress_api_endpoints_cases_case_detail",
)
def case_detail(request: HttpRequest, case_id: int = CaseId) -> Case:
    return case_get_for_user(user=request_user(request), case_id=case_id)


@router.get(
    "/cases/{case_id}/events",
    response={200: EventList, **READ_ERRORS},
    operation_id="redress_api_endpoints_cases_case_events",
)
def case_events(request: HttpRequest, case_id: int = CaseId) -> dict[str, object]:
    """The case's timeline, oldest first: who did what, when and why."""
    case = case_get_for_user(user=request_user(request), case_id=case_id)
    return {"items": list(case_timeline(case=case))}


@router.post(
    "/cases/{case_id}/contact",
    response={200: ContactOut, **WRITE_ERRORS},
    operation_id="redress_api_endpoints_cases_case_contact",
)
def case_contact(
    request: HttpRequest, response: HttpResponse, payload: ContactReasonIn, case_id: int = CaseId
) -> dict[str, object]:
    """Read the complainant's contact details. Open only to the staff handling the case; each
    reading is logged with its reason on the case's timeline and in the reading log."""
    user = request_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    revealed = contact_read(user=user, case=case, reason=payload.reason)
    response["Cache-Control"] = "no-store"
    return {"contact": revealed}


def _idempotency_key(user_id: int, header: str) -> str:
    # Keys are the client's to choose, so they are scoped to the user; hashing fits any
    # client key into the column and keeps the case table free of client-chosen text.
    digest = hashlib.sha256(header.encode("utf-8")).hexdigest()[:40]
    return f"api:{user_id}:{digest}"


@router.post(
    "/cases",
    response={201: CaseOut, 200: CaseOut, **WRITE_ERRORS},
    operation_id="redress_api_endpoints_cases_case_create",
)
def case_create(
    request: HttpRequest,
    payload: CaseCreateIn,
    idempotency_key: str | None = idempotency_header(
        "Required. A retry with the same key and the same grievance answers 200 "
        "with the case the first attempt made; the same key with a different grievance is a "
        "409.",
    ),
) -> Status[Case]:
    """Enter a grievance received by hotline, letter or visit (intake operators and
    directors). Contact details go to the sealed vault and are never echoed back."""
    user = request_user(request)
    if user.role not in (Role.OPERATOR, Role.DIRECTOR):
        raise PermissionDenied(_("Only intake operators and directors enter grievances."))
    if not idempotency_key:
        raise DomainError(
            _("Send an %(header)s header with every create, so a retry cannot make a second case.")
            % {"header": IDEMPOTENCY_HEADER},
            field=IDEMPOTENCY_HEADER,
            code="required",
        )
    category = category_list_active().filter(code=payload.category).first()
    if category is None:
        raise DomainError(
            _("No category in use has this code."), field="category", code="not_found"
        )
    try:
        place = jurisdiction_get_for_user(user=user, jurisdiction_id=payload.jurisdiction_id)
    except Http404:
        place = None
    # A place above the user's area is known to them (to transfer upwards) but not one to
    # enter cases in: case_submit refuses it, as it does for every staff door.
    if place is None:
        raise DomainError(
            _("No such jurisdiction in your area."), field="jurisdiction_id", code="not_found"
        )
    given = payload.contact.model_dump() if payload.contact is not None else {}
    contact = ContactDetails(**{name: value.strip() for name, value in given.items()})
    if not contact.is_empty() and not payload.consent_to_contact:
        raise DomainError(
            _("Contact details are kept only with the complainant's consent."),
            field="consent_to_contact",
            code="required",
        )
    data = GrievanceInput(
        title=payload.title,
        description=payload.description,
        category=category,
        jurisdiction=place,
        channel=payload.channel,
        location_text=payload.location_text,
        latitude=payload.latitude,
        longitude=payload.longitude,
        people_affected=payload.people_affected,
        urgency=payload.urgency,
        contact=contact,
        consent_to_contact=payload.consent_to_contact and not contact.is_empty(),
        extra_fields=dict(payload.extra_fields),
    )
    with fields_renamed({"jurisdiction": "jurisdiction_id", "idempotency_key": IDEMPOTENCY_HEADER}):
        case, created = services.case_submit(
            data=data, actor=user, idempotency_key=_idempotency_key(user.pk, idempotency_key)
        )
    return Status(201 if created else 200, case_get_for_user(user=user, case_id=case.pk))


actions_router = Router(tags=["case actions"])

RESPONSES = {200: CaseOut, **WRITE_ERRORS}


@actions_router.get(
    "/cases/{case_id}/actions",
    response={200: ActionsOut, **READ_ERRORS},
    operation_id="redress_api_endpoints_actions_case_actions",
)
def case_actions(request: HttpRequest, case_id: int = CaseId) -> dict[str, object]:
    """The steps you may take on this case now, given your role, your unit and its state."""
    user = request_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    allowed = available_actions(user, case)
    return {"actions": [action.value for action in Action if action in allowed]}


def _act(
    request: HttpRequest,
    case_id: int,
    step: Callable[[Case, User], object],
    field_names: Mapping[str, str] | None = None,
) -> Case:
    user = request_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    with fields_renamed(field_names or {}):
        result = step(case, user)
    try:
        return case_get_for_user(user=user, case_id=case_id)
    except Http404:
        # The step took the case out of the user's sight (a transfer to another unit): they
        # still get the case as their own step left it, and nothing after that.
        if isinstance(result, Case) and result.pk == case_id:
            return result
        raise


@actions_router.post(
    "/cases/{case_id}/actions/accept",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_accept",
)
def case_accept(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Accept the grievance; the handling clock starts."""
    return _act(
        request, case_id, lambda c, u: services.case_accept(case=c, actor=u, note=payload.note)
    )


@actions_router.post(
    "/cases/{case_id}/actions/decline",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_decline",
)
def case_decline(request: HttpRequest, payload: ReasonIn, case_id: int = CaseId) -> Case:
    """Decline to accept, with a reason the complainant sees. A grievance that belongs
    elsewhere is transferred instead."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_decline(case=c, actor=u, reason=payload.reason),
    )


@actions_router.post(
    "/cases/{case_id}/actions/assign",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_assign",
)
def case_assign(request: HttpRequest, payload: AssignIn, case_id: int = CaseId) -> Case:
    """Hand the case to a department of your area and, optionally, one of its handlers."""

    def step(case: Case, user: User) -> object:
        department = None
        if payload.department_id is not None:
            department = department_from_body(
                user=user, department_id=payload.department_id, field="department_id"
            )
        assignee = None
        if payload.assignee_id is not None:
            assignee = handler_from_body(
                department=department or case.department,
                user_id=payload.assignee_id,
                field="assignee_id",
            )
        return services.case_assign(
            case=case, actor=user, department=department, assignee=assignee, note=payload.note
        )

    return _act(request, case_id, step, {"department": "department_id", "assignee": "assignee_id"})


@actions_router.post(
    "/cases/{case_id}/actions/start",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_start",
)
def case_start(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Take the case up (handlers)."""
    return _act(request, case_id, lambda c, u: services.case_start(case=c, actor=u))


@actions_router.post(
    "/cases/{case_id}/actions/transfer",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_transfer",
)
def case_transfer(request: HttpRequest, payload: TransferIn, case_id: int = CaseId) -> Case:
    """Send the case to another department; its clock starts afresh there."""

    def step(case: Case, user: User) -> object:
        department = department_from_body(
            user=user, department_id=payload.department_id, field="department_id"
        )
        return services.case_transfer(
            case=case, actor=user, department=department, reason=payload.reason
        )

    return _act(request, case_id, step, {"department": "department_id"})


@actions_router.post(
    "/cases/{case_id}/actions/extend",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_extend",
)
def case_extend(request: HttpRequest, payload: ExtendIn, case_id: int = CaseId) -> Case:
    """Extend the handling deadline once, with a reason."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_extend(
            case=c, actor=u, days=payload.days, reason=payload.reason
        ),
    )


@actions_router.post(
    "/cases/{case_id}/actions/pause",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_pause",
)
def case_pause(request: HttpRequest, payload: PauseIn, case_id: int = CaseId) -> Case:
    """Stop the clock while waiting on something outside the unit."""
    return _act(
        request, case_id, lambda c, u: services.case_pause(case=c, actor=u, reason=payload.reason)
    )


@actions_router.post(
    "/cases/{case_id}/actions/resume",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_resume",
)
def case_resume(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Restart a paused clock."""
    return _act(
        request, case_id, lambda c, u: services.case_resume(case=c, actor=u, note=payload.note)
    )


@actions_router.post(
    "/cases/{case_id}/actions/resolve",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_resolve",
)
def case_resolve(request: HttpRequest, payload: ResolveIn, case_id: int = CaseId) -> Case:
    """Answer the grievance in writing; the complainant's review window opens."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_resolve(
            case=c, actor=u, answer=payload.answer, public=payload.public
        ),
    )


@actions_router.post(
    "/cases/{case_id}/actions/review",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_review",
)
def case_review(request: HttpRequest, payload: AnswerIn, case_id: int = CaseId) -> Case:
    """Answer the complainant's request for review."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_review_answer(case=c, actor=u, answer=payload.answer),
    )


@actions_router.post(
    "/cases/{case_id}/actions/re_review",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_re_review",
)
def case_re_review(request: HttpRequest, payload: AnswerIn, case_id: int = CaseId) -> Case:
    """Answer the request for re-review: the final answer."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_re_review_answer(case=c, actor=u, answer=payload.answer),
    )


@actions_router.post(
    "/cases/{case_id}/actions/close",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_close",
)
def case_close(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Close a case that has its answer."""
    return _act(
        request, case_id, lambda c, u: services.case_close(case=c, actor=u, note=payload.note)
    )


@actions_router.post(
    "/cases/{case_id}/actions/note",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_note",
)
def case_note(request: HttpRequest, payload: RequiredNoteIn, case_id: int = CaseId) -> Case:
    """Add an internal note to the timeline (the complainant does not see it)."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_add_note(case=c, actor=u, note=payload.note),
    )


@actions_router.post(
    "/cases/{case_id}/actions/link",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_link",
)
def case_link(request: HttpRequest, payload: OtherCaseIn, case_id: int = CaseId) -> Case:
    """Link a related grievance; both stay open and show each other."""

    def step(case: Case, user: User) -> object:
        other = case_from_body(user=user, case_id=payload.other_case_id, field="other_case_id")
        return services.case_link(case=case, other=other, actor=user, note=payload.note)

    return _act(request, case_id, step, {"other": "other_case_id"})


@actions_router.post(
    "/cases/{case_id}/actions/merge",
    response=RESPONSES,
    operation_id="redress_api_endpoints_actions_case_merge",
)
def case_merge(request: HttpRequest, payload: MergeIn, case_id: int = CaseId) -> Case:
    """Merge this case into another; its complainant follows the surviving case."""

    def step(case: Case, user: User) -> object:
        target = case_from_body(user=user, case_id=payload.other_case_id, field="other_case_id")
        return services.case_merge(source=case, target=target, actor=user, reason=payload.reason)

    return _act(request, case_id, step, {"target": "other_case_id"})


reference_router = Router(tags=["reference"])


@reference_router.get(
    "/categories",
    response={200: list[CategoryOut], **READ_ERRORS},
    operation_id="redress_api_endpoints_reference_category_list",
)
def category_list(request: HttpRequest) -> QuerySet[Category]:
    """The categories in use, with their extra questions."""
    return category_list_active().prefetch_related("fields")


@reference_router.get(
    "/jurisdictions",
    response={200: JurisdictionPage, **READ_ERRORS},
    operation_id="redress_api_endpoints_reference_jurisdiction_list",
)
def jurisdiction_list(request: HttpRequest, filters: Query[PageParams]) -> dict[str, object]:
    """Your jurisdiction, everything below it and the chain above it, in tree order."""
    places = jurisdiction_list_ordered(jurisdiction_list_for_user(user=request_user(request)))
    return page_of(places, page=filters)


@reference_router.get(
    "/jurisdictions/{jurisdiction_id}",
    response={200: JurisdictionOut, **READ_ERRORS},
    operation_id="redress_api_endpoints_reference_jurisdiction_detail",
)
def jurisdiction_detail(
    request: HttpRequest, jurisdiction_id: int = Path(..., ge=1, le=MAX_ID)
) -> Jurisdiction:
    return jurisdiction_get_for_user(user=request_user(request), jurisdiction_id=jurisdiction_id)


@reference_router.get(
    "/departments",
    response={200: DepartmentPage, **READ_ERRORS},
    operation_id="redress_api_endpoints_reference_department_list",
)
def department_list(request: HttpRequest, filters: Query[DepartmentFilters]) -> dict[str, object]:
    """The departments of the jurisdictions you see."""
    departments = department_list_filtered(user=request_user(request), filters=filters)
    return page_of(departments, page=filters)


@reference_router.get(
    "/departments/{department_id}",
    response={200: DepartmentOut, **READ_ERRORS},
    operation_id="redress_api_endpoints_reference_department_detail",
)
def department_detail(
    request: HttpRequest, department_id: int = Path(..., ge=1, le=MAX_ID)
) -> Department:
    return department_get_for_user(user=request_user(request), department_id=department_id)


ROUTES = [("", router), ("", actions_router), ("", reference_router)]
