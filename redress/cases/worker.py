"""The case pass of the clocks worker: takes cases whose next action has come due and climbs
the escalation ladder (reminder, escalation to the level above, warning on the unit's
record), or closes a case whose review window has lapsed.

Rows are claimed so that two workers never act twice: on PostgreSQL with
SELECT ... FOR UPDATE SKIP LOCKED (each worker takes rows the other has not locked); on SQLite
the whole pass of a batch runs in an IMMEDIATE transaction, which serialises writers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction

from redress.cases.models import Case, CaseEvent, CaseHolding, CaseStatus, ClockStage, EventKind
from redress.cases.services.clock import next_action_time
from redress.cases.services.events import SYSTEM_ACTOR
from redress.clocks.calendar import CalendarCache
from redress.clocks.deadlines import ladder
from redress.clocks.loop import worker_batch_size
from redress.clocks.models import RecordEntryKind, UnitRecordEntry
from redress.core import clock

logger = logging.getLogger(__name__)

# The heartbeat name of the escalation ladder (registered first, in CasesConfig.ready()).
CASE_PASS = "cases"

_STEP_EVENTS = {
    "reminder": EventKind.REMINDER,
    "escalation": EventKind.ESCALATED,
    "warning": EventKind.WARNING,
}


@dataclass
class PassResult:
    reminders: int = 0
    escalations: int = 0
    warnings: int = 0
    closed: int = 0
    examined: int = 0
    by_step: dict[str, int] = field(default_factory=dict)

    def count(self, step: str) -> None:
        self.by_step[step] = self.by_step.get(step, 0) + 1
        if step == "reminder":
            self.reminders += 1
        elif step == "escalation":
            self.escalations += 1
        elif step == "warning":
            self.warnings += 1
        elif step == "close":
            self.closed += 1


def clocks_run_once(
    *,
    now: dt.datetime | None = None,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PassResult:
    """Act on every case due by `now`. Returns what was done."""
    now = now or clock.now()
    batch_size = batch_size or settings.REDRESS_WORKER_BATCH_SIZE
    result = PassResult()
    calendars = CalendarCache()
    while True:
        acted = _run_batch(now=now, batch_size=batch_size, calendars=calendars, result=result)
        if progress is not None:
            progress(acted)
        if acted < batch_size:
            break
    return result


def cases_clock_pass(*, now: dt.datetime) -> Mapping[str, int]:
    """The escalation ladder as a pass of run_clocks, with the run's --batch-size."""
    result = clocks_run_once(now=now, batch_size=worker_batch_size())
    return {
        "examined": result.examined,
        "reminders": result.reminders,
        "escalations": result.escalations,
        "warnings": result.warnings,
        "closed": result.closed,
    }


def _claim(now: dt.datetime, batch_size: int) -> list[Case]:
    queryset = Case.objects.filter(next_action_at__lte=now).order_by("next_action_at", "id")
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return list(
        queryset.only(
            "id",
            "status",
            "department_id",
            "jurisdiction_path",
            "clock_stage",
            "clock_unit",
            "due_at",
            "paused_at",
            "escalation_step",
            "next_action_at",
            "closed_at",
        )[:batch_size]
    )


def _run_batch(
    *, now: dt.datetime, batch_size: int, calendars: CalendarCache, result: PassResult
) -> int:
    steps = ladder()
    with transaction.atomic():
        cases = _claim(now, batch_size)
        events: list[CaseEvent] = []
        records: list[UnitRecordEntry] = []
        updated: list[Case] = []
        closed_ids: list[int] = []
        overdue_ids: list[int] = []
        for case in cases:
            result.examined += 1
            calendar = calendars.for_path(case.jurisdiction_path)
            if case.clock_stage == ClockStage.REVIEW_WINDOW:
                events.append(_close_event(case, now))
                case.status = CaseStatus.CLOSED
                case.closed_at = now
                case.clock_stage = ClockStage.NONE
                case.due_at = None
                case.next_action_at = None
                closed_ids.append(case.pk)
                result.count("close")
                updated.append(case)
                continue
            # Climb every rung that has come due (a worker that was down catches up at once,
            # but each rung is still written once, in order).
            while case.escalation_step < len(steps):
                at = next_action_time(case, calendar)
                if at is None or at > now:
                    break
                step = steps[case.escalation_step]
                events.append(_ladder_event(case, step.name, step.offset, now))
                if step.name == "warning" and case.due_at is not None:
                    records.append(
                        UnitRecordEntry(
                            department_id=case.department_id,
                            case_id=case.pk,
                            kind=RecordEntryKind.WARNING,
                            stage=case.clock_stage,
                            due_at=case.due_at,
                            at=now,
                        )
                    )
                if step.name in ("escalation", "warning"):
                    overdue_ids.append(case.pk)
                case.escalation_step += 1
                result.count(step.name)
            case.next_action_at = next_action_time(case, calendar)
            updated.append(case)
        CaseEvent.objects.bulk_create(events, batch_size=1000)
        UnitRecordEntry.objects.bulk_create(records, batch_size=1000)
        Case.objects.bulk_update(
            updated,
            ["status", "closed_at", "clock_stage", "due_at", "escalation_step", "next_action_at"],
            batch_size=500,
        )
        if closed_ids:
            CaseHolding.objects.filter(case_id__in=closed_ids, ended_at__isnull=True).update(
                ended_at=now
            )
        if overdue_ids:
            CaseHolding.objects.filter(case_id__in=overdue_ids, ended_at__isnull=True).update(
                was_overdue=True
            )
    return len(cases)


def _ladder_event(case: Case, step: str, offset: int, now: dt.datetime) -> CaseEvent:
    return CaseEvent(
        case_id=case.pk,
        kind=_STEP_EVENTS[step],
        at=now,
        actor_label=SYSTEM_ACTOR,
        from_status=case.status,
        to_status=case.status,
        data={
            "stage": case.clock_stage,
            "due_at": case.due_at.isoformat() if case.due_at else None,
            "step": case.escalation_step + 1,
            "department": case.department_id,
        },
        is_public=False,
    )


def _close_event(case: Case, now: dt.datetime) -> CaseEvent:
    return CaseEvent(
        case_id=case.pk,
        kind=EventKind.CLOSED,
        at=now,
        actor_label=SYSTEM_ACTOR,
        from_status=case.status,
        to_status=CaseStatus.CLOSED,
        note="",
        data={"reason": "review_window_lapsed"},
        is_public=True,
    )
