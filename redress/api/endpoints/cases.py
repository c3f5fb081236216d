"""Cases: the list with its filters and search, one case, its timeline, the audited contact
reading, and entering a grievance on someone's behalf."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Path, Query, Router
from ninja.responses import Status

from redress.api.auth import request_user
from redress.api.endpoints.common import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from redress.api.errors import fields_renamed
from redress.api.schemas import (
    MAX_ID,
    CaseCreateIn,
    CaseFilters,
    CaseOut,
    CasePage,
    ContactOut,
    ContactReasonIn,
    EventList,
)
from redress.api.selectors import case_list_filtered
from redress.cases import services
from redress.cases.models import Case
from redress.cases.selectors import case_get_for_user, case_timeline, category_list_active
from redress.cases.services import ContactDetails, GrievanceInput
from redress.cases.services.contact import contact_read
from redress.core.errors import DomainError, PermissionDenied
from redress.orgs.models import Role
from redress.orgs.selectors import jurisdiction_get_for_user

router = Router(tags=["cases"])

IDEMPOTENCY_HEADER = "Idempotency-Key"
CaseId = Path(..., ge=1, le=MAX_ID)


@router.get("/cases", response={200: CasePage, **LIST_ERRORS})
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, object]:
    """The cases in your scope, soonest due first, a page at a time."""
    cases = case_list_filtered(user=request_user(request), filters=filters)
    return {
        "count": cases.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(cases[filters.offset : filters.offset + filters.limit]),
    }


@router.get("/cases/{case_id}", response={200: CaseOut, **READ_ERRORS})
def case_detail(request: HttpRequest, case_id: int = CaseId) -> Case:
    return case_get_for_user(user=request_user(request), case_id=case_id)


@router.get("/cases/{case_id}/events", response={200: EventList, **READ_ERRORS})
def case_events(request: HttpRequest, case_id: int = CaseId) -> dict[str, object]:
    """The case's timeline, oldest first: who did what, when and why."""
    case = case_get_for_user(user=request_user(request), case_id=case_id)
    return {"items": list(case_timeline(case=case))}


@router.post("/cases/{case_id}/contact", response={200: ContactOut, **WRITE_ERRORS})
def case_contact(
    request: HttpRequest, response: HttpResponse, payload: ContactReasonIn, case_id: int = CaseId
) -> dict[str, object]:
    """Read the complainant's contact details. Open only to the staff handling the case; each
    reading is logged with its reason on the case's timeline and in the reading log."""
    user = request_user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    revealed = contact_read(user=user, case=case, reason=payload.reason)
    response["Cache-Control"] = "no-store"
    return {"contact": revealed}


def _idempotency_key(user_id: int, header: str) -> str:
    # Keys are the client's to choose, so they are scoped to the user; hashing fits any
    # client key into the column and keeps the case table free of client-chosen text.
    digest = hashlib.sha256(header.encode("utf-8")).hexdigest()[:40]
    return f"api:{user_id}:{digest}"


@router.post("/cases", response={201: CaseOut, 200: CaseOut, **WRITE_ERRORS})
def case_create(
    request: HttpRequest,
    payload: CaseCreateIn,
    idempotency_key: str | None = Header(
        None,
        alias=IDEMPOTENCY_HEADER,
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Required. A retry with the same key and the same grievance answers 200 "
        "with the case the first attempt made; the same key with a different grievance is a "
        "409.",
    ),
) -> Status[Case]:
    """Enter a grievance received by hotline, letter or visit (intake operators and
    directors). Contact details go to the sealed vault and are never echoed back."""
    user = request_user(request)
    if user.role not in (Role.OPERATOR, Role.DIRECTOR):
        raise PermissionDenied(_("Only intake operators and directors enter grievances."))
    if not idempotency_key:
        raise DomainError(
            _("Send an %(header)s header with every create, so a retry cannot make a second case.")
            % {"header": IDEMPOTENCY_HEADER},
            field=IDEMPOTENCY_HEADER,
            code="required",
        )
    category = category_list_active().filter(code=payload.category).first()
    if category is None:
        raise DomainError(
            _("No category in use has this code."), field="category", code="not_found"
        )
    try:
        place = jurisdiction_get_for_user(user=user, jurisdiction_id=payload.jurisdiction_id)
    except Http404:
        place = None
    # A place above the user's area is known to them (to transfer upwards) but not one to
    # enter cases in: case_submit refuses it, as it does for every staff door.
    if place is None:
        raise DomainError(
            _("No such jurisdiction in your area."), field="jurisdiction_id", code="not_found"
        )
    given = payload.contact.model_dump() if payload.contact is not None else {}
    contact = ContactDetails(**{name: value.strip() for name, value in given.items()})
    if not contact.is_empty() and not payload.consent_to_contact:
        raise DomainError(
            _("Contact details are kept only with the complainant's consent."),
            field="consent_to_contact",
            code="required",
        )
    data = GrievanceInput(
        title=payload.title,
        description=payload.description,
        category=category,
        jurisdiction=place,
        channel=payload.channel,
        location_text=payload.location_text,
        latitude=payload.latitude,
        longitude=payload.longitude,
        people_affected=payload.people_affected,
        urgency=payload.urgency,
        contact=contact,
        consent_to_contact=payload.consent_to_contact and not contact.is_empty(),
        extra_fields=dict(payload.extra_fields),
    )
    with fields_renamed({"jurisdiction": "jurisdiction_id", "idempotency_key": IDEMPOTENCY_HEADER}):
        case, created = services.case_submit(
            data=data, actor=user, idempotency_key=_idempotency_key(user.pk, idempotency_key)
        )
    return Status(201 if created else 200, case_get_for_user(user=user, case_id=case.pk))
