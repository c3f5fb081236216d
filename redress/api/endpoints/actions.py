"""The steps of a case's life, one endpoint each with its own body, over the same services the
staff pages use. Each checks the case through the user's scope (404 otherwise); the services
then check the role (403) and the case's state (409)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.http import Http404, HttpRequest
from ninja import Router

from redress.api.auth import request_user
from redress.api.endpoints.cases import CaseId
from redress.api.endpoints.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    case_from_body,
    department_from_body,
    handler_from_body,
)
from redress.api.errors import fields_renamed
from redress.api.schemas import (
    ActionsOut,
    AnswerIn,
    AssignIn,
    CaseOut,
    ExtendIn,
    MergeIn,
    NoteIn,
    OtherCaseIn,
    PauseIn,
    ReasonIn,
    RequiredNoteIn,
    ResolveIn,
    TransferIn,
)
from redress.cases import services
from redress.cases.models import Case
from redress.cases.permissions import Action, available_actions
from redress.cases.selectors import case_get_for_user
from redress.orgs.models import User

router = Router(tags=["case actions"])

RESPONSES = {200: CaseOut, **WRITE_ERRORS}


@router.get("/cases/{case_id}/actions", response={200: ActionsOut, **READ_ERRORS})
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


@router.post("/cases/{case_id}/actions/accept", response=RESPONSES)
def case_accept(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Accept the grievance; the handling clock starts."""
    return _act(
        request, case_id, lambda c, u: services.case_accept(case=c, actor=u, note=payload.note)
    )


@router.post("/cases/{case_id}/actions/decline", response=RESPONSES)
def case_decline(request: HttpRequest, payload: ReasonIn, case_id: int = CaseId) -> Case:
    """Decline to accept, with a reason the complainant sees. A grievance that belongs
    elsewhere is transferred instead."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_decline(case=c, actor=u, reason=payload.reason),
    )


@router.post("/cases/{case_id}/actions/assign", response=RESPONSES)
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


@router.post("/cases/{case_id}/actions/start", response=RESPONSES)
def case_start(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Take the case up (handlers)."""
    return _act(request, case_id, lambda c, u: services.case_start(case=c, actor=u))


@router.post("/cases/{case_id}/actions/transfer", response=RESPONSES)
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


@router.post("/cases/{case_id}/actions/extend", response=RESPONSES)
def case_extend(request: HttpRequest, payload: ExtendIn, case_id: int = CaseId) -> Case:
    """Extend the handling deadline once, with a reason."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_extend(
            case=c, actor=u, days=payload.days, reason=payload.reason
        ),
    )


@router.post("/cases/{case_id}/actions/pause", response=RESPONSES)
def case_pause(request: HttpRequest, payload: PauseIn, case_id: int = CaseId) -> Case:
    """Stop the clock while waiting on something outside the unit."""
    return _act(
        request, case_id, lambda c, u: services.case_pause(case=c, actor=u, reason=payload.reason)
    )


@router.post("/cases/{case_id}/actions/resume", response=RESPONSES)
def case_resume(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Restart a paused clock."""
    return _act(
        request, case_id, lambda c, u: services.case_resume(case=c, actor=u, note=payload.note)
    )


@router.post("/cases/{case_id}/actions/resolve", response=RESPONSES)
def case_resolve(request: HttpRequest, payload: ResolveIn, case_id: int = CaseId) -> Case:
    """Answer the grievance in writing; the complainant's review window opens."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_resolve(
            case=c, actor=u, answer=payload.answer, public=payload.public
        ),
    )


@router.post("/cases/{case_id}/actions/review", response=RESPONSES)
def case_review(request: HttpRequest, payload: AnswerIn, case_id: int = CaseId) -> Case:
    """Answer the complainant's request for review."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_review_answer(case=c, actor=u, answer=payload.answer),
    )


@router.post("/cases/{case_id}/actions/re_review", response=RESPONSES)
def case_re_review(request: HttpRequest, payload: AnswerIn, case_id: int = CaseId) -> Case:
    """Answer the request for re-review: the final answer."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_re_review_answer(case=c, actor=u, answer=payload.answer),
    )


@router.post("/cases/{case_id}/actions/close", response=RESPONSES)
def case_close(request: HttpRequest, payload: NoteIn, case_id: int = CaseId) -> Case:
    """Close a case that has its answer."""
    return _act(
        request, case_id, lambda c, u: services.case_close(case=c, actor=u, note=payload.note)
    )


@router.post("/cases/{case_id}/actions/note", response=RESPONSES)
def case_note(request: HttpRequest, payload: RequiredNoteIn, case_id: int = CaseId) -> Case:
    """Add an internal note to the timeline (the complainant does not see it)."""
    return _act(
        request,
        case_id,
        lambda c, u: services.case_add_note(case=c, actor=u, note=payload.note),
    )


@router.post("/cases/{case_id}/actions/link", response=RESPONSES)
def case_link(request: HttpRequest, payload: OtherCaseIn, case_id: int = CaseId) -> Case:
    """Link a related grievance; both stay open and show each other."""

    def step(case: Case, user: User) -> object:
        other = case_from_body(user=user, case_id=payload.other_case_id, field="other_case_id")
        return services.case_link(case=case, other=other, actor=user, note=payload.note)

    return _act(request, case_id, step, {"other": "other_case_id"})


@router.post("/cases/{case_id}/actions/merge", response=RESPONSES)
def case_merge(request: HttpRequest, payload: MergeIn, case_id: int = CaseId) -> Case:
    """Merge this case into another; its complainant follows the surviving case."""

    def step(case: Case, user: User) -> object:
        target = case_from_body(user=user, case_id=payload.other_case_id, field="other_case_id")
        return services.case_merge(source=case, target=target, actor=user, reason=payload.reason)

    return _act(request, case_id, step, {"target": "other_case_id"})
