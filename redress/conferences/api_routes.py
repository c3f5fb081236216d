"""The JSON API of joint conferences and their action items. Every object comes through its
scoped getter (404 otherwise); the services check the role (403) and the state (409)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, fields_renamed
from redress.api.schemas import (
    DepartmentRef,
    Id,
    InputSchema,
    JurisdictionRef,
    Moment,
    PageParams,
    idempotency_header,
    page_of,
)
from redress.cases.api_routes import department_from_body, jurisdiction_from_body
from redress.cases.api_schemas import CategoryRef
from redress.conferences import services
from redress.conferences.agenda import ProposedItem, conference_agenda_propose
from redress.conferences.models import (
    ActionItem,
    Conference,
    ConferenceKind,
    ConferenceStatus,
    Presence,
)
from redress.conferences.selectors import (
    AgendaView,
    action_item_get_for_user,
    action_item_list_for_user,
    action_item_timeline,
    agenda_for_user,
    conference_get_for_user,
    conference_list_for_user,
)
from redress.obligations.api import (
    EventPage,
    ObjectId,
    ReportOut,
    idempotency_key_for,
    obligation_step_routes,
    require_idempotency_key,
)
from redress.obligations.models import TEXT_MAX, WORKING_DAYS_MAX, ObligationStatus
from redress.orgs.models import Department, User

router = Router(tags=["conferences"])


class ActionItemOut(Schema):
    id: int
    conference_id: int
    required_action: str = Field(description="The decision: what the owner unit must do.")
    unit: DepartmentRef
    status: ObligationStatus
    due_at: dt.datetime
    is_overdue: bool
    escalation_step: int
    completion_reported_at: dt.datetime | None
    closed_at: dt.datetime | None
    on_time: bool | None


class ActionItemDetailOut(ActionItemOut):
    reports: list[ReportOut]

    @staticmethod
    def resolve_reports(obj: ActionItem) -> list[Any]:
        return list(obj.reports.select_related("author").prefetch_related("attachments"))


class AgendaItemOut(Schema):
    source: str
    title: str
    link_kind: str
    link_id: int | None
    note: str


class HiddenCasesOut(Schema):
    """Cases on the agenda the caller may not open, counted by holding unit and category."""

    source: str
    unit: DepartmentRef
    category: CategoryRef
    count: int


class AttendanceOut(Schema):
    unit: DepartmentRef
    presence: Presence

    @staticmethod
    def resolve_unit(obj: Any) -> Department:
        return obj.department


class ConferenceOut(Schema):
    id: int
    jurisdiction: JurisdictionRef
    kind: ConferenceKind
    title: str
    scheduled_at: dt.datetime
    place: str
    status: ConferenceStatus
    held_at: dt.datetime | None


class ConferenceDetailOut(ConferenceOut):
    minutes: str
    agenda: list[AgendaItemOut] = Field(description="The items the caller may see.")
    agenda_hidden: list[HiddenCasesOut]
    attendance: list[AttendanceOut]
    action_items: list[ActionItemOut]

    @staticmethod
    def resolve_agenda(obj: Conference, context: dict[str, Any]) -> list[Any]:
        return _agenda(obj, context).entries

    @staticmethod
    def resolve_agenda_hidden(obj: Conference, context: dict[str, Any]) -> list[Any]:
        return _agenda(obj, context).hidden

    @staticmethod
    def resolve_attendance(obj: Conference) -> list[Any]:
        return list(obj.attendance.select_related("department"))

    @staticmethod
    def resolve_action_items(obj: Conference) -> list[Any]:
        return list(obj.action_items.select_related("unit").order_by("due_at", "id"))


class ConferencePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ConferenceOut]


def _agenda(obj: Conference, context: dict[str, Any]) -> AgendaView:
    # Both fields come from one read per answer.
    view = getattr(obj, "_agenda_view", None)
    if view is None:
        user = request_user(context["request"])
        view = agenda_for_user(user=user, entries=list(obj.agenda.all()))
        obj._agenda_view = view  # type: ignore[attr-defined]
    return view


class AgendaProposal(Schema):
    items: list[AgendaItemOut]
    hidden: list[HiddenCasesOut]


class ConferenceFilters(PageParams):
    status: ConferenceStatus | None = None


class ConferenceIn(InputSchema):
    jurisdiction_id: Id
    kind: ConferenceKind
    title: str = Field(min_length=1, max_length=services.TITLE_MAX)
    scheduled_at: Moment
    place: str = Field("", max_length=200)


class DecisionIn(InputSchema):
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    unit_id: Id = Field(description="The owner unit: a department of the jurisdiction or below.")
    due_at: Moment | None = None
    working_days: int | None = Field(None, ge=1, le=WORKING_DAYS_MAX)


class AttendanceIn(InputSchema):
    unit_id: Id
    presence: Presence


class MinutesIn(InputSchema):
    minutes: str = Field(min_length=1, max_length=services.MINUTES_MAX)
    attendance: list[AttendanceIn] = Field(default_factory=list, max_length=100)
    decisions: list[DecisionIn] = Field(default_factory=list, max_length=100)


class ActionItemFilters(PageParams):
    status: ObligationStatus | None = None
    conference_id: Id | None = None


@router.get("/conferences", response={200: ConferencePage, **LIST_ERRORS})
def conference_list(request: HttpRequest, filters: Query[ConferenceFilters]) -> dict[str, object]:
    conferences = conference_list_for_user(user=request_user(request)).select_related(
        "jurisdiction"
    )
    if filters.status:
        conferences = conferences.filter(status=filters.status)
    return page_of(conferences.order_by("-scheduled_at", "-id"), page=filters)


@router.get("/conferences/{conference_id}", response={200: ConferenceDetailOut, **READ_ERRORS})
def conference_detail(request: HttpRequest, conference_id: int = ObjectId) -> Conference:
    """The conference with its agenda, attendance and every action item's progress."""
    return conference_get_for_user(user=request_user(request), conference_id=conference_id)


@router.post(
    "/conferences", response={201: ConferenceDetailOut, 200: ConferenceDetailOut, **WRITE_ERRORS}
)
def conference_create(
    request: HttpRequest, payload: ConferenceIn, idempotency_key: str | None = idempotency_header()
) -> Status[Conference]:
    """Schedule a regular or ad-hoc conference (directors of the jurisdiction)."""
    user = request_user(request)
    key = require_idempotency_key(idempotency_key)
    place = jurisdiction_from_body(
        user=user, jurisdiction_id=payload.jurisdiction_id, field="jurisdiction_id"
    )
    conference, created = services.conference_schedule(
        actor=user,
        jurisdiction=place,
        kind=payload.kind,
        title=payload.title,
        scheduled_at=payload.scheduled_at,
        place=payload.place,
        idempotency_key=idempotency_key_for(user.pk, key, "conference"),
    )
    return Status(
        201 if created else 200,
        conference_get_for_user(user=user, conference_id=conference.pk),
    )


@router.get(
    "/conferences/{conference_id}/agenda-proposal", response={200: AgendaProposal, **READ_ERRORS}
)
def conference_agenda_proposal(
    request: HttpRequest, conference_id: int = ObjectId
) -> dict[str, object]:
    """The agenda proposed from the data: overdue and cross-department cases, overdue action
    items of earlier conferences (and whatever other sources are registered)."""
    user = request_user(request)
    conference = conference_get_for_user(user=user, conference_id=conference_id)
    view = agenda_for_user(user=user, entries=conference_agenda_propose(conference=conference))
    return {"items": view.entries, "hidden": view.hidden}


CONFERENCE_WRITE = {200: ConferenceDetailOut, **WRITE_ERRORS}


def _conference_step(
    request: HttpRequest, conference_id: int, step: Callable[[Conference, User], object]
) -> Conference:
    user = request_user(request)
    step(conference_get_for_user(user=user, conference_id=conference_id), user)
    return conference_get_for_user(user=user, conference_id=conference_id)


@router.post("/conferences/{conference_id}/agenda", response=CONFERENCE_WRITE)
def conference_agenda(request: HttpRequest, conference_id: int = ObjectId) -> Conference:
    """Put the current proposal on the agenda (while the conference is planned)."""

    def step(conference: Conference, user: User) -> object:
        items: list[ProposedItem] = conference_agenda_propose(conference=conference)
        return services.conference_agenda_adopt(actor=user, conference=conference, items=items)

    return _conference_step(request, conference_id, step)


def _unit(user: User, unit_id: int, field: str) -> Department:
    return department_from_body(user=user, department_id=unit_id, field=field)


def _decisions(user: User, decisions: list[DecisionIn]) -> list[services.DecisionInput]:
    return [
        services.DecisionInput(
            text=decision.text,
            unit=_unit(user, decision.unit_id, f"decisions[{index}].unit_id"),
            due_at=decision.due_at,
            working_days=decision.working_days,
        )
        for index, decision in enumerate(decisions)
    ]


@router.post("/conferences/{conference_id}/minutes", response=CONFERENCE_WRITE)
def conference_minutes(
    request: HttpRequest, payload: MinutesIn, conference_id: int = ObjectId
) -> Conference:
    """Record the minutes, each member unit's attendance and the decisions; each decision
    becomes an action item on the clock."""

    def step(conference: Conference, user: User) -> object:
        return services.conference_minutes_record(
            actor=user,
            conference=conference,
            minutes=payload.minutes,
            attendance={row.unit_id: row.presence for row in payload.attendance},
            decisions=_decisions(user, payload.decisions),
        )

    return _conference_step(request, conference_id, step)


@router.post(
    "/conferences/{conference_id}/decisions",
    response={201: ActionItemDetailOut, **WRITE_ERRORS},
)
def conference_decision(
    request: HttpRequest, payload: DecisionIn, conference_id: int = ObjectId
) -> Status[ActionItem]:
    """Add a decision to a held conference (before its minutes are approved)."""
    user = request_user(request)
    conference = conference_get_for_user(user=user, conference_id=conference_id)
    (decision,) = _decisions(user, [payload])
    with fields_renamed(
        {
            "decisions.text": "text",
            "decisions.due_at": "due_at",
            "decisions.unit_id": "unit_id",
            "decisions.working_days": "working_days",
        }
    ):
        item = services.conference_decision_add(
            actor=user, conference=conference, decision=decision
        )
    return Status(201, action_item_get_for_user(user=user, item_id=item.pk))


@router.post("/conferences/{conference_id}/approve", response=CONFERENCE_WRITE)
def conference_approve(request: HttpRequest, conference_id: int = ObjectId) -> Conference:
    return _conference_step(
        request,
        conference_id,
        lambda conference, user: services.conference_minutes_approve(
            actor=user, conference=conference
        ),
    )


# Action items ------------------------------------------------------------------------------


class ActionItemPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActionItemOut]


@router.get("/action-items", response={200: ActionItemPage, **LIST_ERRORS})
def action_item_list(request: HttpRequest, filters: Query[ActionItemFilters]) -> dict[str, object]:
    items = action_item_list_for_user(user=request_user(request)).select_related("unit")
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.conference_id:
        items = items.filter(conference_id=filters.conference_id)
    return page_of(items.order_by("due_at", "id"), page=filters)


@router.get("/action-items/{item_id}", response={200: ActionItemDetailOut, **READ_ERRORS})
def action_item_detail(request: HttpRequest, item_id: int = ObjectId) -> ActionItem:
    return action_item_get_for_user(user=request_user(request), item_id=item_id)


@router.get("/action-items/{item_id}/events", response={200: EventPage, **READ_ERRORS})
def action_item_events(request: HttpRequest, item_id: int = ObjectId) -> dict[str, object]:
    item = action_item_get_for_user(user=request_user(request), item_id=item_id)
    return {"items": list(action_item_timeline(item=item))}


obligation_step_routes(
    router,
    module=__name__,
    path="/action-items/{item_id}",
    prefix="action_item",
    response={200: ActionItemDetailOut, **WRITE_ERRORS},
    get=lambda user, item_id: action_item_get_for_user(user=user, item_id=item_id),
    report=lambda user, item, kind, text: services.action_item_report(
        actor=user, item=item, kind=kind, text=text
    ),
    accept=lambda user, item, note: services.action_item_accept(actor=user, item=item, note=note),
    send_back=lambda user, item, reason: services.action_item_send_back(
        actor=user, item=item, reason=reason
    ),
)


ROUTES = [("", router)]
