"""Read-only figures for the dashboard, the map and the public statistics. They count cases,
never people, and carry no contact details."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from redress.cases.models import (
    OPEN_STATUSES,
    STAFF_CLOCK_STAGES,
    Case,
    CaseStatus,
    Category,
)
from redress.cases.selectors import case_list_for_user
from redress.core import clock
from redress.orgs.models import Jurisdiction, Level, Role, User, ancestor_ids_from_path

# Public figures below this are shown as "fewer than 5", so no small group can be singled out.
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class DashboardCounts:
    mine: int
    new: int
    due_soon: int
    overdue: int
    disputed: int
    open: int


def _overdue(now: dt.datetime) -> Q:
    return Q(due_at__lt=now, clock_stage__in=STAFF_CLOCK_STAGES, paused_at__isnull=True)


def dashboard_counts(*, user: User) -> DashboardCounts:
    now = clock.now()
    cases = case_list_for_user(user=user).filter(status__in=OPEN_STATUSES)
    mine = Q(assignee=user) if user.role == Role.HANDLER else Q(department_id=user.department_id)
    figures = cases.aggregate(
        mine=Count("pk", filter=mine),
        new=Count("pk", filter=Q(status=CaseStatus.RECEIVED)),
        due_soon=Count(
            "pk",
            filter=Q(
                due_at__gte=now,
                due_at__lt=now + dt.timedelta(days=3),
                clock_stage__in=STAFF_CLOCK_STAGES,
            ),
        ),
        overdue=Count("pk", filter=_overdue(now)),
        disputed=Count("pk", filter=Q(status=CaseStatus.DISPUTED)),
        open=Count("pk"),
    )
    return DashboardCounts(**{key: value or 0 for key, value in figures.items()})


def dashboard_lists(*, user: User, size: int = 6) -> dict[str, list[Case]]:
    now = clock.now()
    cases = (
        case_list_for_user(user=user)
        .filter(status__in=OPEN_STATUSES)
        .select_related("category", "jurisdiction", "department")
    )
    return {
        "overdue": list(cases.filter(_overdue(now)).order_by("due_at")[:size]),
        "due_soon": list(
            cases.filter(due_at__gte=now, clock_stage__in=STAFF_CLOCK_STAGES).order_by("due_at")[
                :size
            ]
        ),
        "new": list(cases.filter(status=CaseStatus.RECEIVED).order_by("-submitted_at")[:size]),
        "disputed": list(cases.filter(status=CaseStatus.DISPUTED).order_by("due_at")[:size]),
    }


def _month_starts(now: dt.datetime, months: int) -> list[dt.date]:
    first = now.date().replace(day=1)
    starts = []
    for _ in range(months):
        starts.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return starts[::-1]


def monthly_counts_by_category(cases: QuerySet[Case], *, months: int = 12) -> dict[str, Any]:
    """{labels: ["2026-01", ...], series: [{code, name, counts: [...]}, ...]}."""
    now = clock.now()
    starts = _month_starts(now, months)
    since = dt.datetime.combine(starts[0], dt.time(), tzinfo=now.tzinfo)
    rows = (
        cases.filter(submitted_at__gte=since)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "category_id")
        .annotate(n=Count("pk"))
    )
    index = {start.strftime("%Y-%m"): position for position, start in enumerate(starts)}
    counts: dict[int, list[int]] = defaultdict(lambda: [0] * len(starts))
    for row in rows:
        month = row["month"]
        key = month.strftime("%Y-%m") if month else None
        if key in index:
            counts[row["category_id"]][index[key]] += row["n"]
    categories = {c.pk: c for c in Category.objects.filter(pk__in=counts)}
    series = [
        {"code": categories[pk].code, "name": categories[pk].name, "counts": values}
        for pk, values in sorted(counts.items(), key=lambda item: -sum(item[1]))
        if pk in categories
    ]
    return {"labels": list(index), "series": series}


def counts_by_area(
    cases: QuerySet[Case], *, level: str = Level.TOWNSHIP, within: Jurisdiction | None = None
) -> list[dict[str, Any]]:
    """Open and answered cases per area at one level of the tree (townships by default). One
    query counts per place (cases carry their place's path); each area then sums the places
    whose path names it."""
    areas = Jurisdiction.objects.filter(level=level)
    if within is not None:
        areas = areas.filter(path__startswith=within.path)
        cases = cases.filter(jurisdiction_path__startswith=within.path)
    result = [
        {"id": area.pk, "name": area.name, "open": 0, "total": 0} for area in areas.order_by("path")
    ]
    by_id = {row["id"]: row for row in result}
    per_place = cases.order_by().values("jurisdiction_path")
    per_place = per_place.annotate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)), total=Count("pk")
    )
    for place in per_place:
        for area_id in ancestor_ids_from_path(place["jurisdiction_path"]):
            area = by_id.get(area_id)
            if area is not None:
                area["open"] += place["open"]
                area["total"] += place["total"]
    return result


def map_features(*, user: User, limit: int = 3000) -> dict[str, Any]:
    """GeoJSON for the staff map: the areas in the user's scope with their open cases, and
    the open cases that have coordinates (no personal data: title, category, status)."""
    scope_root = user.jurisdiction
    visible = case_list_for_user(user=user)
    open_cases = visible.filter(status__in=OPEN_STATUSES)
    areas = Jurisdiction.objects.filter(boundary_geojson__isnull=False)
    if scope_root is not None:
        areas = areas.filter(path__startswith=scope_root.path)
    open_by_area: dict[int, int] = {}
    for area in areas:
        open_by_area[area.pk] = 0
    paths = {area.pk: area.path for area in areas}
    for path, n in (
        open_cases.values_list("jurisdiction_path")
        .annotate(n=Count("pk"))
        .values_list("jurisdiction_path", "n")
    ):
        for area_id, area_path in paths.items():
            if path.startswith(area_path):
                open_by_area[area_id] += n
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": area.boundary_geojson.get("geometry", area.boundary_geojson)
            if isinstance(area.boundary_geojson, dict)
            else None,
            "properties": {
                "kind": "area",
                "id": area.pk,
                "name": area.name,
                "level": area.level,
                "open": open_by_area.get(area.pk, 0),
            },
        }
        for area in areas
    ]
    points = (
        open_cases.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("category")
        .order_by("due_at")[:limit]
    )
    now = clock.now()
    for case in points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [case.longitude, case.latitude]},
                "properties": {
                    "kind": "case",
                    "id": case.pk,
                    "title": case.title,
                    "category": case.category.name,
                    "status": case.get_status_display(),
                    "overdue": bool(
                        case.due_at and case.due_at < now and case.clock_stage in STAFF_CLOCK_STAGES
                    ),
                    "url": f"/staff/cases/{case.pk}/",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
