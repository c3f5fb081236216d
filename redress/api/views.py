"""The answer for any path under /api/v1/ that names no endpoint: JSON like every other error,
not the site's HTML page."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from redress.api.errors import error_body


# Writes nothing, so a POST needs no CSRF token to be told there is nothing here.
@csrf_exempt
def endpoint_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    body = error_body("No such endpoint; see /api/v1/docs.", code="not_found")
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
