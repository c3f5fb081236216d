"""Working-day arithmetic on a jurisdiction's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from redress.clocks.models import CalendarDay, DayKind, DurationUnit
from redress.core.refcache import reference_cache
from redress.orgs.models import Jurisdiction, ancestor_ids_from_path

# Longest run of days off we are prepared to skip; guards against a misconfigured calendar
# (every day a holiday) turning a deadline computation into an endless loop.
_MAX_DAYS_SCANNED = 3660


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekends plus the jurisdiction's exceptions (holidays and make-up working days)."""

    exceptions: dict[dt.date, str] = field(default_factory=dict)
    weekend_days: frozenset[int] = frozenset({5, 6})
    # Answers of _day_after: every grievance asks the same few questions of a cached calendar.
    _days_after: dict[tuple[dt.date, int], dt.date] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_working_day(self, day: dt.date) -> bool:
        kind = self.exceptions.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.WORKDAY:
            return True
        return day.weekday() not in self.weekend_days

    def add_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The same local time of day, `days` working days after `start` (the start day itself
        does not count). Negative `days` count backwards."""
        local = timezone.localtime(start)
        day = self._day_after(local.date(), days)
        return _at_local(day, local.timetz().replace(tzinfo=None), local.tzinfo)

    def _day_after(self, start: dt.date, days: int) -> dt.date:
        key = (start, days)
        day = self._days_after.get(key)
        if day is not None:
            return day
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        day = start
        scanned = 0
        while remaining:
            day += dt.timedelta(days=step)
            scanned += 1
            if scanned > _MAX_DAYS_SCANNED:
                raise ValueError("calendar has no working days in ten years")
            if self.is_working_day(day):
                remaining -= 1
        if len(self._days_after) > 1000:
            self._days_after.clear()
        self._days_after[key] = day
        return day

    def add(self, start: dt.datetime, amount: int, unit: str) -> dt.datetime:
        if unit == DurationUnit.WORKING_DAYS:
            return self.add_working_days(start, amount)
        if unit == DurationUnit.CALENDAR_DAYS:
            return start + dt.timedelta(days=amount)
        if unit == DurationUnit.HOURS:
            return start + dt.timedelta(hours=amount)
        raise ValueError(f"unknown duration unit {unit!r}")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end`."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def _at_local(day: dt.date, time: dt.time, tzinfo: dt.tzinfo | None) -> dt.datetime:
    naive = dt.datetime.combine(day, time)
    return timezone.make_aware(naive, timezone.get_current_timezone()) if tzinfo else naive


def weekend_days() -> frozenset[int]:
    return frozenset(settings.REDRESS_WEEKEND_DAYS)


def calendar_for_jurisdiction_ids(ancestor_ids: list[int]) -> WorkingCalendar:
    """The calendar of a jurisdiction given its ancestor ids, nearest first."""
    return _calendar(tuple(ancestor_ids))


@reference_cache()
def _calendar(ancestor_ids: tuple[int, ...]) -> WorkingCalendar:
    rank = {jurisdiction_id: index for index, jurisdiction_id in enumerate(ancestor_ids)}
    chosen: dict[dt.date, tuple[int, str]] = {}
    rows = CalendarDay.objects.filter(jurisdiction_id__in=ancestor_ids).values_list(
        "jurisdiction_id", "date", "kind"
    )
    for jurisdiction_id, date, kind in rows:
        nearness = rank[jurisdiction_id]
        if date not in chosen or nearness < chosen[date][0]:
            chosen[date] = (nearness, kind)
    return WorkingCalendar(
        exceptions={date: kind for date, (_, kind) in chosen.items()},
        weekend_days=weekend_days(),
    )


def calendar_for(jurisdiction: Jurisdiction) -> WorkingCalendar:
    return calendar_for_jurisdiction_ids(jurisdiction.ancestor_ids())


class CalendarCache:
    """Calendars by jurisdiction path, for a worker pass that touches thousands of cases."""

    def __init__(self) -> None:
        self._by_path: dict[str, WorkingCalendar] = {}

    def for_path(self, path: str) -> WorkingCalendar:
        calendar = self._by_path.get(path)
        if calendar is None:
            calendar = calendar_for_jurisdiction_ids(ancestor_ids_from_path(path))
            self._by_path[path] = calendar
        return calendar
