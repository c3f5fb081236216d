"""The public open-data API (/stats/api/v1/) in JSON and CSV, and its documentation page.
Read-only, no sign-in; every figure comes from redress.reports.opendata."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from redress.core.spreadsheet import row_values
from redress.reports.opendata import (
    LICENCE,
    TOTAL_KEYS,
    OpenDataQueryError,
    OpenDataset,
    area_label,
    opendata_cells,
    opendata_dataset,
    totals_of,
)
from redress.reports.selectors import SUPPRESS_BELOW

FORMATS = ("json", "csv")
CELL_COLUMNS = (
    "month",
    "area",
    "area_name_zh",
    "area_name_en",
    "area_level",
    "category",
    "category_name_zh",
    "category_name_en",
    "count",
    "suppressed",
)
TOTAL_COLUMNS = ("key", "published", "suppressed_cells", "low", "high", "exact")


def _error(field: str, message: str, status: int = 400) -> JsonResponse:
    return JsonResponse(
        {"detail": [{"field": field, "message": message, "code": "invalid"}]}, status=status
    )


def _format(request: HttpRequest, suffix: str | None) -> str:
    fmt = suffix or request.GET.get("format", "json")
    if fmt not in FORMATS:
        raise OpenDataQueryError("format", _("Choose json or csv."))
    return fmt


def _csv(rows: Iterable[Sequence[Any]], header: Sequence[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(row_values(header))
    writer.writerows(row_values(row) for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_value(value: object) -> object:
    return str(value).lower() if isinstance(value, bool) else value


def _meta(dataset: OpenDataset) -> dict[str, Any]:
    return {
        "licence": LICENCE,
        "suppressed_below": SUPPRESS_BELOW,
        "months": dataset.months,
    }


def _answers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Bad query parameters answer 400 with the API's error shape, never a 500."""

    def wrapped(request: HttpRequest, suffix: str | None = None) -> HttpResponse:
        try:
            return view(request, suffix)
        except OpenDataQueryError as error:
            return _error(error.field, error.message)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


def _filters(request: HttpRequest) -> dict[str, str | None]:
    return {name: request.GET.get(name) or None for name in ("month", "area", "category")}


@_answers
def api_index(request: HttpRequest, suffix: str | None = None) -> HttpResponse:
    dataset = opendata_dataset()
    return JsonResponse(
        {
            **_meta(dataset),
            "documentation": request.build_absolute_uri(reverse("reports:opendata_docs")),
            "cells": request.build_absolute_uri(reverse("reports:opendata_cells")),
            "totals": request.build_absolute_uri(reverse("reports:opendata_totals")),
            "areas": [
                {"code": a.code, "name_zh": a.name_zh, "name_en": a.name_en, "level": a.level}
                for a in dataset.areas
            ],
            "categories": [
                {"code": c.code, "name_zh": c.name_zh, "name_en": c.name_en}
                for c in dataset.categories
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@_answers
def api_cells(request: HttpRequest, suffix: str | None = None) -> HttpResponse:
    fmt = _format(request, suffix)
    dataset = opendata_dataset()
    cells = opendata_cells(dataset, **_filters(request))
    if fmt == "csv":
        areas = {a.code: a for a in dataset.areas}
        categories = {c.code: c for c in dataset.categories}
        return _csv(
            (
                (
                    cell.month,
                    cell.area,
                    areas[cell.area].name_zh,
                    areas[cell.area].name_en,
                    areas[cell.area].level,
                    cell.category,
                    categories[cell.category].name_zh,
                    categories[cell.category].name_en,
                    "" if cell.count is None else cell.count,
                    "true" if cell.suppressed else "false",
                )
                for cell in cells
            ),
            CELL_COLUMNS,
            "grievances-cells.csv",
        )
    return JsonResponse(
        {
            **_meta(dataset),
            "cells": [
                {
                    "month": cell.month,
                    "area": cell.area,
                    "category": cell.category,
                    "count": cell.count,
                    "suppressed": cell.suppressed,
                }
                for cell in cells
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@_answers
def api_totals(request: HttpRequest, suffix: str | None = None) -> HttpResponse:
    fmt = _format(request, suffix)
    by = request.GET.get("by") or None
    dataset = opendata_dataset()
    totals = totals_of(opendata_cells(dataset, **_filters(request)), by=by)
    rows = [
        {
            "key": total.key,
            "published": total.published,
            "suppressed_cells": total.suppressed_cells,
            "low": total.low,
            "high": total.high,
            "exact": total.exact,
        }
        for total in totals
    ]
    if fmt == "csv":
        return _csv(
            ([_csv_value(row[column]) for column in TOTAL_COLUMNS] for row in rows),
            TOTAL_COLUMNS,
            "grievances-totals.csv",
        )
    return JsonResponse(
        {**_meta(dataset), "by": by, "totals": rows}, json_dumps_params={"ensure_ascii": False}
    )


def api_docs(request: HttpRequest) -> HttpResponse:
    dataset = opendata_dataset()
    return render(
        request,
        "reports/opendata.html",
        {
            "dataset": dataset,
            "areas": [(a.code, area_label(a), a.level) for a in dataset.areas],
            "licence": LICENCE,
            "max_hidden": SUPPRESS_BELOW - 1,
            "total_keys": TOTAL_KEYS,
            "cell_columns": CELL_COLUMNS,
        },
    )
