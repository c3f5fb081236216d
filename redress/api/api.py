"""The JSON API's framework: the NinjaAPI with its auth, parser, renderer and error answers.
The apps' routers are mounted on it by config/api.py, the one place that may import them all;
the OpenAPI schema is at /api/v1/openapi.json, the interactive docs at /api/v1/docs (served
from ninja's bundled static files, no CDN)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ninja import NinjaAPI, Router
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from redress.api.auth import BearerTokenAuth, SessionCookieAuth
from redress.api.errors import install_error_handlers
from redress.api.parser import StrictParser
from redress.api.schemas import IDEMPOTENCY_HEADER

DESCRIPTION = """\
The working system of a grievance office, for programs: the same cases, steps and scope as
the staff pages.

Authenticate with a personal token (`python manage.py api_token --user USERNAME`) sent as
`Authorization: Bearer TOKEN`, or, from the pages, with the signed-in session (unsafe
methods then need the `X-CSRFToken` header). A token acts as its user: it sees exactly the
cases their role and unit see, and anything else answers 404.

Errors always have the shape `{"detail": [{"field", "message", "code"}]}`, `field` naming
the input at fault. Lists take `limit` (at most 200) and `offset` and report the total
`count`. Every create needs an `Idempotency-Key` header.

Complainants' contact details never appear in any answer except the audited
`POST /cases/{id}/contact`.
"""


class Utf8JSONRenderer(JSONRenderer):
    # Chinese text as itself, not as \u escapes: half the bytes, and readable in a terminal.
    json_dumps_params = {"ensure_ascii": False}


class RedressAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # The header is optional to ninja so that its absence answers 400 naming it (as the
        # other refusals of a create do), but clients must always send it.
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("name") == IDEMPOTENCY_HEADER:
                        parameter["required"] = True
        return schema


def api_create(*, routes: Iterable[tuple[str, Router]]) -> RedressAPI:
    """The API with the given (prefix, router) pairs mounted in order; the order is the order
    of the operations in the OpenAPI document."""
    api = RedressAPI(
        title="redress API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=[BearerTokenAuth(), SessionCookieAuth()],
        parser=StrictParser(),
        renderer=Utf8JSONRenderer(),
    )
    install_error_handlers(api)
    for prefix, router in routes:
        api.add_router(prefix, router)
    return api
