"""The staff dashboard and map, and the public statistics page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page

from redress.cases.selectors import case_list_for_user
from redress.orgs.http import signed_in_user
from redress.orgs.models import Level
from redress.reports.opendata import public_statistics
from redress.reports.selectors import (
    counts_by_area,
    dashboard_counts,
    dashboard_lists,
    map_features,
    monthly_counts_by_category,
)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    cases = case_list_for_user(user=user)
    level = (
        Level.VILLAGE
        if user.jurisdiction and user.jurisdiction.level == Level.TOWNSHIP
        else Level.TOWNSHIP
    )
    return render(
        request,
        "reports/dashboard.html",
        {
            "counts": dashboard_counts(user=user),
            "lists": dashboard_lists(user=user),
            "chart_months": monthly_counts_by_category(cases),
            "chart_areas": counts_by_area(cases, level=level, within=user.jurisdiction),
        },
    )


@login_required
def case_map(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/map.html", {})


@login_required
def case_map_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(map_features(user=signed_in_user(request)))


@cache_page(300)
def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/statistics.html", {"stats": public_statistics()})
