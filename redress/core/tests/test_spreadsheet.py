"""The one rule for what an exported spreadsheet cell may hold."""

from __future__ import annotations

import pytest

from redress.core.spreadsheet import cell_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 138", "'+86 138"),
        ("-", "'-"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("-3.5", "-3.5"),
        ("-3+A1", "'-3+A1"),
        ("a\x01", "a\ufffd"),
        (-5, -5),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_cell_value(value: object, expected: object) -> None:
    assert cell_value(value) == expected
