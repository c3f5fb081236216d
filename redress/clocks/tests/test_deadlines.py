"""Due dates as the services set them: on the place's calendar, paused, transferred, urgent,
and overridden by deadline policies."""

import datetime as dt

import pytest

from redress.cases.models import CaseHolding, CaseStatus, Category, ClockStage, Urgency
from redress.cases.services import (
    GrievanceInput,
    case_accept,
    case_pause,
    case_resume,
    case_start,
    case_submit,
    case_transfer,
)
from redress.cases.testing import local_time, submit_case
from redress.clocks.models import CalendarDay, DayKind, DeadlinePolicy, DurationUnit, Stage
from redress.clocks.policies import DEFAULTS, Duration, duration_for
from redress.core.clock import frozen_at

# Monday 3 March 2025, 09:00 in Shanghai. Multiples of five working days from a Monday land on a
# Monday, which keeps the expected dates readable.
MONDAY = local_time(2025, 3, 3)


def submitted(jurisdiction, *, at=MONDAY, category_code="wage-arrears"):
    with frozen_at(at):
        return submit_case(jurisdiction=jurisdiction, category_code=category_code)


def accepted(cast, *, at=MONDAY, jurisdiction=None):
    case = submitted(jurisdiction or cast.village_a, at=at)
    with frozen_at(at):
        return case_accept(case=case, actor=cast.a_handler)


class TestDefaults:
    def test_acceptance_is_due_in_fifteen_working_days(self, cast):
        case = submitted(cast.village_a)
        assert case.clock_stage == ClockStage.ACCEPTANCE
        assert case.clock_unit == DurationUnit.WORKING_DAYS
        assert case.clock_started_at == MONDAY
        assert case.due_at == local_time(2025, 3, 24)

    def test_handling_is_due_in_sixty_working_days_from_acceptance(self, cast):
        case = submitted(cast.village_a)
        wednesday = local_time(2025, 3, 5, 14, 15)
        with frozen_at(wednesday):
            case = case_accept(case=case, actor=cast.a_handler)
        assert case.clock_stage == ClockStage.HANDLING
        assert case.clock_started_at == wednesday
        assert case.due_at == local_time(2025, 5, 28, 14, 15)  # twelve weeks later

    def test_a_friday_submission_counts_from_monday(self, cast):
        case = submitted(cast.village_a, at=local_time(2025, 3, 7, 17))
        assert case.due_at == local_time(2025, 3, 28, 17)


class TestCalendar:
    def test_a_holiday_pushes_the_due_date_back(self, cast):
        CalendarDay.objects.create(
            jurisdiction=cast.province, date=dt.date(2025, 3, 12), kind=DayKind.HOLIDAY
        )
        case = submitted(cast.village_a)
        assert case.due_at == local_time(2025, 3, 25)

    def test_a_make_up_working_day_pulls_it_forward(self, cast):
        CalendarDay.objects.create(
            jurisdiction=cast.province, date=dt.date(2025, 3, 8), kind=DayKind.WORKDAY
        )
        case = submitted(cast.village_a)
        assert case.due_at == local_time(2025, 3, 21)

    def test_holiday_and_make_up_day_cancel_out(self, cast):
        CalendarDay.objects.create(
            jurisdiction=cast.province, date=dt.date(2025, 3, 12), kind=DayKind.HOLIDAY
        )
        CalendarDay.objects.create(
            jurisdiction=cast.province, date=dt.date(2025, 3, 15), kind=DayKind.WORKDAY
        )
        case = submitted(cast.village_a)
        assert case.due_at == local_time(2025, 3, 24)

    def test_each_case_runs_on_its_own_places_calendar(self, cast):
        # A week of provincial holidays; township A works through Monday of it anyway.
        for day in range(10, 15):
            CalendarDay.objects.create(
                jurisdiction=cast.province, date=dt.date(2025, 3, day), kind=DayKind.HOLIDAY
            )
        CalendarDay.objects.create(
            jurisdiction=cast.township_a, date=dt.date(2025, 3, 10), kind=DayKind.WORKDAY
        )
        in_a = submitted(cast.village_a)
        in_b = submitted(cast.village_b)
        assert in_b.due_at == local_time(2025, 3, 31)
        assert in_a.due_at == local_time(2025, 3, 28)


class TestPause:
    def test_the_due_date_moves_by_the_paused_time(self, cast):
        case = accepted(cast)
        due = case.due_at
        paused_at = local_time(2025, 3, 4, 10)
        resumed_at = local_time(2025, 3, 6, 16, 30)
        with frozen_at(paused_at):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充材料")
        assert case.paused_at == paused_at
        assert case.due_at == due
        assert case.next_action_at is None
        assert case.is_overdue is False
        with frozen_at(resumed_at):
            case = case_resume(case=case, actor=cast.a_handler)
        assert case.paused_at is None
        assert case.pause_reason == ""
        assert case.due_at == due + (resumed_at - paused_at)
        assert case.next_action_at is not None

    def test_two_pauses_add_up(self, cast):
        case = accepted(cast)
        due = case.due_at
        for start, end in (((3, 4), (3, 5)), ((3, 10), (3, 12))):
            with frozen_at(local_time(2025, *start)):
                case = case_pause(case=case, actor=cast.a_handler, reason="等待鉴定结果")
            with frozen_at(local_time(2025, *end)):
                case = case_resume(case=case, actor=cast.a_handler)
        assert case.due_at == due + dt.timedelta(days=3)

    def test_an_overdue_case_is_not_overdue_while_paused(self, cast):
        case = accepted(cast)
        with frozen_at(case.due_at - dt.timedelta(hours=1)):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充材料")
        with frozen_at(case.due_at + dt.timedelta(days=30)):
            assert case.is_overdue is False


class TestTransfer:
    def test_the_receiving_department_gets_a_fresh_clock(self, cast):
        case = accepted(cast)
        with frozen_at(local_time(2025, 3, 4)):
            case = case_start(case=case, actor=cast.a_handler)
        transferred_at = local_time(2025, 4, 7, 11)
        with frozen_at(transferred_at):
            case = case_transfer(
                case=case,
                actor=cast.a_handler,
                department=cast.county_labour,
                reason="涉及县属企业",
            )
        assert case.clock_stage == ClockStage.HANDLING
        assert case.clock_started_at == transferred_at
        assert case.due_at == local_time(2025, 6, 30, 11)  # 60 working days after the transfer
        assert case.escalation_step == 0
        holdings = list(CaseHolding.objects.filter(case=case))
        assert [(h.department, h.started_at, h.ended_at) for h in holdings] == [
            (cast.a_labour, MONDAY, transferred_at),
            (cast.county_labour, transferred_at, None),
        ]

    def test_a_transfer_before_acceptance_restarts_the_acceptance_clock(self, cast):
        case = submitted(cast.village_a)
        with frozen_at(local_time(2025, 3, 10)):
            case = case_transfer(
                case=case, actor=cast.a_operator, department=cast.a_environment, reason="属环保问题"
            )
        assert case.status == CaseStatus.RECEIVED
        assert case.clock_stage == ClockStage.ACCEPTANCE
        assert case.due_at == local_time(2025, 3, 31)

    def test_a_transfer_resets_a_pause(self, cast):
        case = accepted(cast)
        with frozen_at(local_time(2025, 3, 4)):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充材料")
        with frozen_at(local_time(2025, 3, 10)):
            case = case_transfer(
                case=case, actor=cast.a_director, department=cast.a_environment, reason="属环保问题"
            )
        assert case.paused_at is None
        assert case.due_at == local_time(2025, 6, 2)


class TestUrgent:
    def test_work_safety_runs_in_hours_around_the_clock(self, cast):
        friday_evening = local_time(2025, 3, 7, 20)
        case = submitted(cast.village_a, at=friday_evening, category_code="work-safety")
        assert case.urgency == Urgency.URGENT
        assert case.clock_unit == DurationUnit.HOURS
        assert case.due_at == local_time(2025, 3, 8, 20)  # Saturday: urgent clocks do not rest
        accepted_at = local_time(2025, 3, 8, 9)
        with frozen_at(accepted_at):
            case = case_accept(case=case, actor=cast.a_director)
        assert case.due_at == accepted_at + dt.timedelta(hours=72)

    def test_an_office_can_mark_one_grievance_urgent(self, cast):
        with frozen_at(MONDAY):
            case, _ = case_submit(
                data=GrievanceInput(
                    title="工地塔吊摇晃",
                    description="工地塔吊明显摇晃，工人仍在作业。",
                    category=Category.objects.get(code="wage-arrears"),
                    jurisdiction=cast.village_a,
                    urgency=Urgency.URGENT,
                )
            )
        assert case.due_at == MONDAY + dt.timedelta(hours=24)


class TestPolicies:
    @pytest.fixture
    def wages(self, db):
        return Category.objects.get(code="wage-arrears")

    def test_without_policies_the_regulation_defaults_apply(self, wages):
        for (stage, urgency), duration in DEFAULTS.items():
            assert duration_for(stage=stage, category_id=wages.pk, urgency=urgency) == duration
        assert DEFAULTS[(Stage.HANDLING, "normal")] == Duration(60, DurationUnit.WORKING_DAYS)
        assert DEFAULTS[(Stage.EXTENSION, "normal")] == Duration(30, DurationUnit.WORKING_DAYS)

    def test_the_most_specific_policy_wins(self, wages):
        pollution = Category.objects.get(code="pollution")

        def handling(category=wages, urgency="normal"):
            return duration_for(stage=Stage.HANDLING, category_id=category.pk, urgency=urgency)

        DeadlinePolicy.objects.create(
            stage=Stage.HANDLING, urgency="normal", amount=40, unit=DurationUnit.WORKING_DAYS
        )
        assert handling() == Duration(40, DurationUnit.WORKING_DAYS)
        assert handling(urgency="urgent") == DEFAULTS[(Stage.HANDLING, "urgent")]

        DeadlinePolicy.objects.create(
            stage=Stage.HANDLING, category=wages, amount=20, unit=DurationUnit.WORKING_DAYS
        )
        assert handling() == Duration(20, DurationUnit.WORKING_DAYS)  # category beats urgency
        assert handling(urgency="urgent") == Duration(20, DurationUnit.WORKING_DAYS)
        assert handling(category=pollution) == Duration(40, DurationUnit.WORKING_DAYS)

        DeadlinePolicy.objects.create(
            stage=Stage.HANDLING,
            category=wages,
            urgency="normal",
            amount=10,
            unit=DurationUnit.CALENDAR_DAYS,
        )
        assert handling() == Duration(10, DurationUnit.CALENDAR_DAYS)
        assert handling(urgency="urgent") == Duration(20, DurationUnit.WORKING_DAYS)

        # Another stage is not affected.
        assert (
            duration_for(stage=Stage.ACCEPTANCE, category_id=wages.pk, urgency="normal")
            == DEFAULTS[(Stage.ACCEPTANCE, "normal")]
        )

    def test_a_policy_shapes_the_due_date(self, cast, wages):
        DeadlinePolicy.objects.create(
            stage=Stage.HANDLING, category=wages, amount=10, unit=DurationUnit.CALENDAR_DAYS
        )
        case = accepted(cast)
        assert case.clock_unit == DurationUnit.CALENDAR_DAYS
        assert case.due_at == local_time(2025, 3, 13)

    def test_an_urgency_policy_makes_acceptance_faster(self, cast):
        DeadlinePolicy.objects.create(
            stage=Stage.ACCEPTANCE, urgency="normal", amount=3, unit=DurationUnit.WORKING_DAYS
        )
        case = submitted(cast.village_a, at=local_time(2025, 3, 7))
        assert case.due_at == local_time(2025, 3, 12)
