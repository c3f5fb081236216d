"""ISO weeks on the office's wall clock: a briefing week runs from Monday 00:00 to the next
Monday 00:00 in settings.TIME_ZONE, so a grievance filed late on Sunday evening counts in the
week the office lived it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class WeekFormatError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """ "2026-W47"; anything else (or a week the year does not have) is an error."""
        match = _WEEK.match((text or "").strip())
        if match is None:
            raise WeekFormatError(f"{text!r} is not an ISO week like 2026-W47.")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise WeekFormatError(f"{year} has no week {week}.") from None
        return cls(year, week)

    @classmethod
    def of(cls, moment: dt.datetime) -> IsoWeek:
        year, week, _ = timezone.localtime(moment).isocalendar()
        return cls(year, week)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.monday, dt.time(), tzinfo=timezone.get_default_timezone())

    @property
    def end(self) -> dt.datetime:
        """Exclusive: the next Monday at midnight."""
        return self.shifted(1).start

    def shifted(self, weeks: int) -> IsoWeek:
        year, week, _ = (self.monday + dt.timedelta(weeks=weeks)).isocalendar()
        return IsoWeek(year, week)
