"""The product's default detector.

The alert decision is the negative binomial test of redress.earlywarning.detectors.negbin
(weekday- and season-adjusted expectation, overdispersion estimated from the recent residuals,
windows of 1 to 14 days) at the threshold the benchmark calibrated to 0.2 false alerts per
series-year (bench/earlywarning_bench.py). Neighbouring areas that alert for the same category
on the same day are then joined into one cluster, which is what the space-time scan of
redress.earlywarning.detectors.scan finds as well; on the benchmark, letting the scan itself
trigger alerts credited surges to their quiet neighbours and doubled the false alerts, so it
is a detector of its own (reported by the benchmark) rather than a trigger here.

References: see negbin.py and scan.py."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from redress.earlywarning.detectors._common import IntArray
from redress.earlywarning.detectors.negbin import Detection, negbin_detect

# Calibrated on surge-free synthetic tables to 0.2 false alerts per series-year; see the README
# table. Scores are -log10 p-values (Bonferroni over the windows).
DEFAULT_THRESHOLD = 2.75
DETECTOR_NAME = "negbin-default"


def default_detect(
    counts: npt.ArrayLike,
    *,
    categories: int,
    first_weekday: int,
    start: int = 0,
) -> Detection:
    """Scores of an area-major table (row = area * categories + category) for days start..."""
    x = np.asarray(counts, dtype=np.float64)
    groups = np.tile(np.arange(categories), x.shape[0] // categories)
    return negbin_detect(x, first_weekday=first_weekday, groups=groups, start=start)


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
