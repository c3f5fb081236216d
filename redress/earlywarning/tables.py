"""Count tables from CSV files or the database, and the default detector run over a range of
days on them. Shared by the earlywarning_scan command and the worker's daily scan."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from redress.earlywarning.detectors._common import FloatArray, IntArray
from redress.earlywarning.detectors.default import (
    DEFAULT_THRESHOLD,
    alert_clusters,
    default_detect,
)
from redress.earlywarning.detectors.scan import neighbour_matrix

COUNT_HEADER = ("area", "category", "date", "count")
NEIGHBOUR_HEADER = ("area", "neighbor")


class TableError(ValueError):
    """Bad input, with the line and column it is about."""


@dataclass(frozen=True)
class CountTable:
    areas: list[str]
    categories: list[str]
    first_date: dt.date
    counts: FloatArray  # area-major series x days

    def series(self, area: int, category: int) -> int:
        return area * len(self.categories) + category


@dataclass(frozen=True)
class Signal:
    area: str
    category: str
    date: dt.date
    score: float
    expected: float
    observed: float
    window: int
    cluster: tuple[str, ...]


def _open_rows(path: str, header: Sequence[str]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            yield from _rows(path, handle, header)
    except OSError as error:
        raise TableError(f"{path}: cannot read ({error.strerror}).") from error


def _rows(
    path: str, handle: Iterable[str], header: Sequence[str]
) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(handle)
    fields = [name.strip() for name in (reader.fieldnames or [])]
    unknown = [name for name in fields if name not in header]
    missing = [name for name in header if name not in fields]
    if unknown:
        raise TableError(f"{path}: line 1: unknown column {unknown[0]!r}.")
    if missing:
        raise TableError(f"{path}: line 1: missing column {missing[0]!r}.")
    reader.fieldnames = fields
    for number, row in enumerate(reader, start=2):
        yield number, {key: (value or "").strip() for key, value in row.items() if key}


def read_counts(path: str, *, until: dt.date) -> list[tuple[str, str, dt.date, int]]:
    """Rows of a count CSV dated on or before `until` (later rows are checked, then dropped:
    the scan never sees them)."""
    rows = []
    for number, row in _open_rows(path, COUNT_HEADER):
        for column in ("area", "category"):
            if not row[column]:
                raise TableError(f"{path}: line {number}: column {column!r} is empty.")
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError as error:
            raise TableError(
                f"{path}: line {number}: column 'date': {row['date']!r} is not a date (YYYY-MM-DD)."
            ) from error
        try:
            count = int(row["count"])
        except ValueError as error:
            raise TableError(
                f"{path}: line {number}: column 'count': {row['count']!r} is not a whole number."
            ) from error
        if count < 0:
            raise TableError(f"{path}: line {number}: column 'count' is negative ({count}).")
        if day <= until:
            rows.append((row["area"], row["category"], day, count))
    return rows


def read_neighbours(path: str) -> list[tuple[str, str]]:
    pairs = []
    for number, row in _open_rows(path, NEIGHBOUR_HEADER):
        if not row["area"] or not row["neighbor"]:
            raise TableError(f"{path}: line {number}: 'area' and 'neighbor' must not be empty.")
        pairs.append((row["area"], row["neighbor"]))
    return pairs


def table_build(
    rows: Iterable[tuple[str, str, dt.date, int]],
    *,
    until: dt.date,
    first_date: dt.date | None = None,
) -> CountTable:
    """A dense table from sparse rows (zero where a row is missing), days up to `until`."""
    rows = [row for row in rows if row[2] <= until]
    areas = sorted({row[0] for row in rows})
    categories = sorted({row[1] for row in rows})
    start = first_date or min((row[2] for row in rows), default=until)
    days = (until - start).days + 1
    counts = np.zeros((len(areas) * len(categories), max(days, 1)))
    area_index = {name: index for index, name in enumerate(areas)}
    category_index = {name: index for index, name in enumerate(categories)}
    for area, category, day, count in rows:
        column = (day - start).days
        if column >= 0:
            counts[area_index[area] * len(categories) + category_index[category], column] += count
    return CountTable(areas=areas, categories=categories, first_date=start, counts=counts)


def table_neighbours(table: CountTable, pairs: Iterable[tuple[str, str]]) -> IntArray:
    index = {name: number for number, name in enumerate(table.areas)}
    known = [(index[a], index[b]) for a, b in pairs if a in index and b in index]
    return neighbour_matrix(known, areas=len(table.areas))


def table_scan(
    table: CountTable,
    *,
    date_from: dt.date,
    date_to: dt.date,
    neighbours: IntArray | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Signal]:
    """Signals of the default detector for each day from `date_from` to `date_to`. Day t's
    score depends on the table's columns up to t only (the detectors are causal), so scoring
    all days in one pass is the same as scoring each day as it comes."""
    if not table.areas or date_to < table.first_date:
        return []
    start = max(0, (date_from - table.first_date).days)
    end = (date_to - table.first_date).days + 1
    counts = table.counts[:, :end]
    if start >= counts.shape[1]:
        return []
    detection = default_detect(
        counts,
        categories=len(table.categories),
        first_weekday=table.first_date.weekday(),
        start=start,
        neighbours=neighbours,
    )
    alerts = detection.score > threshold
    clusters: dict[tuple[int, int, int], set[int]] = {}
    if neighbours is not None and alerts.any():
        for cluster in alert_clusters(
            alerts, categories=len(table.categories), neighbours=neighbours
        ):
            for area in cluster.areas:
                clusters[(area, cluster.category, cluster.day)] = set(cluster.areas)
    signals = []
    width = len(table.categories)
    for series, day in zip(*np.nonzero(alerts), strict=True):
        area, category = divmod(int(series), width)
        # Neighbours alerting the same day, and the areas of the scan's set if it won.
        members = clusters.get((area, category, int(day)), {area})
        members |= {int(m) for m in detection.members[series, day] if m >= 0}
        signals.append(
            Signal(
                area=table.areas[area],
                category=table.categories[category],
                date=table.first_date + dt.timedelta(days=start + int(day)),
                score=float(detection.score[series, day]),
                expected=float(detection.expected[series, day]),
                observed=float(detection.observed[series, day]),
                window=int(detection.window[series, day]),
                cluster=tuple(sorted(table.areas[m] for m in members)),
            )
        )
    signals.sort(key=lambda signal: (signal.date, signal.area, signal.category))
    return signals
