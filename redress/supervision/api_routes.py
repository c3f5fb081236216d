"""The JSON API of supervision: letters (list, detail, timeline, issue, progress, completion,
accept, send back) and accountability records (list, detail, respond, appeal, decide). Every
object comes through its scoped getter (404 otherwise); the services check the role (403) and
the state (409)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import AfterValidator, WithJsonSchema

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, fields_renamed
from redress.api.schemas import (
    IDEMPOTENCY_HEADER,
    DepartmentRef,
    Id,
    InputSchema,
    JurisdictionRef,
    Moment,
    PageParams,
    StaffRef,
    idempotency_header,
    page_of,
)
from redress.cases.api_routes import case_from_body, department_from_body
from redress.core.errors import DomainError
from redress.obligations.api import (
    EventPage,
    ObjectId,
    ReportOut,
    idempotency_key_for,
    obligation_step_routes,
    require_idempotency_key,
)
from redress.obligations.models import (
    REASON_MAX,
    TEXT_MAX,
    ObligationStatus,
    ReportKind,
)
from redress.orgs.models import Role, User
from redress.supervision import services
from redress.supervision.models import (
    AccountabilityRecord,
    AccountabilitySource,
    AccountabilityStatus,
    Letter,
    SubjectKind,
)
from redress.supervision.selectors import (
    LETTER_STATE_FILTERS,
    accountability_get_for_user,
    accountability_list_for_user,
    letter_get_for_user,
    letter_search,
    letter_timeline,
)

router = Router(tags=["supervision"])


# Letters -----------------------------------------------------------------------------------


class LetterOut(Schema):
    id: int
    title: str
    required_action: str
    status: ObligationStatus
    issuing_office: JurisdictionRef
    issuer: StaffRef | None = Field(description="Empty for a letter the escalation ladder issued.")
    unit: DepartmentRef
    leader: StaffRef | None
    subject_kind: SubjectKind
    subject_id: int | None
    subject_label: str
    escalated_from_id: int | None
    due_at: dt.datetime
    is_overdue: bool
    escalation_step: int = Field(description="Rungs of the escalation ladder climbed so far.")
    completion_reported_at: dt.datetime | None
    closed_at: dt.datetime | None
    on_time: bool | None
    created_at: dt.datetime


class LetterDetailOut(LetterOut):
    reports: list[ReportOut]

    @staticmethod
    def resolve_reports(obj: Letter) -> list[Any]:
        return list(obj.reports.select_related("author").prefetch_related("attachments"))


class LetterPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[LetterOut]


def _state_filter(value: str) -> str:
    if value not in LETTER_STATE_FILTERS:
        raise ValueError(f"Give one of: {', '.join(LETTER_STATE_FILTERS)}.")
    return value


StateFilter = Annotated[
    str,
    AfterValidator(_state_filter),
    WithJsonSchema({"type": "string", "enum": list(LETTER_STATE_FILTERS)}),
]


class LetterFilters(PageParams):
    state: StateFilter | None = Field(None, description="A status, or open, overdue or escalated.")
    unit_id: Id | None = None
    mine: bool = Field(False, description="Only letters naming you as the responsible leader.")


class LetterIn(InputSchema):
    unit_id: Id = Field(description="The department that must act.")
    leader_id: Id | None = Field(None, description="The responsible leader (role leader).")
    title: str = Field(min_length=1, max_length=services.TITLE_MAX)
    required_action: str = Field(min_length=1, max_length=TEXT_MAX)
    case_id: Id | None = Field(None, description="The case the letter is about, if any.")
    due_at: Moment | None = Field(None, description="The deadline; or give working_days.")
    working_days: int | None = Field(
        None, ge=1, le=services.WORKING_DAYS_MAX, description="Working days on the unit's calendar."
    )


@router.get("/letters", response={200: LetterPage, **LIST_ERRORS})
def letter_list(request: HttpRequest, filters: Query[LetterFilters]) -> dict[str, object]:
    """Letters issued by or to units in your scope (leaders: letters naming them), soonest
    due first."""
    letters = letter_search(
        user=request_user(request),
        state=filters.state or "",
        unit_id=filters.unit_id,
        mine=filters.mine,
    ).select_related("issuer")
    return page_of(letters, page=filters)


@router.get("/letters/{letter_id}", response={200: LetterDetailOut, **READ_ERRORS})
def letter_detail(request: HttpRequest, letter_id: int = ObjectId) -> Letter:
    return letter_get_for_user(user=request_user(request), letter_id=letter_id)


@router.get("/letters/{letter_id}/events", response={200: EventPage, **READ_ERRORS})
def letter_events(request: HttpRequest, letter_id: int = ObjectId) -> dict[str, object]:
    letter = letter_get_for_user(user=request_user(request), letter_id=letter_id)
    return {"items": list(letter_timeline(letter=letter))}


def leader_from_body(*, leader_id: int) -> User:
    leader = User.objects.filter(pk=leader_id, role=Role.LEADER, is_active=True).first()
    if leader is None:
        raise DomainError(_("No leader with this id."), field="leader_id", code="not_found")
    return leader


@router.post("/letters", response={201: LetterDetailOut, 200: LetterDetailOut, **WRITE_ERRORS})
def letter_create(
    request: HttpRequest, payload: LetterIn, idempotency_key: str | None = idempotency_header()
) -> Status[Letter]:
    """Issue a supervision letter (directors, to units in their jurisdiction or below)."""
    user = request_user(request)
    key = require_idempotency_key(idempotency_key)
    fingerprint = hashlib.sha256(payload.model_dump_json().encode()).hexdigest()[:64]
    unit = department_from_body(user=user, department_id=payload.unit_id, field="unit_id")
    leader = leader_from_body(leader_id=payload.leader_id) if payload.leader_id else None
    subject = None
    if payload.case_id is not None:
        subject = services.subject_for_case(
            case_from_body(user=user, case_id=payload.case_id, field="case_id")
        )
    with fields_renamed(
        {"leader": "leader_id", "case": "case_id", "idempotency_key": IDEMPOTENCY_HEADER}
    ):
        letter, created = services.letter_issue(
            issuer=user,
            unit=unit,
            leader=leader,
            title=payload.title,
            required_action=payload.required_action,
            subject=subject,
            due_at=payload.due_at,
            working_days=payload.working_days,
            idempotency_key=idempotency_key_for(user.pk, key, "letter"),
            fingerprint=fingerprint,
        )
    return Status(201 if created else 200, letter_get_for_user(user=user, letter_id=letter.pk))


obligation_step_routes(
    router,
    module=__name__,
    path="/letters/{letter_id}",
    prefix="letter",
    response={200: LetterDetailOut, **WRITE_ERRORS},
    get=lambda user, letter_id: letter_get_for_user(user=user, letter_id=letter_id),
    report=lambda user, letter, kind, text: (
        services.letter_report_progress
        if kind == ReportKind.PROGRESS
        else services.letter_report_completion
    )(actor=user, letter=letter, text=text),
    accept=lambda user, letter, note: services.letter_accept(actor=user, letter=letter, note=note),
    send_back=lambda user, letter, reason: services.letter_send_back(
        actor=user, letter=letter, reason=reason
    ),
    docs={
        "progress": "A progress report from the addressed unit or leader.",
        "complete": "The completion report; the issuing office then accepts it or sends it back.",
    },
)


# Accountability ----------------------------------------------------------------------------


class AccountabilityOut(Schema):
    id: int
    unit: DepartmentRef
    source: AccountabilitySource
    summary: str
    due_at: dt.datetime
    at: dt.datetime
    status: AccountabilityStatus
    response: str
    appeal_reason: str
    decision_reason: str
    letter_id: int | None
    case_id: int | None
    action_item_id: int | None


class AccountabilityPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AccountabilityOut]


class AccountabilityFilters(PageParams):
    status: AccountabilityStatus | None = None
    unit_id: Id | None = None


class TextIn(InputSchema):
    text: str = Field(min_length=1, max_length=REASON_MAX * 4)


class AppealDecisionIn(InputSchema):
    upheld: bool = Field(description="True withdraws the record; false lets it stand.")
    reason: str = Field(min_length=1, max_length=REASON_MAX * 4)


@router.get("/accountability", response={200: AccountabilityPage, **LIST_ERRORS})
def accountability_list(
    request: HttpRequest, filters: Query[AccountabilityFilters]
) -> dict[str, object]:
    """Accountability records of units in your scope, newest first."""
    records = accountability_list_for_user(user=request_user(request))
    if filters.status:
        records = records.filter(status=filters.status)
    if filters.unit_id:
        records = records.filter(unit_id=filters.unit_id)
    return page_of(records.order_by("-at", "-id"), page=filters)


@router.get("/accountability/{record_id}", response={200: AccountabilityOut, **READ_ERRORS})
def accountability_detail(request: HttpRequest, record_id: int = ObjectId) -> AccountabilityRecord:
    return accountability_get_for_user(user=request_user(request), record_id=record_id)


def _record_step(
    request: HttpRequest, record_id: int, step: Callable[[AccountabilityRecord, User], object]
) -> AccountabilityRecord:
    user = request_user(request)
    with fields_renamed({"response": "text", "appeal_reason": "text", "decision_reason": "reason"}):
        step(accountability_get_for_user(user=user, record_id=record_id), user)
    return accountability_get_for_user(user=user, record_id=record_id)


RECORD_WRITE = {200: AccountabilityOut, **WRITE_ERRORS}


@router.post("/accountability/{record_id}/respond", response=RECORD_WRITE)
def accountability_respond(
    request: HttpRequest, payload: TextIn, record_id: int = ObjectId
) -> AccountabilityRecord:
    """The unit's explanation."""
    return _record_step(
        request,
        record_id,
        lambda record, user: services.accountability_respond(
            actor=user, record=record, response=payload.text
        ),
    )


@router.post("/accountability/{record_id}/appeal", response=RECORD_WRITE)
def accountability_appeal(
    request: HttpRequest, payload: TextIn, record_id: int = ObjectId
) -> AccountabilityRecord:
    """The unit appeals the record, with its grounds."""
    return _record_step(
        request,
        record_id,
        lambda record, user: services.accountability_appeal(
            actor=user, record=record, reason=payload.text
        ),
    )


@router.post("/accountability/{record_id}/decide", response=RECORD_WRITE)
def accountability_decide(
    request: HttpRequest, payload: AppealDecisionIn, record_id: int = ObjectId
) -> AccountabilityRecord:
    """The office over the unit decides the appeal."""
    return _record_step(
        request,
        record_id,
        lambda record, user: services.accountability_decide_appeal(
            actor=user, record=record, upheld=payload.upheld, reason=payload.reason
        ),
    )


ROUTES = [("", router)]
