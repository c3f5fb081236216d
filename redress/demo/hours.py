"""When people act in the demo: staff in office hours on the county's working calendar, the
public (and duty officers on urgent cases) in waking hours."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from redress.clocks.calendar import WorkingCalendar, weekend_days
from redress.demo.holidays import holiday_days

OFFICE_OPENS = dt.time(8, 30)
OFFICE_CLOSES = dt.time(17, 30)
WAKING_FROM = dt.time(7, 0)
WAKING_UNTIL = dt.time(22, 30)


def county_calendar() -> WorkingCalendar:
    """The calendar the demo's province keeps: weekends and the national holidays."""
    return WorkingCalendar(
        exceptions={day: kind for day, kind, _ in holiday_days()}, weekend_days=weekend_days()
    )


class Hours:
    def __init__(self, rng: random.Random, calendar: WorkingCalendar | None = None) -> None:
        self.rng = rng
        self.calendar = calendar or county_calendar()

    def office(self, moment: dt.datetime) -> dt.datetime:
        """The first office hour at or after `moment`, on the county's working calendar."""
        local = timezone.localtime(moment)
        day = local.date()
        if self.calendar.is_working_day(day):
            if OFFICE_OPENS <= local.time() < OFFICE_CLOSES:
                return moment
            if local.time() < OFFICE_OPENS:
                return self.office_hour(day)
        day += dt.timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day += dt.timedelta(days=1)
        return self.office_hour(day)

    def office_hour(self, day: dt.date) -> dt.datetime:
        """Some time in the working day, more often in the morning."""
        minutes = int(480 * self.rng.random() ** 1.3)
        return self.at(day, OFFICE_OPENS) + dt.timedelta(minutes=minutes)

    def waking(self, moment: dt.datetime) -> dt.datetime:
        """The first waking hour at or after `moment`: when the public (and duty officers for
        urgent cases) act."""
        local = timezone.localtime(moment)
        if WAKING_FROM <= local.time() < WAKING_UNTIL:
            return moment
        day = local.date() + (
            dt.timedelta(days=1) if local.time() >= WAKING_UNTIL else dt.timedelta()
        )
        return self.at(day, WAKING_FROM, jitter_minutes=180)

    def at(self, day: dt.date, time: dt.time, *, jitter_minutes: int = 0) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime.combine(day, time))
        return moment + dt.timedelta(minutes=self.rng.randint(0, jitter_minutes))
