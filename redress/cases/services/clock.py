"""Starting, pausing, extending and stopping a case's clock, and where the case stands on the
escalation ladder.

These functions only set fields on the case; the calling service saves it and writes the
timeline event in its own transaction."""

from __future__ import annotations

import datetime as dt

from redress.cases.models import STAFF_CLOCK_STAGES, Case, ClockStage
from redress.clocks.calendar import WorkingCalendar, calendar_for_jurisdiction_ids
from redress.clocks.deadlines import ladder, moment_shift
from redress.clocks.models import Stage
from redress.clocks.policies import Duration, duration_for
from redress.orgs.models import ancestor_ids_from_path


def calendar_of(case: Case) -> WorkingCalendar:
    return calendar_for_jurisdiction_ids(ancestor_ids_from_path(case.jurisdiction_path))


def next_action_time(case: Case, calendar: WorkingCalendar) -> dt.datetime | None:
    """When the worker must next look at this case, from its clock and ladder position."""
    if case.due_at is None or case.paused_at is not None:
        return None
    if case.clock_stage == ClockStage.REVIEW_WINDOW:
        return case.due_at  # the window lapses and the case closes
    if case.clock_stage not in STAFF_CLOCK_STAGES:
        return None
    steps = ladder()
    if case.escalation_step >= len(steps):
        return None
    return moment_shift(calendar, case.due_at, steps[case.escalation_step].offset, case.clock_unit)


def clock_start(
    case: Case,
    *,
    stage: ClockStage,
    at: dt.datetime,
    calendar: WorkingCalendar | None = None,
    duration: Duration | None = None,
) -> None:
    calendar = calendar or calendar_of(case)
    if stage == ClockStage.NONE:
        clock_stop(case)
        return
    duration = duration or duration_for(
        stage=Stage(stage.value), category_id=case.category_id, urgency=case.urgency
    )
    case.clock_stage = stage
    case.clock_started_at = at
    case.clock_unit = duration.unit
    case.due_at = calendar.add(at, duration.amount, duration.unit)
    case.paused_at = None
    case.pause_reason = ""
    case.escalation_step = 0
    case.next_action_at = next_action_time(case, calendar)


def clock_close_now(case: Case, *, at: dt.datetime) -> None:
    """A final state that the worker should close on its next pass."""
    case.clock_stage = ClockStage.REVIEW_WINDOW
    case.clock_started_at = at
    case.due_at = at
    case.paused_at = None
    case.escalation_step = 0
    case.next_action_at = at


def clock_stop(case: Case) -> None:
    case.clock_stage = ClockStage.NONE
    case.due_at = None
    case.paused_at = None
    case.pause_reason = ""
    case.escalation_step = 0
    case.next_action_at = None


def clock_pause(case: Case, *, at: dt.datetime, reason: str) -> None:
    case.paused_at = at
    case.pause_reason = reason
    case.next_action_at = None


def clock_resume(case: Case, *, at: dt.datetime, calendar: WorkingCalendar | None = None) -> None:
    """The time spent paused is added to the deadline."""
    if case.paused_at is None:
        return
    if case.due_at is not None:
        case.due_at += max(at - case.paused_at, dt.timedelta(0))
    case.paused_at = None
    case.pause_reason = ""
    case.next_action_at = next_action_time(case, calendar or calendar_of(case))


def clock_extend(case: Case, *, amount: int, calendar: WorkingCalendar | None = None) -> None:
    calendar = calendar or calendar_of(case)
    assert case.due_at is not None
    case.due_at = moment_shift(calendar, case.due_at, amount, case.clock_unit)
    case.escalation_step = 0
    case.next_action_at = next_action_time(case, calendar)
