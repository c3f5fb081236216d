"""Hypothesis strategies and helpers for the property tests of the HTML doors: text as hostile
as a browser (or a script posing as one) can send, and a form body that carries it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from redress.core.text import is_storable

# What the doors must refuse or survive: every C0 control, unpaired surrogates (a client may
# send their UTF-8-ish bytes), the non-characters, bidi overrides and odd whitespace.
_NASTY = (
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1f",
    "\x7f",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\r\n",
    "\t",
    " ",
    "%00",
    "<script>",
    "'; --",
    "\U0001f4a9",
)


def wild_text(*, max_size: int = 60) -> st.SearchStrategy[str]:
    """Short arbitrary text, often with something nasty in it, sometimes far too long."""
    ordinary = st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size)
    nasty = st.lists(st.one_of(st.sampled_from(_NASTY), ordinary), min_size=1, max_size=4).map(
        "".join
    )
    too_long = st.integers(min_value=1, max_value=12_000).map(lambda n: "字" * n)
    return st.one_of(ordinary, nasty, too_long)


def wild_number() -> st.SearchStrategy[str]:
    """What a number field may be sent: extremes, not-numbers, and words."""
    return st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["1e309", "-1e309", "nan", "inf", "9" * 5000, "0x10", "1_000", "١٢"]),
        wild_text(max_size=10),
    )


def wild_date() -> st.SearchStrategy[str]:
    """What a date field may be sent: the first and last days Python knows, and near-dates."""
    return st.one_of(
        st.dates().map(lambda day: day.isoformat()),
        st.datetimes().map(lambda moment: moment.isoformat()),
        st.sampled_from(
            ["0001-01-01", "9999-12-31", "9999-12-27", "2026-02-30", "2026-13-01", "+10000-01-01"]
        ),
        wild_text(max_size=12),
    )


def form_body(data: dict[str, Any]) -> str:
    """`data` as application/x-www-form-urlencoded, surrogates and all: the test client's own
    encoder would refuse what a hostile client can still send."""
    pairs: list[tuple[str, str]] = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, str(item)))
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


FORM = "application/x-www-form-urlencoded"


def bounded(max_examples: int) -> settings:
    """The settings of a door's property test: the same examples every run (a failure in CI
    is a failure on every machine), no deadline on a shared machine, and the database
    fixtures of pytest-django kept for the whole test, each example in its own savepoint."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def rolled_back(step: Callable[[], None]) -> None:
    """Run one example in a savepoint rolled back, so examples cannot see each other's rows
    (nor collide on an idempotency key)."""
    with transaction.atomic():
        try:
            step()
        finally:
            transaction.set_rollback(True)


def as_received(value: object) -> str:
    """What a Django form field makes of a posted value: invalid UTF-8 (a lone surrogate)
    turns into U+FFFD, and surrounding whitespace is stripped."""
    return str(value).encode("utf-8", "surrogatepass").decode("utf-8", "replace").strip()


def all_storable(*texts: object) -> bool:
    return all(is_storable(text) for text in texts if isinstance(text, str))
