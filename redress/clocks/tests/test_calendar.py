"""Working-day arithmetic: weekends, holidays, make-up working days, the nearest calendar wins."""

import datetime as dt

import pytest

from redress.cases.testing import local_time
from redress.clocks.calendar import CalendarCache, WorkingCalendar, calendar_for
from redress.clocks.models import CalendarDay, DayKind, DurationUnit

# March 2025: Mon 3 ... Fri 7, Sat 8, Sun 9, Mon 10 ... Fri 14, Sat 15, Sun 16, Mon 17.
SAT = dt.date(2025, 3, 8)


def day_off(jurisdiction, date, kind=DayKind.HOLIDAY, name=""):
    return CalendarDay.objects.create(jurisdiction=jurisdiction, date=date, kind=kind, name=name)


class TestOrdinaryWeek:
    calendar = WorkingCalendar()

    def test_weekend_is_skipped(self):
        friday = local_time(2025, 3, 7, 10, 30)
        assert self.calendar.add_working_days(friday, 1) == local_time(2025, 3, 10, 10, 30)
        assert self.calendar.add_working_days(friday, 6) == local_time(2025, 3, 17, 10, 30)

    def test_the_start_day_does_not_count(self):
        monday = local_time(2025, 3, 3)
        assert self.calendar.add_working_days(monday, 1) == local_time(2025, 3, 4)
        assert self.calendar.add_working_days(monday, 0) == monday

    def test_a_start_on_the_weekend_counts_from_the_next_working_day(self):
        saturday = local_time(2025, 3, 8, 15)
        assert self.calendar.add_working_days(saturday, 1) == local_time(2025, 3, 10, 15)

    def test_counting_backwards_skips_the_weekend(self):
        monday = local_time(2025, 3, 10)
        assert self.calendar.add_working_days(monday, -1) == local_time(2025, 3, 7)
        assert self.calendar.add_working_days(monday, -2) == local_time(2025, 3, 6)

    def test_fifteen_working_days_are_three_weeks(self):
        assert self.calendar.add_working_days(local_time(2025, 3, 3), 15) == local_time(2025, 3, 24)

    def test_days_are_counted_on_the_local_calendar_not_utc(self):
        # 20:00 UTC on Friday is already 04:00 on Saturday in Shanghai: one working day later
        # is Monday 04:00 local, not Monday 20:00 UTC.
        start = dt.datetime(2025, 3, 7, 20, 0, tzinfo=dt.UTC)
        assert self.calendar.add_working_days(start, 1) == local_time(2025, 3, 10, 4)

    def test_other_units(self):
        friday = local_time(2025, 3, 7, 20)
        assert self.calendar.add(friday, 2, DurationUnit.CALENDAR_DAYS) == local_time(
            2025, 3, 9, 20
        )
        assert self.calendar.add(friday, 24, DurationUnit.HOURS) == local_time(2025, 3, 8, 20)
        assert self.calendar.add(friday, 1, DurationUnit.WORKING_DAYS) == local_time(
            2025, 3, 10, 20
        )
        with pytest.raises(ValueError, match="unit"):
            self.calendar.add(friday, 1, "fortnights")

    def test_working_days_between(self):
        assert self.calendar.working_days_between(dt.date(2025, 3, 7), dt.date(2025, 3, 10)) == 1
        assert self.calendar.working_days_between(dt.date(2025, 3, 3), dt.date(2025, 3, 17)) == 10
        assert self.calendar.working_days_between(dt.date(2025, 3, 3), dt.date(2025, 3, 3)) == 0

    def test_a_calendar_without_working_days_fails_instead_of_looping(self):
        never = WorkingCalendar(weekend_days=frozenset(range(7)))
        with pytest.raises(ValueError, match="no working days"):
            never.add_working_days(local_time(2025, 3, 3), 1)


class TestExceptions:
    def test_a_holiday_is_skipped(self):
        calendar = WorkingCalendar(exceptions={dt.date(2025, 3, 10): DayKind.HOLIDAY})
        assert calendar.add_working_days(local_time(2025, 3, 7), 1) == local_time(2025, 3, 11)
        assert calendar.add_working_days(local_time(2025, 3, 11), -1) == local_time(2025, 3, 7)

    def test_a_make_up_working_day_counts(self):
        calendar = WorkingCalendar(exceptions={SAT: DayKind.WORKDAY})
        assert calendar.add_working_days(local_time(2025, 3, 7), 1) == local_time(2025, 3, 8)
        assert calendar.is_working_day(SAT)
        assert not calendar.is_working_day(dt.date(2025, 3, 9))

    def test_weekend_days_come_from_settings(self, settings, cast):
        settings.REDRESS_WEEKEND_DAYS = (6,)  # a six-day week
        calendar = calendar_for(cast.village_a)
        assert calendar.is_working_day(SAT)
        assert calendar.add_working_days(local_time(2025, 3, 7), 1) == local_time(2025, 3, 8)


class TestJurisdictionCalendars:
    def test_holidays_set_at_the_province_apply_below_it(self, cast):
        day_off(cast.province, dt.date(2025, 3, 10), name="national holiday")
        for place in (cast.village_a, cast.village_b, cast.county):
            assert not calendar_for(place).is_working_day(dt.date(2025, 3, 10))

    def test_a_local_day_off_stays_local(self, cast):
        day_off(cast.township_a, dt.date(2025, 3, 10), name="town fair")
        assert not calendar_for(cast.village_a).is_working_day(dt.date(2025, 3, 10))
        assert calendar_for(cast.village_b).is_working_day(dt.date(2025, 3, 10))
        assert calendar_for(cast.county).is_working_day(dt.date(2025, 3, 10))

    def test_the_nearest_jurisdiction_wins(self, cast):
        # The province makes Monday a holiday and Saturday a working day; township A keeps
        # Monday as a working day, and the county gives Saturday off again.
        day_off(cast.province, dt.date(2025, 3, 10), DayKind.HOLIDAY)
        day_off(cast.province, SAT, DayKind.WORKDAY)
        day_off(cast.township_a, dt.date(2025, 3, 10), DayKind.WORKDAY)
        day_off(cast.county, SAT, DayKind.HOLIDAY)

        village_a = calendar_for(cast.village_a)
        village_b = calendar_for(cast.village_b)
        assert village_a.is_working_day(dt.date(2025, 3, 10))
        assert not village_b.is_working_day(dt.date(2025, 3, 10))
        assert not village_a.is_working_day(SAT)
        assert not village_b.is_working_day(SAT)
        assert calendar_for(cast.city).is_working_day(SAT)

        friday = local_time(2025, 3, 7)
        assert village_a.add_working_days(friday, 1) == local_time(2025, 3, 10)
        assert village_b.add_working_days(friday, 1) == local_time(2025, 3, 11)

    def test_the_cache_reads_each_path_once(self, cast, django_assert_num_queries):
        day_off(cast.township_a, dt.date(2025, 3, 10))
        cache = CalendarCache()
        with django_assert_num_queries(2):
            first = cache.for_path(cast.village_a.path)
            assert cache.for_path(cast.village_a.path) is first
            other = cache.for_path(cast.village_b.path)
        assert not first.is_working_day(dt.date(2025, 3, 10))
        assert other.is_working_day(dt.date(2025, 3, 10))
