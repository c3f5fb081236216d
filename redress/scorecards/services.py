"""Writes: saving a scoring scheme, and computing a run of score cards.

The score of a unit is 100 x sum(weight x value) / sum(weight), over the indicators that are
available for it. An indicator is not available when no function is registered for its code
yet (letters and assessments until those apps are merged) or when it has nothing to measure
(a zero denominator); its weight is then shared among the others in proportion, rather than
scoring it neutral, so that a unit is neither helped nor hurt by what cannot be measured. Each
indicator's points are kept on the card, and they add up to the score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.orgs.models import Jurisdiction, Level, Role, User
from redress.scorecards.indicators import (
    indicator_codes,
    indicator_function,
    veto_source_codes,
    veto_source_function,
)
from redress.scorecards.models import ScoreCard, ScoreRun, ScoringScheme, VetoEffect

DEFAULT_INDICATORS: tuple[tuple[str, int], ...] = (
    ("acceptance_on_time", 15),
    ("handling_on_time", 20),
    ("resolution_rate", 15),
    ("confirmation_rate", 10),
    ("review_outcomes", 10),
    ("repeat_grievances", 10),
    ("letters_on_time", 10),
    ("liaison_completeness", 5),
    ("assessments_before_approval", 5),
)
WEIGHT_MAX = 1000
YEAR_MIN, YEAR_MAX = 2000, 2100


def scheme_default(level: str) -> ScoringScheme:
    """The scheme used for a level nobody has configured: unsaved, the defaults above, and the
    veto the domain describes (a warned, supervised risk that became a serious incident),
    which counts once the supervision app registers `serious_incidents`."""
    return ScoringScheme(
        level=level,
        name="年终考核（默认）",
        indicators=[{"code": code, "weight": weight} for code, weight in DEFAULT_INDICATORS],
        veto_source="serious_incidents",
        veto_threshold=1,
        veto_effect=VetoEffect.FAIL,
        veto_cap=60,
    )


def scheme_for_level(level: str) -> ScoringScheme:
    return ScoringScheme.objects.filter(level=level).first() or scheme_default(level)


@dataclass(frozen=True)
class SchemeInput:
    name: str
    indicators: Sequence[dict[str, Any]]
    veto_source: str = ""
    veto_threshold: int = 1
    veto_effect: str = VetoEffect.FAIL
    veto_cap: int = 60


def scheme_clean(data: SchemeInput) -> list[dict[str, Any]]:
    if not data.name.strip() or len(data.name) > 100:
        raise DomainError(_("Give the scheme a name of at most 100 characters."), field="name")
    if not data.indicators:
        raise DomainError(_("A scheme needs at least one indicator."), field="indicators")
    known = set(indicator_codes())
    seen: set[str] = set()
    cleaned = []
    for index, item in enumerate(data.indicators):
        code = str(item.get("code", ""))
        weight = item.get("weight")
        if code not in known:
            raise DomainError(_("Unknown indicator."), field=f"indicators[{index}].code")
        if code in seen:
            raise DomainError(
                _("This indicator is listed twice."), field=f"indicators[{index}].code"
            )
        if not isinstance(weight, int) or isinstance(weight, bool) or not 0 < weight <= WEIGHT_MAX:
            raise DomainError(
                _("A weight is a whole number from 1 to %(max)s.") % {"max": WEIGHT_MAX},
                field=f"indicators[{index}].weight",
            )
        seen.add(code)
        cleaned.append({"code": code, "weight": weight})
    if data.veto_source and data.veto_source not in veto_source_codes():
        raise DomainError(_("Unknown veto source."), field="veto_source")
    if not 1 <= data.veto_threshold <= 1000:
        raise DomainError(_("The threshold is from 1 to 1000."), field="veto_threshold")
    if data.veto_effect not in VetoEffect.values:
        raise DomainError(_("Unknown veto effect."), field="veto_effect")
    if not 0 <= data.veto_cap <= 100:
        raise DomainError(_("The cap is from 0 to 100."), field="veto_cap")
    return cleaned


def scheme_save(*, level: str, data: SchemeInput, actor: User) -> ScoringScheme:
    if actor.role != Role.ADMINISTRATOR and not actor.is_superuser:
        raise PermissionDenied(_("Only administrators configure scoring schemes."))
    if level not in Level.values:
        raise DomainError(_("Unknown level."), field="level")
    indicators = scheme_clean(data)
    scheme, _created = ScoringScheme.objects.update_or_create(
        level=level,
        defaults={
            "name": data.name.strip(),
            "indicators": indicators,
            "veto_source": data.veto_source,
            "veto_threshold": data.veto_threshold,
            "veto_effect": data.veto_effect,
            "veto_cap": data.veto_cap,
        },
    )
    return scheme


def scheme_snapshot(scheme: ScoringScheme) -> dict[str, Any]:
    return {
        "level": scheme.level,
        "name": scheme.name,
        "indicators": list(scheme.indicators),
        "veto_source": scheme.veto_source,
        "veto_threshold": scheme.veto_threshold,
        "veto_effect": scheme.veto_effect,
        "veto_cap": scheme.veto_cap,
    }


def score_units(jurisdiction: Jurisdiction) -> list[Jurisdiction]:
    """The units ranked under a jurisdiction: the offices one level down (the townships of a
    county, the counties of a city), each answering for its departments' cases and its area's
    liaison posts."""
    return list(jurisdiction.children.exclude(level=Level.ENTERPRISE).order_by("path"))


def card_compute(*, unit: Jurisdiction, year: int, scheme: dict[str, Any]) -> dict[str, Any]:
    """One unit's figures under a scheme snapshot; pure reading, nothing written."""
    items: list[dict[str, Any]] = []
    available_weight = 0
    for entry in scheme["indicators"]:
        code, weight = entry["code"], int(entry["weight"])
        function = indicator_function(code)
        result = function(unit, year) if function is not None else None
        value = result.value if result is not None else None
        items.append(
            {
                "code": code,
                "weight": weight,
                "available": value is not None,
                "value": value,
                "numerator": result.numerator if result is not None else None,
                "denominator": result.denominator if result is not None else None,
                "evidence": [item.as_dict() for item in result.evidence] if result else [],
            }
        )
        if value is not None:
            available_weight += weight
    raw = Fraction(0)
    for item in items:
        value = item.pop("value")
        if value is None or available_weight == 0:
            item["value"] = None
            item["points"] = None
            continue
        points = Fraction(100 * item["weight"]) * value / available_weight
        raw += points
        item["value"] = float(value)
        item["points"] = float(points)
    veto_evidence: list[dict[str, object]] = []
    veto_function = veto_source_function(scheme.get("veto_source") or "")
    if veto_function is not None:
        veto_evidence = [item.as_dict() for item in veto_function(unit, year)]
    vetoed = len(veto_evidence) >= int(scheme.get("veto_threshold") or 1) and bool(veto_evidence)
    score = raw
    if vetoed and scheme.get("veto_effect") == VetoEffect.CAP:
        score = min(raw, Fraction(int(scheme.get("veto_cap", 60))))
    return {
        "unit": unit,
        "raw_score": float(raw),
        "score": float(score),
        "vetoed": vetoed,
        "failed": vetoed and scheme.get("veto_effect") == VetoEffect.FAIL,
        "indicators": items,
        "veto_evidence": veto_evidence,
    }


def score_run_compute(
    *,
    jurisdiction: Jurisdiction,
    year: int,
    actor: User | None,
    scheme: ScoringScheme | None = None,
    idempotency_key: str | None = None,
) -> tuple[ScoreRun, bool]:
    """Score every unit under the jurisdiction for the year and store the ranking: failed
    units last, then by score, ties by name order."""
    if actor is not None and actor.role not in (Role.DIRECTOR, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only directors compute the year-end scores."))
    if idempotency_key:
        existing = ScoreRun.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise DomainError(_("No such year."), field="year")
    units = score_units(jurisdiction)
    if not units:
        raise DomainError(_("There are no units under this jurisdiction."), field="jurisdiction_id")
    if scheme is None:
        scheme = scheme_for_level(units[0].level)
    snapshot = scheme_snapshot(scheme)
    cards = [card_compute(unit=unit, year=year, scheme=snapshot) for unit in units]
    cards.sort(key=lambda card: (card["failed"], -card["score"], card["unit"].path))
    with transaction.atomic():
        run = ScoreRun.objects.create(
            jurisdiction=jurisdiction,
            year=year,
            scheme=snapshot,
            computed_at=clock.now(),
            computed_by=actor,
            idempotency_key=idempotency_key or None,
        )
        ScoreCard.objects.bulk_create(
            ScoreCard(run=run, rank=rank, **card) for rank, card in enumerate(cards, start=1)
        )
    return run, True
