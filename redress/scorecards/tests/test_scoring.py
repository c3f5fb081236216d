"""Scores recompute exactly from the events: change one event and the score moves by the
weight's share of one case; missing indicators share out their weight; the veto rule."""

from __future__ import annotations

from fractions import Fraction

import pytest

from redress.cases.models import CaseEvent, EventKind
from redress.cases.testing import local_time
from redress.clocks.models import RecordEntryKind, UnitRecordEntry
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.scorecards import indicators as registry
from redress.scorecards.indicators import IndicatorResult, indicator_register
from redress.scorecards.models import ScoringScheme, VetoEffect
from redress.scorecards.services import (
    SchemeInput,
    scheme_default,
    scheme_save,
    score_run_compute,
)

pytestmark = pytest.mark.django_db


def compute(cast, **kwargs):  # type: ignore[no-untyped-def]
    with clock.frozen_at(local_time(2026, 1, 20, 9)):
        run, _ = score_run_compute(
            jurisdiction=cast.county, year=2025, actor=cast.county_director, **kwargs
        )
    return {card.unit_id: card for card in run.cards.all()}, run


def test_one_late_acceptance_moves_the_score_by_its_exact_share(cast, accepted_cases):
    before, _run = compute(cast)
    card = before[cast.township_a.pk]
    acceptance = card.indicator("acceptance_on_time")
    assert (acceptance["numerator"], acceptance["denominator"]) == (4, 4)
    available = sum(item["weight"] for item in card.indicators if item["available"])
    # Available here: acceptance (15), resolution (15, none answered yet), repeats (10).
    assert available == 40

    late = accepted_cases[1]
    CaseEvent.objects.create(
        case=late,
        kind=EventKind.ESCALATED,
        at=local_time(2025, 3, 28, 9),
        actor_label="system",
        data={"stage": "acceptance", "step": 2},
    )
    after, _ = compute(cast)
    moved = after[cast.township_a.pk]
    assert moved.indicator("acceptance_on_time")["numerator"] == 3
    expected = -Fraction(100 * 15, available) * Fraction(1, 4)
    assert moved.score - card.score == pytest.approx(float(expected), abs=1e-9)
    assert float(expected) == -9.375
    # The late case is named in the drill-down as counted against the unit.
    evidence = moved.indicator("acceptance_on_time")["evidence"]
    against = [item for item in evidence if not item["counted"]]
    assert [item["label"] for item in against] == [late.reference]
    # The other unit did not move.
    assert after[cast.township_b.pk].score == before[cast.township_b.pk].score


def test_recomputing_gives_the_same_figures(cast, accepted_cases):
    first, _ = compute(cast)
    second, _ = compute(cast)
    for unit_id, card in first.items():
        assert second[unit_id].score == card.score
        assert second[unit_id].indicators == card.indicators


def test_missing_indicators_are_not_available_and_points_add_up(cast, accepted_cases):
    cards, run = compute(cast)
    card = cards[cast.township_a.pk]
    letters = card.indicator("letters_on_time")
    assert letters["available"] is False and letters["points"] is None
    total = sum(item["points"] for item in card.indicators if item["available"])
    assert total == pytest.approx(card.score)
    assert run.scheme["indicators"] == scheme_default("township").indicators


def test_a_registered_indicator_counts_after_registration(cast, accepted_cases):
    saved = dict(registry.indicator_specs)
    try:
        indicator_register("letters_on_time", lambda unit, year: IndicatorResult(1, 2))
        cards, _ = compute(cast)
        letters = cards[cast.township_a.pk].indicator("letters_on_time")
        assert letters["available"] and letters["value"] == 0.5
    finally:
        registry.indicator_specs.clear()
        registry.indicator_specs.update(saved)


@pytest.mark.parametrize("effect", [VetoEffect.CAP, VetoEffect.FAIL])
def test_the_veto_rule(cast, accepted_cases, effect):
    ScoringScheme.objects.create(
        level="township",
        name="test",
        indicators=[{"code": "acceptance_on_time", "weight": 1}],
        veto_source="unit_warnings",
        veto_threshold=1,
        veto_effect=effect,
        veto_cap=60,
    )
    UnitRecordEntry.objects.create(
        department=cast.a_labour,
        case=accepted_cases[0],
        kind=RecordEntryKind.WARNING,
        stage="handling",
        due_at=local_time(2025, 5, 1),
        at=local_time(2025, 5, 8),
    )
    cards, _ = compute(cast)
    card = cards[cast.township_a.pk]
    assert card.vetoed and card.raw_score == 100
    assert len(card.veto_evidence) == 1
    if effect == VetoEffect.CAP:
        assert card.score == 60 and not card.failed
    else:
        assert card.failed and card.rank == 2  # failed units rank last


def test_scheme_validation_names_the_field(cast):
    admin = cast.auditor
    admin.role = "admin"
    admin.save()
    with pytest.raises(DomainError) as error:
        scheme_save(
            level="township",
            data=SchemeInput(name="x", indicators=[{"code": "nope", "weight": 3}]),
            actor=admin,
        )
    assert error.value.field == "indicators[0].code"
    with pytest.raises(DomainError) as error:
        scheme_save(
            level="township",
            data=SchemeInput(name="x", indicators=[{"code": "resolution_rate", "weight": 0}]),
            actor=admin,
        )
    assert error.value.field == "indicators[0].weight"
    with pytest.raises(PermissionDenied):
        scheme_save(
            level="township",
            data=SchemeInput(name="x", indicators=[{"code": "resolution_rate", "weight": 1}]),
            actor=cast.county_director,
        )
    assert ScoringScheme.objects.count() == 0


def test_the_admin_form_checks_the_indicators(cast):
    from redress.scorecards.admin import ScoringSchemeForm

    form = ScoringSchemeForm(
        data={
            "level": "township",
            "name": "x",
            "indicators": '[{"code": "nope", "weight": 1}]',
            "veto_source": "",
            "veto_threshold": 1,
            "veto_effect": "fail",
            "veto_cap": 60,
        }
    )
    assert not form.is_valid() and "indicators" in form.errors
    form = ScoringSchemeForm(
        data={
            "level": "township",
            "name": "x",
            "indicators": '[{"code": "resolution_rate", "weight": 3}]',
            "veto_source": "unit_warnings",
            "veto_threshold": 1,
            "veto_effect": "cap",
            "veto_cap": 60,
        }
    )
    assert form.is_valid(), form.errors
