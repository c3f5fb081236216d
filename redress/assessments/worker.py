"""The clock pass for mitigation measures: a reminder before the due time, an escalation at
it, a warning on the owner unit's record after it (the case ladder's rungs and offsets, in
working days on the owner's calendar), each written once.

Rows are claimed as the case worker claims them: FOR UPDATE SKIP LOCKED on PostgreSQL, the
batch in one transaction on SQLite."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction

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
from redress.clocks.deadlines import ladder

BATCH = 500
_STEP_EVENTS = {
    "reminder": ProjectEventKind.MEASURE_REMINDER,
    "escalation": ProjectEventKind.MEASURE_ESCALATED,
    "warning": ProjectEventKind.MEASURE_WARNING,
}


def mitigation_measures_pass(*, now: dt.datetime) -> dict[str, int]:
    counts = {"reminder": 0, "escalation": 0, "warning": 0}
    calendars = CalendarCache()
    steps = ladder()
    while True:
        with transaction.atomic():
            queryset = MitigationMeasure.objects.filter(
                next_action_at__lte=now, status=MeasureStatus.OPEN
            ).order_by("next_action_at", "id")
            if connection.features.has_select_for_update_skip_locked:
                queryset = queryset.select_for_update(skip_locked=True, of=("self",))
            measures = list(queryset.select_related("owner__jurisdiction", "project")[:BATCH])
            events: list[ProjectEvent] = []
            records: list[MeasureRecordEntry] = []
            for measure in measures:
                calendar = calendars.for_path(measure.owner.jurisdiction.path)
                while measure.escalation_step < len(steps):
                    at = measure_next_action_time(measure, calendar)
                    if at is None or at > now:
                        break
                    step = steps[measure.escalation_step]
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
                                "step": measure.escalation_step + 1,
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
                    measure.escalation_step += 1
                measure.next_action_at = measure_next_action_time(measure, calendar)
            ProjectEvent.objects.bulk_create(events)
            MeasureRecordEntry.objects.bulk_create(records, ignore_conflicts=True)
            MitigationMeasure.objects.bulk_update(measures, ["escalation_step", "next_action_at"])
        if len(measures) < BATCH:
            return counts
