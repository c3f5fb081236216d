"""Open311 GeoReport v2 over cases: discovery, services, service definitions, requests, tokens,
and FixMyStreet's service request updates. Every input is checked here, then handed to the same
services the forms use. Answers never carry contact details."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

from redress.cases.models import Case, CaseEvent, Category, Channel
from redress.cases.services import ContactDetails, GrievanceInput
from redress.cases.services.lifecycle import COMMENT_MAX
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.core.ids import id_parse
from redress.core.refcache import reference_cache
from redress.open311.keys import api_client_for_key, rate_limit_exceeded
from redress.open311.models import ApiClient, RequestToken
from redress.open311.render import error, respond
from redress.open311.serializers import (
    Open311Error,
    attributes_param,
    datetime_param,
    params_check,
    request_ids_param,
    request_item,
    service_definition,
    service_item,
    update_item,
)
from redress.open311.services import client_comment_add, client_request_submit
from redress.orgs.geo import jurisdiction_locate
from redress.orgs.models import Jurisdiction
from redress.orgs.selectors import jurisdiction_by_public_id, jurisdiction_named_in

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 90
MAX_RESULTS = 1000
DESCRIPTION_MAX = 4000
CONTACT_FIELDS = ("email", "first_name", "last_name", "phone", "device_id", "account_id")

View = Callable[..., HttpResponse]


def open311_view(methods: tuple[str, ...]) -> Callable[[View], View]:
    """Method check, the parameters' text check and error answers in the request's format:
    a GeoReport client reads every answer as GeoReport, so nothing here answers with Django's
    HTML pages, not even an unexpected failure (logged, then a GeoReport 500).
    GeoReport clients expect English descriptions whatever their Accept-Language, and the
    services' refusals passed on here are in the active language: so English throughout."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error(fmt, 405, f"Method {request.method} is not allowed here.")
                response["Allow"] = ", ".join(methods)
                return response
            with translation.override("en"):
                try:
                    params_check(kwargs)
                    params_check(request.GET)
                    if request.method == "POST":
                        params_check(request.POST)
                    return view(request, fmt, *args, **kwargs)
                except Open311Error as problem:
                    return error(fmt, problem.status, problem.description)
                except SuspiciousOperation as problem:
                    # Too many fields, a body over the size limit: Django's own 400s.
                    return error(fmt, 400, f"The request was refused: {problem}")
                except (OperationalError, InterfaceError):
                    # The database is unreachable (a restart, a failover). A retry shortly
                    # will work, and one with the same Idempotency-Key stores the grievance
                    # once even if the connection dropped during its commit.
                    logger.exception("Open311 %s %s: no database", request.method, request.path)
                    response = error(fmt, 503, "Briefly unavailable; try again shortly.")
                    response["Retry-After"] = "5"
                    return response
                except Exception:
                    logger.exception("Open311 %s %s failed", request.method, request.path)
                    return error(fmt, 500, "The server failed to answer; try again later.")

        return csrf_exempt(wrapper)

    return decorate


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Every other path under /open311/: a GeoReport 404, in XML when the path asks for it."""
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return error(fmt, 404, "There is no Open311 resource at this address.")


def _jurisdiction(
    params: QueryDict, *, required: bool = False, client: ApiClient | None = None
) -> Jurisdiction | None:
    public_id = params.get("jurisdiction_id", "").strip()
    if not public_id:
        if client is not None and client.jurisdiction is not None:
            return client.jurisdiction
        if required:
            roots = list(Jurisdiction.objects.filter(parent__isnull=True)[:2])
            if len(roots) == 1:
                return roots[0]
            raise Open311Error(400, "jurisdiction_id is required.")
        return None
    jurisdiction = jurisdiction_by_public_id(public_id)
    if jurisdiction is None:
        raise Open311Error(404, f"jurisdiction_id {public_id!r} is not served here.")
    return jurisdiction


def _client(params: QueryDict) -> ApiClient:
    client = api_client_for_key(params.get("api_key", ""))
    if client is None:
        raise Open311Error(403, "A valid api_key is required.")
    if rate_limit_exceeded(client):
        raise Open311Error(429, "Too many requests from this api_key; slow down.")
    return client


@open311_view(("GET",))
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/")
    return respond(
        fmt,
        "discovery",
        {
            "changeset": "2026-11-27T00:00:00Z",
            "contact": "The grievance office, through its public pages.",
            "key_service": "Ask the office's administrator for an API key.",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2026-11-27T00:00:00Z",
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def _active_categories() -> list[Category]:
    return list(
        Category.objects.filter(is_active=True).prefetch_related("fields").order_by("sort_order")
    )


@open311_view(("GET",))
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _jurisdiction(request.GET)
    return respond(fmt, "services", [service_item(c) for c in _active_categories()])


@open311_view(("GET",))
def service_detail(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    _jurisdiction(request.GET)
    category = Category.objects.filter(code=service_code, is_active=True).first()
    if category is None:
        raise Open311Error(404, f"service_code {service_code!r} does not exist.")
    return respond(fmt, "service_definition", service_definition(category))


@open311_view(("GET", "POST"))
def requests_endpoint(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, fmt)
    return _list_requests(request, fmt)


def _float(params: QueryDict, name: str) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Open311Error(400, f"{name} must be a finite number.")
    return value


@sensitive_post_parameters(*CONTACT_FIELDS)
def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    client = _client(params)
    jurisdiction = _jurisdiction(params, required=True, client=client)
    assert jurisdiction is not None
    service_code = params.get("service_code", "").strip()
    if not service_code:
        raise Open311Error(400, "service_code is required.")
    category = _active_category(service_code)
    if category is None:
        raise Open311Error(404, f"service_code {service_code!r} does not exist.")

    latitude, longitude = _float(params, "lat"), _float(params, "long")
    address_string = params.get("address_string", "").strip()
    address_id = params.get("address_id", "").strip()
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, "lat and long must be given together.")
    if latitude is not None and not -90 <= latitude <= 90:
        raise Open311Error(400, "lat must be between -90 and 90.")
    if longitude is not None and not -180 <= longitude <= 180:
        raise Open311Error(400, "long must be between -180 and 180.")
    if latitude is None and not address_string and not address_id:
        raise Open311Error(
            400, "A location is required: lat and long, address_string or address_id."
        )
    if len(address_string) > 300:
        raise Open311Error(400, "address_string is longer than 300 characters.")

    place = jurisdiction
    if address_id:
        found = jurisdiction_by_public_id(address_id)
        if found is None or not found.path.startswith(jurisdiction.path):
            raise Open311Error(400, f"address_id {address_id!r} is not known here.")
        place = found
    elif latitude is not None and longitude is not None:
        located = jurisdiction_locate(latitude=latitude, longitude=longitude, within=jurisdiction)
        if located is None:
            raise Open311Error(400, "lat and long lie outside this jurisdiction.")
        place = located
    elif address_string:
        place = jurisdiction_named_in(text=address_string, within=jurisdiction) or jurisdiction

    # Optional in GeoReport: a case still needs a title and an account, taken from what was sent.
    description = params.get("description", "").strip() or _title_from(
        f"{category.name_zh}：{address_string}" if address_string else "", category
    )
    if len(description) > DESCRIPTION_MAX:
        raise Open311Error(400, f"description is longer than {DESCRIPTION_MAX} characters.")
    media_url = params.get("media_url", "").strip()
    contact = ContactDetails(
        name=" ".join(
            filter(
                None, [params.get("last_name", "").strip(), params.get("first_name", "").strip()]
            )
        )[:100],
        phone=params.get("phone", "").strip()[:30],
        email=params.get("email", "").strip()[:200],
    )
    data = GrievanceInput(
        title=_title_from(description, category),
        description=description,
        category=category,
        jurisdiction=place,
        channel=Channel.OPEN311,
        location_text=address_string,
        latitude=latitude,
        longitude=longitude,
        contact=contact,
        consent_to_contact=not contact.is_empty(),
        extra_fields=attributes_param(params),
        media_url=media_url,
    )
    idempotency_key = request.headers.get("Idempotency-Key") or None
    params_check({"Idempotency-Key": idempotency_key or ""})
    if idempotency_key:
        idempotency_key = f"open311:{client.pk}:{idempotency_key}"[:64]
    try:
        case, _created = client_request_submit(
            client=client, data=data, idempotency_key=idempotency_key
        )
    except DomainError as problem:
        raise Open311Error(400, f"{problem.field or 'request'}: {problem.message}") from None
    account_id = params.get("account_id", "").strip()[:100] or None
    notice = _notice(case)
    if client.queue_requests:
        token = RequestToken.objects.get_or_create(
            case=case, client=client, defaults={"token": str(uuid.uuid4())}
        )[0]
        return respond(
            fmt,
            "service_requests",
            [{"token": token.token, "service_notice": notice, "account_id": account_id}],
        )
    return respond(
        fmt,
        "service_requests",
        [{"service_request_id": str(case.pk), "service_notice": notice, "account_id": account_id}],
    )


@reference_cache()
def _active_category(code: str) -> Category | None:
    return Category.objects.filter(code=code, is_active=True).first()


def _title_from(description: str, category: Category) -> str:
    first_line = description.splitlines()[0].strip() if description else ""
    return (first_line or category.name_zh)[:60]


def _notice(case: Case) -> str:
    if case.due_at is None:
        return ""
    due = timezone.localtime(case.due_at).strftime("%Y-%m-%d %H:%M")
    return f"Received. A decision on accepting it is due by {due}."


_CLOSED = ("closed", "merged", "resolved", "confirmed", "declined", "reviewed", "re_reviewed")


def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    jurisdiction = _jurisdiction(params)
    cases = Case.objects.select_related("category", "department", "jurisdiction")
    if jurisdiction is not None:
        cases = cases.filter(jurisdiction_path__startswith=jurisdiction.path)
    ids = request_ids_param(params, MAX_RESULTS)
    if ids is not None:
        cases = cases.filter(pk__in=ids)
    else:
        service_codes = [c for c in params.get("service_code", "").split(",") if c.strip()]
        if service_codes:
            cases = cases.filter(category__code__in=[c.strip() for c in service_codes])
        end = datetime_param(params, "end_date") or clock.now()
        start = datetime_param(params, "start_date") or end - dt.timedelta(days=DEFAULT_WINDOW_DAYS)
        if start > end:
            raise Open311Error(400, "start_date must be before end_date.")
        if end - start > dt.timedelta(days=DEFAULT_WINDOW_DAYS):
            raise Open311Error(400, "start_date and end_date may not span more than 90 days.")
        cases = cases.filter(submitted_at__gte=start, submitted_at__lte=end)
        statuses = {s.strip().lower() for s in params.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open or closed.")
        if statuses == {"open"}:
            cases = cases.exclude(status__in=_CLOSED)
        elif statuses == {"closed"}:
            cases = cases.filter(status__in=_CLOSED)
    items = [request_item(case) for case in cases.order_by("-submitted_at", "-id")[:MAX_RESULTS]]
    return respond(fmt, "service_requests", items)


@open311_view(("GET",))
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    jurisdiction = _jurisdiction(request.GET)
    case = None
    case_id = id_parse(request_id)
    if case_id is not None:
        query = Case.objects.select_related("category", "department", "jurisdiction").filter(
            pk=case_id
        )
        if jurisdiction is not None:
            query = query.filter(jurisdiction_path__startswith=jurisdiction.path)
        case = query.first()
    if case is None:
        raise Open311Error(404, f"service_request_id {request_id!r} does not exist.")
    return respond(fmt, "service_requests", [request_item(case)])


@open311_view(("GET",))
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    _jurisdiction(request.GET)
    found = RequestToken.objects.filter(token=token[:36]).first()
    if found is None:
        raise Open311Error(404, f"token {token!r} does not exist.")
    return respond(
        fmt, "service_requests", [{"service_request_id": str(found.case_id), "token": found.token}]
    )


@open311_view(("GET", "POST"))
def updates_endpoint(request: HttpRequest, fmt: str) -> HttpResponse:
    """FixMyStreet's servicerequestupdates: public steps and comments since a time; POST adds
    a public comment to a request."""
    if request.method == "POST":
        return _post_update(request, fmt)
    params = request.GET
    jurisdiction = _jurisdiction(params)
    end = datetime_param(params, "end_date") or clock.now()
    start = datetime_param(params, "start_date") or end - dt.timedelta(days=1)
    if start > end:
        raise Open311Error(400, "start_date must be before end_date.")
    events = CaseEvent.objects.filter(is_public=True, at__gte=start, at__lte=end).select_related(
        "case"
    )
    if jurisdiction is not None:
        events = events.filter(case__jurisdiction_path__startswith=jurisdiction.path)
    ids = request_ids_param(params, MAX_RESULTS)
    if ids is not None:
        events = events.filter(case_id__in=ids)
    items = [update_item(event) for event in events.order_by("at", "id")[:MAX_RESULTS]]
    return respond(fmt, "service_request_updates", items)


def _post_update(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    client = _client(params)
    request_id = params.get("service_request_id", "").strip()
    if not request_id:
        raise Open311Error(400, "service_request_id is required.")
    case_id = id_parse(request_id)
    case = Case.objects.filter(pk=case_id).first() if case_id is not None else None
    if case is None:
        raise Open311Error(404, f"service_request_id {request_id!r} does not exist.")
    description = params.get("description", "").strip()
    if not description:
        raise Open311Error(400, "description is required.")
    if len(description) > COMMENT_MAX:
        raise Open311Error(400, f"description is longer than {COMMENT_MAX} characters.")
    try:
        event = client_comment_add(client=client, case=case, text=description)
    except PermissionDenied:
        raise Open311Error(
            403,
            f"This api_key may not comment on service_request_id {request_id!r}: "
            "a key comments only on the requests it submitted.",
        ) from None
    except DomainError as problem:
        raise Open311Error(400, problem.message) from None
    return respond(fmt, "service_request_updates", [update_item(event)])
