"""The approval gate: no project is approved while unassessed, graded high, or graded medium
before its mitigation measures are completed and the project re-graded. A refused attempt is
itself recorded on the timeline, with its reason, and committed; only then is the refusal
raised (so callers must not run this inside an outer transaction they roll back)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from redress.assessments.models import (
    APPROVED_STATUSES,
    UNASSESSED_STATUSES,
    Grade,
    MeasureStatus,
    Project,
    ProjectEventKind,
    ProjectStatus,
)
from redress.assessments.permissions import Action, can
from redress.assessments.services.common import (
    check,
    event_record,
    project_lock,
    text_optional,
    text_required,
    transition,
)
from redress.core import clock
from redress.core.errors import PermissionDenied, TransitionNotAllowed
from redress.orgs.models import User


class ApprovalRefused(TransitionNotAllowed):
    """The gate refuses the approval. `reason` is a stable code; the message says why."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.code = f"gate_{reason}"
        self.reason = reason


def gate_refusal(project: Project) -> ApprovalRefused | None:
    """Why the project may not be approved now, or None if it may."""
    if project.status in APPROVED_STATUSES:
        return ApprovalRefused(_("The project is already approved."), reason="already_approved")
    if project.status in UNASSESSED_STATUSES or not project.grade or project.graded_at is None:
        return ApprovalRefused(
            _(
                "The project has not been assessed: its social risk must be graded and "
                "reviewed before approval."
            ),
            reason="unassessed",
        )
    if project.status == ProjectStatus.BLOCKED:
        return ApprovalRefused(
            _("The project is blocked: complete its mitigation measures and re-grade it first."),
            reason="blocked",
        )
    if project.status == ProjectStatus.GRADED or project.reviewed_at is None:
        return ApprovalRefused(_("The grade has not been reviewed yet."), reason="not_reviewed")
    if project.grade == Grade.HIGH:
        return ApprovalRefused(
            _("The project is graded high risk: it cannot be approved."), reason="high_risk"
        )
    if project.grade == Grade.MEDIUM:
        measures = project.measures.aggregate(
            total=Count("id"),
            open=Count("id", filter=Q(status=MeasureStatus.OPEN)),
            last_done=Max("completed_at"),
        )
        if not measures["total"]:
            return ApprovalRefused(
                _(
                    "The project is graded medium risk: add mitigation measures, complete them "
                    "and re-grade before approval."
                ),
                reason="medium_no_measures",
            )
        if measures["open"]:
            return ApprovalRefused(
                ngettext(
                    "The project is graded medium risk and %(count)s mitigation measure is not "
                    "completed.",
                    "The project is graded medium risk and %(count)s mitigation measures are not "
                    "completed.",
                    measures["open"],
                )
                % {"count": measures["open"]},
                reason="medium_measures_open",
            )
        if measures["last_done"] is None or project.graded_at <= measures["last_done"]:
            return ApprovalRefused(
                _(
                    "The project is graded medium risk: re-grade it now that its mitigation "
                    "measures are completed."
                ),
                reason="medium_not_regraded",
            )
    return None


def project_approve(*, project: Project, actor: User, note: str = "") -> Project:
    """Approve, or approve with conditions when mitigation measures go with it. Only leaders
    in the project's area decide."""
    if not can(actor, Action.APPROVE, project):
        raise PermissionDenied(_("Only a leader of the project's area approves projects."))
    note = text_optional(note, field="note")
    with transaction.atomic():
        project = project_lock(project)
        refusal = gate_refusal(project)
        if refusal is None:
            has_measures = project.measures.exists()
            project.decided_at = clock.now()
            project.decided_by = actor
            project.decision_note = note
            conditional = has_measures or project.grade == Grade.MEDIUM
            return transition(
                project,
                to_status=(
                    ProjectStatus.APPROVED_WITH_CONDITIONS
                    if conditional
                    else ProjectStatus.APPROVED
                ),
                kind=(
                    ProjectEventKind.APPROVED_WITH_CONDITIONS
                    if conditional
                    else ProjectEventKind.APPROVED
                ),
                actor=actor,
                note=note,
                data={"grade": project.grade},
                fields=("decided_at", "decided_by", "decision_note"),
            )
        event_record(
            project,
            kind=ProjectEventKind.APPROVAL_REFUSED,
            actor=actor,
            note=refusal.message,
            data={"reason": refusal.reason, "grade": project.grade},
        )
    # The refusal record is committed; the approval never happened.
    raise refusal


@transaction.atomic
def project_block(*, project: Project, actor: User, reason: str) -> Project:
    """Stop the project: graded high, or medium until mitigation is in place. The office
    director or a leader of the area blocks, with a written reason."""
    project = project_lock(project)
    check(project, actor=actor, action=Action.BLOCK)
    reason = text_required(reason, field="reason")
    project.decided_at = clock.now()
    project.decided_by = actor
    project.decision_note = reason
    return transition(
        project,
        to_status=ProjectStatus.BLOCKED,
        kind=ProjectEventKind.BLOCKED,
        actor=actor,
        note=reason,
        data={"grade": project.grade},
        fields=("decided_at", "decided_by", "decision_note"),
    )
