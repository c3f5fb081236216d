"""Poisson CUSUM against a moving baseline.

References: Lucas JM. "Counted data CUSUM's." Technometrics 1985;27(2):129-44 (the Poisson
CUSUM and its reference value k = (lambda1 - lambda0) / ln(lambda1 / lambda0)); Fricker,
Hegler, Dunfee, Stat Med 2008;27:3407-29 (a CUSUM on a moving baseline as a syndromic
surveillance baseline method).

lambda0 is the mean of the 28 days ending 3 days before t (a guard band keeps a surge's first
days out of its own baseline); the CUSUM is tuned to detect a doubling. The score is the CUSUM
S_t = max(0, S_{t-1} + x_t - k_t), which is reset after it passes `reset_at` so that one surge
does not keep it high for weeks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from redress.earlywarning.detectors._common import (
    FloatArray,
    cumulative,
    window_days,
    window_sum,
)

BASELINE_DAYS = 28
GUARD_DAYS = 2
SHIFT = 2.0
MIN_RATE = 0.05


def poisson_cusum(
    counts: npt.ArrayLike, *, shift: float = SHIFT, reset_at: float | None = None
) -> FloatArray:
    """Poisson CUSUM per series and day (higher means more evidence of a rise)."""
    x = np.asarray(counts, dtype=np.float64)
    series, days = x.shape
    covered = window_days(days, length=BASELINE_DAYS, lag=GUARD_DAYS + 1)
    total = window_sum(cumulative(x), length=BASELINE_DAYS, lag=GUARD_DAYS + 1)
    rate0 = np.maximum(total / np.maximum(covered, 1.0), MIN_RATE)
    rate1 = rate0 * shift
    reference = (rate1 - rate0) / np.log(shift)
    score = np.zeros_like(x)
    state = np.zeros(series)
    first = GUARD_DAYS + 1 + 7  # at least a week of baseline
    for t in range(first, days):
        state = np.maximum(0.0, state + x[:, t] - reference[:, t])
        score[:, t] = state
        if reset_at is not None:
            state[state > reset_at] = 0.0
    return score
