"""ISO weeks and the weekly report's deadline, on the office's wall clock."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def week_start_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_due_at(week_start: dt.date) -> dt.datetime:
    """The weekly report is due on a set weekday and time of the following week (by default
    Monday 12:00: REDRESS_LIAISON_DUE_WEEKDAY, 0 = Monday, and REDRESS_LIAISON_DUE_TIME)."""
    weekday = settings.REDRESS_LIAISON_DUE_WEEKDAY
    hour, minute = (int(part) for part in settings.REDRESS_LIAISON_DUE_TIME.split(":"))
    day = week_start + dt.timedelta(days=7 + weekday)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_default_timezone())


def weeks_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Mondays of the weeks that begin on or after `start` and on or before `end`."""
    first = week_start_of(start)
    if first < start:
        first += dt.timedelta(days=7)
    weeks = []
    while first <= end:
        weeks.append(first)
        first += dt.timedelta(days=7)
    return weeks


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
