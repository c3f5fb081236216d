"""Scoring detectors against synthetic truth: false alerts per series-year (a run of
consecutive alert days that touches no surge of its series is one false alert), sensitivity
(a surge counts as detected if one of its series alerts on a day while it is under way), and
the delay from a surge's first day to its first alert. Also the threshold search that
calibrates a detector to a false-alert budget on surge-free data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from redress.earlywarning.detectors._common import FloatArray
from redress.earlywarning.synthetic import Surge, Table


def alert_runs(alerts: np.ndarray, truth: np.ndarray | None = None) -> tuple[int, int]:
    """(runs, runs touching no true surge day) of a boolean series x day array."""
    padded = np.zeros((alerts.shape[0], alerts.shape[1] + 1), dtype=bool)
    padded[:, 1:] = alerts
    starts = alerts & ~padded[:, :-1]
    runs = int(starts.sum())
    if truth is None:
        return runs, runs
    run_id = np.cumsum(starts.ravel())[alerts.ravel()] - 1
    touched = np.bincount(run_id, weights=truth.ravel()[alerts.ravel()], minlength=runs) > 0
    return runs, int(runs - touched.sum())


def false_per_series_year(alerts: np.ndarray, truth: np.ndarray | None = None) -> float:
    _, false = alert_runs(alerts, truth)
    return false / (alerts.shape[0] * alerts.shape[1] / 365.0)


def calibrate(scores: FloatArray, *, budget: float, truth: np.ndarray | None = None) -> float:
    """The lowest threshold whose false alerts per series-year on surge-free scores stay
    within `budget` (bisection: the run count falls as the threshold rises, near enough).
    With `truth` (the surge days of a table with surges), runs touching a surge are not
    false: the threshold that gives the budget as realised on that very table."""
    lo, hi = 0.0, float(scores.max()) + 1.0
    for _ in range(40):
        middle = (lo + hi) / 2
        if false_per_series_year(scores > middle, truth) > budget:
            lo = middle
        else:
            hi = middle
    return hi


@dataclass(frozen=True)
class Outcome:
    sensitivity: float
    by_size: dict[str, float]
    median_delay: float
    false_per_series_year: float


def surge_truth(table: Table, *, start: int) -> np.ndarray:
    """Series x scored day: True on the days a surge is under way."""
    truth = np.zeros((table.counts.shape[0], table.counts.shape[1] - start), dtype=bool)
    for surge in table.surges:
        for area in surge.areas:
            row = table.series(area, surge.category)
            truth[row, surge.start - start : surge.end - start + 1] = True
    return truth


def evaluate(alerts: np.ndarray, table: Table, *, start: int) -> Outcome:
    """`alerts` covers the table's days from `start` on."""
    truth = surge_truth(table, start=start)
    detected: dict[str, list[bool]] = {}
    delays: list[int] = []
    for surge in table.surges:
        rows = [table.series(area, surge.category) for area in surge.areas]
        window = alerts[rows, surge.start - start : surge.end - start + 1].any(axis=0)
        hit = bool(window.any())
        detected.setdefault(surge.size, []).append(hit)
        if hit:
            delays.append(int(np.argmax(window)))
    every = [hit for hits in detected.values() for hit in hits]
    return Outcome(
        sensitivity=float(np.mean(every)) if every else 0.0,
        by_size={size: float(np.mean(hits)) for size, hits in sorted(detected.items())},
        median_delay=float(np.median(delays)) if delays else float("nan"),
        false_per_series_year=false_per_series_year(alerts, truth),
    )


def surge_sizes(surges: list[Surge]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for surge in surges:
        sizes[surge.size] = sizes.get(surge.size, 0) + 1
    return sizes
