"""Tracking codes: every position takes every character of the alphabet, evenly."""

from collections import Counter

from redress.cases.tracking import ALPHABET, LENGTH, new_tracking_code, normalize_tracking_code


def test_codes_are_valid_and_read_back():
    for _ in range(100):
        code = new_tracking_code()
        assert len(code) == LENGTH
        assert normalize_tracking_code(code) == code


def test_every_position_draws_the_whole_alphabet_evenly():
    codes = [new_tracking_code() for _ in range(6400)]
    for position in range(LENGTH):
        counts = Counter(code[position] for code in codes)
        assert set(counts) == set(ALPHABET)
        # 200 expected per character (standard deviation 14): these bounds, over six standard
        # deviations away, fail by chance less than once in a million runs.
        assert all(110 < count < 300 for count in counts.values())
