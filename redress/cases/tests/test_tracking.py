"""Tracking codes: every position takes every character of the alphabet, evenly."""

from collections import Counter

import pytest

from redress.cases.tracking import (
    ALPHABET,
    LENGTH,
    new_tracking_code,
    new_tracking_codes,
    normalize_tracking_code,
)


def one_at_a_time(count: int) -> list[str]:
    return [new_tracking_code() for _ in range(count)]


generators = pytest.mark.parametrize("draw", [one_at_a_time, new_tracking_codes])


@generators
def test_codes_are_valid_and_read_back(draw):
    codes = draw(101)
    assert len(codes) == 101
    for code in codes:
        assert len(code) == LENGTH
        assert normalize_tracking_code(code) == code


@generators
def test_every_position_draws_the_whole_alphabet_evenly(draw):
    codes = draw(6400)
    for position in range(LENGTH):
        counts = Counter(code[position] for code in codes)
        assert set(counts) == set(ALPHABET)
        # 200 expected per character (standard deviation 14): these bounds, over six standard
        # deviations away, fail by chance less than once in a million runs.
        assert all(110 < count < 300 for count in counts.values())
