"""Who may do what to a case. Views show only the actions listed here; services enforce them."""

from __future__ import annotations

from enum import StrEnum

from redress.cases.models import Case
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
