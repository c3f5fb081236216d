"""A day-of-week and seasonally adjusted expectation per series, and a negative binomial test of
the observed counts against it over several window lengths.

References: Farrington CP, Andrews NJ, Beale AD, Catchpole MA. "A statistical algorithm for the
early detection of outbreaks of infectious disease." J R Stat Soc A 1996;159:547-63 (an
expectation from the series' own history, tested with an overdispersion-aware threshold);
Noufaily A et al. "An improved algorithm for outbreak detection in multiple surveillance
systems." Stat Med 2013;32:1206-22 (the negative binomial version, and excluding recent weeks
from the baseline); Buckeridge DL. "Outbreak detection through automated surveillance: a
review of the determinants of detection." J Biomed Inform 2007;40:370-9 (day-of-week effects).

The expectation of series s on day t is level x weekday factor x seasonal factor:
- level: the mean of the 56 days ending GUARD_DAYS+1 days before t (a guard band keeps the first
  days of a surge out of its own baseline; 56 days hold each weekday eight times), shrunk
  towards the mean of the year before with the weight of 28 days (sparse series have noisy
  eight-week means; the benchmark gained two points of sensitivity);
- weekday factor: the share of the group's (category's) counts falling on that weekday over the
  past year, pooled across areas because one area's counts are too few to estimate seven shares;
- seasonal factor: the group's count a year earlier around day t over its count a year earlier in
  the baseline window (1 without a year of history).
Overdispersion: var = mu + theta * mu^2, theta estimated per group and day by the method of
moments from the residuals of the previous 56 days. The test of window w: the sum of the last w
days against the sum of expectations, negative binomial with the matching mean and variance.
Everything on day t uses only days up to t."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import betainc, gammainc

from redress.earlywarning.detectors._common import (
    FloatArray,
    IntArray,
    cumulative,
    weekdays,
    window_sum,
)

GUARD_DAYS = 2
LEVEL_DAYS = 56
LONG_DAYS = 364
LONG_WEIGHT = 28.0
WEEKDAY_DAYS = 364
DISPERSION_DAYS = 56
SEASON_HALF_WIDTH = 14
YEAR = 364  # whole weeks, so the weekday mix of the year-ago windows matches
MIN_RATE = 0.02
MAX_THETA = 5.0
WINDOWS: tuple[int, ...] = (1, 2, 3, 5, 7, 10, 14)
# Days of history before a day can be scored at all.
WARMUP_DAYS = GUARD_DAYS + 1 + 14


@dataclass(frozen=True)
class Expectation:
    """Expected counts `mu` (series x days), the overdispersion `theta` (series x days), and
    the first day with a usable expectation. Both arrays cover days `offset`.. of the table."""

    mu: FloatArray
    theta: FloatArray
    offset: int


def _group_rows(groups: IntArray | None, series: int) -> tuple[IntArray, int]:
    if groups is None:
        return np.zeros(series, dtype=np.int64), 1
    rows = np.asarray(groups, dtype=np.int64)
    return rows, int(rows.max()) + 1 if rows.size else 1


def _group_sums(values: FloatArray, rows: IntArray, count: int) -> FloatArray:
    out = np.zeros((count, values.shape[1]), dtype=np.float64)
    for group in range(count):
        out[group] = values[rows == group].sum(axis=0)
    return out


def expectation(
    counts: npt.ArrayLike,
    *,
    first_weekday: int,
    groups: IntArray | None = None,
    offset: int = 0,
    seasonal: bool = True,
) -> Expectation:
    """The expected count of every series on every day from `offset` (earlier columns are used
    as history only; pass the first day you will score minus the test windows to save work)."""
    x = np.asarray(counts, dtype=np.float64)
    series, days = x.shape
    rows, group_count = _group_rows(groups, series)
    grouped = _group_sums(x, rows, group_count)
    weekday = weekdays(first_weekday=first_weekday, days=days)

    # Weekday shares per group, from the year before the guard band, shrunk towards flat.
    share = np.empty((group_count, 7, days))
    for day_of_week in range(7):
        cum = cumulative(grouped * (weekday == day_of_week))
        share[:, day_of_week] = window_sum(cum, length=WEEKDAY_DAYS, lag=GUARD_DAYS + 1)
    share = (share + 1.0) / (share.sum(axis=1, keepdims=True) + 7.0)
    factor = 7.0 * share[:, weekday, np.arange(days)]  # group x day

    if seasonal:
        grouped_cum = cumulative(grouped)
        # The year-ago neighbourhood of t (centred) against the year-ago baseline window.
        around = window_sum(
            grouped_cum, length=2 * SEASON_HALF_WIDTH + 1, lag=YEAR - SEASON_HALF_WIDTH
        )
        before = window_sum(grouped_cum, length=LEVEL_DAYS, lag=YEAR + GUARD_DAYS + 1)
        ratio = (around / (2 * SEASON_HALF_WIDTH + 1) + 0.5) / (before / LEVEL_DAYS + 0.5)
        has_year = np.arange(days) >= YEAR + SEASON_HALF_WIDTH + LEVEL_DAYS + GUARD_DAYS
        factor = factor * np.where(has_year, np.clip(ratio, 0.5, 2.0), 1.0)

    start = max(0, offset - DISPERSION_DAYS - GUARD_DAYS - 1)
    tail = x[:, start:]
    recent = window_sum(cumulative(tail), length=LEVEL_DAYS, lag=GUARD_DAYS + 1)
    if LONG_WEIGHT > 0:
        early = max(0, start - LONG_DAYS - GUARD_DAYS - 1)
        long_sum = window_sum(cumulative(x[:, early:]), length=LONG_DAYS, lag=GUARD_DAYS + 1)
        covered = np.clip(np.arange(early, days) - GUARD_DAYS, 0, LONG_DAYS)
        long_mean = (long_sum / np.maximum(covered, 1))[:, start - early :]
        level = (recent + LONG_WEIGHT * long_mean) / (LEVEL_DAYS + LONG_WEIGHT)
    else:
        level = recent / LEVEL_DAYS
    mu = np.maximum(level * factor[rows][:, start:], MIN_RATE)
    local_days = np.arange(start, days)
    usable = local_days >= WARMUP_DAYS
    mu[:, ~usable] = MIN_RATE

    # Method-of-moments overdispersion per group from earlier residuals, over the series that
    # have had a count by then: a series that starts later must not change earlier days.
    # A series counts once its first count is older than the level window, so that the zeros
    # before it began do not pass for a low level. Squared residuals are capped (a z of 4 at
    # theta = 1) so that one surge does not inflate the dispersion for the weeks after it.
    seen = np.cumsum(x, axis=1) > 0
    lead = LEVEL_DAYS + GUARD_DAYS + 1
    settled = np.zeros_like(seen)
    settled[:, lead:] = seen[:, :-lead]
    active = usable & settled[:, start:]
    residual = np.minimum((tail - mu) ** 2, 16.0 * (mu + mu * mu))
    excess = np.where(active, residual - mu, 0.0)
    squares = np.where(active, mu * mu, 0.0)
    numerator = window_sum(
        cumulative(_group_sums(excess, rows, group_count)), length=DISPERSION_DAYS, lag=1
    )
    denominator = window_sum(
        cumulative(_group_sums(squares, rows, group_count)), length=DISPERSION_DAYS, lag=1
    )
    theta_group = np.clip(numerator / np.maximum(denominator, 1e-9), 0.0, MAX_THETA)
    cut = offset - start
    return Expectation(mu=mu[:, cut:], theta=theta_group[rows][:, cut:], offset=offset)


def upper_tail_log10(observed: FloatArray, mean: FloatArray, variance: FloatArray) -> FloatArray:
    """-log10 P(X >= observed) for X negative binomial with this mean and variance (Poisson
    when the variance is not above the mean)."""
    observed = np.asarray(observed, dtype=np.float64)
    mean = np.maximum(mean, 1e-9)
    extra = np.maximum(variance - mean, 0.0)
    positive = observed >= 1
    p = np.ones_like(observed)
    poisson = positive & (extra <= 1e-9 * mean)
    negbin = positive & ~poisson
    if poisson.any():
        p[poisson] = gammainc(observed[poisson], mean[poisson])
    if negbin.any():
        size = mean[negbin] ** 2 / extra[negbin]
        p[negbin] = betainc(observed[negbin], size, mean[negbin] / (size + mean[negbin]))
    return -np.log10(np.clip(p, 1e-300, 1.0))


@dataclass(frozen=True)
class WindowStats:
    """Observed and expected sums and the variance of the sum, per window, for scored days."""

    windows: tuple[int, ...]
    observed: FloatArray  # window x series x day
    expected: FloatArray
    variance: FloatArray


def window_stats(
    counts: npt.ArrayLike, model: Expectation, *, windows: Sequence[int] = WINDOWS
) -> WindowStats:
    """Sums over the last w days (including t) for every scored day t >= model.offset + max(w)
    - the first max(windows) days of the model are history for the windows."""
    x = np.asarray(counts, dtype=np.float64)[:, model.offset :]
    cum_x, cum_mu = cumulative(x), cumulative(model.mu)
    cum_mu2 = cumulative(model.mu * model.mu)
    observed, expected, variance = [], [], []
    for window in windows:
        e = window_sum(cum_mu, length=window)
        observed.append(window_sum(cum_x, length=window))
        expected.append(e)
        variance.append(e + model.theta * window_sum(cum_mu2, length=window))
    return WindowStats(
        windows=tuple(windows),
        observed=np.stack(observed),
        expected=np.stack(expected),
        variance=np.stack(variance),
    )


@dataclass(frozen=True)
class Detection:
    """Per series and scored day: the score, and the best window's length and sums."""

    score: FloatArray
    window: IntArray
    observed: FloatArray
    expected: FloatArray


def negbin_detect(
    counts: npt.ArrayLike,
    *,
    first_weekday: int,
    groups: IntArray | None = None,
    start: int = 0,
    windows: Sequence[int] = WINDOWS,
    model: Expectation | None = None,
) -> Detection:
    """-log10 of the smallest window p-value, Bonferroni-adjusted for the number of windows,
    per series for days `start`.. (series x (days - start)), with the window behind it.
    `model` may pass an expectation already computed for this table (offset <= start -
    max(windows))."""
    if model is None:
        offset = max(0, start - max(windows))
        model = expectation(counts, first_weekday=first_weekday, groups=groups, offset=offset)
    stats = window_stats(counts, model, windows=windows)
    cut = start - model.offset
    observed = stats.observed[:, :, cut:]
    expected = stats.expected[:, :, cut:]
    each = upper_tail_log10(observed, expected, stats.variance[:, :, cut:])
    best = np.argmax(each, axis=0)
    score = np.take_along_axis(each, best[None], axis=0)[0] - np.log10(len(windows))
    score[:, : max(0, WARMUP_DAYS - start)] = 0.0
    return Detection(
        score=np.maximum(score, 0.0),
        window=np.asarray(windows, dtype=np.int64)[best],
        observed=np.take_along_axis(observed, best[None], axis=0)[0],
        expected=np.take_along_axis(expected, best[None], axis=0)[0],
    )


def negbin_scores(
    counts: npt.ArrayLike,
    *,
    first_weekday: int,
    groups: IntArray | None = None,
    start: int = 0,
    windows: Sequence[int] = WINDOWS,
) -> FloatArray:
    """The negative binomial score alone (see negbin_detect)."""
    return negbin_detect(
        counts, first_weekday=first_weekday, groups=groups, start=start, windows=windows
    ).score
