"""case_submit: the one way a grievance becomes a case, whatever door it came through."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Model
from django.utils.translation import gettext as _

from redress.cases.models import (
    Case,
    CaseHolding,
    CaseStatus,
    Category,
    Channel,
    ClockStage,
    EventKind,
    Urgency,
)
from redress.cases.services.clock import clock_start
from redress.cases.services.events import PUBLIC_ACTOR, event_build
from redress.cases.services.fields import extra_fields_clean
from redress.cases.services.routing import route_department
from redress.cases.tracking import new_tracking_code
from redress.contacts.services import contact_build
from redress.core import clock
from redress.core.errors import DomainError
from redress.core.inserts import insert_together
from redress.orgs.models import Jurisdiction, Role, User

TITLE_MAX = 200
DESCRIPTION_MAX = 5000
IDEMPOTENCY_KEY_MAX = 64
MEDIA_URL_MAX = 500


@dataclass(frozen=True)
class ContactDetails:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.address))


@functools.cache
def _fingerprint_key() -> bytes:
    return hashlib.sha256(b"redress.case-fingerprint:" + settings.SECRET_KEY.encode()).digest()


@dataclass(frozen=True)
class GrievanceInput:
    title: str
    description: str
    category: Category
    jurisdiction: Jurisdiction
    channel: str = Channel.WEB
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    people_affected: int = 1
    urgency: str | None = None
    contact: ContactDetails = field(default_factory=ContactDetails)
    consent_to_contact: bool = False
    extra_fields: dict[str, object] = field(default_factory=dict)
    media_url: str = ""

    def fingerprint(self) -> str:
        """What identifies this submission's content, to tell a retry from a reused key: every
        field, the contact details included. Keyed with the secret key, so that the stored
        digest cannot be matched against guessed phone numbers by someone holding only the
        database."""
        payload = {
            "title": self.title.strip(),
            "description": self.description.strip(),
            "category": self.category.pk,
            "jurisdiction": self.jurisdiction.pk,
            "channel": self.channel,
            "location_text": self.location_text.strip(),
            "latitude": self.latitude,
            "longitude": self.longitude,
            "people_affected": self.people_affected,
            "urgency": self.urgency or "",
            "contact": [
                self.contact.name,
                self.contact.phone,
                self.contact.email,
                self.contact.address,
            ],
            "consent_to_contact": self.consent_to_contact,
            "extra_fields": self.extra_fields,
            "media_url": self.media_url,
        }
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hmac.new(_fingerprint_key(), encoded, hashlib.sha256).hexdigest()


def _validate(data: GrievanceInput) -> None:
    if not data.title.strip():
        raise DomainError(_("A title is required."), field="title", code="required")
    if len(data.title) > TITLE_MAX:
        raise DomainError(
            _("The title is longer than %(max)s characters.") % {"max": TITLE_MAX}, field="title"
        )
    if not data.description.strip():
        raise DomainError(_("A description is required."), field="description", code="required")
    if len(data.description) > DESCRIPTION_MAX:
        raise DomainError(
            _("The description is longer than %(max)s characters.") % {"max": DESCRIPTION_MAX},
            field="description",
        )
    if not data.category.is_active:
        raise DomainError(_("This category is no longer in use."), field="category")
    if (data.latitude is None) != (data.longitude is None):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="latitude")
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        raise DomainError(_("Latitude must be between -90 and 90."), field="latitude")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        raise DomainError(_("Longitude must be between -180 and 180."), field="longitude")
    if data.people_affected < 1 or data.people_affected > 1_000_000:
        raise DomainError(
            _("People affected must be between 1 and 1,000,000."), field="people_affected"
        )
    if data.media_url and (
        len(data.media_url) > MEDIA_URL_MAX
        or not data.media_url.lower().startswith(("http://", "https://"))
    ):
        raise DomainError(_("The media URL must be an http(s) address."), field="media_url")
    if data.channel not in Channel.values:
        raise DomainError(_("Unknown channel."), field="channel")
    if data.urgency and data.urgency not in Urgency.values:
        raise DomainError(_("Unknown urgency."), field="urgency")


# Staff who enter grievances on a caller's behalf, each for the places of their own area.
# Liaisons file through their post, whose area the liaison services check.
_ENTERING_ROLES = frozenset({Role.OPERATOR, Role.DIRECTOR})


def _check_actor_area(data: GrievanceInput, actor: User | None) -> None:
    """Every staff door (web entry, API, and whatever comes next) refuses the same place: one
    check here, so that no door can enter a case its own staff could then not see."""
    if actor is None or not actor.is_authenticated or actor.role not in _ENTERING_ROLES:
        return
    if actor.jurisdiction is None or not data.jurisdiction.path.startswith(actor.jurisdiction.path):
        raise DomainError(
            _("No such jurisdiction in your area."), field="jurisdiction", code="not_found"
        )


def case_submit(
    *,
    data: GrievanceInput,
    actor: User | None = None,
    idempotency_key: str | None = None,
) -> tuple[Case, bool]:
    """Create the case, route it, start the acceptance clock and store any contact details in
    the vault. Returns (case, created); a retry with the same idempotency key returns the case
    the first attempt made, with created False."""
    _validate(data)
    _check_actor_area(data, actor)
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
        raise DomainError(_("The idempotency key is too long."), field="idempotency_key")
    fingerprint = data.fingerprint()
    if key is not None:
        existing = Case.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return _same_submission(existing, fingerprint), False
    try:
        return _create(data=data, actor=actor, key=key, fingerprint=fingerprint), True
    except IntegrityError:
        # A concurrent retry with the same key won the race; answer with its case.
        if key is None:
            raise
        existing = Case.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _same_submission(existing, fingerprint), False


def _same_submission(existing: Case, fingerprint: str) -> Case:
    if existing.idempotency_fingerprint != fingerprint:
        raise DomainError(
            _("This idempotency key was already used for a different grievance."),
            field="idempotency_key",
            code="idempotency_conflict",
        )
    return existing


def _create(*, data: GrievanceInput, actor: User | None, key: str | None, fingerprint: str) -> Case:
    now = clock.now()
    extra_fields = extra_fields_clean(category=data.category, values=data.extra_fields)
    department = route_department(category=data.category, jurisdiction=data.jurisdiction)
    case = Case(
        tracking_code=new_tracking_code(),
        title=data.title.strip(),
        description=data.description.strip(),
        category=data.category,
        jurisdiction=data.jurisdiction,
        jurisdiction_path=data.jurisdiction.path,
        department=department,
        status=CaseStatus.RECEIVED,
        urgency=data.urgency or data.category.urgency,
        channel=data.channel,
        location_text=data.location_text.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        people_affected=data.people_affected,
        extra_fields=extra_fields,
        media_url=data.media_url,
        is_anonymous=data.contact.is_empty(),
        submitted_at=now,
        idempotency_key=key,
        idempotency_fingerprint=fingerprint,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    clock_start(case, stage=ClockStage.ACCEPTANCE, at=now)
    children: list[Model] = [CaseHolding(case=case, department=department, started_at=now)]
    if not data.contact.is_empty():
        children.append(
            contact_build(case=case, details=data.contact, consent=data.consent_to_contact)
        )
    event = event_build(
        case,
        kind=EventKind.SUBMITTED,
        actor=actor,
        actor_label="" if actor is not None else PUBLIC_ACTOR,
        data={
            "channel": data.channel,
            "department": department.pk,
            "department_name": department.name_zh,
            "department_name_en": department.name_en,
        },
    )
    # All or nothing, in one round trip where the database allows it.
    insert_together(case, [*children, event])
    return case
