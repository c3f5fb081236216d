"""Reads of alerts, always through the user's scope: staff whose jurisdiction covers the
alert's area (directors, leaders, auditors) see it; the cases behind it come only through the
cases' own scoped selector."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from redress.cases.models import Case
from redress.cases.selectors import case_list_for_user
from redress.core import clock
from redress.earlywarning.detectors.negbin import expectation
from redress.earlywarning.models import OPEN_ALERT_STATUSES, Alert, AlertKind, DailyCount
from redress.orgs.models import Jurisdiction, Role, User

ALERT_ROLES = (Role.DIRECTOR, Role.LEADER, Role.AUDITOR)
SERIES_DAYS = 120
HISTORY_DAYS = 400


def alert_list_for_user(*, user: User) -> QuerySet[Alert]:
    if (
        not user.is_authenticated
        or not user.is_active
        or user.role not in ALERT_ROLES
        or user.jurisdiction is None
    ):
        return Alert.objects.none()
    return Alert.objects.filter(jurisdiction_path__startswith=user.jurisdiction.path)


def alert_get_for_user(*, user: User, alert_id: int) -> Alert:
    """The one way a request fetches an alert: 404 outside the user's role and area."""
    try:
        return (
            alert_list_for_user(user=user)
            .select_related("jurisdiction", "category", "action_case")
            .get(pk=alert_id)
        )
    except (Alert.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such alert.")) from None


def alert_search(
    *,
    user: User,
    status: str = "",
    category_id: int | None = None,
    area_id: int | None = None,
    kind: str = "",
) -> QuerySet[Alert]:
    alerts = alert_list_for_user(user=user).select_related("jurisdiction", "category")
    if status == "open":
        alerts = alerts.filter(status__in=OPEN_ALERT_STATUSES)
    elif status:
        alerts = alerts.filter(status=status)
    if kind:
        alerts = alerts.filter(kind=kind)
    if category_id:
        alerts = alerts.filter(category_id=category_id)
    if area_id:
        path = Jurisdiction.objects.filter(pk=area_id).values_list("path", flat=True).first()
        alerts = alerts.filter(jurisdiction_path__startswith=path or "-")
    return alerts


def alert_areas(*, alert: Alert) -> list[Jurisdiction]:
    return list(Jurisdiction.objects.filter(pk__in=alert.area_ids or [alert.jurisdiction_id]))


def alert_cases_for_user(*, user: User, alert: Alert, limit: int = 200) -> QuerySet[Case]:
    """The grievances behind an alert that this user may open (others are only counted)."""
    cases = case_list_for_user(user=user).select_related("category", "jurisdiction")
    if alert.kind in (AlertKind.GROUP, AlertKind.REPEAT) and alert.signal_key.startswith("case:"):
        return cases.filter(pk=int(alert.signal_key.split(":", 1)[1]))
    if alert.kind == AlertKind.BACKLOG and alert.signal_key.startswith("department:"):
        return cases.filter(
            department_id=int(alert.signal_key.split(":", 1)[1]), due_at__isnull=False
        ).order_by("due_at")[:limit]
    if alert.category_id is None:
        return cases.none()
    paths = list(
        Jurisdiction.objects.filter(pk__in=alert.area_ids or [alert.jurisdiction_id]).values_list(
            "path", flat=True
        )
    )
    area_filter = Q()
    for path in paths:
        area_filter |= Q(jurisdiction_path__startswith=path)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(alert.start_date, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(alert.end_date + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return (
        cases.filter(area_filter, category_id=alert.category_id)
        .filter(submitted_at__gte=start, submitted_at__lt=end)
        .order_by("submitted_at")[:limit]
    )


@dataclass(frozen=True)
class Series:
    dates: list[dt.date]
    observed: list[float]
    expected: list[float]


def alert_series(*, alert: Alert) -> Series:
    """The daily counts of the alert's main area and category around the alert, with the
    detector's expectation for each day (from the days before it only)."""
    if alert.category_id is None:
        return Series(dates=[], observed=[], expected=[])
    today = timezone.localtime(clock.now()).date()
    end = max(alert.end_date, min(alert.end_date + dt.timedelta(days=14), today))
    first = end - dt.timedelta(days=HISTORY_DAYS - 1)
    rows = DailyCount.objects.filter(
        jurisdiction_id=alert.jurisdiction_id,
        category_id=alert.category_id,
        date__gte=first,
        date__lte=end,
    ).values_list("date", "count")
    days = (end - first).days + 1
    counts = np.zeros((1, days))
    for day, count in rows:
        counts[0, (day - first).days] = count
    start = days - SERIES_DAYS
    model = expectation(counts, first_weekday=first.weekday(), offset=start)
    dates = [first + dt.timedelta(days=start + index) for index in range(SERIES_DAYS)]
    return Series(
        dates=dates,
        observed=[float(value) for value in counts[0, start:]],
        expected=[round(float(value), 2) for value in model.mu[0]],
    )


def alert_map_features(*, user: User) -> dict[str, Any]:
    """GeoJSON of the open alerts' areas in the user's scope (counts of matters, no cases)."""
    features: list[dict[str, Any]] = []
    alerts = alert_list_for_user(user=user).filter(status__in=OPEN_ALERT_STATUSES)
    area_alerts: dict[int, list[Alert]] = {}
    for alert in alerts.select_related("category"):
        for area_id in alert.area_ids or [alert.jurisdiction_id]:
            area_alerts.setdefault(area_id, []).append(alert)
    for area in Jurisdiction.objects.filter(pk__in=area_alerts):
        geometry = area.boundary_geojson
        if isinstance(geometry, dict):
            geometry = geometry.get("geometry", geometry)
        elif area.latitude is not None and area.longitude is not None:
            geometry = {"type": "Point", "coordinates": [area.longitude, area.latitude]}
        else:
            continue
        items = area_alerts[area.pk]
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "kind": "alert_area",
                    "id": area.pk,
                    "name": area.name,
                    "alerts": [
                        {
                            "id": alert.pk,
                            "kind": alert.get_kind_display(),
                            "category": alert.category.name if alert.category else "",
                            "status": alert.get_status_display(),
                            "url": f"/staff/alerts/{alert.pk}/",
                        }
                        for alert in items
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
