"""The export downloads as HTTP responses, shared by the pages and the API."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, QueryDict, StreamingHttpResponse
from django.utils.translation import gettext as _

from redress.core import clock
from redress.core.spreadsheet import csv_stream
from redress.dataio import exports
from redress.dataio.selectors import cases_for_export
from redress.orgs.models import User

EXPORT_KINDS = {
    "cases": ("csv", "xlsx", "geojson"),
    "timelines": ("csv", "xlsx"),
    "statistics": ("csv", "xlsx"),
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}


def export_response(
    *, user: User, kind: str, file_format: str, query: QueryDict
) -> StreamingHttpResponse | FileResponse:
    """Streams the export of the cases the work queue shows `user` for `query` (its filters):
    CSV and GeoJSON as they are read, XLSX from a temporary file. 404 for an unknown export."""
    if file_format not in EXPORT_KINDS.get(kind, ()):
        raise Http404(_("No such export."))
    cases = cases_for_export(user=user, query=query)
    response: StreamingHttpResponse | FileResponse
    if file_format == "geojson":
        response = StreamingHttpResponse(
            exports.geojson_stream(cases=cases), content_type=CONTENT_TYPES[file_format]
        )
    else:
        rows = _rows(kind, cases=cases, query=query)
        if file_format == "csv":
            response = StreamingHttpResponse(csv_stream(rows), content_type=CONTENT_TYPES["csv"])
        else:
            handle = exports.xlsx_file(rows, title=exports.export_title(kind))
            response = FileResponse(handle, content_type=CONTENT_TYPES["xlsx"])
    filename = f"redress-{kind}-{clock.now():%Y%m%d-%H%M}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rows(kind: str, *, cases: Any, query: QueryDict) -> Any:
    if kind == "cases":
        return exports.case_rows(cases=cases, with_description=query.get("description") == "1")
    if kind == "timelines":
        return exports.timeline_rows(cases=cases, with_notes=query.get("notes") == "1")
    return exports.statistics_rows(cases=cases)
