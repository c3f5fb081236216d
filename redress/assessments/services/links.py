"""Grievances about an approved project: linked by staff or accepted from the suggestions, they
feed the project's risk register and early warning."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from redress.assessments.models import LinkHow, Project, ProjectCaseLink, ProjectEventKind
from redress.assessments.permissions import Action
from redress.assessments.services.common import check, event_record, project_lock
from redress.cases.models import Case
from redress.core.errors import DomainError
from redress.orgs.models import User

# Called after commit with (project_id, case_id) for every new link: early warning registers
# here to look again at a project drawing grievances, without this app importing it.
GrievanceLinkedHook = Callable[..., object]
_hooks: list[GrievanceLinkedHook] = []


def grievance_linked_hook_register(function: GrievanceLinkedHook) -> None:
    if function not in _hooks:
        _hooks.append(function)


def _hooks_run(*, project_id: int, case_id: int) -> None:
    for hook in list(_hooks):
        hook(project_id=project_id, case_id=case_id)


def project_case_link(*, project: Project, case: Case, actor: User, how: str) -> ProjectCaseLink:
    """Link a grievance (fetched by the caller through cases.selectors, in the user's scope)."""
    if how not in LinkHow.values:
        raise DomainError(_("Choose how the grievance was linked."), field="how")
    try:
        with transaction.atomic():
            project = project_lock(project)
            check(project, actor=actor, action=Action.LINK)
            link = ProjectCaseLink.objects.create(
                project=project,
                case=case,
                how=how,
                linked_by=actor,
                case_submitted_at=case.submitted_at,
            )
            event_record(
                project,
                kind=ProjectEventKind.GRIEVANCE_LINKED,
                actor=actor,
                data={"case": case.pk, "how": how},
            )
            project_id, case_id = project.pk, case.pk
            transaction.on_commit(lambda: _hooks_run(project_id=project_id, case_id=case_id))
    except IntegrityError:
        raise DomainError(
            _("This grievance is already linked to the project."), field="case", code="duplicate"
        ) from None
    return link
