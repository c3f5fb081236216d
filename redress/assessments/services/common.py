"""What the assessment services share: the row lock, the checks and the timeline event."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from redress.assessments.models import Project, ProjectEvent, ProjectEventKind
from redress.assessments.permissions import ACTION_STATES, Action, can
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.orgs.models import User

SYSTEM_ACTOR = "system"
TEXT_MAX = 5000
REASON_MAX = 2000


def text_required(
    value: str, *, field: str, maximum: int = REASON_MAX, what: str | None = None
) -> str:
    """`what` names the text in the reader's language (a translated "A summary")."""
    value = (value or "").strip()
    if not value:
        raise DomainError(
            _("%(what)s is required.") % {"what": what or _("A reason")},
            field=field,
            code="required",
        )
    if len(value) > maximum:
        raise DomainError(
            _("%(what)s is longer than %(max)s characters.")
            % {"what": what or _("A reason"), "max": maximum},
            field=field,
        )
    return value


def text_optional(value: str, *, field: str, maximum: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if len(value) > maximum:
        raise DomainError(
            _("This is longer than %(max)s characters.") % {"max": maximum}, field=field
        )
    return value


def project_lock(project: Project) -> Project:
    """Re-read the project under a row lock, so two people acting at once cannot both
    succeed."""
    return (
        Project.objects.select_for_update()
        .select_related("jurisdiction", "initiator__jurisdiction")
        .get(pk=project.pk)
    )


def check(project: Project, *, actor: User, action: Action) -> None:
    if not can(actor, action, project):
        raise PermissionDenied(_("Your role or unit does not allow this step on this project."))
    if project.status not in ACTION_STATES[action]:
        raise TransitionNotAllowed(
            _("This step is not possible while the project is %(status)s.")
            % {"status": project.get_status_display()}
        )


def event_record(
    project: Project,
    *,
    kind: ProjectEventKind,
    actor: User | None,
    from_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
) -> ProjectEvent:
    return ProjectEvent.objects.create(
        project=project,
        kind=kind,
        at=clock.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label="" if actor is not None else SYSTEM_ACTOR,
        from_status=from_status or project.status,
        to_status=project.status,
        note=note,
        data=data or {},
    )


def transition(
    project: Project,
    *,
    to_status: str,
    kind: ProjectEventKind,
    actor: User | None,
    note: str = "",
    data: dict[str, Any] | None = None,
    fields: tuple[str, ...] = (),
) -> Project:
    from_status = project.status
    project.status = to_status
    project.save(update_fields=["status", "updated_at", *fields])
    event_record(project, kind=kind, actor=actor, from_status=from_status, note=note, data=data)
    return project
