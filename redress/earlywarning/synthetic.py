"""A seeded generator of synthetic count tables with surges of known truth, for the benchmark
and the tests: areas on a grid (each area's neighbours are the up to eight around it), and per
series an overdispersed (gamma-Poisson) count with its own rate, a weekday profile, a yearly
season and a slow trend. Surges add Poisson excess counts to one area or a few neighbours of
one category for 3 to 14 days; the excess per day and area is `multiple` x the series' daily
standard deviation (at least `multiple` x 0.5 cases: a surge in a quiet series is still
several grievances)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from redress.earlywarning.detectors._common import FloatArray, IntArray

SIZES: dict[str, float] = {"small": 1.0, "medium": 2.0, "large": 4.0}


@dataclass(frozen=True)
class Surge:
    areas: tuple[int, ...]
    category: int
    start: int  # column in the table
    end: int  # last column, inclusive
    size: str


@dataclass
class Table:
    counts: FloatArray  # series x days, area-major: area * categories + category
    rows: int
    cols: int
    categories: int
    first_weekday: int
    neighbour_pairs: list[tuple[int, int]]
    surges: list[Surge] = field(default_factory=list)

    @property
    def areas(self) -> int:
        return self.rows * self.cols

    def series(self, area: int, category: int) -> int:
        return area * self.categories + category


def grid_pairs(rows: int, cols: int) -> list[tuple[int, int]]:
    pairs = []
    for r in range(rows):
        for c in range(cols):
            for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < rows and 0 <= cc < cols:
                    pairs.append((r * cols + c, rr * cols + cc))
    return pairs


def generate(
    *,
    seed: int,
    rows: int,
    cols: int,
    categories: int,
    days: int,
    surges: int = 0,
    surge_from: int = 0,
) -> Table:
    """A table of `days` columns; surges start at column `surge_from` or later and end before
    the table does."""
    rng = np.random.default_rng(seed)
    areas = rows * cols
    area_size = rng.lognormal(0.0, 0.7, areas)
    category_share = rng.lognormal(-0.8, 0.8, categories)
    rate = np.outer(area_size, category_share).ravel() * rng.lognormal(0.0, 0.4, areas * categories)
    rate = np.clip(rate, 0.03, 30.0)
    series = rate.size
    t = np.arange(days)
    first_weekday = int(rng.integers(7))
    weekday = (first_weekday + t) % 7
    profile = np.array([1.2, 1.15, 1.1, 1.1, 1.05, 0.7, 0.5])
    category_profile = profile * rng.uniform(0.9, 1.1, (categories, 7))
    category_profile /= category_profile.mean(axis=1, keepdims=True)
    amplitude = rng.uniform(0.05, 0.3, categories)
    phase = rng.uniform(0, 365.25, categories)
    season = 1.0 + amplitude[:, None] * np.sin(2 * np.pi * (t[None, :] + phase[:, None]) / 365.25)
    trend = np.exp(np.outer(rng.normal(0.0, 0.15, series), t / 365.25))
    category_of = np.tile(np.arange(categories), areas)
    mean = rate[:, None] * category_profile[category_of][:, weekday] * season[category_of] * trend
    size = rng.uniform(2.0, 15.0, series)[:, None]
    counts = rng.poisson(rng.gamma(size, mean / size)).astype(np.float64)
    table = Table(
        counts=counts,
        rows=rows,
        cols=cols,
        categories=categories,
        first_weekday=first_weekday,
        neighbour_pairs=grid_pairs(rows, cols),
    )
    if surges:
        _inject(table, rng=rng, mean=mean, size=size, count=surges, surge_from=surge_from)
    return table


def _inject(
    table: Table,
    *,
    rng: np.random.Generator,
    mean: FloatArray,
    size: FloatArray,
    count: int,
    surge_from: int,
) -> None:
    days = table.counts.shape[1]
    busy = np.zeros_like(table.counts, dtype=bool)
    neighbours: list[list[int]] = [[] for _ in range(table.areas)]
    for a, b in table.neighbour_pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)
    names = list(SIZES)
    attempts = 0
    while len(table.surges) < count and attempts < count * 20:
        attempts += 1
        centre = int(rng.integers(table.areas))
        category = int(rng.integers(table.categories))
        extra = 0 if rng.random() < 0.6 else int(rng.integers(1, 4))
        chosen = [centre, *rng.permutation(neighbours[centre])[:extra].tolist()]
        length = int(rng.integers(3, 15))
        start = int(rng.integers(surge_from, days - length))
        end = start + length - 1
        rows = [table.series(area, category) for area in chosen]
        if busy[rows, max(0, start - 14) : end + 15].any():
            continue
        label = names[int(rng.integers(len(names)))]
        multiple = SIZES[label]
        for row in rows:
            mu = mean[row, start : end + 1]
            sd = np.sqrt(mu + mu * mu / size[row, 0])
            table.counts[row, start : end + 1] += rng.poisson(multiple * np.maximum(sd, 0.5))
            busy[row, start : end + 1] = True
        table.surges.append(Surge(tuple(chosen), category, start, end, label))


def neighbour_index(table: Table) -> IntArray:
    from redress.earlywarning.detectors.scan import neighbour_matrix

    return neighbour_matrix(table.neighbour_pairs, areas=table.areas)
