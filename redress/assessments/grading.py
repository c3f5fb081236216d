"""The grade a social-risk assessment's consultation figures give: a pure function of the
thresholds and the counts, so each edge can be tested without a database.

Edges, as the published local rule words them: coverage "at least 95%" passes at exactly 95%;
opposition "over 33%" is high, so exactly 33% is medium; "5 to 33%" is medium, so exactly 5%
is medium and anything below it low. Shares are exact fractions, never floats, so 1 in 20 is
exactly 5%."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from redress.assessments.models import Grade

DEFAULT_COVERAGE_MIN = Decimal("95")
DEFAULT_HIGH_ABOVE = Decimal("33")
DEFAULT_MEDIUM_FROM = Decimal("5")


@dataclass(frozen=True)
class Thresholds:
    coverage_min_percent: Decimal = DEFAULT_COVERAGE_MIN
    high_objection_above_percent: Decimal = DEFAULT_HIGH_ABOVE
    medium_objection_from_percent: Decimal = DEFAULT_MEDIUM_FROM


@dataclass(frozen=True)
class SurveyFigures:
    affected_households: int
    households_reached: int
    support: int
    objection: int
    neutral: int


@dataclass(frozen=True)
class GradeResult:
    """`grade` is None when the consultation is not enough to grade on (too few households
    reached); `reasons` say why in either case, with the numbers."""

    grade: Grade | None
    reasons: list[str] = field(default_factory=list)
    coverage_percent: Decimal | None = None
    objection_percent: Decimal | None = None


def _percent(share: Fraction) -> Decimal:
    return (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(Decimal("0.01"))


def grade_compute(*, thresholds: Thresholds, figures: SurveyFigures) -> GradeResult:
    if figures.affected_households <= 0:
        return GradeResult(None, [str(_("The number of affected households is not recorded."))])
    if figures.households_reached <= 0:
        return GradeResult(None, [str(_("No household survey has reached any household."))])
    coverage = Fraction(figures.households_reached, figures.affected_households)
    coverage_percent = _percent(coverage)
    if coverage * 100 < Fraction(thresholds.coverage_min_percent):
        return GradeResult(
            None,
            [
                str(
                    _(
                        "Survey coverage %(coverage)s%% (%(reached)s of %(affected)s households) "
                        "is below the required %(minimum)s%%."
                    )
                    % {
                        "coverage": coverage_percent,
                        "reached": figures.households_reached,
                        "affected": figures.affected_households,
                        "minimum": thresholds.coverage_min_percent,
                    }
                )
            ],
            coverage_percent=coverage_percent,
        )
    responses = figures.support + figures.objection + figures.neutral
    objection = Fraction(figures.objection, responses) if responses else Fraction(0)
    objection_percent = _percent(objection)
    reasons = [
        str(
            _("Survey coverage %(coverage)s%% meets the required %(minimum)s%%.")
            % {"coverage": coverage_percent, "minimum": thresholds.coverage_min_percent}
        )
    ]
    figures_text = {
        "objection": objection_percent,
        "count": figures.objection,
        "responses": responses,
        "high": thresholds.high_objection_above_percent,
        "medium": thresholds.medium_objection_from_percent,
    }
    if objection * 100 > Fraction(thresholds.high_objection_above_percent):
        grade = Grade.HIGH
        reasons.append(
            str(
                _(
                    "Objection %(objection)s%% (%(count)s of %(responses)s) is above "
                    "%(high)s%%: high."
                )
                % figures_text
            )
        )
    elif objection * 100 >= Fraction(thresholds.medium_objection_from_percent):
        grade = Grade.MEDIUM
        reasons.append(
            str(
                _(
                    "Objection %(objection)s%% (%(count)s of %(responses)s) is from %(medium)s%% "
                    "up to %(high)s%%: medium."
                )
                % figures_text
            )
        )
    else:
        grade = Grade.LOW
        reasons.append(
            str(
                _(
                    "Objection %(objection)s%% (%(count)s of %(responses)s) is below "
                    "%(medium)s%%: low."
                )
                % figures_text
            )
        )
    return GradeResult(
        grade, reasons, coverage_percent=coverage_percent, objection_percent=objection_percent
    )
