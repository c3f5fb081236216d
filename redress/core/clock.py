"""The one source of the current time. Tests and `run_clocks --now` move it."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else timezone.now()


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The year on the office's wall clock: [1 January, next 1 January)."""
    zone = timezone.get_default_timezone()
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


# Years a grievance's dates may fall in. Beyond them no date is real for a grievance office, and
# year 1 or 9999 overflows as soon as a window of days is added or a zone is applied.
YEARS_ACCEPTED = range(1900, 2100)


def iso_datetime_parse(text: str) -> dt.datetime:
    """An ISO 8601 date and time from outside, naive or aware as written. ValueError for a
    date that does not exist (30 February), an offset of a day or more, or a year outside
    YEARS_ACCEPTED: Django's parse_datetime raises on the first two only after matching, and
    lets the third through."""
    moment = dt.datetime.fromisoformat(text)
    if moment.year not in YEARS_ACCEPTED:
        raise ValueError(
            f"year {moment.year} is outside {YEARS_ACCEPTED.start}-{YEARS_ACCEPTED.stop - 1}"
        )
    return moment


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Run a block as if it were `moment` (must be timezone-aware)."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs a timezone-aware datetime")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
