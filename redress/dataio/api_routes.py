"""/api/v1/exports/{kind}.{format}: the work queue's exports for API clients, with the same
query parameters as the queue page (q, status, category, area, department, due, sort)."""

from __future__ import annotations

from typing import Literal

from django.http import FileResponse, HttpRequest, StreamingHttpResponse
from ninja import Router

from redress.api.auth import request_user
from redress.api.errors import READ_ERRORS
from redress.dataio.responses import export_response

router = Router(tags=["exports"])


@router.get(
    "/exports/{kind}.{file_format}",
    response={200: None, **READ_ERRORS},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The export, streamed (CSV, XLSX or GeoJSON). Never any "
                "contact details.",
                "content": {
                    "text/csv": {},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                    "application/geo+json": {},
                },
            }
        }
    },
)
def export(
    request: HttpRequest,
    kind: Literal["cases", "timelines", "statistics"],
    file_format: Literal["csv", "xlsx", "geojson"],
) -> StreamingHttpResponse | FileResponse:
    """Cases (optionally with descriptions: description=1), their timelines (internal notes:
    notes=1) or counts by month, category and area, of the cases your work queue shows."""
    return export_response(
        user=request_user(request), kind=kind, file_format=file_format, query=request.GET
    )


ROUTES = [("", router)]
