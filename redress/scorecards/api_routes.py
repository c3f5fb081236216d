"""The scores API: scoring schemes (administrators configure them), runs with their ranking,
and each card with the events behind every indicator. Visible to the directors, leaders and
auditors of the jurisdiction or one above it; anything else is a 404."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from redress.api.schemas import MAX_ID, InputSchema, idempotency_header
from redress.core.errors import DomainError, PermissionDenied
from redress.liaison.api_routes import _client_key
from redress.orgs.models import Level, Role
from redress.scorecards.indicators import indicator_label
from redress.scorecards.models import ScoreCard, ScoreRun, ScoringScheme, VetoEffect
from redress.scorecards.selectors import (
    card_get_for_user,
    card_list_for_run,
    run_get_for_user,
    run_latest_for_user,
    run_list_for_user,
    score_jurisdiction_for_user,
)
from redress.scorecards.services import (
    YEAR_MAX,
    YEAR_MIN,
    SchemeInput,
    scheme_for_level,
    scheme_save,
    score_run_compute,
)

router = Router(tags=["scores"])
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]


class IndicatorWeight(Schema):
    code: str = Field(min_length=1, max_length=40)
    weight: int = Field(ge=1, le=1000)


class SchemeOut(Schema):
    level: str
    name: str
    configured: bool
    indicators: list[IndicatorWeight]
    veto_source: str
    veto_threshold: int
    veto_effect: str
    veto_cap: int


class SchemeList(Schema):
    items: list[SchemeOut]


class SchemeIn(InputSchema):
    name: str = Field(min_length=1, max_length=100)
    indicators: list[IndicatorWeight] = Field(min_length=1, max_length=30)
    veto_source: str = Field("", max_length=40)
    veto_threshold: int = Field(1, ge=1, le=1000)
    veto_effect: VetoEffect = VetoEffect.FAIL
    veto_cap: int = Field(60, ge=0, le=100)


class EvidenceOut(Schema):
    kind: str
    object_type: str
    object_id: int
    label: str
    note: str = ""
    url: str
    counted: bool


class IndicatorOut(Schema):
    code: str
    label: str
    weight: int
    available: bool
    value: float | None
    numerator: int | None
    denominator: int | None
    points: float | None


class IndicatorDetail(IndicatorOut):
    evidence: list[EvidenceOut]


class CardSummary(Schema):
    id: int
    unit_id: int
    unit_name: str
    rank: int
    score: float
    raw_score: float
    vetoed: bool
    failed: bool
    indicators: list[IndicatorOut]


class CardDetail(CardSummary):
    run_id: int
    year: int
    indicators: list[IndicatorDetail]  # type: ignore[assignment]
    veto_evidence: list[EvidenceOut]


class RunOut(Schema):
    id: int
    jurisdiction_id: int
    jurisdiction_name: str
    year: int
    computed_at: dt.datetime
    scheme: dict[str, Any]


class RunList(Schema):
    items: list[RunOut]


class RunDetail(RunOut):
    cards: list[CardSummary]


class RunFilters(InputSchema):
    jurisdiction_id: Id | None = None
    year: Year | None = None


class RankingFilters(InputSchema):
    jurisdiction_id: Id | None = None
    year: Year


class RunIn(InputSchema):
    jurisdiction_id: Id
    year: Year


def _scheme_out(scheme: ScoringScheme) -> dict[str, object]:
    return {
        "level": scheme.level,
        "name": scheme.name,
        "configured": scheme.pk is not None,
        "indicators": scheme.indicators,
        "veto_source": scheme.veto_source,
        "veto_threshold": scheme.veto_threshold,
        "veto_effect": scheme.veto_effect,
        "veto_cap": scheme.veto_cap,
    }


def _indicators(card: ScoreCard, *, evidence: bool) -> list[dict[str, object]]:
    items = []
    for item in card.indicators:
        entry = {**item, "label": indicator_label(str(item["code"]))}
        if not evidence:
            entry.pop("evidence", None)
        items.append(entry)
    return items


def _card(card: ScoreCard, *, evidence: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "id": card.pk,
        "unit_id": card.unit_id,
        "unit_name": card.unit.name,
        "rank": card.rank,
        "score": card.score,
        "raw_score": card.raw_score,
        "vetoed": card.vetoed,
        "failed": card.failed,
        "indicators": _indicators(card, evidence=evidence),
    }
    if evidence:
        out.update(run_id=card.run_id, year=card.run.year, veto_evidence=card.veto_evidence)
    return out


def _run(run: ScoreRun, *, cards: bool = False) -> dict[str, object]:
    out: dict[str, object] = {
        "id": run.pk,
        "jurisdiction_id": run.jurisdiction_id,
        "jurisdiction_name": run.jurisdiction.name,
        "year": run.year,
        "computed_at": run.computed_at,
        "scheme": run.scheme,
    }
    if cards:
        out["cards"] = [_card(card) for card in card_list_for_run(run=run)]
    return out


@router.get("/schemes", response={200: SchemeList, **LIST_ERRORS})
def scheme_list(request: HttpRequest) -> dict[str, object]:
    """The scheme of each level of unit: the configured one, or the default."""
    levels = [Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE, Level.CITY]
    return {"items": [_scheme_out(scheme_for_level(level)) for level in levels]}


@router.put("/schemes/{level}", response={200: SchemeOut, **WRITE_ERRORS})
def scheme_put(
    request: HttpRequest, payload: SchemeIn, level: str = Path(..., max_length=16)
) -> dict[str, object]:
    """Configure the scheme of a level (administrators): indicators from the registry with
    whole-number weights, and the veto rule."""
    user = request_user(request)
    scheme = scheme_save(
        level=level,
        data=SchemeInput(
            name=payload.name,
            indicators=[item.model_dump() for item in payload.indicators],
            veto_source=payload.veto_source,
            veto_threshold=payload.veto_threshold,
            veto_effect=payload.veto_effect,
            veto_cap=payload.veto_cap,
        ),
        actor=user,
    )
    return _scheme_out(scheme)


@router.get("/runs", response={200: RunList, **LIST_ERRORS})
def run_list(request: HttpRequest, filters: Query[RunFilters]) -> dict[str, object]:
    runs = run_list_for_user(user=request_user(request))
    if filters.jurisdiction_id is not None:
        runs = runs.filter(jurisdiction_id=filters.jurisdiction_id)
    if filters.year is not None:
        runs = runs.filter(year=filters.year)
    return {"items": [_run(run) for run in runs[:100]]}


@router.post("/runs", response={201: RunDetail, 200: RunDetail, **WRITE_ERRORS})
def run_create(
    request: HttpRequest,
    payload: RunIn,
    idempotency_key: str | None = idempotency_header(),
) -> Status[dict[str, object]]:
    """Compute the scores of the units under a jurisdiction for a year (directors). Earlier
    runs are kept."""
    user = request_user(request)
    key = _client_key(user, idempotency_key)
    if user.role != Role.DIRECTOR:
        raise PermissionDenied(_("Only directors compute the year-end scores."))
    try:
        jurisdiction = score_jurisdiction_for_user(
            user=user, jurisdiction_id=payload.jurisdiction_id
        )
    except Http404:
        raise DomainError(
            _("No such jurisdiction in your area."), field="jurisdiction_id", code="not_found"
        ) from None
    run, created = score_run_compute(
        jurisdiction=jurisdiction, year=payload.year, actor=user, idempotency_key=key
    )
    return Status(
        201 if created else 200, _run(run_get_for_user(user=user, run_id=run.pk), cards=True)
    )


@router.get("/runs/{run_id}", response={200: RunDetail, **READ_ERRORS})
def run_detail(request: HttpRequest, run_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, object]:
    return _run(run_get_for_user(user=request_user(request), run_id=run_id), cards=True)


@router.get("/ranking", response={200: RunDetail, **READ_ERRORS})
def ranking(request: HttpRequest, filters: Query[RankingFilters]) -> dict[str, object]:
    """The newest run's ranking for a jurisdiction (yours by default) and year."""
    user = request_user(request)
    jurisdiction = score_jurisdiction_for_user(user=user, jurisdiction_id=filters.jurisdiction_id)
    run = run_latest_for_user(user=user, jurisdiction=jurisdiction, year=filters.year)
    if run is None:
        raise Http404(_("No scores for this year yet."))
    return _run(run, cards=True)


@router.get("/cards/{card_id}", response={200: CardDetail, **READ_ERRORS})
def card_detail(
    request: HttpRequest, card_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, object]:
    """One unit's card: every indicator with the events behind it (drill-down)."""
    return _card(card_get_for_user(user=request_user(request), card_id=card_id), evidence=True)


ROUTES = [("scores", router)]
