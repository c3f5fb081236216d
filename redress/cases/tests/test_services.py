"""A case's life, step by step: each step's state change and timeline event, and each refused
step's error, which writes nothing."""

import datetime as dt
import itertools

import pytest

from redress.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseHolding,
    CaseLink,
    CaseStatus,
    ClockStage,
    EventKind,
)
from redress.cases.selectors import case_timeline
from redress.cases.services import (
    case_accept,
    case_add_note,
    case_assign,
    case_close,
    case_confirm,
    case_decline,
    case_dispute,
    case_extend,
    case_link,
    case_merge,
    case_pause,
    case_re_review_answer,
    case_request_re_review,
    case_request_review,
    case_resolve,
    case_resume,
    case_review_answer,
    case_start,
    case_transfer,
)
from redress.cases.testing import local_time, submit_case, unchanged
from redress.clocks.models import DeadlinePolicy, DurationUnit, Stage
from redress.core.clock import frozen_at
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.orgs.models import Department, Role, User

# Every test runs on Monday 3 March 2025, 10:00 in Shanghai, unless it moves the clock itself.
START = local_time(2025, 3, 3, 10)


def at(day, hour=10, minute=0, month=3):
    return local_time(2025, month, day, hour, minute)


@pytest.fixture(autouse=True)
def _office_time():
    with frozen_at(START):
        yield


def refused(error, attempt, *cases, field=None):
    """The attempt raises exactly `error` (naming `field`, if given) and writes nothing."""
    with unchanged(*cases), pytest.raises(DomainError) as raised:
        attempt()
    assert type(raised.value) is error, raised.value
    assert raised.value.field == field
    return raised.value


def last_event(case):
    return CaseEvent.objects.filter(case=case).order_by("-at", "-id").first()


def assert_event(case, kind, *, actor, moment, from_status, to_status, public=True, note=None):
    event = last_event(case)
    assert event.kind == kind
    if actor is None or isinstance(actor, str):
        assert event.actor is None
        assert event.actor_label == (actor or "system")
    else:
        assert event.actor == actor
        assert event.actor_label == ""
    assert event.at == moment
    assert (event.from_status, event.to_status) == (from_status, to_status)
    assert event.is_public is public
    if note is not None:
        assert event.note == note
    return event


def received(cast, **kwargs):
    return submit_case(jurisdiction=kwargs.pop("jurisdiction", cast.village_a), **kwargs)


def accepted(cast, **kwargs):
    return case_accept(case=received(cast, **kwargs), actor=cast.a_handler)


def in_progress(cast, **kwargs):
    return case_start(case=accepted(cast, **kwargs), actor=cast.a_handler)


def resolved(cast, **kwargs):
    return case_resolve(case=in_progress(cast, **kwargs), actor=cast.a_handler, answer="已付清。")


def reviewed(cast):
    case = case_request_review(case=resolved(cast), reason="只付了一半")
    return case_review_answer(case=case, actor=cast.a_director, answer="复查：已补足。")


class TestAccept:
    def test_accepting_starts_the_handling_clock(self, cast):
        case = received(cast)
        with frozen_at(at(4)):
            case = case_accept(case=case, actor=cast.a_handler, note=" 材料齐全 ")
        assert case.status == CaseStatus.ACCEPTED
        assert case.accepted_at == at(4)
        assert case.clock_stage == ClockStage.HANDLING
        assert case.due_at == at(27, month=5)  # sixty working days
        event = assert_event(
            case,
            EventKind.ACCEPTED,
            actor=cast.a_handler,
            moment=at(4),
            from_status=CaseStatus.RECEIVED,
            to_status=CaseStatus.ACCEPTED,
            note="材料齐全",
        )
        assert dt.datetime.fromisoformat(event.data["due_at"]) == case.due_at

    @pytest.mark.parametrize("who", ["a_operator", "a_director", "county_director"])
    def test_the_office_may_accept_too(self, cast, who):
        assert case_accept(case=received(cast), actor=getattr(cast, who)).status == "accepted"

    def test_only_once(self, cast):
        case = accepted(cast)
        refused(TransitionNotAllowed, lambda: case_accept(case=case, actor=cast.a_handler), case)

    @pytest.mark.parametrize(
        "who", ["b_handler", "b_director", "a_env_handler", "county_leader", "auditor", "liaison"]
    )
    def test_not_by_others(self, cast, who):
        case = received(cast)
        refused(PermissionDenied, lambda: case_accept(case=case, actor=getattr(cast, who)), case)


class TestDecline:
    def test_a_decline_carries_a_reason_the_complainant_sees(self, cast):
        case = received(cast)
        with frozen_at(at(4)):
            case = case_decline(case=case, actor=cast.a_handler, reason=" 已由法院立案审理。 ")
        assert case.status == CaseStatus.DECLINED
        assert case.decline_reason == "已由法院立案审理。"
        assert case.resolved_at == at(4)
        assert case.clock_stage == ClockStage.REVIEW_WINDOW
        assert case.due_at == at(15, month=4)  # thirty working days to ask for review
        assert_event(
            case,
            EventKind.DECLINED,
            actor=cast.a_handler,
            moment=at(4),
            from_status=CaseStatus.RECEIVED,
            to_status=CaseStatus.DECLINED,
            note="已由法院立案审理。",
        )
        public = case_timeline(case=case, public_only=True).get(kind=EventKind.DECLINED)
        assert public.note == "已由法院立案审理。"

    @pytest.mark.parametrize("reason", ["", "   ", None, "理" * 2001])
    def test_no_decline_without_a_reason(self, cast, reason):
        case = received(cast)
        refused(
            DomainError,
            lambda: case_decline(case=case, actor=cast.a_handler, reason=reason),
            case,
            field="reason",
        )

    def test_only_before_acceptance(self, cast):
        case = accepted(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_decline(case=case, actor=cast.a_handler, reason="不归我们管"),
            case,
        )

    def test_not_by_another_township(self, cast):
        case = received(cast)
        refused(
            PermissionDenied,
            lambda: case_decline(case=case, actor=cast.b_director, reason="不归我们管"),
            case,
        )


class TestAssign:
    def test_assign_to_a_handler_of_the_holding_department(self, cast):
        case = accepted(cast)
        due = case.due_at
        with frozen_at(at(4)):
            case = case_assign(case=case, actor=cast.a_director, assignee=cast.a_handler)
        assert case.status == CaseStatus.ASSIGNED
        assert case.assignee == cast.a_handler
        assert case.department == cast.a_labour
        assert case.due_at == due  # same department, same clock
        assert CaseHolding.objects.filter(case=case).count() == 1
        event = assert_event(
            case,
            EventKind.ASSIGNED,
            actor=cast.a_director,
            moment=at(4),
            from_status=CaseStatus.ACCEPTED,
            to_status=CaseStatus.ASSIGNED,
        )
        assert event.data["department"] == cast.a_labour.pk
        assert event.data["assignee"] == cast.a_handler.pk

    def test_assign_to_another_department_of_the_area(self, cast):
        case = accepted(cast)
        with frozen_at(at(10)):
            case = case_assign(
                case=case,
                actor=cast.a_director,
                department=cast.a_environment,
                assignee=cast.a_env_handler,
            )
        assert case.department == cast.a_environment
        assert case.assignee == cast.a_env_handler
        assert case.clock_started_at == at(10)
        assert case.due_at == at(2, month=6)
        holdings = CaseHolding.objects.filter(case=case)
        assert [(h.department, h.ended_at) for h in holdings] == [
            (cast.a_labour, at(10)),
            (cast.a_environment, None),
        ]
        assert last_event(case).data["department"] == cast.a_environment.pk

    def test_a_county_director_assigns_to_a_county_department(self, cast):
        case = case_assign(
            case=accepted(cast), actor=cast.county_director, department=cast.county_labour
        )
        assert case.department == cast.county_labour
        assert case.assignee is None

    def test_only_to_departments_of_the_actors_area(self, cast):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_assign(case=case, actor=cast.a_director, department=cast.b_labour),
            case,
            field="department",
        )

    @pytest.mark.parametrize("who", ["b_handler", "a_director", "a_env_handler"])
    def test_the_handler_must_work_in_that_department(self, cast, who):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_assign(case=case, actor=cast.a_director, assignee=getattr(cast, who)),
            case,
            field="assignee",
        )

    def test_not_to_an_inactive_department(self, cast):
        case = accepted(cast)
        Department.objects.filter(pk=cast.a_environment.pk).update(is_active=False)
        cast.a_environment.refresh_from_db()
        refused(
            DomainError,
            lambda: case_assign(case=case, actor=cast.a_director, department=cast.a_environment),
            case,
            field="department",
        )

    def test_not_by_a_handler(self, cast):
        case = accepted(cast)
        refused(
            PermissionDenied,
            lambda: case_assign(case=case, actor=cast.a_handler, assignee=cast.a_handler),
            case,
        )

    def test_not_before_acceptance(self, cast):
        case = received(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_assign(case=case, actor=cast.a_director, assignee=cast.a_handler),
            case,
        )


class TestStart:
    def test_the_handler_takes_the_case_up(self, cast):
        case = case_assign(case=accepted(cast), actor=cast.a_director)
        with frozen_at(at(5)):
            case = case_start(case=case, actor=cast.a_handler)
        assert case.status == CaseStatus.IN_PROGRESS
        assert case.assignee == cast.a_handler
        assert_event(
            case,
            EventKind.STARTED,
            actor=cast.a_handler,
            moment=at(5),
            from_status=CaseStatus.ASSIGNED,
            to_status=CaseStatus.IN_PROGRESS,
        )

    def test_an_assignee_stays_when_a_colleague_starts(self, cast):
        colleague = User.objects.create_user(
            username="a_handler_2",
            role=Role.HANDLER,
            jurisdiction=cast.township_a,
            department=cast.a_labour,
        )
        case = case_assign(case=accepted(cast), actor=cast.a_director, assignee=cast.a_handler)
        assert case_start(case=case, actor=colleague).assignee == cast.a_handler

    def test_not_by_a_director(self, cast):
        case = accepted(cast)
        refused(PermissionDenied, lambda: case_start(case=case, actor=cast.a_director), case)

    def test_not_before_acceptance_nor_twice(self, cast):
        case = received(cast)
        refused(TransitionNotAllowed, lambda: case_start(case=case, actor=cast.a_handler), case)
        case = case_start(case=case_accept(case=case, actor=cast.a_handler), actor=cast.a_handler)
        refused(TransitionNotAllowed, lambda: case_start(case=case, actor=cast.a_handler), case)


class TestTransfer:
    def test_sideways_to_another_department_of_the_township(self, cast):
        case = in_progress(cast)
        with frozen_at(at(6)):
            case = case_transfer(
                case=case, actor=cast.a_handler, department=cast.a_environment, reason="属环保问题"
            )
        assert case.status == CaseStatus.ASSIGNED
        assert case.department == cast.a_environment
        assert case.assignee is None
        event = assert_event(
            case,
            EventKind.TRANSFERRED,
            actor=cast.a_handler,
            moment=at(6),
            from_status=CaseStatus.IN_PROGRESS,
            to_status=CaseStatus.ASSIGNED,
            note="属环保问题",
        )
        assert event.data["from_department"] == cast.a_labour.pk
        assert event.data["department"] == cast.a_environment.pk
        # The sender no longer holds the case; the receiver does.
        refused(
            PermissionDenied,
            lambda: case_add_note(case=case, actor=cast.a_handler, note="还是我的"),
            case,
        )
        case_start(case=case, actor=cast.a_env_handler)

    def test_up_a_level_the_case_stays_open_and_where_it_is(self, cast):
        county_handler = User.objects.create_user(
            username="county_handler",
            role=Role.HANDLER,
            jurisdiction=cast.county,
            department=cast.county_labour,
        )
        case = in_progress(cast)
        with frozen_at(at(6)):
            case = case_transfer(
                case=case,
                actor=cast.a_handler,
                department=cast.county_labour,
                reason="欠薪企业为县属企业，需县劳动监察大队处理",
            )
        assert case.department == cast.county_labour
        assert case.jurisdiction == cast.village_a
        assert case.jurisdiction_path == cast.village_a.path
        assert case.status in OPEN_STATUSES
        assert case.closed_at is None
        assert not case.events.filter(kind__in=[EventKind.CLOSED, EventKind.DECLINED]).exists()
        assert [h.department for h in CaseHolding.objects.filter(case=case)] == [
            cast.a_labour,
            cast.county_labour,
        ]
        case = case_start(case=case, actor=county_handler)
        case = case_resolve(case=case, actor=county_handler, answer="县劳动监察大队已责令支付。")
        assert case.status == CaseStatus.RESOLVED

    def test_down_a_level_from_the_county(self, cast):
        case = case_accept(
            case=received(cast, jurisdiction=cast.county), actor=cast.county_director
        )
        case = case_transfer(
            case=case, actor=cast.county_director, department=cast.a_labour, reason="工地在东镇"
        )
        assert case.department == cast.a_labour
        assert case_start(case=case, actor=cast.a_handler).status == CaseStatus.IN_PROGRESS

    def test_before_acceptance_the_case_stays_received(self, cast):
        case = case_transfer(
            case=received(cast),
            actor=cast.a_operator,
            department=cast.a_environment,
            reason="属环保问题",
        )
        assert case.status == CaseStatus.RECEIVED
        assert case.clock_stage == ClockStage.ACCEPTANCE
        assert last_event(case).from_status == last_event(case).to_status == CaseStatus.RECEIVED

    def test_a_late_transfer_charges_the_sender_not_the_receiver(self, cast):
        case = received(cast)  # acceptance due 24 March
        with frozen_at(at(26)):
            case = case_transfer(
                case=case, actor=cast.a_director, department=cast.a_environment, reason="属环保问题"
            )
        sender, receiver = CaseHolding.objects.filter(case=case)
        assert sender.was_overdue is True
        assert receiver.was_overdue is False
        assert case.is_overdue is False

    def test_a_timely_transfer_charges_no_one(self, cast):
        case = case_transfer(
            case=received(cast),
            actor=cast.a_director,
            department=cast.a_environment,
            reason="属环保问题",
        )
        assert not CaseHolding.objects.filter(case=case, was_overdue=True).exists()

    @pytest.mark.parametrize("reason", ["", "  ", "理" * 2001])
    def test_a_reason_is_required(self, cast, reason):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_transfer(
                case=case, actor=cast.a_handler, department=cast.a_environment, reason=reason
            ),
            case,
            field="reason",
        )

    def test_not_to_the_same_or_an_inactive_department(self, cast):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_transfer(
                case=case, actor=cast.a_handler, department=cast.a_labour, reason="转给自己"
            ),
            case,
            field="department",
        )
        Department.objects.filter(pk=cast.county_labour.pk).update(is_active=False)
        cast.county_labour.refresh_from_db()
        refused(
            DomainError,
            lambda: case_transfer(
                case=case, actor=cast.a_handler, department=cast.county_labour, reason="县里管"
            ),
            case,
            field="department",
        )

    def test_not_once_answered(self, cast):
        case = resolved(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_transfer(
                case=case, actor=cast.a_director, department=cast.a_environment, reason="再看看"
            ),
            case,
        )

    def test_not_by_another_township(self, cast):
        case = accepted(cast)
        refused(
            PermissionDenied,
            lambda: case_transfer(
                case=case, actor=cast.b_handler, department=cast.b_labour, reason="我们来"
            ),
            case,
        )


class TestExtend:
    def test_once_with_a_reason(self, cast):
        case = in_progress(cast)
        due = case.due_at
        with frozen_at(at(20)):
            case = case_extend(case=case, actor=cast.a_handler, days=10, reason="需要司法鉴定")
        assert case.extended is True
        assert case.due_at == due + dt.timedelta(days=14)  # ten working days, two weekends
        assert case.status == CaseStatus.IN_PROGRESS
        event = assert_event(
            case,
            EventKind.EXTENDED,
            actor=cast.a_handler,
            moment=at(20),
            from_status=CaseStatus.IN_PROGRESS,
            to_status=CaseStatus.IN_PROGRESS,
            note="需要司法鉴定",
        )
        assert event.data["days"] == 10
        assert dt.datetime.fromisoformat(event.data["previous_due_at"]) == due
        assert dt.datetime.fromisoformat(event.data["due_at"]) == case.due_at

    def test_a_second_extension_is_refused(self, cast):
        case = case_extend(case=in_progress(cast), actor=cast.a_handler, days=5, reason="鉴定")
        refused(
            TransitionNotAllowed,
            lambda: case_extend(case=case, actor=cast.a_handler, days=5, reason="还要鉴定"),
            case,
        )

    @pytest.mark.parametrize("days", [0, -1, 31])
    def test_beyond_the_policy_is_refused(self, cast, days):
        case = in_progress(cast)
        refused(
            DomainError,
            lambda: case_extend(case=case, actor=cast.a_handler, days=days, reason="鉴定"),
            case,
            field="days",
        )

    def test_the_full_thirty_days_are_allowed(self, cast):
        case = in_progress(cast)
        due = case.due_at
        case = case_extend(case=case, actor=cast.a_handler, days=30, reason="鉴定")
        assert case.due_at == due + dt.timedelta(weeks=6)

    def test_the_office_sets_a_shorter_maximum(self, cast):
        DeadlinePolicy.objects.create(
            stage=Stage.EXTENSION, amount=10, unit=DurationUnit.WORKING_DAYS
        )
        case = in_progress(cast)
        refused(
            DomainError,
            lambda: case_extend(case=case, actor=cast.a_handler, days=11, reason="鉴定"),
            case,
            field="days",
        )
        assert case_extend(case=case, actor=cast.a_handler, days=10, reason="鉴定").extended

    def test_a_reason_is_required(self, cast):
        case = in_progress(cast)
        refused(
            DomainError,
            lambda: case_extend(case=case, actor=cast.a_handler, days=5, reason=" "),
            case,
            field="reason",
        )

    def test_only_the_handling_deadline(self, cast):
        case = received(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_extend(case=case, actor=cast.a_handler, days=5, reason="鉴定"),
            case,
        )

    def test_not_by_an_operator(self, cast):
        case = in_progress(cast)
        refused(
            PermissionDenied,
            lambda: case_extend(case=case, actor=cast.a_operator, days=5, reason="鉴定"),
            case,
        )


class TestPauseAndResume:
    @pytest.mark.parametrize("make", [accepted, in_progress])
    def test_pause_in_a_working_state_with_a_reason(self, cast, make):
        case = make(cast)
        status = case.status
        with frozen_at(at(5)):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充工资条")
        assert case.status == status
        assert case.paused_at == at(5)
        assert case.pause_reason == "等待申请人补充工资条"
        assert case.next_action_at is None
        assert_event(
            case,
            EventKind.PAUSED,
            actor=cast.a_handler,
            moment=at(5),
            from_status=status,
            to_status=status,
            note="等待申请人补充工资条",
        )

    def test_a_director_may_pause_an_assigned_case(self, cast):
        case = case_assign(case=accepted(cast), actor=cast.a_director)
        assert case_pause(case=case, actor=cast.a_director, reason="等待鉴定").is_paused

    @pytest.mark.parametrize("make", [received, resolved])
    def test_not_in_other_states(self, cast, make):
        case = make(cast)
        actor = cast.a_director
        refused(
            TransitionNotAllowed, lambda: case_pause(case=case, actor=actor, reason="等待"), case
        )

    @pytest.mark.parametrize("reason", ["", "   ", "理" * 301])
    def test_a_reason_is_required(self, cast, reason):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_pause(case=case, actor=cast.a_handler, reason=reason),
            case,
            field="reason",
        )

    def test_not_twice_and_not_by_an_operator(self, cast):
        case = accepted(cast)
        refused(
            PermissionDenied,
            lambda: case_pause(case=case, actor=cast.a_operator, reason="等待"),
            case,
        )
        case = case_pause(case=case, actor=cast.a_handler, reason="等待")
        refused(
            TransitionNotAllowed,
            lambda: case_pause(case=case, actor=cast.a_handler, reason="再等"),
            case,
        )

    def test_resume_moves_the_due_date_by_the_paused_time(self, cast):
        case = accepted(cast)
        due = case.due_at
        with frozen_at(at(5, 9)):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待申请人补充工资条")
        with frozen_at(at(12, 15, 30)):
            case = case_resume(case=case, actor=cast.a_handler, note="材料已到")
        assert case.paused_at is None
        assert case.pause_reason == ""
        assert case.due_at == due + (at(12, 15, 30) - at(5, 9))
        event = assert_event(
            case,
            EventKind.RESUMED,
            actor=cast.a_handler,
            moment=at(12, 15, 30),
            from_status=CaseStatus.ACCEPTED,
            to_status=CaseStatus.ACCEPTED,
            note="材料已到",
        )
        assert dt.datetime.fromisoformat(event.data["paused_since"]) == at(5, 9)
        assert dt.datetime.fromisoformat(event.data["due_at"]) == case.due_at

    def test_resume_only_when_paused(self, cast):
        case = accepted(cast)
        refused(TransitionNotAllowed, lambda: case_resume(case=case, actor=cast.a_handler), case)


class TestResolve:
    def test_a_written_answer_opens_the_review_window(self, cast):
        case = in_progress(cast)
        with frozen_at(at(5)):
            case = case_resolve(case=case, actor=cast.a_handler, answer=" 企业已支付全部欠薪。 ")
        assert case.status == CaseStatus.RESOLVED
        assert case.answer == "企业已支付全部欠薪。"
        assert case.resolved_at == at(5)
        assert case.clock_stage == ClockStage.REVIEW_WINDOW
        assert case.due_at == at(16, month=4)
        assert_event(
            case,
            EventKind.RESOLVED,
            actor=cast.a_handler,
            moment=at(5),
            from_status=CaseStatus.IN_PROGRESS,
            to_status=CaseStatus.RESOLVED,
            note="企业已支付全部欠薪。",
        )
        assert CaseHolding.objects.get(case=case).was_overdue is False

    def test_an_answer_is_required(self, cast):
        case = in_progress(cast)
        refused(
            DomainError,
            lambda: case_resolve(case=case, actor=cast.a_handler, answer="  "),
            case,
            field="answer",
        )

    def test_not_before_acceptance(self, cast):
        case = received(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_resolve(case=case, actor=cast.a_handler, answer="已处理"),
            case,
        )

    def test_a_late_answer_marks_the_holding_overdue(self, cast):
        case = in_progress(cast)
        with frozen_at(case.due_at + dt.timedelta(hours=1)):
            case_resolve(case=case, actor=cast.a_handler, answer="已处理")
        assert CaseHolding.objects.get(case=case).was_overdue is True

    def test_time_paused_is_not_held_against_the_unit(self, cast):
        case = in_progress(cast)
        with frozen_at(case.due_at - dt.timedelta(days=1)):
            case = case_pause(case=case, actor=cast.a_handler, reason="等待鉴定结果")
        with frozen_at(case.due_at + dt.timedelta(days=10)):
            case_resolve(case=case, actor=cast.a_handler, answer="鉴定后已处理")
        assert CaseHolding.objects.get(case=case).was_overdue is False


class TestComplainantAnswers:
    def test_confirm(self, cast):
        case = resolved(cast)
        with frozen_at(at(7)):
            case = case_confirm(case=case, note="钱已收到，谢谢")
        assert case.status == CaseStatus.CONFIRMED
        assert case.next_action_at == at(7)  # the worker closes it on its next pass
        assert_event(
            case,
            EventKind.CONFIRMED,
            actor="public",
            moment=at(7),
            from_status=CaseStatus.RESOLVED,
            to_status=CaseStatus.CONFIRMED,
            note="钱已收到，谢谢",
        )

    def test_nothing_to_confirm_before_an_answer(self, cast):
        case = in_progress(cast)
        refused(TransitionNotAllowed, lambda: case_confirm(case=case), case)

    def test_a_confirmation_note_has_a_limit(self, cast):
        case = resolved(cast)
        refused(DomainError, lambda: case_confirm(case=case, note="谢" * 2001), case, field="note")

    def test_dispute(self, cast):
        case = resolved(cast)
        due = case.due_at
        with frozen_at(at(7)):
            case = case_dispute(case=case, reason="只付了一半")
        assert case.status == CaseStatus.DISPUTED
        assert case.due_at == due  # the review window keeps running
        assert_event(
            case,
            EventKind.DISPUTED,
            actor="public",
            moment=at(7),
            from_status=CaseStatus.RESOLVED,
            to_status=CaseStatus.DISPUTED,
            note="只付了一半",
        )

    def test_a_decline_can_be_disputed(self, cast):
        case = case_decline(case=received(cast), actor=cast.a_handler, reason="已由法院受理")
        assert case_dispute(case=case, reason="法院没有受理").status == CaseStatus.DISPUTED

    def test_a_dispute_needs_a_reason(self, cast):
        case = resolved(cast)
        refused(DomainError, lambda: case_dispute(case=case, reason=""), case, field="reason")

    def test_no_dispute_after_confirming(self, cast):
        case = case_confirm(case=resolved(cast))
        refused(TransitionNotAllowed, lambda: case_dispute(case=case, reason="反悔了"), case)


class TestReview:
    @pytest.mark.parametrize("step", ["resolved", "disputed", "declined"])
    def test_request_a_review_within_the_window(self, cast, step):
        if step == "declined":
            case = case_decline(case=received(cast), actor=cast.a_handler, reason="已由法院受理")
        else:
            case = resolved(cast)
            if step == "disputed":
                case = case_dispute(case=case, reason="只付了一半")
        from_status = case.status
        with frozen_at(at(10)):
            case = case_request_review(case=case, reason="要求复查")
        assert case.status == CaseStatus.UNDER_REVIEW
        assert case.clock_stage == ClockStage.REVIEW
        assert case.clock_started_at == at(10)
        assert case.due_at == at(21, month=4)
        assert_event(
            case,
            EventKind.REVIEW_REQUESTED,
            actor="public",
            moment=at(10),
            from_status=from_status,
            to_status=CaseStatus.UNDER_REVIEW,
            note="要求复查",
        )

    def test_up_to_the_last_moment_of_the_window(self, cast):
        case = resolved(cast)
        with frozen_at(case.due_at):
            assert case_request_review(case=case, reason="要求复查").status == "under_review"

    def test_refused_after_the_window(self, cast):
        case = resolved(cast)
        with frozen_at(case.due_at + dt.timedelta(seconds=1)):
            refused(
                TransitionNotAllowed, lambda: case_request_review(case=case, reason="晚了"), case
            )

    def test_refused_before_an_answer_and_without_a_reason(self, cast):
        case = in_progress(cast)
        refused(TransitionNotAllowed, lambda: case_request_review(case=case, reason="复查"), case)
        case = resolved(cast)
        refused(
            DomainError, lambda: case_request_review(case=case, reason=""), case, field="reason"
        )

    def test_the_review_answer(self, cast):
        case = case_request_review(case=resolved(cast), reason="只付了一半")
        with frozen_at(at(20)):
            case = case_review_answer(case=case, actor=cast.a_director, answer="复查：已补足。")
        assert case.status == CaseStatus.REVIEWED
        assert case.review_answer == "复查：已补足。"
        assert case.clock_stage == ClockStage.REVIEW_WINDOW
        assert case.due_at == at(1, month=5)
        assert_event(
            case,
            EventKind.REVIEWED,
            actor=cast.a_director,
            moment=at(20),
            from_status=CaseStatus.UNDER_REVIEW,
            to_status=CaseStatus.REVIEWED,
            note="复查：已补足。",
        )

    def test_the_review_is_answered_by_the_office_not_the_handler(self, cast):
        case = case_request_review(case=resolved(cast), reason="只付了一半")
        refused(
            PermissionDenied,
            lambda: case_review_answer(case=case, actor=cast.a_handler, answer="维持"),
            case,
        )
        refused(
            DomainError,
            lambda: case_review_answer(case=case, actor=cast.a_director, answer=""),
            case,
            field="answer",
        )

    def test_no_review_answer_without_a_request(self, cast):
        case = resolved(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_review_answer(case=case, actor=cast.a_director, answer="维持"),
            case,
        )

    def test_re_review_request_and_answer(self, cast):
        case = reviewed(cast)
        with frozen_at(at(11)):
            case = case_request_re_review(case=case, reason="仍不服，要求复核")
        assert case.status == CaseStatus.UNDER_RE_REVIEW
        assert case.clock_stage == ClockStage.RE_REVIEW
        assert_event(
            case,
            EventKind.RE_REVIEW_REQUESTED,
            actor="public",
            moment=at(11),
            from_status=CaseStatus.REVIEWED,
            to_status=CaseStatus.UNDER_RE_REVIEW,
            note="仍不服，要求复核",
        )
        with frozen_at(at(12)):
            case = case_re_review_answer(
                case=case, actor=cast.county_director, answer="复核：维持复查意见。"
            )
        assert case.status == CaseStatus.RE_REVIEWED
        assert case.re_review_answer == "复核：维持复查意见。"
        assert case.next_action_at == at(12)  # final: closed on the worker's next pass
        assert_event(
            case,
            EventKind.RE_REVIEWED,
            actor=cast.county_director,
            moment=at(12),
            from_status=CaseStatus.UNDER_RE_REVIEW,
            to_status=CaseStatus.RE_REVIEWED,
        )
        # Nothing further to ask for.
        refused(TransitionNotAllowed, lambda: case_request_review(case=case, reason="再查"), case)
        refused(
            TransitionNotAllowed, lambda: case_request_re_review(case=case, reason="再查"), case
        )

    def test_re_review_only_after_a_review(self, cast):
        case = resolved(cast)
        refused(
            TransitionNotAllowed, lambda: case_request_re_review(case=case, reason="复核"), case
        )

    def test_re_review_refused_after_the_window(self, cast):
        case = reviewed(cast)
        with frozen_at(case.due_at + dt.timedelta(minutes=1)):
            refused(
                TransitionNotAllowed,
                lambda: case_request_re_review(case=case, reason="晚了"),
                case,
            )

    def test_re_review_answered_by_the_office_only(self, cast):
        case = case_request_re_review(case=reviewed(cast), reason="复核")
        refused(
            PermissionDenied,
            lambda: case_re_review_answer(case=case, actor=cast.a_handler, answer="维持"),
            case,
        )


class TestClose:
    def test_a_director_closes_a_confirmed_case(self, cast):
        case = case_confirm(case=resolved(cast))
        with frozen_at(at(8)):
            case = case_close(case=case, actor=cast.a_director, note="申请人满意")
        assert case.status == CaseStatus.CLOSED
        assert case.closed_at == at(8)
        assert case.clock_stage == ClockStage.NONE
        assert case.due_at is None and case.next_action_at is None
        assert CaseHolding.objects.get(case=case).ended_at == at(8)
        assert_event(
            case,
            EventKind.CLOSED,
            actor=cast.a_director,
            moment=at(8),
            from_status=CaseStatus.CONFIRMED,
            to_status=CaseStatus.CLOSED,
            note="申请人满意",
        )

    def test_an_operator_closes_a_declined_case(self, cast):
        case = case_decline(case=received(cast), actor=cast.a_handler, reason="已由法院受理")
        assert case_close(case=case, actor=cast.a_operator).status == CaseStatus.CLOSED

    @pytest.mark.parametrize("make", [received, accepted, in_progress])
    def test_an_open_case_cannot_be_closed(self, cast, make):
        case = make(cast)
        refused(TransitionNotAllowed, lambda: case_close(case=case, actor=cast.a_director), case)
        refused(TransitionNotAllowed, lambda: case_close(case=case, actor=None), case)

    def test_not_by_a_handler_and_not_twice(self, cast):
        case = resolved(cast)
        refused(PermissionDenied, lambda: case_close(case=case, actor=cast.a_handler), case)
        case = case_close(case=case, actor=cast.a_director)
        refused(TransitionNotAllowed, lambda: case_close(case=case, actor=cast.a_director), case)


class TestLink:
    def test_link_two_related_cases(self, cast):
        one, other = received(cast), received(cast, title="同一工地欠薪")
        with frozen_at(at(4)):
            link = case_link(case=one, other=other, actor=cast.a_director, note="同一包工头")
        assert (link.from_case, link.to_case, link.created_by) == (one, other, cast.a_director)
        for this, that in ((one, other), (other, one)):
            event = assert_event(
                this,
                EventKind.LINKED,
                actor=cast.a_director,
                moment=at(4),
                from_status=CaseStatus.RECEIVED,
                to_status=CaseStatus.RECEIVED,
                public=False,
                note="同一包工头",
            )
            assert event.data["case"] == that.pk
            assert this.status == CaseStatus.RECEIVED  # both stay as they were

    def test_linking_again_either_way_changes_nothing(self, cast):
        one, other = received(cast), received(cast)
        link = case_link(case=one, other=other, actor=cast.a_handler)
        with unchanged(one, other):
            assert case_link(case=other, other=one, actor=cast.a_handler) == link
            assert case_link(case=one, other=other, actor=cast.a_handler) == link
        assert CaseLink.objects.count() == 1

    def test_not_to_itself(self, cast):
        case = received(cast)
        refused(
            DomainError,
            lambda: case_link(case=case, other=case, actor=cast.a_director),
            case,
            field="other",
        )

    def test_only_cases_the_actor_may_handle(self, cast):
        mine, theirs = received(cast), received(cast, jurisdiction=cast.village_b)
        refused(
            PermissionDenied,
            lambda: case_link(case=mine, other=theirs, actor=cast.a_director),
            mine,
            theirs,
        )
        assert CaseLink.objects.count() == 0
        assert case_link(case=mine, other=theirs, actor=cast.county_director)


class TestMerge:
    def test_merge_into_another_case(self, cast):
        source = accepted(cast, title="张三：工地欠薪")
        target = in_progress(cast, title="李四：同一工地欠薪")
        with frozen_at(at(6)):
            result = case_merge(
                source=source, target=target, actor=cast.a_director, reason="同一工地同一包工头"
            )
        assert result == target
        source.refresh_from_db()
        target.refresh_from_db()
        assert source.status == CaseStatus.MERGED
        assert source.merged_into == target
        assert source.closed_at == at(6)
        assert source.clock_stage == ClockStage.NONE and source.next_action_at is None
        assert CaseHolding.objects.get(case=source).ended_at == at(6)
        assert target.status == CaseStatus.IN_PROGRESS
        assert target.people_affected == 40
        source_event = assert_event(
            source,
            EventKind.MERGED,
            actor=cast.a_director,
            moment=at(6),
            from_status=CaseStatus.ACCEPTED,
            to_status=CaseStatus.MERGED,
            note="同一工地同一包工头",
        )
        assert source_event.data == {"into": target.pk}
        target_event = assert_event(
            target,
            EventKind.MERGED,
            actor=cast.a_director,
            moment=at(6),
            from_status=CaseStatus.IN_PROGRESS,
            to_status=CaseStatus.IN_PROGRESS,
        )
        assert target_event.data["from"] == source.pk
        assert target_event.data["tracking_code"] == source.display_code

    def test_a_merge_needs_a_reason_and_two_cases(self, cast):
        source, target = received(cast), received(cast)
        refused(
            DomainError,
            lambda: case_merge(source=source, target=target, actor=cast.a_director, reason=" "),
            source,
            target,
            field="reason",
        )
        refused(
            DomainError,
            lambda: case_merge(source=source, target=source, actor=cast.a_director, reason="重复"),
            source,
            field="target",
        )

    def test_not_into_a_finished_case(self, cast):
        source = received(cast)
        closed = case_close(case=resolved(cast), actor=cast.a_director)
        refused(
            DomainError,
            lambda: case_merge(source=source, target=closed, actor=cast.a_director, reason="重复"),
            source,
            closed,
            field="target",
        )
        other, newcomer = received(cast), received(cast)
        case_merge(source=other, target=source, actor=cast.a_director, reason="重复")
        refused(
            DomainError,
            lambda: case_merge(source=newcomer, target=other, actor=cast.a_director, reason="重复"),
            newcomer,
            other,
            field="target",
        )

    def test_not_a_finished_case(self, cast):
        source = case_confirm(case=resolved(cast))
        target = received(cast)
        refused(
            TransitionNotAllowed,
            lambda: case_merge(source=source, target=target, actor=cast.a_director, reason="重复"),
            source,
            target,
        )

    @pytest.mark.parametrize("who", ["a_handler", "a_operator", "b_director"])
    def test_only_a_director_over_both_cases(self, cast, who):
        source, target = received(cast), received(cast)
        refused(
            PermissionDenied,
            lambda: case_merge(
                source=source, target=target, actor=getattr(cast, who), reason="重复"
            ),
            source,
            target,
        )

    def test_not_across_townships_by_a_township_director(self, cast):
        source, target = received(cast), received(cast, jurisdiction=cast.village_b)
        refused(
            PermissionDenied,
            lambda: case_merge(source=source, target=target, actor=cast.a_director, reason="重复"),
            source,
            target,
        )
        case_merge(source=source, target=target, actor=cast.county_director, reason="重复")

    def test_cases_merged_earlier_follow_to_the_surviving_case(self, cast):
        first, second, survivor = received(cast), received(cast), received(cast)
        case_merge(source=first, target=second, actor=cast.a_director, reason="重复")
        case_merge(source=second, target=survivor, actor=cast.a_director, reason="重复")
        first.refresh_from_db()
        assert first.merged_into == survivor
        assert first.status == CaseStatus.MERGED
        assert last_event(first).data["into"] == survivor.pk


class TestNote:
    def test_an_internal_note(self, cast):
        case = accepted(cast)
        with frozen_at(at(4)):
            case_add_note(case=case, actor=cast.a_operator, note=" 申请人下午会来电 ")
        assert_event(
            case,
            EventKind.NOTE,
            actor=cast.a_operator,
            moment=at(4),
            from_status=CaseStatus.ACCEPTED,
            to_status=CaseStatus.ACCEPTED,
            public=False,
            note="申请人下午会来电",
        )
        case.refresh_from_db()
        assert case.status == CaseStatus.ACCEPTED

    def test_a_note_needs_text_and_a_right_to_the_case(self, cast):
        case = accepted(cast)
        refused(
            DomainError,
            lambda: case_add_note(case=case, actor=cast.a_handler, note=""),
            case,
            field="note",
        )
        for who in ("b_handler", "county_leader", "auditor", "liaison"):
            refused(
                PermissionDenied,
                lambda who=who: case_add_note(case=case, actor=getattr(cast, who), note="看看"),
                case,
            )

    def test_notes_are_allowed_on_a_closed_case(self, cast):
        case = case_close(case=resolved(cast), actor=cast.a_director)
        case_add_note(case=case, actor=cast.a_director, note="归档")
        assert last_event(case).kind == EventKind.NOTE


def test_a_whole_life_on_one_timeline(cast):
    steps = [
        (at(3), lambda c: c),
        (at(4), lambda c: case_accept(case=c, actor=cast.a_operator)),
        (at(5), lambda c: case_assign(case=c, actor=cast.a_director, assignee=cast.a_handler)),
        (at(6), lambda c: case_start(case=c, actor=cast.a_handler)),
        (at(7), lambda c: case_pause(case=c, actor=cast.a_handler, reason="等待工资条")),
        (at(10), lambda c: case_resume(case=c, actor=cast.a_handler)),
        (at(11), lambda c: case_extend(case=c, actor=cast.a_handler, days=10, reason="鉴定")),
        (at(12), lambda c: case_add_note(case=c, actor=cast.a_handler, note="已约谈企业")),
        (at(13), lambda c: case_resolve(case=c, actor=cast.a_handler, answer="已付清")),
        (at(14), lambda c: case_dispute(case=c, reason="只付了一半")),
        (at(17), lambda c: case_request_review(case=c, reason="要求复查")),
        (at(18), lambda c: case_review_answer(case=c, actor=cast.a_director, answer="已补足")),
        (at(19), lambda c: case_request_re_review(case=c, reason="要求复核")),
        (
            at(20),
            lambda c: case_re_review_answer(case=c, actor=cast.county_director, answer="维持"),
        ),
        (at(21), lambda c: case_confirm(case=c)),
        (at(24), lambda c: case_close(case=c, actor=cast.a_director)),
    ]
    case = received(cast)
    for moment, step in steps[1:]:
        with frozen_at(moment):
            case = step(case)
    events = list(case_timeline(case=case))
    assert [event.kind for event in events] == [
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
        EventKind.ASSIGNED,
        EventKind.STARTED,
        EventKind.PAUSED,
        EventKind.RESUMED,
        EventKind.EXTENDED,
        EventKind.NOTE,
        EventKind.RESOLVED,
        EventKind.DISPUTED,
        EventKind.REVIEW_REQUESTED,
        EventKind.REVIEWED,
        EventKind.RE_REVIEW_REQUESTED,
        EventKind.RE_REVIEWED,
        EventKind.CONFIRMED,
        EventKind.CLOSED,
    ]
    assert [event.at for event in events] == [moment for moment, _ in steps]
    # The statuses chain: each step starts where the previous one ended.
    for previous, event in itertools.pairwise(events):
        assert event.from_status == previous.to_status
    assert events[-1].to_status == CaseStatus.CLOSED
    public = [event.kind for event in case_timeline(case=case, public_only=True)]
    assert EventKind.NOTE not in public
    assert len(public) == len(events) - 1
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED
