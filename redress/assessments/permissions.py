"""Who may do what to a project. Pages offer only the actions listed here; services enforce
them.

The initiator unit's staff register and assess their own project; the office (its director)
grades, reviews and may block; leaders decide on approval; auditors read."""

from __future__ import annotations

from enum import StrEnum

from redress.assessments.models import (
    APPROVED_STATUSES,
    EDITABLE_STATUSES,
    Project,
    ProjectStatus,
)
from redress.orgs.models import Role, User


class Action(StrEnum):
    EDIT = "edit"  # the assessment's content: dimensions, risk factors, consultation, objections
    START_CONSULTATION = "start_consultation"
    START_ANALYSIS = "start_analysis"
    GRADE = "grade"
    REVIEW = "review"
    APPROVE = "approve"
    BLOCK = "block"
    MEASURE_ADD = "measure_add"
    MEASURE_COMPLETE = "measure_complete"
    LINK = "link"


ACTION_STATES: dict[Action, frozenset[str]] = {
    Action.EDIT: EDITABLE_STATUSES,
    Action.START_CONSULTATION: frozenset({ProjectStatus.DRAFT}),
    Action.START_ANALYSIS: frozenset({ProjectStatus.CONSULTATION}),
    Action.GRADE: frozenset(
        {
            ProjectStatus.ANALYSIS,
            ProjectStatus.GRADED,
            ProjectStatus.REVIEWED,
            ProjectStatus.BLOCKED,
        }
    ),
    Action.REVIEW: frozenset({ProjectStatus.GRADED}),
    # The gate itself answers every state, so that each refused attempt is recorded with its
    # reason; the page offers the step once the assessment has been reviewed.
    Action.APPROVE: frozenset({ProjectStatus.REVIEWED}),
    Action.BLOCK: frozenset({ProjectStatus.GRADED, ProjectStatus.REVIEWED}),
    Action.MEASURE_ADD: EDITABLE_STATUSES - {ProjectStatus.DRAFT},
    Action.MEASURE_COMPLETE: EDITABLE_STATUSES | APPROVED_STATUSES,
    Action.LINK: APPROVED_STATUSES,
}


def in_area(user: User, project: Project) -> bool:
    return user.jurisdiction is not None and project.jurisdiction_path.startswith(
        user.jurisdiction.path
    )


def is_initiator_staff(user: User, project: Project) -> bool:
    return (
        user.role in (Role.HANDLER, Role.DIRECTOR)
        and user.department_id is not None
        and user.department_id == project.initiator_id
    )


def role_actions(user: User, project: Project) -> frozenset[Action]:
    if not user.is_authenticated or not user.is_active or not in_area(user, project):
        return frozenset()
    allowed: set[Action] = set()
    if user.role == Role.DIRECTOR:
        allowed |= {
            Action.EDIT,
            Action.START_CONSULTATION,
            Action.START_ANALYSIS,
            Action.GRADE,
            Action.REVIEW,
            Action.BLOCK,
            Action.MEASURE_ADD,
            Action.MEASURE_COMPLETE,
            Action.LINK,
        }
    if is_initiator_staff(user, project):
        allowed |= {
            Action.EDIT,
            Action.START_CONSULTATION,
            Action.START_ANALYSIS,
            Action.MEASURE_ADD,
        }
    if user.role == Role.LEADER:
        allowed |= {Action.APPROVE, Action.BLOCK}
    if user.role == Role.OPERATOR:
        allowed.add(Action.LINK)
    return frozenset(allowed)


def can(user: User, action: Action, project: Project) -> bool:
    return action in role_actions(user, project)


def can_complete_measure(user: User, project: Project, owner_id: int) -> bool:
    """The owner unit's own staff complete its measures; the office director may too."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.DIRECTOR and in_area(user, project):
        return True
    return user.role in (Role.HANDLER, Role.DIRECTOR) and user.department_id == owner_id


def available_actions(user: User, project: Project) -> frozenset[Action]:
    return frozenset(
        action for action in role_actions(user, project) if project.status in ACTION_STATES[action]
    )
