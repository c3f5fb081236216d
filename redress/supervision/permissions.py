"""Who may issue a letter. The rules shared with action items and accountability records
(the unit's staff, the directors over it, the scope of the lists) are
redress.obligations.permissions."""

from __future__ import annotations

from redress.obligations.permissions import is_director_over
from redress.orgs.models import Department, User


def may_issue_to(user: User, unit: Department) -> bool:
    return is_director_over(user, unit.jurisdiction.path)
