"""The clock pass for mitigation measures: a reminder before the due time, an escalation at
it, a warning on the owner unit's record after it (the case ladder's rungs and offsets, in
working days on the owner's calendar), each written once.

Rows are claimed by the pass that letters and action items use
(redress.obligations.services.due_rows_process): FOR UPDATE SKIP LOCKED on PostgreSQL, the batch
in one transaction on SQLite."""

from __future__ import annotations

import datetime as dt
from functools import partial

from redress.assessments.models import (
    MeasureRecordEntry,
    MeasureStatus,
    MitigationMeasure,
    ProjectEvent,
    ProjectEventKind,
)
from redress.assessments.services.common import SYSTEM_ACTOR
from redress.assessments.services.measures import measure_next_action_time
from redress.clocks.calendar import CalendarCache
from redress.obligations.services import due_rows_process, ladder_steps_due

BATCH = 500
_STEP_EVENTS = {
    "reminder": ProjectEventKind.MEASURE_REMINDER,
    "escalation": ProjectEventKind.MEASURE_ESCALATED,
    "warning": ProjectEventKind.MEASURE_WARNING,
}


def mitigation_measures_pass(*, now: dt.datetime) -> dict[str, int]:
    counts = {"reminder": 0, "escalation": 0, "warning": 0}
    calendars = CalendarCache()

    def handle(measures: list[MitigationMeasure]) -> None:
        events: list[ProjectEvent] = []
        records: list[MeasureRecordEntry] = []
        for measure in measures:
            calendar = calendars.for_path(measure.owner.jurisdiction.path)
            for step in ladder_steps_due(
                measure, now=now, next_time=partial(measure_next_action_time, measure, calendar)
            ):
                events.append(
                    ProjectEvent(
                        project_id=measure.project_id,
                        kind=_STEP_EVENTS[step.name],
                        at=now,
                        actor_label=SYSTEM_ACTOR,
                        from_status=measure.project.status,
                        to_status=measure.project.status,
                        note=measure.description[:200],
                        data={
                            "measure": measure.pk,
                            "department": measure.owner_id,
                            "due_at": measure.due_at.isoformat(),
                            "step": measure.escalation_step,
                        },
                    )
                )
                if step.name == "warning":
                    records.append(
                        MeasureRecordEntry(
                            department_id=measure.owner_id,
                            measure=measure,
                            due_at=measure.due_at,
                            at=now,
                        )
                    )
                counts[step.name] = counts.get(step.name, 0) + 1
            measure.next_action_at = measure_next_action_time(measure, calendar)
        ProjectEvent.objects.bulk_create(events)
        MeasureRecordEntry.objects.bulk_create(records, ignore_conflicts=True)
        MitigationMeasure.objects.bulk_update(measures, ["escalation_step", "next_action_at"])

    due_rows_process(
        MitigationMeasure.objects.filter(status=MeasureStatus.OPEN).select_related(
            "owner__jurisdiction", "project"
        ),
        now=now,
        batch_size=BATCH,
        handle=handle,
    )
    return counts
