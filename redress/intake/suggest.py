"""Suggestions for the operator while they type: the likely category (from each category's
keywords) and the department it would go to, and possible duplicates of the grievance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from redress.cases.models import Case, Category
from redress.cases.selectors import case_list_for_user
from redress.cases.services import route_department
from redress.core import clock
from redress.core.errors import DomainError
from redress.orgs.geo import distance_km
from redress.orgs.models import Department, Jurisdiction, Level, User

DUPLICATE_WINDOW_DAYS = 30
DUPLICATE_DISTANCE_KM = 2.0


@dataclass(frozen=True)
class CategorySuggestion:
    category: Category
    score: int
    matched: list[str]


def categories_suggest(*, text: str, limit: int = 3) -> list[CategorySuggestion]:
    """Categories ranked by how many of their keywords the text contains (case-insensitive;
    Chinese keywords match as substrings, which is what Chinese needs)."""
    lowered = text.lower()
    if not lowered.strip():
        return []
    ranked = []
    for category in Category.objects.filter(is_active=True):
        matched = [word for word in category.keywords.split() if word and word.lower() in lowered]
        if matched:
            ranked.append(CategorySuggestion(category, sum(len(w) for w in matched), matched))
    ranked.sort(key=lambda s: (-s.score, s.category.sort_order))
    return ranked[:limit]


def department_suggest(*, category: Category, jurisdiction: Jurisdiction) -> Department | None:
    try:
        return route_department(category=category, jurisdiction=jurisdiction)
    except DomainError:
        return None


def duplicates_find(
    *,
    user: User,
    category: Category | None,
    jurisdiction: Jurisdiction | None,
    latitude: float | None = None,
    longitude: float | None = None,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Case]:
    """Recent cases the user may see, of the same category, in the same township (or within
    DUPLICATE_DISTANCE_KM when both have coordinates)."""
    if category is None or jurisdiction is None:
        return []
    since = clock.now() - dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    area = jurisdiction
    if jurisdiction.level == Level.VILLAGE and jurisdiction.parent is not None:
        area = jurisdiction.parent
    candidates = (
        case_list_for_user(user=user)
        .filter(category=category, submitted_at__gte=since)
        .filter(Q(jurisdiction_path__startswith=area.path) | Q(latitude__isnull=False))
        .exclude(status="merged")
        .select_related("jurisdiction", "department")
        .order_by("-submitted_at")
    )
    if exclude_id:
        candidates = candidates.exclude(pk=exclude_id)
    found: list[Case] = []
    for case in candidates[:200]:
        same_area = case.jurisdiction_path.startswith(area.path)
        near = (
            latitude is not None
            and longitude is not None
            and case.latitude is not None
            and case.longitude is not None
            and distance_km(latitude, longitude, case.latitude, case.longitude)
            <= DUPLICATE_DISTANCE_KM
        )
        if same_area or near:
            found.append(case)
        if len(found) >= limit:
            break
    return found
