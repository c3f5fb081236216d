"""The data step of the weekly briefing: every figure, computed with aggregate queries over the
jurisdiction's subtree, as plain dataclasses. Rendering (render.py) only lays them out.

Counts are of grievances (cases), never of people. "Open at the week's end" reads the cases'
present state, so it is exact when the briefing is made on the Monday after the week (as the
worker does) and an approximation for a week further back."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext

from redress.cases.models import (
    OPEN_STATUSES,
    STAFF_CLOCK_STAGES,
    Case,
    CaseEvent,
    CaseStatus,
    Category,
    EventKind,
)
from redress.core.i18n import pick
from redress.orgs.models import DepartmentKind, Jurisdiction
from redress.reports.briefings.sections import BriefingSection, briefing_sections_build
from redress.reports.briefings.weeks import IsoWeek

BASELINE_WEEKS = 4
CHART_WEEKS = 12
# The demo generator and the early-warning brief call twenty people or more a group grievance.
GROUP_MIN_PEOPLE = 20
LIST_SIZE = 10
RISING_SIZE = 5


@dataclass(frozen=True)
class CountRow:
    key: str
    name: str
    count: int
    previous_average: float

    @property
    def change(self) -> int | None:
        """Percent change against the average of the previous weeks; None without a baseline."""
        return _percent(self.count, self.previous_average)

    @property
    def growth(self) -> float:
        return self.count - self.previous_average


@dataclass(frozen=True)
class RisingMatter:
    category: str
    area: str
    count: int
    previous_average: float

    @property
    def change(self) -> int | None:
        return _percent(self.count, self.previous_average)


@dataclass(frozen=True)
class CaseRow:
    """A case as a briefing lists it: its internal number, never the tracking code (the
    complainant's key to confirm or dispute; a briefing is printed and passed around)."""

    pk: int
    title: str
    category: str
    area: str
    department: str
    people_affected: int
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    days_overdue: int | None


@dataclass
class BriefingFigures:
    jurisdiction: Jurisdiction
    office_name: str
    week: IsoWeek
    now: dt.datetime
    new_total: int
    previous_average: float
    weekly: list[tuple[str, int]]
    by_category: list[CountRow]
    by_area: list[CountRow]
    rising: list[RisingMatter]
    groups: list[CaseRow]
    groups_total: int
    overdue_total: int
    overdue: list[CaseRow]
    overdue_by_department: list[tuple[str, int]]
    disputed_total: int
    disputed: list[CaseRow]
    resolved: int
    closed: int
    confirmed: int
    disputed_in_week: int
    sections: list[BriefingSection] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def start(self) -> dt.datetime:
        return self.week.start

    @property
    def end(self) -> dt.datetime:
        return self.week.end

    @property
    def change(self) -> int | None:
        return _percent(self.new_total, self.previous_average)

    @property
    def satisfaction(self) -> int | None:
        """Share of the complainants' verdicts this week that were confirmations, in percent."""
        verdicts = self.confirmed + self.disputed_in_week
        return round(100 * self.confirmed / verdicts) if verdicts else None


def _percent(count: int, baseline: float) -> int | None:
    if baseline <= 0:
        return None
    return round(100 * (count - baseline) / baseline)


def office_name_for(jurisdiction: Jurisdiction) -> str:
    office = jurisdiction.departments.filter(
        kind=DepartmentKind.COMPLAINTS_OFFICE, is_active=True
    ).first()
    if office is not None:
        return office.name
    return gettext("%(area)s grievance office") % {"area": jurisdiction.name}


class _Areas:
    """Maps a case's path to the child area of the briefing's jurisdiction it lies in; cases
    placed on the jurisdiction itself get a row of their own."""

    def __init__(self, jurisdiction: Jurisdiction) -> None:
        self.root = jurisdiction
        self.children = list(jurisdiction.children.order_by("path"))
        self.direct_key = str(jurisdiction.pk)

    def key_of(self, path: str) -> str:
        for child in self.children:
            if path.startswith(child.path):
                return str(child.pk)
        return self.direct_key

    def names(self) -> dict[str, str]:
        names = {str(child.pk): child.name for child in self.children}
        names[self.direct_key] = gettext("%(area)s (itself)") % {"area": self.root.name}
        return names


def _case_rows(cases: QuerySet[Case], *, areas: _Areas, end: dt.datetime) -> list[CaseRow]:
    names = areas.names()
    rows = []
    for case in cases.select_related("category", "department")[:LIST_SIZE]:
        overdue = None
        if (
            case.due_at is not None
            and case.due_at < end
            and case.clock_stage in STAFF_CLOCK_STAGES
            and case.paused_at is None
        ):
            overdue = (end - case.due_at).days
        rows.append(
            CaseRow(
                pk=case.pk,
                title=case.title,
                category=case.category.name,
                area=names[areas.key_of(case.jurisdiction_path)],
                department=case.department.name if case.department else "",
                people_affected=case.people_affected,
                submitted_at=case.submitted_at,
                due_at=case.due_at,
                days_overdue=overdue,
            )
        )
    return rows


def _event_cases(subtree: Q, *, kind: str, week: IsoWeek) -> int:
    return (
        CaseEvent.objects.filter(kind=kind, at__gte=week.start, at__lt=week.end)
        .filter(subtree)
        .values("case_id")
        .distinct()
        .count()
    )


def briefing_build(
    *, jurisdiction: Jurisdiction, week: IsoWeek, now: dt.datetime
) -> BriefingFigures:
    """The figures of one week's briefing. Call it under the briefing's language
    (translation.override): names and the summary come out in that language."""
    subtree = Case.objects.filter(jurisdiction_path__startswith=jurisdiction.path)
    areas = _Areas(jurisdiction)
    first = week.shifted(-(CHART_WEEKS - 1))
    baseline = [str(week.shifted(-n)) for n in range(1, BASELINE_WEEKS + 1)]

    # One grouped query gives the week, its baseline and the chart's twelve weeks.
    cells: dict[tuple[str, int, str], int] = defaultdict(int)
    for row in (
        subtree.filter(submitted_at__gte=first.start, submitted_at__lt=week.end)
        .annotate(bucket=TruncWeek("submitted_at"))
        .values("jurisdiction_path", "category_id", "bucket")
        .annotate(n=Count("pk"))
    ):
        bucket = str(IsoWeek.of(row["bucket"]))
        cells[(areas.key_of(row["jurisdiction_path"]), row["category_id"], bucket)] += row["n"]

    this = str(week)
    weekly_totals: dict[str, int] = defaultdict(int)
    by_category: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_area: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_pair: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for (area, category, bucket), n in cells.items():
        weekly_totals[bucket] += n
        slot = 0 if bucket == this else 1 if bucket in baseline else None
        if slot is None:
            continue
        by_category[category][slot] += n
        by_area[area][slot] += n
        by_pair[(category, area)][slot] += n

    categories = {c.pk: c for c in Category.objects.filter(pk__in=list(by_category))}
    category_rows = sorted(
        (
            CountRow(
                key=categories[pk].code,
                name=categories[pk].name,
                count=counts[0],
                previous_average=counts[1] / BASELINE_WEEKS,
            )
            for pk, counts in by_category.items()
        ),
        key=lambda row: (-row.count, -row.previous_average, row.name),
    )
    area_names = areas.names()
    area_rows = [
        CountRow(
            key=key,
            name=area_names[key],
            count=by_area[key][0],
            previous_average=by_area[key][1] / BASELINE_WEEKS,
        )
        for key in area_names
        if key != areas.direct_key or by_area[key] != [0, 0]
    ]
    rising = sorted(
        (
            RisingMatter(
                category=categories[pk].name,
                area=area_names[area],
                count=counts[0],
                previous_average=counts[1] / BASELINE_WEEKS,
            )
            for (pk, area), counts in by_pair.items()
            if counts[0] > counts[1] / BASELINE_WEEKS
        ),
        key=lambda m: (-(m.count - m.previous_average), -m.count, m.category, m.area),
    )[:RISING_SIZE]

    new_in_week = subtree.filter(submitted_at__gte=week.start, submitted_at__lt=week.end)
    group_cases = new_in_week.filter(people_affected__gte=GROUP_MIN_PEOPLE).exclude(
        status=CaseStatus.MERGED
    )
    groups = _case_rows(
        group_cases.order_by("-people_affected", "submitted_at"), areas=areas, end=week.end
    )
    open_at_end = subtree.filter(submitted_at__lt=week.end, status__in=OPEN_STATUSES)
    overdue = open_at_end.filter(
        clock_stage__in=STAFF_CLOCK_STAGES, paused_at__isnull=True, due_at__lt=week.end
    )
    disputed = open_at_end.filter(status=CaseStatus.DISPUTED)
    events_subtree = Q(case__jurisdiction_path__startswith=jurisdiction.path)

    briefing = BriefingFigures(
        jurisdiction=jurisdiction,
        office_name=office_name_for(jurisdiction),
        week=week,
        now=now,
        new_total=weekly_totals.get(this, 0),
        previous_average=sum(weekly_totals.get(w, 0) for w in baseline) / BASELINE_WEEKS,
        weekly=[
            (str(first.shifted(n)), weekly_totals.get(str(first.shifted(n)), 0))
            for n in range(CHART_WEEKS)
        ],
        by_category=category_rows,
        by_area=area_rows,
        rising=rising,
        groups=groups,
        groups_total=group_cases.count(),
        overdue_total=overdue.count(),
        overdue=_case_rows(overdue.order_by("due_at"), areas=areas, end=week.end),
        overdue_by_department=[
            (pick(row["department__name_zh"] or "", row["department__name_en"] or ""), row["n"])
            for row in overdue.values("department__name_zh", "department__name_en")
            .annotate(n=Count("pk"))
            .order_by("-n", "department__name_zh")[:LIST_SIZE]
        ],
        disputed_total=disputed.count(),
        disputed=_case_rows(disputed.order_by("due_at"), areas=areas, end=week.end),
        resolved=_event_cases(events_subtree, kind=EventKind.RESOLVED, week=week),
        closed=_event_cases(events_subtree, kind=EventKind.CLOSED, week=week),
        confirmed=_event_cases(events_subtree, kind=EventKind.CONFIRMED, week=week),
        disputed_in_week=_event_cases(events_subtree, kind=EventKind.DISPUTED, week=week),
    )
    briefing.sections = briefing_sections_build(figures=briefing)
    briefing.summary = _summary(briefing) + [
        section.summary for section in briefing.sections if section.summary
    ]
    return briefing


def average_text(value: float) -> str:
    """One decimal, rounded half up like the tables' floatformat, the same in every language."""
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _summary(briefing: BriefingFigures) -> list[str]:
    figures = {
        "count": briefing.new_total,
        "average": average_text(briefing.previous_average),
        "change": abs(briefing.change or 0),
    }
    if briefing.change is None:
        sentences = [
            gettext(
                "This week %(count)s new grievances; none came in during the four weeks before."
            )
            % figures
        ]
    elif briefing.change > 0:
        sentences = [
            gettext(
                "This week %(count)s new grievances, %(change)s%% more than the average of the "
                "last four weeks (%(average)s)."
            )
            % figures
        ]
    elif briefing.change < 0:
        sentences = [
            gettext(
                "This week %(count)s new grievances, %(change)s%% fewer than the average of the "
                "last four weeks (%(average)s)."
            )
            % figures
        ]
    else:
        sentences = [
            gettext(
                "This week %(count)s new grievances, the same as the average of the last four "
                "weeks."
            )
            % figures
        ]
    growing = [row for row in briefing.by_category if row.growth > 0]
    if growing:
        top = max(growing, key=lambda row: (row.growth, row.count))
        where = next((m.area for m in briefing.rising if m.category == top.name), None)
        values = {
            "category": top.name,
            "count": top.count,
            "average": average_text(top.previous_average),
        }
        if where:
            sentences.append(
                gettext(
                    "%(category)s rose most (%(count)s against %(average)s a week before), above "
                    "all in %(area)s."
                )
                % {**values, "area": where}
            )
        else:
            sentences.append(
                gettext("%(category)s rose most (%(count)s against %(average)s a week before).")
                % values
            )
    if briefing.groups:
        sentences.append(
            gettext(
                "%(groups)s of them speak for twenty people or more; the largest for %(people)s."
            )
            % {"groups": briefing.groups_total, "people": briefing.groups[0].people_affected}
        )
    sentences.append(
        gettext("At the week's end %(overdue)s cases were overdue and %(disputed)s disputed.")
        % {"overdue": briefing.overdue_total, "disputed": briefing.disputed_total}
    )
    answered = gettext(
        "During the week %(resolved)s grievances were answered and %(closed)s closed; "
        "complainants confirmed %(confirmed)s answers and disputed %(disputes)s."
    ) % {
        "resolved": briefing.resolved,
        "closed": briefing.closed,
        "confirmed": briefing.confirmed,
        "disputes": briefing.disputed_in_week,
    }
    sentences.append(answered)
    return sentences
