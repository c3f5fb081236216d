"""Open data: the public statistics as a fixed lattice of cells, safe against differencing.

The only figures ever published are the cells of one lattice:

    calendar month (the last 12 completed months) x category x area

where an area is a township (with everything below it) or a county's own level (grievances
placed on the county itself, not in one of its townships). A cell counts the grievances
received in that month, category and area. Rules that make small counts unrecoverable:

1. A cell under SUPPRESS_BELOW (1 to 4) is published as null with suppressed=true. Zero is
   published as zero.
2. Every total (by month, category or area, or overall) is computed from the published cells
   only: the sum of the visible cells plus the number of suppressed cells, given as a range
   (each suppressed cell holds 1 to 4). So no total carries anything a suppressed cell hid.
3. Queries only select cells of the lattice (month, area, category are exact keys, never date
   ranges or thresholds), and a cell has one value whichever query returns it: two
   overlapping queries return the same numbers for the cells they share, so subtracting them
   yields only sums of published cells.
4. Only completed months are published, so a cell does not grow from day to day (comparing
   yesterday's and today's figures would reveal single new grievances).

Together: the whole output is a function of the cells of 5 or more and of which cells are
under 5, never of the values under 5. tests/test_opendata.py checks exactly that. No case-level
data and no text of any grievance leaves through here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from redress.cases.models import Case, Category
from redress.core import clock
from redress.core.i18n import pick
from redress.orgs.models import Jurisdiction, Level
from redress.reports.selectors import SUPPRESS_BELOW

MONTHS = 12
LICENCE = "CC BY 4.0"
CACHE_SECONDS = 3600
TOTAL_KEYS = ("month", "category", "area")


@dataclass(frozen=True)
class Area:
    code: str
    name_zh: str
    name_en: str
    level: str
    path: str


@dataclass(frozen=True)
class Cell:
    month: str
    area: str
    category: str
    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Total:
    key: str
    published: int  # sum of the visible cells
    suppressed_cells: int

    @property
    def low(self) -> int:
        return self.published + self.suppressed_cells

    @property
    def high(self) -> int:
        return self.published + (SUPPRESS_BELOW - 1) * self.suppressed_cells

    @property
    def exact(self) -> bool:
        return self.suppressed_cells == 0


@dataclass(frozen=True)
class OpenDataset:
    months: list[str]
    areas: list[Area]
    categories: list[Category]
    cells: list[Cell]

    @property
    def since(self) -> str:
        return self.months[0]

    @property
    def until(self) -> str:
        return self.months[-1]


def _published(count: int) -> int | None:
    return None if 0 < count < SUPPRESS_BELOW else count


def _month_starts(now: dt.datetime) -> list[dt.date]:
    """The first days of the last MONTHS completed months, oldest first, plus the first day of
    the current month (the end of the window)."""
    current = timezone.localtime(now).date().replace(day=1)
    starts = [current]
    for _ in range(MONTHS):
        starts.append((starts[-1] - dt.timedelta(days=1)).replace(day=1))
    return starts[::-1]


def _areas() -> list[Area]:
    areas = []
    for jurisdiction in Jurisdiction.objects.filter(
        level__in=(Level.COUNTY, Level.TOWNSHIP)
    ).order_by("path"):
        code = jurisdiction.code or str(jurisdiction.pk)
        areas.append(
            Area(
                code=code,
                name_zh=jurisdiction.name_zh,
                name_en=jurisdiction.name_en or jurisdiction.name_zh,
                level=jurisdiction.level,
                path=jurisdiction.path,
            )
        )
    return areas


def _area_of(path: str, by_path: dict[str, Area]) -> Area | None:
    """The township a case lies in, else the county it lies in; None above county level."""
    parts = [part for part in path.strip("/").split("/") if part]
    found = None
    prefix = "/"
    for part in parts:
        prefix = f"{prefix}{part}/"
        area = by_path.get(prefix)
        if area is not None:
            found = area  # the deepest wins: a township beats its county
    return found


def opendata_dataset(*, now: dt.datetime | None = None) -> OpenDataset:
    """The whole lattice for the window ending with the last completed month, cached until
    the window moves (it changes once a month)."""
    now = now or clock.now()
    starts = _month_starts(now)
    key = f"reports:opendata:{starts[-1].isoformat()}"
    cached = cache.get(key)
    if isinstance(cached, OpenDataset):
        return cached
    dataset = _dataset_compute(starts)
    cache.set(key, dataset, CACHE_SECONDS)
    return dataset


def _dataset_compute(starts: list[dt.date]) -> OpenDataset:
    zone = timezone.get_default_timezone()
    since = dt.datetime.combine(starts[0], dt.time(), tzinfo=zone)
    until = dt.datetime.combine(starts[-1], dt.time(), tzinfo=zone)
    months = [start.strftime("%Y-%m") for start in starts[:-1]]
    areas = _areas()
    by_path = {area.path: area for area in areas}
    categories = list(Category.objects.order_by("sort_order", "code"))
    code_of = {category.pk: category.code for category in categories}
    # Every grievance received counts, merged ones too: a month's figure must not change after
    # the month because two cases were later found to be one.
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for row in (
        Case.objects.filter(submitted_at__gte=since, submitted_at__lt=until)
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("jurisdiction_path", "category_id", "month")
        .annotate(n=Count("pk"))
    ):
        area = _area_of(row["jurisdiction_path"], by_path)
        if area is None or row["month"] is None:
            continue
        month = timezone.localtime(row["month"], zone).strftime("%Y-%m")
        counts[(month, area.code, code_of[row["category_id"]])] += row["n"]
    cells = [
        Cell(
            month=month,
            area=area.code,
            category=category.code,
            count=_published(counts.get((month, area.code, category.code), 0)),
        )
        for month in months
        for area in areas
        for category in categories
    ]
    return OpenDataset(months=months, areas=areas, categories=categories, cells=cells)


class OpenDataQueryError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def opendata_cells(
    dataset: OpenDataset,
    *,
    month: str | None = None,
    area: str | None = None,
    category: str | None = None,
) -> list[Cell]:
    """Cells of the lattice matching exact keys; an unknown key is an error naming it."""
    if month is not None and month not in dataset.months:
        raise OpenDataQueryError(
            "month",
            gettext("Published months are %(since)s to %(until)s (YYYY-MM).")
            % {"since": dataset.since, "until": dataset.until},
        )
    if area is not None and area not in {a.code for a in dataset.areas}:
        raise OpenDataQueryError("area", gettext("No published area has this code."))
    if category is not None and category not in {c.code for c in dataset.categories}:
        raise OpenDataQueryError("category", gettext("No category has this code."))
    return [
        cell
        for cell in dataset.cells
        if (month is None or cell.month == month)
        and (area is None or cell.area == area)
        and (category is None or cell.category == category)
    ]


def totals_of(cells: Iterable[Cell], *, by: str | None) -> list[Total]:
    """Totals computed from published cells only (see rule 2 above)."""
    if by is not None and by not in TOTAL_KEYS:
        raise OpenDataQueryError(
            "by", gettext("Totals are by %(keys)s.") % {"keys": ", ".join(TOTAL_KEYS)}
        )
    published: dict[str, int] = defaultdict(int)
    suppressed: dict[str, int] = defaultdict(int)
    order: list[str] = []
    for cell in cells:
        key = getattr(cell, by) if by else "all"
        if key not in published:
            order.append(key)
            published[key] = 0
        if cell.count is None:
            suppressed[key] += 1
        else:
            published[key] += cell.count
    return [
        Total(key=key, published=published[key], suppressed_cells=suppressed[key]) for key in order
    ]


@dataclass(frozen=True)
class NamedTotal:
    name: str
    total: Total


@dataclass(frozen=True)
class PublicStatistics:
    since: str
    until: str
    total: Total
    by_category: list[NamedTotal]
    by_area: list[NamedTotal]
    by_month: list[NamedTotal]


def public_statistics(*, now: dt.datetime | None = None) -> PublicStatistics:
    """The public statistics page: every figure a total of published cells."""
    dataset = opendata_dataset(now=now)
    category_names = {c.code: c.name for c in dataset.categories}
    area_names = {a.code: area_label(a) for a in dataset.areas}

    def named(by: str, names: dict[str, str] | None = None) -> list[NamedTotal]:
        return [
            NamedTotal(name=names[t.key] if names else t.key, total=t)
            for t in totals_of(dataset.cells, by=by)
        ]

    return PublicStatistics(
        since=dataset.since,
        until=dataset.until,
        total=totals_of(dataset.cells, by=None)[0]
        if dataset.cells
        else Total(key="all", published=0, suppressed_cells=0),
        by_category=named("category", category_names),
        by_area=named("area", area_names),
        by_month=named("month"),
    )


def area_label(area: Area) -> str:
    name = pick(area.name_zh, area.name_en)
    if area.level == Level.COUNTY:
        return gettext("%(county)s (county level)") % {"county": name}
    return name
