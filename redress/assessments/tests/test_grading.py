"""The computed grade at each threshold edge, both sides of it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redress.assessments.grading import SurveyFigures, Thresholds, grade_compute
from redress.assessments.models import Grade

DEFAULT = Thresholds()


def figures(*, affected: int = 100, reached: int = 100, objection: int = 0) -> SurveyFigures:
    return SurveyFigures(
        affected_households=affected,
        households_reached=reached,
        support=reached - objection,
        objection=objection,
        neutral=0,
    )


@pytest.mark.parametrize(
    ("objection", "expected"),
    [
        (0, Grade.LOW),
        (4, Grade.LOW),  # 4% < 5%
        (5, Grade.MEDIUM),  # exactly 5%: "5 to 33%" includes 5
        (33, Grade.MEDIUM),  # exactly 33%: "over 33%" excludes it
        (34, Grade.HIGH),
        (100, Grade.HIGH),
    ],
)
def test_objection_edges_per_hundred(objection: int, expected: Grade) -> None:
    result = grade_compute(thresholds=DEFAULT, figures=figures(objection=objection))
    assert result.grade == expected
    assert result.objection_percent == Decimal(objection)


def test_objection_just_below_and_above_the_edges_with_exact_fractions() -> None:
    # 49 of 1000 is 4.9%: low; 50 of 1000 exactly 5%: medium; 330 exactly 33%: medium;
    # 331 is 33.1%: high.
    def grade(objection: int) -> Grade | None:
        return grade_compute(
            thresholds=DEFAULT, figures=figures(affected=1000, reached=1000, objection=objection)
        ).grade

    assert grade(49) == Grade.LOW
    assert grade(50) == Grade.MEDIUM
    assert grade(330) == Grade.MEDIUM
    assert grade(331) == Grade.HIGH
    # One in three is 33.33...%: above 33%.
    assert (
        grade_compute(thresholds=DEFAULT, figures=figures(affected=3, reached=3, objection=1)).grade
        == Grade.HIGH
    )


def test_coverage_exactly_at_the_minimum_grades_and_below_does_not() -> None:
    at = grade_compute(thresholds=DEFAULT, figures=figures(affected=100, reached=95))
    assert at.grade == Grade.LOW
    assert at.coverage_percent == Decimal("95.00")
    below = grade_compute(thresholds=DEFAULT, figures=figures(affected=1000, reached=949))
    assert below.grade is None
    assert "94.90%" in below.reasons[0] and "95" in below.reasons[0]


def test_nothing_to_grade_on() -> None:
    assert grade_compute(thresholds=DEFAULT, figures=figures(affected=0, reached=0)).grade is None
    assert grade_compute(thresholds=DEFAULT, figures=figures(affected=10, reached=0)).grade is None


def test_configured_thresholds_move_the_edges() -> None:
    strict = Thresholds(
        coverage_min_percent=Decimal("100"),
        high_objection_above_percent=Decimal("20"),
        medium_objection_from_percent=Decimal("2.5"),
    )
    assert grade_compute(thresholds=strict, figures=figures(reached=99)).grade is None
    assert grade_compute(thresholds=strict, figures=figures(objection=2)).grade == Grade.LOW
    assert (
        grade_compute(
            thresholds=strict, figures=figures(affected=200, reached=200, objection=5)
        ).grade
        == Grade.MEDIUM
    )
    assert grade_compute(thresholds=strict, figures=figures(objection=20)).grade == Grade.MEDIUM
    assert grade_compute(thresholds=strict, figures=figures(objection=21)).grade == Grade.HIGH


def test_reasons_carry_the_numbers() -> None:
    result = grade_compute(thresholds=DEFAULT, figures=figures(objection=40))
    assert any("40.00%" in reason and "33" in reason for reason in result.reasons)
