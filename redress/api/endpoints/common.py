"""What the endpoint modules share: the documented error answers and the scoped fetches of
objects that request bodies name by id."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from redress.api.errors import ErrorOut
from redress.api.selectors import handler_get_for_department
from redress.cases.models import Case
from redress.cases.selectors import case_get_for_user
from redress.core.errors import DomainError
from redress.orgs.models import Department, Jurisdiction, User
from redress.orgs.selectors import department_get_for_user, jurisdiction_get_for_user

READ_ERRORS: dict[Any, Any] = {frozenset({401, 404, 422}): ErrorOut}
WRITE_ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 409, 422}): ErrorOut}
LIST_ERRORS: dict[Any, Any] = {frozenset({400, 401, 422}): ErrorOut}


def department_from_body(*, user: User, department_id: int, field: str) -> Department:
    try:
        return department_get_for_user(user=user, department_id=department_id)
    except Http404:
        raise DomainError(
            _("No such department in your area."), field=field, code="not_found"
        ) from None


def jurisdiction_from_body(*, user: User, jurisdiction_id: int, field: str) -> Jurisdiction:
    try:
        return jurisdiction_get_for_user(user=user, jurisdiction_id=jurisdiction_id)
    except Http404:
        raise DomainError(
            _("No such jurisdiction in your area."), field=field, code="not_found"
        ) from None


def handler_from_body(*, department: Department, user_id: int, field: str) -> User:
    try:
        return handler_get_for_department(department=department, user_id=user_id)
    except Http404:
        raise DomainError(
            _("No active handler with this id works in that department."),
            field=field,
            code="not_found",
        ) from None


def case_from_body(*, user: User, case_id: int, field: str) -> Case:
    try:
        return case_get_for_user(user=user, case_id=case_id)
    except Http404:
        raise DomainError(_("No such case in your area."), field=field, code="not_found") from None
