"""Reads for the API, each starting from the user's scope (redress.cases / redress.orgs
selectors) and narrowing it; nothing here widens what a user may see."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.http import Http404
from django.utils.translation import gettext as _

from redress.cases.api_schemas import CaseFilters, DepartmentFilters
from redress.cases.models import OPEN_STATUSES, STAFF_CLOCK_STAGES, Case, Category
from redress.cases.selectors import case_list_for_user
from redress.core import clock
from redress.core.errors import DomainError
from redress.orgs.models import Department, Jurisdiction, Role, User
from redress.orgs.selectors import (
    department_get_for_user,
    department_list_for_user,
    jurisdiction_get_for_user,
)

SEARCH_TERMS_MAX = 10

_ORDERINGS: dict[str, tuple[str | Combinable, ...]] = {
    "due_at": (F("due_at").asc(nulls_last=True), "id"),
    "-due_at": (F("due_at").desc(nulls_last=True), "-id"),
    "submitted_at": ("submitted_at", "id"),
    "-submitted_at": ("-submitted_at", "-id"),
    "updated_at": ("updated_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "id": ("id",),
    "-id": ("-id",),
}


def overdue_filter() -> Q:
    """The same test as Case.is_overdue, as a filter."""
    return Q(
        clock_stage__in=STAFF_CLOCK_STAGES,
        due_at__isnull=False,
        due_at__lt=clock.now(),
        paused_at__isnull=True,
    )


def search_filter(text: str) -> Q:
    """Every whitespace-separated term must occur in the title or the description. A substring
    match rather than a word index, because Chinese is written without spaces between words;
    `icontains` folds case for English on SQLite and PostgreSQL alike."""
    query = Q()
    for term in text.split()[:SEARCH_TERMS_MAX]:
        query &= Q(title__icontains=term) | Q(description__icontains=term)
    return query


def case_list_filtered(*, user: User, filters: CaseFilters) -> QuerySet[Case]:
    """The user's cases narrowed by the filters. A filter naming something outside the user's
    scope is an error naming that filter, not an empty list that looks like an answer."""
    cases = case_list_for_user(user=user)
    if filters.status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif filters.status is not None:
        cases = cases.filter(status=filters.status)
    if filters.category is not None:
        category = Category.objects.filter(code=filters.category).first()
        if category is None:
            raise DomainError(_("No category has this code."), field="category", code="not_found")
        cases = cases.filter(category=category)
    if filters.jurisdiction is not None:
        try:
            place = jurisdiction_get_for_user(user=user, jurisdiction_id=filters.jurisdiction)
        except Http404:
            raise DomainError(
                _("No such jurisdiction in your area."), field="jurisdiction", code="not_found"
            ) from None
        cases = cases.filter(jurisdiction_path__startswith=place.path)
    if filters.department is not None:
        try:
            department = department_get_for_user(user=user, department_id=filters.department)
        except Http404:
            raise DomainError(
                _("No such department in your area."), field="department", code="not_found"
            ) from None
        cases = cases.filter(department=department)
    if filters.due_before is not None:
        cases = cases.filter(due_at__lt=filters.due_before)
    if filters.due_after is not None:
        cases = cases.filter(due_at__gt=filters.due_after)
    if filters.overdue is True:
        cases = cases.filter(overdue_filter())
    elif filters.overdue is False:
        cases = cases.exclude(overdue_filter())
    if filters.q:
        cases = cases.filter(search_filter(filters.q))
    return cases.select_related("category", "jurisdiction", "department", "assignee").order_by(
        *_ORDERINGS[filters.ordering]
    )


def department_list_filtered(*, user: User, filters: DepartmentFilters) -> QuerySet[Department]:
    departments = department_list_for_user(user=user)
    if filters.jurisdiction is not None:
        departments = departments.filter(jurisdiction_id=filters.jurisdiction)
    if filters.kind is not None:
        departments = departments.filter(kind=filters.kind)
    return departments.order_by("jurisdiction__path", "kind", "id")


def jurisdiction_list_ordered(queryset: QuerySet[Jurisdiction]) -> QuerySet[Jurisdiction]:
    return queryset.order_by("path", "id")


def handler_get_for_department(*, department: Department, user_id: int) -> User:
    """An active case handler of the department, or 404: an assignee is named by id, and only
    the chosen department's own handlers can be named."""
    try:
        return User.objects.get(
            pk=user_id, role=Role.HANDLER, is_active=True, department=department
        )
    except User.DoesNotExist:
        raise Http404(_("No such handler in this department.")) from None
