"""The calendar remembers its working-day answers (intake asks the same ones all day): the
answers stay those of counting, whatever the time of day and whichever calendar asks."""

import datetime as dt

from redress.cases.testing import local_time
from redress.clocks.calendar import WorkingCalendar
from redress.clocks.models import DayKind


def test_remembered_answers_keep_the_time_of_day():
    calendar = WorkingCalendar()
    assert calendar.add_working_days(local_time(2025, 3, 7, 9), 1) == local_time(2025, 3, 10, 9)
    assert calendar.add_working_days(local_time(2025, 3, 7, 17, 30), 1) == local_time(
        2025, 3, 10, 17, 30
    )


def test_each_calendar_remembers_its_own_holidays():
    plain = WorkingCalendar()
    holiday = WorkingCalendar(exceptions={dt.date(2025, 3, 10): DayKind.HOLIDAY})
    friday = local_time(2025, 3, 7, 10)
    for _ in range(2):
        assert plain.add_working_days(friday, 1) == local_time(2025, 3, 10, 10)
        assert holiday.add_working_days(friday, 1) == local_time(2025, 3, 11, 10)


def test_forward_and_backward_are_different_questions():
    calendar = WorkingCalendar()
    monday = local_time(2025, 3, 10, 10)
    assert calendar.add_working_days(monday, 2) == local_time(2025, 3, 12, 10)
    assert calendar.add_working_days(monday, -2) == local_time(2025, 3, 6, 10)
    assert calendar.add_working_days(monday, 0) == monday


def test_calendars_with_the_same_days_are_still_equal():
    first, second = WorkingCalendar(), WorkingCalendar()
    first.add_working_days(local_time(2025, 3, 7), 3)
    assert first == second
