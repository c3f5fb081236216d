"""The JSON API at /api/v1/: OpenAPI schema at openapi.json, interactive docs at docs (served
from ninja's bundled static files, no CDN)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.renderers import JSONRenderer

from redress.api.auth import BearerTokenAuth, SessionCookieAuth
from redress.api.endpoints import actions, cases, reference
from redress.api.errors import install_error_handlers
from redress.api.parser import StrictParser
from redress.api.routes import discovered_routes

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
                    if parameter.get("name") == cases.IDEMPOTENCY_HEADER:
                        parameter["required"] = True
        return schema


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
api.add_router("", cases.router)
api.add_router("", actions.router)
api.add_router("", reference.router)

# Other apps add their endpoints by convention: a module `api_routes` in an installed redress
# app with ROUTES, a list of (prefix, ninja Router), mounted under /api/v1/.
for _prefix, _router in discovered_routes():
    api.add_router(_prefix, _router)
