"""The indicators and veto source drawn from supervision letters, accountability records and
project assessments: each counts exactly what its records say, with the records as evidence."""

from __future__ import annotations

import pytest

from redress.cases.testing import local_time
from redress.core import clock
from redress.scorecards.models import ScoringScheme, VetoEffect
from redress.scorecards.services import score_run_compute
from redress.supervision.models import AccountabilityRecord, AccountabilitySource
from redress.supervision.services import letter_accept, letter_report_completion
from redress.supervision.testing import issued_letter

pytestmark = pytest.mark.django_db


def compute(cast):  # type: ignore[no-untyped-def]
    with clock.frozen_at(local_time(2026, 1, 20, 9)):
        run, _ = score_run_compute(jurisdiction=cast.county, year=2025, actor=cast.county_director)
    return {card.unit_id: card for card in run.cards.all()}


def test_letters_answered_on_time_count_for_the_unit(cast):
    answered = issued_letter(
        issuer=cast.county_director, unit=cast.a_labour, at=local_time(2025, 3, 3)
    )
    issued_letter(
        issuer=cast.county_director,
        unit=cast.a_labour,
        at=local_time(2025, 4, 1),
        title="关于工地噪声的督办函",
    )
    with clock.frozen_at(local_time(2025, 3, 10)):
        letter_report_completion(actor=cast.a_handler, letter=answered, text="已办结。")
        letter_accept(actor=cast.county_director, letter=answered)

    cards = compute(cast)
    letters = cards[cast.township_a.pk].indicator("letters_on_time")
    assert letters["available"] is True
    assert (letters["numerator"], letters["denominator"]) == (1, 2)
    counted = {item["label"]: item["counted"] for item in letters["evidence"]}
    assert counted == {answered.title: True, "关于工地噪声的督办函": False}
    assert cards[cast.township_b.pk].indicator("letters_on_time")["available"] is False


def test_projects_assessed_before_approval_count_for_the_unit(cast):
    from redress.assessments.services import assessment_grade, assessment_review, project_approve
    from redress.assessments.testing import assess_to_analysis, register_project

    with clock.frozen_at(local_time(2025, 6, 2)):
        project = register_project(
            actor=cast.a_director, initiator=cast.a_labour, jurisdiction=cast.township_a
        )
        assess_to_analysis(project=project, actor=cast.a_director, reached=100, objection=1)
        assessment_grade(project=project, actor=cast.a_director)
        assessment_review(project=project, actor=cast.a_director)
    with clock.frozen_at(local_time(2025, 6, 9)):
        project_approve(project=project, actor=cast.county_leader)

    indicator = compute(cast)[cast.township_a.pk].indicator("assessments_before_approval")
    assert (indicator["numerator"], indicator["denominator"]) == (1, 1)
    assert indicator["evidence"][0]["label"] == project.title


def test_a_standing_letter_warning_is_a_veto_and_a_withdrawn_one_is_not(cast):
    ScoringScheme.objects.create(
        level="township",
        name="veto",
        indicators=[{"code": "repeat_grievances", "weight": 1}],
        veto_source="serious_incidents",
        veto_threshold=1,
        veto_effect=VetoEffect.FAIL,
    )
    record = AccountabilityRecord.objects.create(
        unit=cast.a_labour,
        unit_path=cast.a_labour.jurisdiction.path,
        source=AccountabilitySource.LETTER_WARNING,
        summary="督办函逾期未办结",
        due_at=local_time(2025, 5, 1),
        at=local_time(2025, 5, 8),
    )
    assert compute(cast)[cast.township_a.pk].vetoed is True
    record.status = "upheld"  # the appeal withdrew it
    record.save()
    assert compute(cast)[cast.township_a.pk].vetoed is False
