"""The registry of indicators and veto sources, and the built-in ones computed from the cases'
timelines and the liaison reports.

An indicator is `function(unit, year) -> IndicatorResult | None`: a value between 0 and 1 with
its numerator and denominator and the evidence (one entry per event or object behind the
figure, and whether it counted for or against the unit). None, or a zero denominator, means
"not available": the scheme's other weights then share its weight (see services.py).

Codes other apps register after merging: `letters_on_time` (redress.supervision) and
`assessments_before_approval` (redress.assessments)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from fractions import Fraction

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from redress.cases.models import CaseEvent, EventKind
from redress.clocks.models import RecordEntryKind, UnitRecordEntry
from redress.core.clock import year_bounds
from redress.core.registry import IndicatorSpec, Registry
from redress.orgs.models import Jurisdiction


@dataclass(frozen=True)
class Evidence:
    kind: str  # the event's kind ("accepted", "escalated", "weekly_report", "missing_week"...)
    object_type: str  # "case_event", "weekly_report", "liaison_post", "record_entry"
    object_id: int
    label: str  # names the object: a tracking code, an area and week
    note: str = ""  # an English msgid, translated when shown
    url: str = ""
    counted: bool = True  # True: counts for the unit (in the numerator)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class IndicatorResult:
    numerator: int
    denominator: int
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def value(self) -> Fraction | None:
        if self.denominator <= 0:
            return None
        return Fraction(self.numerator, self.denominator)


Indicator = Callable[[Jurisdiction, int], IndicatorResult | None]
VetoSource = Callable[[Jurisdiction, int], list[Evidence]]


# Registered from ScorecardsConfig.ready(): the built-in ones here, then those in
# linked_indicators.
indicator_specs: Registry[IndicatorSpec] = Registry("scorecard indicator")
veto_source_specs: Registry[IndicatorSpec] = Registry("veto source")

# Every code a scheme may name, registered or not yet, with its label for the pages.
KNOWN_INDICATORS: dict[str, str | Promise] = {
    "acceptance_on_time": _("Acceptance decided on time"),
    "handling_on_time": _("Handled on time"),
    "resolution_rate": _("Accepted cases answered"),
    "confirmation_rate": _("Answers confirmed by the complainant"),
    "review_outcomes": _("Reviews upholding the handling"),
    "repeat_grievances": _("Grievances that were not repeats"),
    "letters_on_time": _("Supervision letters answered on time"),
    "liaison_completeness": _("Liaison report completeness"),
    "assessments_before_approval": _("Risk assessments done before approval"),
}


def indicator_register(code: str, function: Indicator, label: str | Promise = "") -> None:
    """Register (or replace) the function behind an indicator code."""
    indicator_specs.register(
        IndicatorSpec(name=code, function=function, label=label or KNOWN_INDICATORS.get(code, code))
    )


def indicator_function(code: str) -> Indicator | None:
    registered = indicator_specs.get(code)
    return registered.function if registered else None


def veto_source_function(code: str) -> VetoSource | None:
    registered = veto_source_specs.get(code)
    return registered.function if registered else None


def indicator_label(code: str) -> str:
    registered = indicator_specs.get(code)
    return str(registered.label if registered else KNOWN_INDICATORS.get(code, code))


def indicator_codes() -> list[str]:
    return list(dict.fromkeys([*KNOWN_INDICATORS, *indicator_specs]))


def veto_source_codes() -> list[str]:
    return list(dict.fromkeys(["serious_incidents", *veto_source_specs]))


# --- Built-in indicators from the cases' timelines -------------------------------------------


def _unit_events(
    unit: Jurisdiction, kinds: Iterable[str], start: dt.datetime, end: dt.datetime
) -> QuerySet[CaseEvent]:
    """The events of these kinds in the period on cases held by the unit's departments."""
    return (
        CaseEvent.objects.filter(
            kind__in=list(kinds),
            at__gte=start,
            at__lt=end,
            case__department__jurisdiction__path__startswith=unit.path,
        )
        .select_related("case")
        .order_by("at", "id")
    )


def _first_per_case(events: Iterable[CaseEvent]) -> list[CaseEvent]:
    seen: dict[int, CaseEvent] = {}
    for event in events:
        seen.setdefault(event.case_id, event)
    return list(seen.values())


def _case_ids_with(kind: str, case_ids: list[int], end: dt.datetime, **data: str) -> dict[int, int]:
    """Case id -> the first event of this kind (before `end`, matching `data`) on those cases."""
    lookups = {f"data__{key}": value for key, value in data.items()}
    found: dict[int, int] = {}
    for case_id, event_id in (
        CaseEvent.objects.filter(case_id__in=case_ids, kind=kind, at__lt=end, **lookups)
        .order_by("at", "id")
        .values_list("case_id", "id")
    ):
        found.setdefault(case_id, event_id)
    return found


def _case_evidence(event: CaseEvent, *, counted: bool, note: str) -> Evidence:
    return Evidence(
        kind=event.kind,
        object_type="case_event",
        object_id=event.pk,
        label=event.case.reference,
        note=note,
        url=reverse("cases:detail", args=[event.case_id]),
        counted=counted,
    )


def _against(
    unit: Jurisdiction,
    year: int,
    *,
    base_kinds: Iterable[str],
    against_kind: str,
    against_data: dict[str, str] | None = None,
    counted_if_found: bool,
    note_found: str,
    note_missing: str,
) -> IndicatorResult:
    """The cases whose first `base_kinds` event falls in the year, each counted for the unit
    depending on whether an `against_kind` event exists on it by the end of the year."""
    start, end = year_bounds(year)
    base = _first_per_case(_unit_events(unit, base_kinds, start, end))
    found = _case_ids_with(
        against_kind, [event.case_id for event in base], end, **(against_data or {})
    )
    result = IndicatorResult(numerator=0, denominator=len(base))
    for event in base:
        has = event.case_id in found
        counted = has if counted_if_found else not has
        result.numerator += counted
        result.evidence.append(
            _case_evidence(event, counted=counted, note=note_found if has else note_missing)
        )
    return result


def acceptance_on_time(unit: Jurisdiction, year: int) -> IndicatorResult:
    """Acceptance decisions (accepted or declined) taken in the year before the clock worker
    had to escalate the acceptance stage (escalation comes at the deadline)."""
    return _against(
        unit,
        year,
        base_kinds=[EventKind.ACCEPTED, EventKind.DECLINED],
        against_kind=EventKind.ESCALATED,
        against_data={"stage": "acceptance"},
        counted_if_found=False,
        note_found=gettext_noop("decided late"),
        note_missing=gettext_noop("decided on time"),
    )


def handling_on_time(unit: Jurisdiction, year: int) -> IndicatorResult:
    return _against(
        unit,
        year,
        base_kinds=[EventKind.RESOLVED],
        against_kind=EventKind.ESCALATED,
        against_data={"stage": "handling"},
        counted_if_found=False,
        note_found=gettext_noop("answered late"),
        note_missing=gettext_noop("answered on time"),
    )


def resolution_rate(unit: Jurisdiction, year: int) -> IndicatorResult:
    return _against(
        unit,
        year,
        base_kinds=[EventKind.ACCEPTED],
        against_kind=EventKind.RESOLVED,
        counted_if_found=True,
        note_found=gettext_noop("answered"),
        note_missing=gettext_noop("not answered by the year's end"),
    )


def confirmation_rate(unit: Jurisdiction, year: int) -> IndicatorResult:
    return _against(
        unit,
        year,
        base_kinds=[EventKind.RESOLVED],
        against_kind=EventKind.CONFIRMED,
        counted_if_found=True,
        note_found=gettext_noop("confirmed by the complainant"),
        note_missing=gettext_noop("not confirmed"),
    )


def review_outcomes(unit: Jurisdiction, year: int) -> IndicatorResult:
    """Reviews requested in the year where the unit's handling stood: the complainant did not
    go on to re-review. (Review answers carry no upheld/overturned field yet; when they do,
    this is where to read it.)"""
    return _against(
        unit,
        year,
        base_kinds=[EventKind.REVIEW_REQUESTED],
        against_kind=EventKind.RE_REVIEW_REQUESTED,
        counted_if_found=False,
        note_found=gettext_noop("taken on to re-review"),
        note_missing=gettext_noop("handling upheld"),
    )


def repeat_grievances(unit: Jurisdiction, year: int) -> IndicatorResult:
    """Grievances received in the year that were not linked to an earlier one as a repeat
    (CaseLink has no kinds: every link is taken as a repeat of the same matter)."""
    return _against(
        unit,
        year,
        base_kinds=[EventKind.SUBMITTED],
        against_kind=EventKind.LINKED,
        counted_if_found=False,
        note_found=gettext_noop("linked as a repeat"),
        note_missing=gettext_noop("not a repeat"),
    )


def liaison_completeness_indicator(unit: Jurisdiction, year: int) -> IndicatorResult:
    from redress.core import clock
    from redress.liaison.selectors import liaison_completeness

    start, end = year_bounds(year)
    # The last week of the year is due in January; after that the figure no longer moves.
    cut = min(clock.now(), end + dt.timedelta(days=10))
    figures = liaison_completeness(
        jurisdiction=unit, start=start.date(), end=(end - dt.timedelta(days=1)).date(), now=cut
    )
    result = IndicatorResult(numerator=figures.total.filed, denominator=figures.total.due)
    for row in figures.posts:
        assert row.post is not None
        for week in row.weeks:
            year_number, week_number, _day = week.week_start.isocalendar()
            label = f"{row.post.area.name_zh} {year_number}-W{week_number:02d}"
            if week.report is None:
                result.evidence.append(
                    Evidence(
                        kind="missing_week",
                        object_type="liaison_post",
                        object_id=row.post.pk,
                        label=label,
                        note=gettext_noop("missing"),
                        counted=False,
                    )
                )
            else:
                result.evidence.append(
                    Evidence(
                        kind="weekly_report",
                        object_type="weekly_report",
                        object_id=week.report.pk,
                        label=label,
                        note=gettext_noop("late")
                        if week.report.is_late
                        else gettext_noop("on time"),
                        url=reverse("liaison:report", args=[week.report.pk]),
                    )
                )
    return result


def unit_warnings(unit: Jurisdiction, year: int) -> list[Evidence]:
    """Warnings on the record of the unit's departments in the year (the escalation ladder's
    last step)."""
    start, end = year_bounds(year)
    entries = UnitRecordEntry.objects.filter(
        kind=RecordEntryKind.WARNING,
        at__gte=start,
        at__lt=end,
        department__jurisdiction__path__startswith=unit.path,
    ).select_related("case", "department")
    return [
        Evidence(
            kind="warning",
            object_type="record_entry",
            object_id=entry.pk,
            label=f"{entry.department.name_zh} {entry.case.reference}",
            note=gettext_noop("warning for overdue work"),
            url=reverse("cases:detail", args=[entry.case_id]),
            counted=False,
        )
        for entry in entries.order_by("at", "id")
    ]
