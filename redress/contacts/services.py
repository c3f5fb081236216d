"""The only code that writes or reads complainants' contact details: the vault's own side.
Who may read a case's details, and the reading's place on the case's timeline, are the case's
business: redress.cases.services.contact checks the reader, then calls contact_reveal."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from redress.contacts.crypto import reseal, seal, unseal
from redress.contacts.models import ComplainantContact, ContactReading
from redress.core import clock
from redress.core.errors import DomainError
from redress.orgs.models import User

logger = logging.getLogger(__name__)

REASON_MIN = 4
REASON_MAX = 300


@dataclass(frozen=True)
class RevealedContact:
    name: str
    phone: str
    email: str
    address: str
    consent_to_contact: bool


def contact_build(*, case: Any, details: object, consent: bool) -> ComplainantContact:
    """The sealed contact row, unsaved: case_submit writes it together with the case. (`case`
    is the unsaved cases.Case; Any because the vault does not import the app above it.)"""
    return ComplainantContact(
        case=case,
        ciphertext=contact_seal(details=details),
        consent_to_contact=consent,
        created_at=clock.now(),
    )


def contact_seal(*, details: object) -> bytes:
    """The details as contact_build seals them (the bulk import seals without the model)."""
    fields = {
        name: str(getattr(details, name, "") or "").strip()
        for name in ("name", "phone", "email", "address")
    }
    return seal(fields)


def contact_reason_clean(*, reason: str) -> str:
    """The reason a reading is logged with, stripped; refused if missing or too long."""
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        raise DomainError(
            _("Say why you need the contact details."), field="reason", code="required"
        )
    if len(reason) > REASON_MAX:
        raise DomainError(
            _("The reason is longer than %(max)s characters.") % {"max": REASON_MAX},
            field="reason",
        )
    return reason


def contact_reveal(*, case: Model, reader: User, reason: str) -> RevealedContact | None:
    """Decrypt a case's contact details and log the reading with its (cleaned) reason. The
    caller has checked that `reader` may, and holds the transaction in which it records the
    reading on the case's timeline. None if there are none."""
    contact = ComplainantContact.objects.filter(case_id=case.pk, purged_at__isnull=True).first()
    if contact is None:
        return None
    ContactReading.objects.create(case_id=case.pk, reader=reader, reason=reason, at=clock.now())
    details = unseal(contact.ciphertext)
    return RevealedContact(
        name=details.get("name", ""),
        phone=details.get("phone", ""),
        email=details.get("email", ""),
        address=details.get("address", ""),
        consent_to_contact=contact.consent_to_contact,
    )


def contact_exists(*, case: Model) -> bool:
    return ComplainantContact.objects.filter(case_id=case.pk, purged_at__isnull=True).exists()


def contacts_unpurged(*, case_ids: QuerySet[Any, Any]) -> QuerySet[ComplainantContact]:
    """The stored (not yet purged) contacts of the given cases, with their case."""
    return ComplainantContact.objects.filter(
        case_id__in=case_ids, purged_at__isnull=True
    ).select_related("case")


def contact_purge(*, contact: ComplainantContact, at: dt.datetime) -> bool:
    """Erase one contact's details. The row stays, emptied, as proof of when the purge
    happened. False if it was purged meanwhile."""
    updated = ComplainantContact.objects.filter(pk=contact.pk, purged_at__isnull=True).update(
        ciphertext=b"", purged_at=at
    )
    return bool(updated)


@dataclass
class RotationResult:
    resealed: int = 0
    current: int = 0
    last_id: int = 0


def contacts_rotate(
    *,
    batch_size: int = 500,
    after_id: int = 0,
    progress: Callable[[int], None] | None = None,
) -> RotationResult:
    """Seal every stored contact with the first of REDRESS_VAULT_KEYS, so that the other keys
    can then be removed. Walks the rows by ascending case id, one transaction per batch: an
    interrupted run loses at most its current batch, and running again skips the rows the first
    key already opens. The details are decrypted only in memory to be sealed again; nobody reads
    them, so no reading is logged per row, only one line for the run."""
    result = RotationResult(last_id=after_id)
    while True:
        done = _rotate_batch(after_id=result.last_id, batch_size=batch_size, result=result)
        if progress is not None:
            progress(done)
        if done < batch_size:
            break
    logger.info(
        "vault_rotate: re-sealed %d contact(s) with the first key, %d already were (ids up to %d)",
        result.resealed,
        result.current,
        result.last_id,
    )
    return result


def _rotate_batch(*, after_id: int, batch_size: int, result: RotationResult) -> int:
    with transaction.atomic():
        # Locked so that a purge running meanwhile cannot be undone by writing back old bytes.
        rows = list(
            ComplainantContact.objects.select_for_update()
            .filter(pk__gt=after_id, purged_at__isnull=True)
            .order_by("pk")
            .only("pk", "ciphertext")[:batch_size]
        )
        changed = []
        for row in rows:
            token = reseal(row.ciphertext)
            if token is None:
                result.current += 1
            else:
                row.ciphertext = token
                changed.append(row)
        ComplainantContact.objects.bulk_update(changed, ["ciphertext"], batch_size=500)
    result.resealed += len(changed)
    if rows:
        result.last_id = rows[-1].pk
    return len(rows)
