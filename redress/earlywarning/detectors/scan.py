"""A prospective expectation-based space-time scan over neighbouring areas.

References: Kulldorff M. "Prospective time periodic geographical disease surveillance using a
scan statistic." J R Stat Soc A 2001;164:61-72 (prospective cylinders: a set of areas and the
last w days); Neill DB, Moore AW, Sabhnani M, Daniel K. "Detection of emerging space-time
clusters." KDD 2005:218-27 (the expectation-based scan: counts against expectations from each
area's own history, not against the other areas); Tango T, Takahashi K. "A flexibly shaped
spatial scan statistic for detecting clusters." Int J Health Geogr 2005;4:11 (sets grown from
an area through its neighbours).

Each area is the centre of sets of 1..K areas: the centre plus its k-1 neighbours with the
largest standardised excess in the window (so the sets follow the surge's shape instead of a
fixed circle). For each set and window w of the last 1..14 days, the evidence is the
quasi-Poisson log-likelihood ratio LLR = (O log(O/E) - (O - E)) / phi, with O and E the set's
observed and expected sums and phi = variance / mean from the negative binomial expectation.
Significance is analytic: 2 LLR is asymptotically chi-squared with one degree of freedom, so
p = Phi(-sqrt(2 LLR)), Bonferroni-adjusted for the K x W cylinders of each centre. The score is
-log10 of that p."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import log_ndtr

from redress.earlywarning.detectors._common import FloatArray, IntArray
from redress.earlywarning.detectors.negbin import (
    WARMUP_DAYS,
    Expectation,
    expectation,
    window_stats,
)

SCAN_WINDOWS: tuple[int, ...] = (1, 2, 3, 5, 7, 10, 14)
MAX_SET = 4
DAY_CHUNK = 32


@dataclass(frozen=True)
class ScanResult:
    """Per series (area-major: area * categories + category) and scored day: the score, and
    the best cylinder's window length, observed and expected sums and its areas (-1 padded)."""

    score: FloatArray
    window: IntArray
    observed: FloatArray
    expected: FloatArray
    members: IntArray  # series x day x MAX_SET area indices


def neighbour_matrix(pairs: Sequence[tuple[int, int]], *, areas: int) -> IntArray:
    """Adjacency pairs (symmetrised) as an index array areas x max degree, padded with -1."""
    lists: list[set[int]] = [set() for _ in range(areas)]
    for a, b in pairs:
        if a != b:
            lists[a].add(b)
            lists[b].add(a)
    width = max((len(items) for items in lists), default=0)
    matrix = np.full((areas, max(width, 1)), -1, dtype=np.int64)
    for area, items in enumerate(lists):
        matrix[area, : len(items)] = sorted(items)
    return matrix


def quasi_llr(observed: FloatArray, expected: FloatArray, variance: FloatArray) -> FloatArray:
    phi = np.maximum(variance / np.maximum(expected, 1e-9), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    llr = (ratio - (observed - expected)) / phi
    return np.where(observed > expected, llr, 0.0)


def llr_log10_p(llr: FloatArray) -> FloatArray:
    """-log10 of the one-sided p-value of a likelihood ratio (chi-squared, 1 df)."""
    return -log_ndtr(-np.sqrt(2.0 * np.maximum(llr, 0.0))) / np.log(10.0)


def space_time_scan(
    counts: npt.ArrayLike,
    *,
    categories: int,
    neighbours: IntArray,
    first_weekday: int,
    start: int = 0,
    windows: Sequence[int] = SCAN_WINDOWS,
    max_set: int = MAX_SET,
    model: Expectation | None = None,
) -> ScanResult:
    """Scan every area as a centre for days `start`.. of an area-major count table (`model`:
    an expectation already computed for it, as in negbin_detect)."""
    x = np.asarray(counts, dtype=np.float64)
    series, days = x.shape
    areas = series // categories
    if model is None:
        groups = np.tile(np.arange(categories), areas)
        offset = max(0, start - max(windows))
        model = expectation(x, first_weekday=first_weekday, groups=groups, offset=offset)
    stats = window_stats(x, model, windows=windows)
    cut = start - model.offset
    scored = days - start
    shape = (areas, categories, scored)
    width = neighbours.shape[1]
    take = min(max_set - 1, width)
    padded = np.where(neighbours < 0, areas, neighbours)
    penalty = np.log10(len(windows) * max_set)

    best = np.zeros(shape)
    best_window = np.zeros(shape, dtype=np.int64)
    best_observed = np.zeros(shape)
    best_expected = np.zeros(shape)
    members = np.full((*shape, max_set), -1, dtype=np.int64)
    members[..., 0] = np.arange(areas)[:, None, None]
    for index, window in enumerate(windows):
        o_all = stats.observed[index][:, cut:].reshape(shape)
        e_all = stats.expected[index][:, cut:].reshape(shape)
        v_all = stats.variance[index][:, cut:].reshape(shape)
        for lo in range(0, scored, DAY_CHUNK):
            hi = min(scored, lo + DAY_CHUNK)
            o, e, v = o_all[..., lo:hi], e_all[..., lo:hi], v_all[..., lo:hi]
            # One extra all-zero area stands for "no neighbour".
            zero = np.zeros((1, categories, hi - lo))
            o_pad = np.concatenate([o, zero])[padded]  # area x neighbour x cat x day
            e_pad = np.concatenate([e, zero])[padded]
            v_pad = np.concatenate([v, zero + 1.0])[padded]
            z = (o_pad - e_pad) / np.sqrt(v_pad)
            z[neighbours < 0] = -np.inf
            order = np.argsort(-z, axis=1)[:, :take]
            so = np.take_along_axis(o_pad, order, axis=1)
            se = np.take_along_axis(e_pad, order, axis=1)
            sv = np.take_along_axis(v_pad, order, axis=1)
            set_o = np.concatenate([o[:, None], o[:, None] + np.cumsum(so, axis=1)], axis=1)
            set_e = np.concatenate([e[:, None], e[:, None] + np.cumsum(se, axis=1)], axis=1)
            set_v = np.concatenate([v[:, None], v[:, None] + np.cumsum(sv, axis=1)], axis=1)
            score = llr_log10_p(quasi_llr(set_o, set_e, set_v)) - penalty
            # A set is credited to its most anomalous area only, so that the neighbours of a
            # surging area do not each raise an alert of their own.
            z_centre = (o - e) / np.sqrt(v)
            score[:, 1:] = np.where((z_centre >= z.max(axis=1))[:, None], score[:, 1:], -np.inf)
            size = np.argmax(score, axis=1)
            top = np.take_along_axis(score, size[:, None], axis=1)[:, 0]
            better = top > best[..., lo:hi]
            if not better.any():
                continue
            best[..., lo:hi] = np.where(better, top, best[..., lo:hi])
            best_window[..., lo:hi][better] = window
            chosen_o = np.take_along_axis(set_o, size[:, None], axis=1)[:, 0]
            chosen_e = np.take_along_axis(set_e, size[:, None], axis=1)[:, 0]
            best_observed[..., lo:hi][better] = chosen_o[better]
            best_expected[..., lo:hi][better] = chosen_e[better]
            chosen = np.take_along_axis(
                np.broadcast_to(padded[:, :, None, None], o_pad.shape), order, axis=1
            )
            for rank in range(take):
                used = size > rank
                ids = np.where(used & (chosen[:, rank] < areas), chosen[:, rank], -1)
                members[..., lo:hi, rank + 1][better] = ids[better]
    score_out = np.maximum(best.reshape(series, scored), 0.0)
    score_out[:, : max(0, WARMUP_DAYS - start)] = 0.0
    return ScanResult(
        score=score_out,
        window=best_window.reshape(series, scored),
        observed=best_observed.reshape(series, scored),
        expected=best_expected.reshape(series, scored),
        members=members.reshape(series, scored, max_set),
    )
