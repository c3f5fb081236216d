"""/api/v1/alerts: the alerts in your area, one alert with its daily series, and its
lifecycle steps (verify, dismiss, action, close) over the same services as the pages. Each
fetch goes through the scoped getter (404 outside your area); the services check the role (403)
and the state (409)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from redress.api.schemas import MAX_ID, InputSchema, page_of
from redress.cases.api_routes import case_from_body
from redress.earlywarning import services
from redress.earlywarning.models import Alert, AlertKind, AlertStatus
from redress.earlywarning.selectors import alert_get_for_user, alert_search, alert_series

router = Router(tags=["alerts"])
AlertId = Path(..., ge=1, le=MAX_ID)
TEXT_MAX = 2000


class AlertOut(Schema):
    id: int
    kind: AlertKind
    status: AlertStatus
    jurisdiction_id: int
    area_ids: list[int]
    category_id: int | None
    start_date: dt.date
    end_date: dt.date
    expected: float
    observed: float
    window_days: int
    score: float
    p_value: float
    detector: str
    summary: str
    dismiss_reason: str
    action_kind: str
    action_reference: str
    action_case_id: int | None
    action_note: str
    closed_note: str
    created_at: dt.datetime
    updated_at: dt.datetime


class SeriesOut(Schema):
    dates: list[dt.date]
    observed: list[float]
    expected: list[float]


class AlertDetailOut(AlertOut):
    series: SeriesOut | None


class AlertPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AlertOut]


class AlertFilters(Schema):
    status: AlertStatus | None = None
    kind: AlertKind | None = None
    category: int | None = Field(None, ge=1, le=MAX_ID)
    area: int | None = Field(None, ge=1, le=MAX_ID)
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class NoteIn(InputSchema):
    note: str = Field("", max_length=TEXT_MAX)


class RequiredNoteIn(InputSchema):
    note: str = Field(min_length=1, max_length=TEXT_MAX)


class ReasonIn(InputSchema):
    reason: str = Field(min_length=1, max_length=TEXT_MAX)


class ActionIn(InputSchema):
    action_kind: str = Field(min_length=1, max_length=40)
    reference: str = Field("", max_length=100)
    case_id: int | None = Field(None, ge=1, le=MAX_ID)
    note: str = Field("", max_length=TEXT_MAX)


RESPONSES = {200: AlertOut, **WRITE_ERRORS}


@router.get("", response={200: AlertPage, **LIST_ERRORS})
def alert_list(request: HttpRequest, filters: Query[AlertFilters]) -> dict[str, object]:
    """Alerts in your area, newest first."""
    alerts = alert_search(
        user=request_user(request),
        status=filters.status or "",
        kind=filters.kind or "",
        category_id=filters.category,
        area_id=filters.area,
    )
    return page_of(alerts, page=filters)


@router.get("/{alert_id}", response={200: AlertDetailOut, **READ_ERRORS})
def alert_detail(request: HttpRequest, alert_id: int = AlertId) -> dict[str, object]:
    """One alert, with the daily counts of its area and category and their expectation."""
    alert = alert_get_for_user(user=request_user(request), alert_id=alert_id)
    body = AlertOut.from_orm(alert).dict()
    body["series"] = (
        alert_series(alert=alert).__dict__
        if alert.kind == AlertKind.SURGE and alert.category_id
        else None
    )
    return body


@router.post("/{alert_id}/verify", response=RESPONSES)
def alert_verify(request: HttpRequest, payload: NoteIn, alert_id: int = AlertId) -> Alert:
    user = request_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    return services.alert_verify(alert=alert, actor=user, note=payload.note)


@router.post("/{alert_id}/dismiss", response=RESPONSES)
def alert_dismiss(request: HttpRequest, payload: ReasonIn, alert_id: int = AlertId) -> Alert:
    user = request_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    return services.alert_dismiss(alert=alert, actor=user, reason=payload.reason)


@router.post("/{alert_id}/action", response=RESPONSES)
def alert_action(request: HttpRequest, payload: ActionIn, alert_id: int = AlertId) -> Alert:
    """Record what was done: a supervision letter, a case action (optionally naming a case
    in your area)."""
    user = request_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    case = (
        case_from_body(user=user, case_id=payload.case_id, field="case_id")
        if payload.case_id
        else None
    )
    return services.alert_mark_actioned(
        alert=alert,
        actor=user,
        action_kind=payload.action_kind,
        reference=payload.reference,
        note=payload.note,
        case=case,
    )


@router.post("/{alert_id}/close", response=RESPONSES)
def alert_close(request: HttpRequest, payload: RequiredNoteIn, alert_id: int = AlertId) -> Alert:
    user = request_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    return services.alert_close(alert=alert, actor=user, note=payload.note)


ROUTES = [("alerts", router)]
