"""The liaison API: posts, weekly reports (with matters, or nothing to report), turning a
matter into a case, the major-risk fast lane, and completeness. Scoped like the pages: a
liaison sees their own posts and reports, a director the area's; anything else is a 404."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from redress.api.schemas import (
    IDEMPOTENCY_HEADER,
    MAX_ID,
    InputSchema,
    PageParams,
    idempotency_header,
    page_of,
)
from redress.cases.selectors import category_list_active
from redress.core import clock
from redress.core.errors import DomainError
from redress.liaison import services
from redress.liaison.models import PEOPLE_AFFECTED_MAX, LiaisonPost, MajorRiskReport, WeeklyReport
from redress.liaison.selectors import (
    completeness_area_for_user,
    liaison_completeness,
    major_risk_get_for_user,
    matter_get_for_user,
    post_get_for_user,
    post_list_for_user,
    report_get_for_user,
    report_list_for_user,
)
from redress.liaison.services import DESCRIPTION_MAX, MATTERS_MAX, PLACE_TEXT_MAX, MatterInput
from redress.liaison.weeks import local_date
from redress.orgs.models import Jurisdiction, User

router = Router(tags=["liaison"])

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _client_key(user: User, header: str | None) -> str:
    if not header:
        raise DomainError(
            _("Send an %(header)s header with every create, so a retry cannot file twice.")
            % {"header": IDEMPOTENCY_HEADER},
            field=IDEMPOTENCY_HEADER,
            code="required",
        )
    return f"api:{user.pk}:{hashlib.sha256(header.encode('utf-8')).hexdigest()[:40]}"


# Schemas --------------------------------------------------------------------------------


class PostOut(Schema):
    id: int
    area_id: int
    area_name: str
    liaison: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None

    @staticmethod
    def resolve_area_name(post: LiaisonPost) -> str:
        return post.area.name

    @staticmethod
    def resolve_liaison(post: LiaisonPost) -> str:
        return str(post.user)


class PostList(Schema):
    items: list[PostOut]


class MatterOut(Schema):
    id: int
    category: str
    place_id: int
    place_name: str
    place_text: str
    people_affected: int
    description: str
    case_id: int | None
    case_tracking_code: str | None

    @staticmethod
    def resolve_category(matter: object) -> str:
        return matter.category.code  # type: ignore[attr-defined]

    @staticmethod
    def resolve_place_name(matter: object) -> str:
        return matter.place.name  # type: ignore[attr-defined]

    @staticmethod
    def resolve_case_tracking_code(matter: object) -> str | None:
        case = matter.case  # type: ignore[attr-defined]
        return case.tracking_code if case is not None else None


class ReportOut(Schema):
    id: int
    post_id: int
    area_name: str
    week: str
    week_start: dt.date
    nothing_to_report: bool
    due_at: dt.datetime
    filed_at: dt.datetime
    late: bool
    matters: list[MatterOut]

    @staticmethod
    def resolve_area_name(report: WeeklyReport) -> str:
        return report.post.area.name

    @staticmethod
    def resolve_week(report: WeeklyReport) -> str:
        return report.week_label

    @staticmethod
    def resolve_late(report: WeeklyReport) -> bool:
        return report.is_late

    @staticmethod
    def resolve_matters(report: WeeklyReport) -> list[object]:
        return list(report.matters.all())


class ReportPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReportOut]


class MatterIn(InputSchema):
    category: str = Field(min_length=1, max_length=40, description="A category code.")
    place_id: Id = Field(description="A jurisdiction within the post's area.")
    place_text: str = Field("", max_length=PLACE_TEXT_MAX, description="A landmark or place.")
    people_affected: int = Field(1, ge=1, le=PEOPLE_AFFECTED_MAX, description="Roughly.")
    description: str = Field(min_length=1, max_length=DESCRIPTION_MAX)


class ReportIn(InputSchema):
    post_id: Id
    week_start: dt.date = Field(description="The Monday of the ISO week.")
    nothing_to_report: bool = False
    matters: list[MatterIn] = Field(default_factory=list, max_length=MATTERS_MAX)


class MajorRiskIn(MatterIn):
    post_id: Id


class MajorRiskOut(MatterOut):
    post_id: int
    filed_at: dt.datetime


class CaseRef(Schema):
    case_id: int
    tracking_code: str


class CompletenessFilters(InputSchema):
    jurisdiction_id: Id | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class CompletenessRow(Schema):
    post_id: int | None = None
    area_id: int
    area_name: str
    liaison: str | None = None
    due: int
    filed: int
    on_time: int
    completeness: float | None
    timeliness: float | None
    missing_weeks: list[dt.date] = []


class CompletenessOut(Schema):
    jurisdiction_id: int
    start: dt.date
    end: dt.date
    total: CompletenessRow
    areas: list[CompletenessRow]
    posts: list[CompletenessRow]


# Endpoints ------------------------------------------------------------------------------


@router.get("/posts", response={200: PostList, **LIST_ERRORS})
def post_list(request: HttpRequest) -> dict[str, object]:
    """Your liaison posts (a liaison), or those in your area (a director)."""
    return {"items": list(post_list_for_user(user=request_user(request)))}


@router.get("/reports", response={200: ReportPage, **LIST_ERRORS})
def report_list(request: HttpRequest, filters: Query[PageParams]) -> dict[str, object]:
    reports = report_list_for_user(user=request_user(request))
    return page_of(reports, page=filters)


@router.get("/reports/{report_id}", response={200: ReportOut, **READ_ERRORS})
def report_detail(
    request: HttpRequest, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> WeeklyReport:
    return report_get_for_user(user=request_user(request), report_id=report_id)


def _matter_input(*, user: User, post: LiaisonPost, matter: MatterIn, prefix: str) -> MatterInput:
    category = category_list_active().filter(code=matter.category).first()
    if category is None:
        raise DomainError(
            _("No category in use has this code."), field=f"{prefix}category", code="not_found"
        )
    place = Jurisdiction.objects.filter(pk=matter.place_id, path__startswith=post.area.path).first()
    if place is None:
        raise DomainError(
            _("No such place in the post's area."), field=f"{prefix}place_id", code="not_found"
        )
    return MatterInput(
        category=category,
        place=place,
        people_affected=matter.people_affected,
        description=matter.description,
        place_text=matter.place_text,
    )


def _post_from_body(user: User, post_id: int) -> LiaisonPost:
    try:
        return post_get_for_user(user=user, post_id=post_id)
    except Http404:
        raise DomainError(_("No such post of yours."), field="post_id", code="not_found") from None


@router.post("/reports", response={201: ReportOut, 200: ReportOut, **WRITE_ERRORS})
def report_create(
    request: HttpRequest,
    payload: ReportIn,
    idempotency_key: str | None = idempotency_header(),
) -> Status[WeeklyReport]:
    """File a weekly report: matters, or `nothing_to_report` true (one or the other)."""
    user = request_user(request)
    key = _client_key(user, idempotency_key)
    post = _post_from_body(user, payload.post_id)
    matters = [
        _matter_input(user=user, post=post, matter=matter, prefix=f"matters[{index}].")
        for index, matter in enumerate(payload.matters)
    ]
    report, created = services.weekly_report_file(
        post=post,
        actor=user,
        week_start=payload.week_start,
        nothing_to_report=payload.nothing_to_report,
        matters=matters,
        idempotency_key=key,
    )
    return Status(201 if created else 200, report_get_for_user(user=user, report_id=report.pk))


@router.post("/matters/{matter_id}/case", response={201: CaseRef, 200: CaseRef, **WRITE_ERRORS})
def matter_case(
    request: HttpRequest, matter_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status[dict[str, object]]:
    """Turn a reported matter into a case. Safe to repeat: the second call answers 200 with
    the same case."""
    user = request_user(request)
    matter = matter_get_for_user(user=user, matter_id=matter_id)
    case, created = services.matter_case_open(matter=matter, actor=user)
    return Status(
        201 if created else 200, {"case_id": case.pk, "tracking_code": case.tracking_code}
    )


@router.post("/major-risk", response={201: MajorRiskOut, 200: MajorRiskOut, **WRITE_ERRORS})
def major_risk_create(
    request: HttpRequest,
    payload: MajorRiskIn,
    idempotency_key: str | None = idempotency_header(),
) -> Status[MajorRiskReport]:
    """The fast lane: opens an urgent case and tells the area's office directors at once (in
    the app, and by e-mail to those with an address)."""
    user = request_user(request)
    key = _client_key(user, idempotency_key)
    post = _post_from_body(user, payload.post_id)
    matter = _matter_input(user=user, post=post, matter=payload, prefix="")
    report, created = services.major_risk_report_file(
        post=post, actor=user, matter=matter, idempotency_key=key
    )
    return Status(201 if created else 200, major_risk_get_for_user(user=user, report_id=report.pk))


@router.get("/completeness", response={200: CompletenessOut, **READ_ERRORS})
def completeness(request: HttpRequest, filters: Query[CompletenessFilters]) -> dict[str, object]:
    """Completeness (share of due weeks with a report) and timeliness (share filed by the
    deadline), per liaison post and per area. Directors, leaders and auditors."""
    user = request_user(request)
    area = completeness_area_for_user(user=user, jurisdiction_id=filters.jurisdiction_id)
    today = local_date(clock.now())
    start = filters.start or today.replace(month=1, day=1)
    end = filters.end or today
    if end < start:
        raise DomainError(_("The end comes before the start."), field="end")
    result = liaison_completeness(jurisdiction=area, start=start, end=end)

    def row(tally: object, **extra: object) -> dict[str, object]:
        return {
            "due": tally.due,  # type: ignore[attr-defined]
            "filed": tally.filed,  # type: ignore[attr-defined]
            "on_time": tally.on_time,  # type: ignore[attr-defined]
            "completeness": tally.completeness,  # type: ignore[attr-defined]
            "timeliness": tally.timeliness,  # type: ignore[attr-defined]
            **extra,
        }

    return {
        "jurisdiction_id": area.pk,
        "start": start,
        "end": end,
        "total": row(result.total, area_id=area.pk, area_name=area.name),
        "areas": [
            row(item, area_id=item.area.pk, area_name=item.area.name)  # type: ignore[union-attr]
            for item in result.areas
        ],
        "posts": [
            row(
                item,
                post_id=item.post.pk,  # type: ignore[union-attr]
                area_id=item.post.area_id,  # type: ignore[union-attr]
                area_name=item.post.area.name,  # type: ignore[union-attr]
                liaison=str(item.post.user),  # type: ignore[union-attr]
                missing_weeks=[week.week_start for week in item.weeks if week.report is None],
            )
            for item in result.posts
        ],
    }


ROUTES = [("liaison", router)]
