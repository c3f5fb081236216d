"""Causal window arithmetic shared by the detectors.

Every detector takes a count table `counts` of shape (series, days), oldest day first, and
returns one score per series and day in which the score of day t depends only on columns
0..t. Window sums are differences of one cumulative sum, so all series and days cost one pass."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def cumulative(values: npt.ArrayLike) -> FloatArray:
    """Cumulative sums along the day axis with a leading zero column: the sum over days
    [a, b) is `c[:, b] - c[:, a]`."""
    array = np.asarray(values, dtype=np.float64)
    out = np.zeros((array.shape[0], array.shape[1] + 1), dtype=np.float64)
    np.cumsum(array, axis=1, out=out[:, 1:])
    return out


def window_sum(cum: FloatArray, *, length: int, lag: int = 0) -> FloatArray:
    """For each day t, the sum over the `length` days ending `lag` days before t (days
    t-lag-length+1 .. t-lag), clipped at the start of the table."""
    days = cum.shape[1] - 1
    t = np.arange(days)
    end = np.clip(t - lag + 1, 0, days)
    start = np.clip(t - lag - length + 1, 0, days)
    return cum[:, end] - cum[:, start]


def window_days(days: int, *, length: int, lag: int = 0) -> FloatArray:
    """How many days `window_sum` actually covered on each day (short at the start)."""
    t = np.arange(days)
    end = np.clip(t - lag + 1, 0, days)
    start = np.clip(t - lag - length + 1, 0, days)
    return (end - start).astype(np.float64)


def weekdays(*, first_weekday: int, days: int) -> IntArray:
    """Weekday (Monday 0) of each column, given the weekday of column 0."""
    return ((first_weekday + np.arange(days)) % 7).astype(np.int64)
