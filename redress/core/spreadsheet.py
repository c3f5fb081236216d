"""What a cell of an exported spreadsheet (CSV or XLSX) may hold: the one rule every export
runs its values through.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
by spreadsheet programs (CSV injection: a grievance titled `=HYPERLINK(...)` becomes a live link
in the office's copy, and openpyxl writes such a string as a formula outright). OWASP's remedy
is a leading single quote, which makes the cell plain text; it is applied to text only, never to
numbers (-5, or "-5" as text, stay numbers). Control characters stored before the doors refused
them pass through `xml_safe`: openpyxl raises IllegalCharacterError on them, and one such title
made the XLSX exports answer 500 for everyone."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

from redress.core.text import is_storable, xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A negative number written as text ("-3.5") is a number to the spreadsheet, not a formula.
_NUMBER = re.compile(r"-\d+(?:\.\d+)?")
_FIRSTS = frozenset(FORMULA_STARTS)


def cell_value(value: object) -> object:
    """`value` as an export should write it: text made inert and XML-safe, the rest as is."""
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def row_values(row: Iterable[Any]) -> list[Any]:
    """cell_value of each value. The row's text is searched once, joined: nearly every row has
    nothing to change, and a million-row export would otherwise pay a search a cell."""
    values = list(row)
    texts = [value for value in values if value.__class__ is str]
    if is_storable("".join(texts)) and not any(text[:1] in _FIRSTS for text in texts):
        return values
    return [cell_value(value) for value in values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV text, a line at a time, with a byte-order mark so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row_values(row))
