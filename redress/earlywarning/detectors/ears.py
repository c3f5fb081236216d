"""The CDC's Early Aberration Reporting System statistics C1, C2 and C3.

References: Hutwagner L, Thompson W, Seeman GM, Treadwell T. "The bioterrorism preparedness and
response Early Aberration Reporting System (EARS)." J Urban Health 2003;80(2 Suppl 1):i89-96.
Fricker RD, Hegler BL, Dunfee DA. "Comparing syndromic surveillance detection methods: EARS'
versus a CUSUM-based methodology." Stat Med 2008;27(17):3407-29 (the definitions used here).

C1: (x_t - mean) / sd over the 7 days before t. C2: the same with a 2-day guard band (baseline
days t-9..t-3). C3: the sum over t, t-1, t-2 of max(0, C2 - 1). The customary thresholds are 3
(C1, C2) and 2 (C3); the benchmark calibrates them to a false-alert budget instead."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from redress.earlywarning.detectors._common import FloatArray, cumulative, window_sum

BASELINE_DAYS = 7
# A flat baseline has no spread; a floor keeps the statistic finite (EARS software uses a
# small minimum standard deviation for the same reason).
MIN_SD = 0.2


def _ears(counts: npt.ArrayLike, *, lag: int, min_sd: float) -> FloatArray:
    x = np.asarray(counts, dtype=np.float64)
    cum, cum2 = cumulative(x), cumulative(x * x)
    # The baseline of day t ends `lag + 1` days before it.
    total = window_sum(cum, length=BASELINE_DAYS, lag=lag + 1)
    total2 = window_sum(cum2, length=BASELINE_DAYS, lag=lag + 1)
    n = BASELINE_DAYS
    mean = total / n
    variance = np.maximum(total2 - n * mean * mean, 0.0) / (n - 1)
    score = (x - mean) / np.maximum(np.sqrt(variance), min_sd)
    # Days without a full baseline cannot be scored.
    score[:, : BASELINE_DAYS + lag] = 0.0
    return score


def ears_c1(counts: npt.ArrayLike, *, min_sd: float = MIN_SD) -> FloatArray:
    """EARS C1 per series and day: baseline the 7 days just before."""
    return _ears(counts, lag=0, min_sd=min_sd)


def ears_c2(counts: npt.ArrayLike, *, min_sd: float = MIN_SD) -> FloatArray:
    """EARS C2 per series and day: baseline days t-9..t-3 (a 2-day guard band)."""
    return _ears(counts, lag=2, min_sd=min_sd)


def ears_c3(counts: npt.ArrayLike, *, min_sd: float = MIN_SD) -> FloatArray:
    """EARS C3 per series and day: sum of max(0, C2 - 1) over the day and the two before."""
    excess = np.maximum(ears_c2(counts, min_sd=min_sd) - 1.0, 0.0)
    score = excess.copy()
    score[:, 1:] += excess[:, :-1]
    score[:, 2:] += excess[:, :-2]
    return score
