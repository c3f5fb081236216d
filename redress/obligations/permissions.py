"""Who stands where towards an obligation: the owing unit's own staff, and the directors of the
office over it. Letters, action items and accountability records all answer to these rules;
the views offer only what they allow and the services check the same functions."""

from __future__ import annotations

from django.db.models import Q

from redress.orgs.models import Role, User


def is_active_staff(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def in_subtree(user: User, path: str) -> bool:
    return user.jurisdiction is not None and path.startswith(user.jurisdiction.path)


def is_director_over(user: User, path: str) -> bool:
    """A director of the office at `path` or above it."""
    return is_active_staff(user) and user.role == Role.DIRECTOR and in_subtree(user, path)


def is_unit_staff(user: User, unit_id: int) -> bool:
    """The unit's own people: its handlers, and a director who sits in that department."""
    return (
        is_active_staff(user)
        and user.role in (Role.HANDLER, Role.DIRECTOR)
        and user.department_id == unit_id
    )


def unit_scope_filter(user: User, *, issuer_field: str | None = None) -> Q | None:
    """The obligations and records a user may see, by the owing unit (and, for letters, the
    issuing office): directors and auditors their subtree, handlers their department. None
    when the role sees nothing here (leaders are added by the callers that concern them)."""
    if not is_active_staff(user):
        return None
    if user.role in (Role.DIRECTOR, Role.AUDITOR) and user.jurisdiction is not None:
        scope = Q(unit_path__startswith=user.jurisdiction.path)
        if issuer_field:
            scope |= Q(**{f"{issuer_field}__startswith": user.jurisdiction.path})
        return scope
    if user.role == Role.HANDLER and user.department_id is not None:
        return Q(unit_id=user.department_id)
    return None
