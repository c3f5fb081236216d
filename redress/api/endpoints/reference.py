"""What a client needs to fill in a case: categories, and the jurisdictions and departments of
the user's area."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router

from redress.api.auth import request_user
from redress.api.endpoints.common import READ_ERRORS
from redress.api.schemas import (
    MAX_ID,
    CategoryOut,
    DepartmentFilters,
    DepartmentOut,
    DepartmentPage,
    JurisdictionOut,
    JurisdictionPage,
    PageParams,
)
from redress.api.selectors import department_list_filtered, jurisdiction_list_ordered
from redress.cases.models import Category
from redress.cases.selectors import category_list_active
from redress.orgs.models import Department, Jurisdiction
from redress.orgs.selectors import (
    department_get_for_user,
    jurisdiction_get_for_user,
    jurisdiction_list_for_user,
)

router = Router(tags=["reference"])


@router.get("/categories", response={200: list[CategoryOut], **READ_ERRORS})
def category_list(request: HttpRequest) -> QuerySet[Category]:
    """The categories in use, with their extra questions."""
    return category_list_active().prefetch_related("fields")


@router.get("/jurisdictions", response={200: JurisdictionPage, **READ_ERRORS})
def jurisdiction_list(request: HttpRequest, filters: Query[PageParams]) -> dict[str, object]:
    """Your jurisdiction, everything below it and the chain above it, in tree order."""
    places = jurisdiction_list_ordered(jurisdiction_list_for_user(user=request_user(request)))
    return {
        "count": places.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(places[filters.offset : filters.offset + filters.limit]),
    }


@router.get("/jurisdictions/{jurisdiction_id}", response={200: JurisdictionOut, **READ_ERRORS})
def jurisdiction_detail(
    request: HttpRequest, jurisdiction_id: int = Path(..., ge=1, le=MAX_ID)
) -> Jurisdiction:
    return jurisdiction_get_for_user(user=request_user(request), jurisdiction_id=jurisdiction_id)


@router.get("/departments", response={200: DepartmentPage, **READ_ERRORS})
def department_list(request: HttpRequest, filters: Query[DepartmentFilters]) -> dict[str, object]:
    """The departments of the jurisdictions you see."""
    departments = department_list_filtered(user=request_user(request), filters=filters)
    return {
        "count": departments.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(departments[filters.offset : filters.offset + filters.limit]),
    }


@router.get("/departments/{department_id}", response={200: DepartmentOut, **READ_ERRORS})
def department_detail(
    request: HttpRequest, department_id: int = Path(..., ge=1, le=MAX_ID)
) -> Department:
    return department_get_for_user(user=request_user(request), department_id=department_id)
