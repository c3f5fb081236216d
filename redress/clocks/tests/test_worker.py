"""The clocks worker: the escalation ladder in order and once, closing lapsed review windows,
and no double action when two workers run at once."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404

from redress.cases.models import Case, CaseEvent, CaseHolding, CaseStatus, ClockStage, EventKind
from redress.cases.selectors import case_get_for_user
from redress.cases.services import (
    case_accept,
    case_confirm,
    case_decline,
    case_extend,
    case_pause,
    case_re_review_answer,
    case_request_re_review,
    case_request_review,
    case_resolve,
    case_resume,
    case_review_answer,
)
from redress.cases.testing import local_time, submit_case
from redress.cases.tracking import new_tracking_code
from redress.cases.worker import clocks_run_once
from redress.clocks.models import RecordEntryKind, Stage, UnitRecordEntry
from redress.core.clock import frozen_at
from redress.core.errors import TransitionNotAllowed

# Submitted on Monday 3 March 2025 at 09:00, a case must be accepted by Monday 24 March 09:00.
# The ladder: reminder two working days before (Thursday 20 March), escalation at the due time,
# warning five working days after (Monday 31 March).
SUBMITTED = local_time(2025, 3, 3)
REMINDER = local_time(2025, 3, 20)
DUE = local_time(2025, 3, 24)
WARNING = local_time(2025, 3, 31)
MINUTE = dt.timedelta(minutes=1)
LADDER_KINDS = {EventKind.REMINDER, EventKind.ESCALATED, EventKind.WARNING}


def submitted(cast, *, jurisdiction=None, at=SUBMITTED, category_code="wage-arrears"):
    with frozen_at(at):
        return submit_case(jurisdiction=jurisdiction or cast.village_a, category_code=category_code)


def ladder_events(case):
    return list(
        CaseEvent.objects.filter(case=case, kind__in=LADDER_KINDS)
        .order_by("at", "id")
        .values_list("kind", "at")
    )


def run(now):
    return clocks_run_once(now=now)


class TestLadder:
    def test_reminder_then_escalation_then_warning_each_once(self, cast):
        case = submitted(cast)
        assert case.next_action_at == REMINDER

        assert run(REMINDER - MINUTE).examined == 0
        assert ladder_events(case) == []

        result = run(REMINDER)
        assert (result.reminders, result.escalations, result.warnings) == (1, 0, 0)
        case.refresh_from_db()
        assert case.escalation_step == 1
        assert case.next_action_at == DUE
        assert run(REMINDER + MINUTE).examined == 0
        assert run(DUE - MINUTE).examined == 0

        result = run(DUE)
        assert (result.reminders, result.escalations, result.warnings) == (0, 1, 0)
        case.refresh_from_db()
        assert case.escalation_step == 2
        assert case.next_action_at == WARNING
        assert case.status == CaseStatus.RECEIVED  # escalation changes no state
        assert UnitRecordEntry.objects.count() == 0

        result = run(WARNING)
        assert (result.reminders, result.escalations, result.warnings) == (0, 0, 1)
        case.refresh_from_db()
        assert case.escalation_step == 3
        assert case.next_action_at is None

        for later in (WARNING + MINUTE, local_time(2026, 1, 1)):
            assert run(later).examined == 0
        assert ladder_events(case) == [
            (EventKind.REMINDER, REMINDER),
            (EventKind.ESCALATED, DUE),
            (EventKind.WARNING, WARNING),
        ]

    def test_ladder_events_are_internal_and_by_the_system(self, cast):
        case = submitted(cast)
        run(WARNING)
        events = list(CaseEvent.objects.filter(case=case, kind__in=LADDER_KINDS))
        assert len(events) == 3
        for step, event in enumerate(events, start=1):
            assert event.is_public is False
            assert event.actor is None
            assert event.actor_label == "system"
            assert event.from_status == event.to_status == CaseStatus.RECEIVED
            assert event.data["step"] == step
            assert event.data["stage"] == ClockStage.ACCEPTANCE
            assert dt.datetime.fromisoformat(event.data["due_at"]) == DUE
            assert event.data["department"] == cast.a_labour.pk

    def test_the_warning_goes_on_the_holding_departments_record(self, cast):
        case = submitted(cast)
        run(WARNING)
        entry = UnitRecordEntry.objects.get()
        assert entry.department == cast.a_labour
        assert entry.case == case
        assert entry.kind == RecordEntryKind.WARNING
        assert entry.stage == Stage.ACCEPTANCE
        assert entry.due_at == DUE
        assert entry.at == WARNING
        assert CaseHolding.objects.get(case=case).was_overdue is True

    def test_a_worker_that_was_down_catches_up_once_and_in_order(self, cast):
        case = submitted(cast)
        other = submitted(cast, jurisdiction=cast.village_b)
        back_up = local_time(2025, 4, 15, 3, 7)
        result = run(back_up)
        assert (result.reminders, result.escalations, result.warnings) == (2, 2, 2)
        for each in (case, other):
            assert [kind for kind, _ in ladder_events(each)] == [
                EventKind.REMINDER,
                EventKind.ESCALATED,
                EventKind.WARNING,
            ]
        assert UnitRecordEntry.objects.count() == 2
        assert run(back_up).examined == 0
        assert run(local_time(2026, 1, 1)).examined == 0
        assert CaseEvent.objects.filter(kind__in=LADDER_KINDS).count() == 6

    def test_a_late_worker_between_rungs_writes_only_the_rungs_due(self, cast):
        case = submitted(cast)
        run(DUE + dt.timedelta(days=2))
        assert [kind for kind, _ in ladder_events(case)] == [
            EventKind.REMINDER,
            EventKind.ESCALATED,
        ]
        case.refresh_from_db()
        assert case.next_action_at == WARNING

    def test_escalation_brings_the_case_before_the_leader(self, cast):
        case = submitted(cast)
        run(REMINDER)
        with pytest.raises(Http404):
            case_get_for_user(user=cast.county_leader, case_id=case.pk)
        run(DUE)
        assert case_get_for_user(user=cast.county_leader, case_id=case.pk) == case

    def test_a_paused_case_is_not_escalated(self, cast):
        case = submitted(cast)
        with frozen_at(local_time(2025, 3, 4)):
            case = case_accept(case=case, actor=cast.a_handler)
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充材料")
        assert case.next_action_at is None
        far_future = local_time(2026, 3, 4)
        assert run(far_future).examined == 0
        assert ladder_events(case) == []

        resumed_at = local_time(2025, 3, 11)
        with frozen_at(resumed_at):
            case = case_resume(case=case, actor=cast.a_handler)
        # Handling was due on 27 May; a week paused moves that to 3 June, its reminder to
        # 30 May.
        assert case.due_at == local_time(2025, 6, 3)
        assert case.next_action_at == local_time(2025, 5, 30)
        assert run(local_time(2025, 5, 30) - MINUTE).examined == 0
        assert run(local_time(2025, 5, 30)).reminders == 1

    def test_pausing_after_a_reminder_holds_the_escalation(self, cast):
        case = submitted(cast)
        with frozen_at(local_time(2025, 3, 4)):
            case = case_accept(case=case, actor=cast.a_handler)
        reminder_at = case.next_action_at
        run(reminder_at)
        with frozen_at(reminder_at + MINUTE):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待鉴定结果")
        assert run(local_time(2026, 1, 1)).examined == 0
        assert [kind for kind, _ in ladder_events(case)] == [EventKind.REMINDER]

    def test_an_extension_restarts_the_ladder_from_the_new_due_date(self, cast):
        case = submitted(cast)
        with frozen_at(local_time(2025, 3, 4)):
            case = case_accept(case=case, actor=cast.a_handler)
        reminder_at = case.next_action_at
        run(reminder_at)
        with frozen_at(reminder_at + MINUTE):
            case = case_extend(case=case, actor=cast.a_handler, days=10, reason="需要司法鉴定")
        assert case.escalation_step == 0
        assert case.next_action_at == local_time(2025, 6, 6)  # 2 working days before 10 June
        assert run(case.due_at).reminders == 1

    def test_urgent_cases_climb_the_ladder_in_hours(self, cast):
        friday_evening = local_time(2025, 3, 7, 20)
        case = submitted(cast, at=friday_evening, category_code="work-safety")
        due = local_time(2025, 3, 8, 20)
        assert case.due_at == due
        assert case.next_action_at == due - dt.timedelta(hours=2)
        run(due + dt.timedelta(hours=5))
        assert ladder_events(case) == [
            (EventKind.REMINDER, due + dt.timedelta(hours=5)),
            (EventKind.ESCALATED, due + dt.timedelta(hours=5)),
            (EventKind.WARNING, due + dt.timedelta(hours=5)),
        ]
        assert UnitRecordEntry.objects.get().department == cast.a_complaints

    def test_the_worker_works_through_every_batch(self, cast):
        cases = [submitted(cast) for _ in range(7)]
        batches = []
        result = clocks_run_once(now=REMINDER, batch_size=3, progress=batches.append)
        assert batches == [3, 3, 1]
        assert result.reminders == 7
        for case in cases:
            assert len(ladder_events(case)) == 1


ANSWERED = local_time(2025, 3, 5)


def resolved(cast):
    case = submitted(cast)
    with frozen_at(ANSWERED):
        case = case_accept(case=case, actor=cast.a_handler)
        return case_resolve(case=case, actor=cast.a_handler, answer="已督促企业支付全部欠薪。")


class TestClosing:
    def test_a_lapsed_review_window_closes_the_case(self, cast):
        case = resolved(cast)
        window_end = local_time(2025, 4, 16)  # 30 working days after 5 March
        assert case.clock_stage == ClockStage.REVIEW_WINDOW
        assert case.due_at == window_end
        assert case.next_action_at == window_end

        assert run(window_end - MINUTE).closed == 0
        result = run(window_end)
        assert result.closed == 1
        assert (result.reminders, result.escalations, result.warnings) == (0, 0, 0)
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED
        assert case.closed_at == window_end
        assert case.clock_stage == ClockStage.NONE
        assert case.due_at is None
        assert case.next_action_at is None
        assert CaseHolding.objects.get(case=case).ended_at == window_end
        closed = CaseEvent.objects.get(case=case, kind=EventKind.CLOSED)
        assert closed.is_public is True
        assert closed.actor is None
        assert closed.actor_label == "system"
        assert (closed.from_status, closed.to_status) == (CaseStatus.RESOLVED, CaseStatus.CLOSED)
        assert closed.data == {"reason": "review_window_lapsed"}
        assert run(local_time(2026, 1, 1)).closed == 0
        assert CaseEvent.objects.filter(case=case, kind=EventKind.CLOSED).count() == 1

        with frozen_at(window_end + MINUTE), pytest.raises(TransitionNotAllowed):
            case_request_review(case=case, reason="我不满意处理结果")

    def test_the_review_window_never_escalates(self, cast):
        case = resolved(cast)
        run(case.due_at - MINUTE)
        assert ladder_events(case) == []

    def test_a_disputed_case_closes_when_the_window_lapses(self, cast):
        from redress.cases.services import case_dispute

        case = resolved(cast)
        with frozen_at(local_time(2025, 3, 6)):
            case = case_dispute(case=case, reason="欠薪只付了一半")
        run(local_time(2025, 4, 16))
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED

    def test_a_declined_case_closes_when_the_window_lapses(self, cast):
        case = submitted(cast)
        with frozen_at(local_time(2025, 3, 5)):
            case = case_decline(case=case, actor=cast.a_handler, reason="已由法院受理")
        run(local_time(2025, 4, 16) - MINUTE)
        case.refresh_from_db()
        assert case.status == CaseStatus.DECLINED
        run(local_time(2025, 4, 16))
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED

    def test_a_confirmed_case_closes_on_the_next_pass(self, cast):
        case = resolved(cast)
        confirmed_at = local_time(2025, 3, 6, 15)
        with frozen_at(confirmed_at):
            case = case_confirm(case=case)
        assert case.next_action_at == confirmed_at
        assert run(confirmed_at).closed == 1
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED

    def test_a_re_reviewed_case_closes_on_the_next_pass(self, cast):
        case = resolved(cast)
        with frozen_at(local_time(2025, 3, 6)):
            case = case_request_review(case=case, reason="补偿标准有误")
            case = case_review_answer(case=case, actor=cast.a_director, answer="复查维持原意见。")
            case = case_request_re_review(case=case, reason="仍不服")
            case = case_re_review_answer(
                case=case, actor=cast.county_director, answer="复核维持原意见。"
            )
        assert case.status == CaseStatus.RE_REVIEWED
        assert run(local_time(2025, 3, 6, 10)).closed == 1
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED


class TestCommand:
    def test_run_clocks_once_at_a_given_time(self, cast):
        case = submitted(cast)
        out = io.StringIO()
        call_command("run_clocks", "--once", "--now", REMINDER.isoformat(), stdout=out)
        assert "reminders 1" in out.getvalue()
        assert [kind for kind, _ in ladder_events(case)] == [EventKind.REMINDER]

    def test_a_naive_now_is_office_time_and_implies_once(self, cast):
        case = submitted(cast)
        out = io.StringIO()
        call_command("run_clocks", "--now", "2025-03-24T09:00", stdout=out)
        assert "escalations 1" in out.getvalue()
        assert [kind for kind, _ in ladder_events(case)] == [
            EventKind.REMINDER,
            EventKind.ESCALATED,
        ]

    def test_a_bad_now_is_refused(self, cast):
        submitted(cast)
        with pytest.raises(CommandError, match="--now"):
            call_command("run_clocks", "--once", "--now", "next tuesday", stdout=io.StringIO())
        assert CaseEvent.objects.filter(kind__in=LADDER_KINDS).count() == 0

    def test_a_bad_batch_size_is_refused(self, db):
        with pytest.raises(CommandError, match="batch-size"):
            call_command("run_clocks", "--once", "--batch-size", "0", stdout=io.StringIO())


def make_due_cases(cast, count):
    """`count` cases whose reminder has come due, made in bulk from one submitted case."""
    template = submitted(cast)
    values = {
        field.attname: getattr(template, field.attname)
        for field in Case._meta.concrete_fields
        if not field.primary_key
    }
    Case.objects.bulk_create(
        Case(**{**values, "tracking_code": new_tracking_code(), "idempotency_key": None})
        for _ in range(count - 1)
    )
    cases = list(Case.objects.order_by("pk"))
    CaseHolding.objects.bulk_create(
        CaseHolding(case=case, department=cast.a_labour, started_at=SUBMITTED)
        for case in cases
        if case.pk != template.pk
    )
    assert len(cases) == count
    return cases


def assert_one_reminder_each(count):
    per_case = Case.objects.annotate(
        reminders=Count("events", filter=Q(events__kind=EventKind.REMINDER))
    ).values_list("reminders", flat=True)
    assert sorted(set(per_case)) == [1]
    assert len(per_case) == count


class TestNoDoubleAction:
    def test_two_passes_in_a_row_act_once(self, cast):
        make_due_cases(cast, 30)
        first = clocks_run_once(now=REMINDER, batch_size=7)
        second = clocks_run_once(now=REMINDER, batch_size=7)
        assert first.reminders == 30
        assert second.examined == 0
        assert_one_reminder_each(30)

    @pytest.mark.postgres
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_two_concurrent_workers_act_once(self, cast):
        count = 300
        make_due_cases(cast, count)
        barrier = threading.Barrier(2)
        results, errors = [], []

        def worker():
            try:
                barrier.wait(timeout=10)
                results.append(clocks_run_once(now=REMINDER, batch_size=20))
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert len(results) == 2
        assert sum(result.reminders for result in results) == count
        assert sum(result.examined for result in results) == count
        assert_one_reminder_each(count)
        assert not Case.objects.filter(escalation_step__gt=1).exists()
