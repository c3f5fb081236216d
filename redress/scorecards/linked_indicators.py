"""Indicators and the veto source drawn from the other apps' records: supervision letters
answered on time, risk assessments done before approval, and supervised matters neglected
all the way to a warning. Registered from ScorecardsConfig.ready(), like the built-in ones;
the other apps are imported plainly, as scorecards sits above them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop

from redress.assessments.selectors import ASSESSED_BEFORE_APPROVAL, project_list_approved_in
from redress.core.clock import year_bounds
from redress.orgs.models import Jurisdiction
from redress.scorecards.indicators import Evidence, IndicatorResult
from redress.supervision.models import AccountabilityRecord, AccountabilitySource, Letter
from redress.supervision.selectors import letters_on_time_by_unit


def letters_on_time(unit: Jurisdiction, year: int) -> IndicatorResult:
    """The supervision letters to the unit's departments due in the year, counted for the
    unit when the completion was reported by the deadline and accepted."""
    tallies = letters_on_time_by_unit(jurisdiction=unit, year=year).values()
    on_time = {letter_id for tally in tallies for letter_id in tally.on_time_ids}
    letter_ids = sorted(letter_id for tally in tallies for letter_id in tally.letter_ids)
    titles = dict(Letter.objects.filter(pk__in=letter_ids).values_list("pk", "title"))
    result = IndicatorResult(numerator=len(on_time), denominator=len(letter_ids))
    for letter_id in letter_ids:
        counted = letter_id in on_time
        result.evidence.append(
            Evidence(
                kind="letter",
                object_type="letter",
                object_id=letter_id,
                label=titles.get(letter_id, str(letter_id)),
                note=gettext_noop("answered on time") if counted else gettext_noop("not on time"),
                url=reverse("supervision:letter_detail", args=[letter_id]),
                counted=counted,
            )
        )
    return result


def assessments_before_approval(unit: Jurisdiction, year: int) -> IndicatorResult:
    """The major projects of the unit's area approved in the year, counted for the unit when
    their risk assessment was graded and reviewed before the approval."""
    projects = project_list_approved_in(year=year, jurisdiction=unit)
    assessed = set(projects.filter(ASSESSED_BEFORE_APPROVAL).values_list("pk", flat=True))
    result = IndicatorResult(numerator=0, denominator=0)
    for project_id, title in projects.order_by("decided_at", "id").values_list("pk", "title"):
        counted = project_id in assessed
        result.denominator += 1
        result.numerator += counted
        result.evidence.append(
            Evidence(
                kind="project",
                object_type="project",
                object_id=project_id,
                label=title,
                note=gettext_noop("assessed before approval")
                if counted
                else gettext_noop("approved without a reviewed assessment"),
                url=reverse("assessments:detail", args=[project_id]),
                counted=counted,
            )
        )
    return result


def serious_incidents(unit: Jurisdiction, year: int) -> list[Evidence]:
    """Supervised matters the unit let climb the whole ladder: a supervision letter (or a
    conference action item) overdue until its warning, the record standing after any appeal.
    The domain's veto is for a warned, supervised risk neglected by the unit; this is the
    part of that the records can prove."""
    start, end = year_bounds(year)
    records = AccountabilityRecord.objects.filter(
        unit_path__startswith=unit.path,
        at__gte=start,
        at__lt=end,
        source__in=[
            AccountabilitySource.LETTER_WARNING,
            AccountabilitySource.ACTION_ITEM_WARNING,
        ],
    ).order_by("at", "id")
    return [
        Evidence(
            kind="accountability",
            object_type="accountability_record",
            object_id=record.pk,
            label=record.summary,
            note=gettext_noop("supervised matter neglected to a warning"),
            url=reverse("supervision:accountability_detail", args=[record.pk]),
            counted=False,
        )
        for record in records
        if record.counts
    ]
