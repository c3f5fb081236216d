"""Exports of cases, timelines and statistics as CSV, XLSX and GeoJSON, streamed row by row so
that a million cases never sit in memory. Never any contact details: the rows come from the
cases table and the timeline only, whose columns are listed here one by one."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from redress.cases.models import Case, CaseEvent
from redress.core.spreadsheet import row_values
from redress.orgs.models import Jurisdiction

CHUNK = 2000


@dataclass(frozen=True)
class Column:
    header: str
    source: str  # a values() path on the queryset


def case_columns(*, with_description: bool) -> list[Column]:
    columns = [
        Column("tracking_code", "tracking_code"),
        Column("submitted_at", "submitted_at"),
        Column("category_code", "category__code"),
        Column("category", "category__name_zh"),
        Column("area", "jurisdiction__name_zh"),
        Column("area_code", "jurisdiction__code"),
        Column("department", "department__name_zh"),
        Column("channel", "channel"),
        Column("status", "status"),
        Column("urgency", "urgency"),
        Column("due_at", "due_at"),
        Column("resolved_at", "resolved_at"),
        Column("closed_at", "closed_at"),
        Column("people_affected", "people_affected"),
        Column("latitude", "latitude"),
        Column("longitude", "longitude"),
        Column("title", "title"),
        Column("answer", "answer"),
    ]
    if with_description:
        columns.insert(17, Column("description", "description"))
    return columns


TIMELINE_COLUMNS = [
    Column("tracking_code", "case__tracking_code"),
    Column("at", "at"),
    Column("kind", "kind"),
    Column("from_status", "from_status"),
    Column("to_status", "to_status"),
    Column("actor", "actor__display_name"),
    Column("public", "is_public"),
    Column("note", "note"),
]
STATISTICS_HEADERS = ["month", "category_code", "category", "area", "cases"]


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # The office's wall clock, as a spreadsheet shows it (and the import reads it).
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def case_rows(*, cases: QuerySet[Case], with_description: bool) -> Iterator[list[Any]]:
    """The header, then one list per case, in the queryset's order."""
    columns = case_columns(with_description=with_description)
    yield [column.header for column in columns]
    values = cases.values_list(*(column.source for column in columns))
    for row in values.iterator(chunk_size=CHUNK):
        yield [_text(value) for value in row]


def timeline_rows(*, cases: QuerySet[Case], with_notes: bool) -> Iterator[list[Any]]:
    """Every event of the cases. Notes of internal steps only for staff who ask for them."""
    yield [column.header for column in TIMELINE_COLUMNS]
    events = (
        CaseEvent.objects.filter(case__in=cases.order_by().values("pk"))
        .order_by("case_id", "at", "id")
        .values_list(*(column.source for column in TIMELINE_COLUMNS))
    )
    note_at = len(TIMELINE_COLUMNS) - 1
    public_at = note_at - 1
    for row in events.iterator(chunk_size=CHUNK):
        values = [_text(value) for value in row]
        if not with_notes and not row[public_at]:
            values[note_at] = ""
        yield values


def statistics_rows(*, cases: QuerySet[Case]) -> Iterator[list[Any]]:
    """Counts of cases by month, category and area: matters, never people."""
    yield STATISTICS_HEADERS
    counts = (
        cases.order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "category__code", "category__name_zh", "jurisdiction__name_zh")
        .annotate(cases=Count("id"))
        .order_by("month", "category__code", "jurisdiction__name_zh")
    )
    for row in counts.iterator(chunk_size=CHUNK):
        month = row["month"]
        yield [
            f"{timezone.localtime(month):%Y-%m}" if isinstance(month, dt.datetime) else month,
            row["category__code"],
            row["category__name_zh"],
            row["jurisdiction__name_zh"],
            row["cases"],
        ]


def xlsx_file(rows: Iterable[list[Any]], *, title: str) -> Any:
    """An XLSX workbook written row by row (openpyxl's write-only mode), each value through
    row_values, into a temporary file, returned open at its start; the file disappears when
    closed."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row_values(row))
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    workbook.save(handle)
    handle.seek(0)
    return handle


def geojson_stream(*, cases: QuerySet[Case]) -> Iterator[str]:
    """A FeatureCollection, one feature per case: the case's own point, else its area's centre
    flagged as such (location "area"); cases with neither are left out."""
    centres = {
        pk: (lat, lon)
        for pk, lat, lon in Jurisdiction.objects.filter(latitude__isnull=False).values_list(
            "pk", "latitude", "longitude"
        )
    }
    yield '{"type": "FeatureCollection", "features": ['
    fields = (
        "tracking_code",
        "submitted_at",
        "category__code",
        "jurisdiction_id",
        "jurisdiction__name_zh",
        "status",
        "urgency",
        "title",
        "latitude",
        "longitude",
    )
    first = True
    for row in cases.values_list(*fields).iterator(chunk_size=CHUNK):
        code, submitted, category, area_id, area, status, urgency, title, lat, lon = row
        location = "case"
        if lat is None or lon is None:
            if area_id not in centres:
                continue
            (lat, lon), location = centres[area_id], "area"
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "tracking_code": code,
                "submitted_at": _text(submitted),
                "category_code": category,
                "area": area,
                "status": status,
                "urgency": urgency,
                "title": title,
                "location": location,
            },
        }
        yield ("" if first else ",") + "\n" + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def export_title(kind: str) -> str:
    return {"cases": _("Cases"), "timelines": _("Timelines"), "statistics": _("Statistics")}[kind]
