"""The escalation ladder as a mechanism (its rungs, from settings) and moving a moment by a
deadline's unit. What a clock means for a case (when to act on it, starting and pausing it)
belongs to the app whose clock it is; see redress.cases.services.clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from redress.clocks.calendar import WorkingCalendar
from redress.clocks.models import DurationUnit


@dataclass(frozen=True)
class LadderStep:
    name: str  # "reminder", "escalation" or "warning"
    offset: int  # in the clock's own unit, relative to the due time


def ladder() -> list[LadderStep]:
    return [LadderStep(name, offset) for name, offset in settings.REDRESS_ESCALATION_LADDER]


def moment_shift(
    calendar: WorkingCalendar, moment: dt.datetime, offset: int, unit: str
) -> dt.datetime:
    if unit == DurationUnit.HOURS:
        return moment + dt.timedelta(hours=offset)
    if unit == DurationUnit.CALENDAR_DAYS:
        return moment + dt.timedelta(days=offset)
    return calendar.add_working_days(moment, offset)
