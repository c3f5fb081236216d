"""China's public holidays and make-up working days, as the State Council published them
(国办发明电〔2024〕12号 for 2025, the notice of 4 November 2025 for 2026)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from redress.clocks.models import DayKind


@dataclass(frozen=True)
class Holiday:
    name: str
    first: dt.date
    last: dt.date
    make_up_days: tuple[dt.date, ...] = ()


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


HOLIDAYS: tuple[Holiday, ...] = (
    Holiday("元旦", _d(2025, 1, 1), _d(2025, 1, 1)),
    Holiday("春节", _d(2025, 1, 28), _d(2025, 2, 4), (_d(2025, 1, 26), _d(2025, 2, 8))),
    Holiday("清明节", _d(2025, 4, 4), _d(2025, 4, 6)),
    Holiday("劳动节", _d(2025, 5, 1), _d(2025, 5, 5), (_d(2025, 4, 27),)),
    Holiday("端午节", _d(2025, 5, 31), _d(2025, 6, 2)),
    Holiday(
        "国庆节、中秋节", _d(2025, 10, 1), _d(2025, 10, 8), (_d(2025, 9, 28), _d(2025, 10, 11))
    ),
    Holiday("元旦", _d(2026, 1, 1), _d(2026, 1, 3), (_d(2026, 1, 4),)),
    Holiday("春节", _d(2026, 2, 15), _d(2026, 2, 23), (_d(2026, 2, 14), _d(2026, 2, 28))),
    Holiday("清明节", _d(2026, 4, 4), _d(2026, 4, 6)),
    Holiday("劳动节", _d(2026, 5, 1), _d(2026, 5, 5), (_d(2026, 5, 9),)),
    Holiday("端午节", _d(2026, 6, 19), _d(2026, 6, 21)),
    Holiday("中秋节", _d(2026, 9, 25), _d(2026, 9, 27)),
    Holiday("国庆节", _d(2026, 10, 1), _d(2026, 10, 7), (_d(2026, 9, 20), _d(2026, 10, 10))),
)


def holiday_days() -> Iterator[tuple[dt.date, str, str]]:
    """(date, DayKind, name) for every day off and every make-up working day."""
    for holiday in HOLIDAYS:
        day = holiday.first
        while day <= holiday.last:
            yield day, DayKind.HOLIDAY, holiday.name
            day += dt.timedelta(days=1)
        for day in holiday.make_up_days:
            yield day, DayKind.WORKDAY, f"{holiday.name}调休上班"
