"""Detectors on hand-made tables: a known surge is found, a flat series stays silent, EARS
matches hand-computed values, and no score looks at later days."""

from __future__ import annotations

import numpy as np
import pytest

from redress.earlywarning.detectors.cusum import poisson_cusum
from redress.earlywarning.detectors.default import (
    DEFAULT_THRESHOLD,
    alert_clusters,
    default_detect,
)
from redress.earlywarning.detectors.ears import ears_c1, ears_c2, ears_c3
from redress.earlywarning.detectors.negbin import negbin_scores, upper_tail_log10
from redress.earlywarning.detectors.scan import neighbour_matrix, space_time_scan
from redress.earlywarning.evaluation import alert_runs, calibrate, evaluate
from redress.earlywarning.synthetic import generate, neighbour_index


def noisy(days: int = 200, rate: float = 4.0, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).poisson(rate, (1, days)).astype(float)


def test_ears_matches_hand_computed_values():
    x = np.array([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]], dtype=float)
    # C1 on day 10: baseline days 3..9 = 4..10, mean 7, sd sqrt(28/6).
    assert ears_c1(x)[0, 10] == pytest.approx((20 - 7) / np.sqrt(28 / 6))
    # C2 on day 10: baseline days 1..7 = 2..8, mean 5, same sd.
    assert ears_c2(x)[0, 10] == pytest.approx((20 - 5) / np.sqrt(28 / 6))
    c2 = ears_c2(x)[0]
    # C3 on day 10: C2 of days 9 ((10-4)/sd) and 10 count, day 8 has no baseline yet... it has:
    # day 9's baseline is days 0..6 (mean 4) and day 8 has none (score 0).
    assert c2[9] == pytest.approx((10 - 4) / np.sqrt(28 / 6))
    assert c2[8] == 0.0
    expected = max(0, c2[10] - 1) + max(0, c2[9] - 1) + max(0, c2[8] - 1)
    assert ears_c3(x)[0, 10] == pytest.approx(expected)


def test_ears_flat_baseline_uses_the_minimum_sd():
    x = np.array([[3] * 10 + [4]], dtype=float)
    assert ears_c1(x)[0, 10] == pytest.approx(1 / 0.2)


def test_negative_binomial_tail_matches_scipy():
    from scipy.stats import nbinom, poisson

    observed = np.array([7.0, 7.0, 0.0])
    mean = np.array([3.0, 3.0, 3.0])
    variance = np.array([3.0, 6.0, 6.0])
    got = upper_tail_log10(observed, mean, variance)
    size = 9.0 / 3.0
    assert got[0] == pytest.approx(-np.log10(poisson.sf(6, 3.0)))
    assert got[1] == pytest.approx(-np.log10(nbinom.sf(6, size, size / (size + 3.0))))
    assert got[2] == 0.0


@pytest.mark.parametrize("detector", ["default", "negbin", "cusum", "c2"])
def test_known_surge_is_detected_and_flat_series_is_silent(detector):
    x = np.vstack([noisy(seed=1), noisy(seed=2)])
    x[0, 180:186] += 12  # a surge in series 0 from day 180
    scores = {
        "default": lambda: default_detect(x, categories=1, first_weekday=0).score,
        "negbin": lambda: negbin_scores(x, first_weekday=0),
        "cusum": lambda: poisson_cusum(x),
        "c2": lambda: ears_c2(x),
    }[detector]()
    threshold = {"default": DEFAULT_THRESHOLD, "negbin": 3.0, "cusum": 12.0, "c2": 5.0}[detector]
    assert (scores[0, 180:186] > threshold).any()
    assert not (scores[1, 60:] > threshold).any()
    assert not (scores[0, 60:180] > threshold).any()


@pytest.mark.parametrize(
    "function",
    [
        lambda x: ears_c1(x),
        lambda x: ears_c3(x),
        lambda x: poisson_cusum(x),
        lambda x: default_detect(x, categories=2, first_weekday=3).score,
        lambda x: (
            space_time_scan(
                x, categories=2, neighbours=neighbour_matrix([(0, 1)], areas=2), first_weekday=3
            ).score
        ),
    ],
)
def test_scores_never_depend_on_later_days(function):
    x = np.random.default_rng(5).poisson(2.0, (4, 120)).astype(float)
    early = function(x[:, :90])
    later = x.copy()
    later[:, 90:] += 50
    assert np.allclose(function(later)[:, :90], early)


def test_scan_finds_a_cluster_of_neighbours_and_names_them():
    table = generate(seed=3, rows=4, cols=4, categories=2, days=200)
    x = table.counts
    for area in (5, 6):
        x[table.series(area, 1), 190:197] += 6
    result = space_time_scan(
        x, categories=2, neighbours=neighbour_index(table), first_weekday=0, start=150
    )
    day = 196 - 150
    best = max((5, 6), key=lambda area: result.score[table.series(area, 1), day])
    row = table.series(best, 1)
    assert result.score[row, day] > 4
    assert set(result.members[row, day][result.members[row, day] >= 0]) >= {5, 6}


def test_alert_clusters_join_neighbouring_areas():
    alerts = np.zeros((3 * 2, 1), dtype=bool)
    alerts[0 * 2 + 1, 0] = alerts[1 * 2 + 1, 0] = alerts[2 * 2 + 0, 0] = True
    clusters = alert_clusters(
        alerts, categories=2, neighbours=neighbour_matrix([(0, 1), (1, 2)], areas=3)
    )
    assert sorted((c.category, c.areas) for c in clusters) == [(0, (2,)), (1, (0, 1))]


def test_evaluation_counts_runs_and_surges():
    alerts = np.array([[0, 1, 1, 0, 1], [0, 0, 0, 0, 0]], dtype=bool)
    truth = np.array([[0, 0, 1, 0, 0], [0, 0, 0, 0, 0]], dtype=bool)
    assert alert_runs(alerts, truth) == (2, 1)
    assert calibrate(np.array([[0.0, 5.0, 0.0, 1.0]]), budget=1000.0) > 0


def test_synthetic_benchmark_small_default_beats_c2():
    shape = {"rows": 6, "cols": 6, "categories": 3, "days": 330}
    reference = generate(seed=11, **shape)
    table = generate(seed=12, surges=40, surge_from=250, **shape)

    def default(t):
        return default_detect(
            t.counts, categories=3, first_weekday=t.first_weekday, start=250
        ).score

    h_default = calibrate(default(reference), budget=1.0)
    h_c2 = calibrate(ears_c2(reference.counts)[:, 250:], budget=1.0)
    ours = evaluate(default(table) > h_default, table, start=250)
    theirs = evaluate(ears_c2(table.counts)[:, 250:] > h_c2, table, start=250)
    assert ours.sensitivity > theirs.sensitivity
    assert ours.sensitivity >= 0.6
