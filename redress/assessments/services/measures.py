"""Mitigation measures: each with an owner unit and a deadline in working days on the owner's
calendar, watched by the clocks worker (redress.assessments.worker)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from redress.assessments.models import MeasureStatus, MitigationMeasure, Project, ProjectEventKind
from redress.assessments.permissions import Action, can_complete_measure
from redress.assessments.services.common import (
    check,
    event_record,
    project_lock,
    text_optional,
    text_required,
)
from redress.clocks.calendar import WorkingCalendar, calendar_for
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.obligations.services import ladder_next_time
from redress.orgs.models import Department, User

WORKING_DAYS_MAX = 250


def measure_next_action_time(
    measure: MitigationMeasure, calendar: WorkingCalendar
) -> dt.datetime | None:
    """When the worker must next look at the measure: the next rung of the escalation ladder
    (offsets in working days around the due time), or None once it is completed or has
    climbed every rung."""
    if measure.status != MeasureStatus.OPEN:
        return None
    return ladder_next_time(measure, calendar)


@transaction.atomic
def mitigation_add(
    *,
    project: Project,
    actor: User,
    description: str,
    owner: Department,
    working_days: int,
) -> MitigationMeasure:
    project = project_lock(project)
    check(project, actor=actor, action=Action.MEASURE_ADD)
    description = text_required(description, field="description", what=_("A measure"))
    if not project.jurisdiction_path.startswith(owner.jurisdiction.path) and not (
        owner.jurisdiction.path.startswith(project.jurisdiction_path)
    ):
        raise DomainError(
            _("The owner unit must work in the project's area or above it."), field="owner"
        )
    if not isinstance(working_days, int) or not 1 <= working_days <= WORKING_DAYS_MAX:
        raise DomainError(
            _("Give between 1 and %(max)s working days.") % {"max": WORKING_DAYS_MAX},
            field="working_days",
        )
    now = clock.now()
    calendar = calendar_for(owner.jurisdiction)
    measure = MitigationMeasure(
        project=project,
        description=description,
        owner=owner,
        due_at=calendar.add_working_days(now, working_days),
        created_by=actor,
        created_at=now,
    )
    measure.next_action_at = measure_next_action_time(measure, calendar)
    measure.save(force_insert=True)
    event_record(
        project,
        kind=ProjectEventKind.MEASURE_ADDED,
        actor=actor,
        note=description,
        data={"measure": measure.pk, "department": owner.pk, "due_at": measure.due_at.isoformat()},
    )
    return measure


@transaction.atomic
def mitigation_complete(
    *, project: Project, actor: User, measure_id: int, note: str = ""
) -> MitigationMeasure:
    """The owner unit reports the measure done. A medium-risk project still needs re-grading
    after its last measure is completed."""
    project = project_lock(project)
    measure = (
        MitigationMeasure.objects.select_for_update().filter(project=project, pk=measure_id).first()
    )
    if measure is None:
        raise DomainError(_("No such measure on this project."), field="measure", code="not_found")
    if not can_complete_measure(actor, project, measure.owner_id):
        raise PermissionDenied(_("Only the owner unit or the office director completes a measure."))
    if measure.status != MeasureStatus.OPEN:
        raise TransitionNotAllowed(_("The measure is already completed."))
    note = text_optional(note, field="note")
    measure.status = MeasureStatus.COMPLETED
    measure.completed_at = clock.now()
    measure.completed_by = actor
    measure.completion_note = note
    measure.next_action_at = None
    measure.save(
        update_fields=[
            "status",
            "completed_at",
            "completed_by",
            "completion_note",
            "next_action_at",
        ]
    )
    event_record(
        project,
        kind=ProjectEventKind.MEASURE_COMPLETED,
        actor=actor,
        note=note,
        data={"measure": measure.pk, "department": measure.owner_id},
    )
    return measure
