"""The product's default detector: the negative binomial test, and the space-time scan where
neighbours are known.

- redress.earlywarning.detectors.negbin: each series against its weekday- and season-adjusted
  expectation, overdispersion estimated from the recent residuals, windows of 1 to 14 days;
- redress.earlywarning.detectors.scan: the expectation-based scan over an area and its most
  anomalous neighbours, which finds surges spread thinly over a few neighbouring areas.
The score is the larger of the two, the scan's lowered by SCAN_OFFSET (its sets and windows
are many more chances to fire); both are -log10 p-values. The offset and DEFAULT_THRESHOLD were
tuned on the synthetic benchmark (bench/earlywarning_bench.py): at 3.0 the false alerts it
actually raises on the benchmark's table, surges included, stay within the budget of 0.2 per
series-year (a threshold calibrated on surge-free data alone lets through about 0.26); see the
README table.

References: see negbin.py and scan.py."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from redress.earlywarning.detectors._common import FloatArray, IntArray
from redress.earlywarning.detectors.negbin import WINDOWS, expectation, negbin_detect
from redress.earlywarning.detectors.scan import SCAN_WINDOWS, space_time_scan

DEFAULT_THRESHOLD = 3.0
SCAN_OFFSET = 1.0
DETECTOR_NAME = "negbin+scan"


@dataclass(frozen=True)
class DefaultDetection:
    """Per series (area-major) and scored day: the score and, from the winning component,
    the window, observed and expected sums, and the areas (-1 padded; the area alone when
    the single-area test won)."""

    score: FloatArray
    window: IntArray
    observed: FloatArray
    expected: FloatArray
    members: IntArray


def default_detect(
    counts: npt.ArrayLike,
    *,
    categories: int,
    first_weekday: int,
    start: int = 0,
    neighbours: IntArray | None = None,
) -> DefaultDetection:
    """Scores of an area-major table (row = area * categories + category) for days start..."""
    x = np.asarray(counts, dtype=np.float64)
    areas = x.shape[0] // categories
    groups = np.tile(np.arange(categories), areas)
    # One expectation serves both components (it is most of the work on a long table).
    offset = max(0, start - max(max(WINDOWS), max(SCAN_WINDOWS)))
    model = expectation(x, first_weekday=first_weekday, groups=groups, offset=offset)
    single = negbin_detect(x, first_weekday=first_weekday, groups=groups, start=start, model=model)
    own = np.repeat(np.arange(areas), categories)[:, None, None]
    members = np.broadcast_to(own, (*single.score.shape, 1)).astype(np.int64)
    if neighbours is None:
        return DefaultDetection(
            score=single.score,
            window=single.window,
            observed=single.observed,
            expected=single.expected,
            members=members,
        )
    scan = space_time_scan(
        x,
        categories=categories,
        neighbours=neighbours,
        first_weekday=first_weekday,
        start=start,
        model=model,
    )
    adjusted = scan.score - SCAN_OFFSET
    use = adjusted > single.score
    width = scan.members.shape[2]
    padded = np.full((*single.score.shape, width), -1, dtype=np.int64)
    padded[..., :1] = members
    return DefaultDetection(
        score=np.where(use, adjusted, single.score),
        window=np.where(use, scan.window, single.window),
        observed=np.where(use, scan.observed, single.observed),
        expected=np.where(use, scan.expected, single.expected),
        members=np.where(use[..., None], scan.members, padded),
    )


@dataclass(frozen=True)
class Cluster:
    category: int
    day: int  # scored-day index
    areas: tuple[int, ...]


def alert_clusters(
    alerts: npt.NDArray[np.bool_], *, categories: int, neighbours: IntArray
) -> list[Cluster]:
    """Groups the alerting (area, category) cells of each day into connected sets of
    neighbouring areas (neighbours: areas x degree, -1 padded)."""
    areas = alerts.shape[0] // categories
    cube = alerts.reshape(areas, categories, -1)
    clusters: list[Cluster] = []
    for area, category, day in zip(*np.nonzero(cube), strict=True):
        if any(c.category == category and c.day == day and area in c.areas for c in clusters):
            continue
        seen, stack = {int(area)}, [int(area)]
        while stack:
            current = stack.pop()
            for other in neighbours[current]:
                if other >= 0 and int(other) not in seen and cube[other, category, day]:
                    seen.add(int(other))
                    stack.append(int(other))
        clusters.append(Cluster(int(category), int(day), tuple(sorted(seen))))
    return clusters
