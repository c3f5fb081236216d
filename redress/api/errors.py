"""Every error the API answers with has one shape:

    {"detail": [{"field": "title", "message": "...", "code": "string_too_long"}]}

`field` names the input at fault (a body field, with dots for nested ones, a query or path
parameter, or a header), or is null when no single input is. Status codes: 400 a request the
rules refuse, 401 no valid credentials, 403 the role or unit does not allow it, 404 nothing by
that id in the user's scope, 409 the case's state does not allow the step, 422 input that does
not match the schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed

# The names every endpoint gives its JSON body and its query schema; they are not part of a
# field's name.
BODY_PARAM = "payload"
QUERY_PARAM = "filters"


class ErrorItem(Schema):
    field: str | None
    message: str
    code: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


# The error answers each kind of endpoint documents.
READ_ERRORS: dict[Any, Any] = {frozenset({401, 404, 422}): ErrorOut}
WRITE_ERRORS: dict[Any, Any] = {frozenset({400, 401, 403, 404, 409, 422}): ErrorOut}
LIST_ERRORS: dict[Any, Any] = {frozenset({400, 401, 422}): ErrorOut}


def error_body(message: str, *, field: str | None = None, code: str = "invalid") -> dict[str, Any]:
    return {"detail": [{"field": field, "message": message, "code": code}]}


def _field_name(location: Sequence[Any]) -> str | None:
    if not location:
        return None
    source, *path = location
    if path and path[0] == {"body": BODY_PARAM, "query": QUERY_PARAM}.get(source):
        path = path[1:]
    if not path:
        return "body" if source == "body" else None
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _validation_error(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    items = [
        {
            "field": _field_name(error.get("loc", ())),
            "message": str(error.get("msg", "Invalid value.")),
            "code": str(error.get("type", "invalid")),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": items}, status=422)


_DOMAIN_STATUS = ((PermissionDenied, 403), (TransitionNotAllowed, 409))


def _domain_error(request: HttpRequest, exc: DomainError, api: NinjaAPI) -> HttpResponse:
    status = next((code for kind, code in _DOMAIN_STATUS if isinstance(exc, kind)), 400)
    if exc.code == "idempotency_conflict":
        # Not a refusal of the input as such: it clashes with an earlier request's.
        status = 409
    body = error_body(exc.message, field=exc.field, code=exc.code)
    return api.create_response(request, body, status=status)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        body = error_body(
            _("Send a valid API token as `Authorization: Bearer TOKEN`, or sign in."),
            code="not_authenticated",
        )
        response = api.create_response(request, body, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="redress"'
        return response
    codes = {400: "bad_request", 403: "forbidden", 429: "throttled"}
    field = "body" if exc.status_code == 400 else None
    body = error_body(str(exc), field=field, code=codes.get(exc.status_code, "error"))
    return api.create_response(request, body, status=exc.status_code)


def _not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    message = str(exc) if exc.args else _("Not found.")
    return api.create_response(request, error_body(message, code="not_found"), status=404)


def _forbidden(request: HttpRequest, exc: DjangoPermissionDenied, api: NinjaAPI) -> HttpResponse:
    body = error_body(_("You may not do this."), code="permission_denied")
    return api.create_response(request, body, status=403)


def _suspicious(request: HttpRequest, exc: SuspiciousOperation, api: NinjaAPI) -> HttpResponse:
    return api.create_response(
        request, error_body(_("Bad request."), code="bad_request"), status=400
    )


def install_error_handlers(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (ValidationError, _validation_error),
        (DomainError, _domain_error),
        (HttpError, _http_error),
        (Http404, _not_found),
        (DjangoPermissionDenied, _forbidden),
        (SuspiciousOperation, _suspicious),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, _bound(handler, api))


def _bound(handler: Any, api: NinjaAPI) -> Any:
    def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
        return handler(request, exc, api)

    return handle


@contextmanager
def fields_renamed(names: Mapping[str, str]) -> Iterator[None]:
    """Services name their inputs (`department`, `other`); the API's body names them by id
    (`department_id`, `other_case_id`). Errors raised inside the block use the API's names."""
    try:
        yield
    except DomainError as error:
        if error.field is not None and error.field in names:
            error.field = names[error.field]
        elif error.field and error.field.startswith("attribute[") and error.field.endswith("]"):
            error.field = f"extra_fields.{error.field[len('attribute[') : -1]}"
        raise
