"""Who may do what to a case. Views show only the actions listed here; services enforce them."""

from __future__ import annotations

from enum import StrEnum

from redress.cases.models import OPEN_STATUSES, Case
from redress.orgs.models import Role, User


class Action(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    ASSIGN = "assign"
    START = "start"
    TRANSFER = "transfer"
    EXTEND = "extend"
    PAUSE = "pause"
    RESUME = "resume"
    RESOLVE = "resolve"
    REVIEW = "review"
    RE_REVIEW = "re_review"
    CLOSE = "close"
    LINK = "link"
    MERGE = "merge"
    NOTE = "note"
    READ_CONTACT = "read_contact"


_DIRECTOR = frozenset(Action) - {Action.START}
_OPERATOR = frozenset(
    {
        Action.ACCEPT,
        Action.DECLINE,
        Action.ASSIGN,
        Action.TRANSFER,
        Action.LINK,
        Action.NOTE,
        Action.CLOSE,
    }
)
_HANDLER = frozenset(
    {
        Action.ACCEPT,
        Action.DECLINE,
        Action.START,
        Action.TRANSFER,
        Action.EXTEND,
        Action.PAUSE,
        Action.RESUME,
        Action.RESOLVE,
        Action.LINK,
        Action.NOTE,
        Action.READ_CONTACT,
    }
)


def in_area(user: User, case: Case) -> bool:
    """The case's place lies in the user's jurisdiction or below it."""
    return user.jurisdiction is not None and case.jurisdiction_path.startswith(
        user.jurisdiction.path
    )


def role_actions(user: User, case: Case) -> frozenset[Action]:
    """What the user's role lets them do to this case, before the case's state is considered."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.role == Role.DIRECTOR and in_area(user, case):
        return _DIRECTOR
    if user.role == Role.OPERATOR and in_area(user, case):
        return _OPERATOR
    if user.role == Role.HANDLER and user.department_id == case.department_id:
        return _HANDLER
    return frozenset()


def can(user: User, action: Action, case: Case) -> bool:
    return action in role_actions(user, case)


# The states in which each staff action can be taken; the services check the same sets.
_OPEN_WORK = frozenset({"accepted", "assigned", "in_progress"})
_ANSWERED = frozenset({"resolved", "confirmed", "disputed", "declined", "reviewed", "re_reviewed"})
ACTION_STATES: dict[Action, frozenset[str]] = {
    Action.ACCEPT: frozenset({"received"}),
    Action.DECLINE: frozenset({"received"}),
    Action.ASSIGN: _OPEN_WORK,
    Action.START: frozenset({"accepted", "assigned"}),
    Action.TRANSFER: frozenset({"received"}) | _OPEN_WORK,
    Action.EXTEND: _OPEN_WORK,
    Action.PAUSE: _OPEN_WORK,
    Action.RESUME: _OPEN_WORK,
    Action.RESOLVE: _OPEN_WORK,
    Action.REVIEW: frozenset({"under_review"}),
    Action.RE_REVIEW: frozenset({"under_re_review"}),
    Action.CLOSE: _ANSWERED,
    # Linking and notes stay possible after the answer; merging needs an open case.
    Action.LINK: OPEN_STATUSES | _ANSWERED,
    Action.MERGE: OPEN_STATUSES,
    Action.NOTE: OPEN_STATUSES | _ANSWERED | {"closed", "merged"},
}


def available_actions(user: User, case: Case) -> frozenset[Action]:
    """The actions to offer this user on this case now: role, unit and state all allow them."""
    allowed: set[Action] = set()
    for action in role_actions(user, case):
        if action == Action.READ_CONTACT:
            allowed.add(action)
            continue
        if case.status not in ACTION_STATES.get(action, frozenset()):
            continue
        if action == Action.EXTEND and (case.extended or case.clock_stage != "handling"):
            continue
        if action == Action.PAUSE and case.paused_at is not None:
            continue
        if action == Action.RESUME and case.paused_at is None:
            continue
        allowed.add(action)
    return frozenset(allowed)
