"""The only code that writes or reads complainants' contact details."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from redress.cases.models import Case, CaseStatus, EventKind
from redress.cases.permissions import Action, can
from redress.cases.services.events import SYSTEM_ACTOR, event_record
from redress.contacts.crypto import reseal, seal, unseal
from redress.contacts.models import ComplainantContact, ContactReading
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
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


def contact_build(*, case: Case, details: object, consent: bool) -> ComplainantContact:
    """The sealed contact row, unsaved: case_submit writes it together with the case."""
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


def contact_read(*, user: User, case: Case, reason: str) -> RevealedContact | None:
    """Decrypt a case's contact details for a member of its handling chain, logging the reading
    with its reason on the case's timeline and in the reading log. None if there are none."""
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
    if not can(user, Action.READ_CONTACT, case):
        raise PermissionDenied(_("Only staff handling this case may read its contact details."))
    with transaction.atomic():
        contact = ComplainantContact.objects.filter(case=case, purged_at__isnull=True).first()
        if contact is None:
            return None
        ContactReading.objects.create(case=case, reader=user, reason=reason, at=clock.now())
        event_record(case, kind=EventKind.CONTACT_READ, actor=user, note=reason)
        details = unseal(contact.ciphertext)
    return RevealedContact(
        name=details.get("name", ""),
        phone=details.get("phone", ""),
        email=details.get("email", ""),
        address=details.get("address", ""),
        consent_to_contact=contact.consent_to_contact,
    )


def contact_exists(*, case: Case) -> bool:
    return ComplainantContact.objects.filter(case=case, purged_at__isnull=True).exists()


def contacts_purge_due(*, now: dt.datetime | None = None, retention_days: int | None = None) -> int:
    """Erase the contact details of cases closed more than the retention period ago. The row
    stays, emptied, as proof of when the purge happened. Returns how many were purged."""
    now = now or clock.now()
    days = settings.REDRESS_CONTACT_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = now - dt.timedelta(days=days)
    # A merged case's complainant still gets the surviving case's answer, so their details are
    # kept until that case has been closed for the retention period.
    due = ComplainantContact.objects.filter(
        Q(case__status=CaseStatus.CLOSED, case__closed_at__lte=cutoff)
        | Q(
            case__status=CaseStatus.MERGED,
            case__merged_into__status=CaseStatus.CLOSED,
            case__merged_into__closed_at__lte=cutoff,
        ),
        purged_at__isnull=True,
    ).select_related("case")
    purged = 0
    for contact in due.iterator(chunk_size=500):
        with transaction.atomic():
            updated = ComplainantContact.objects.filter(
                pk=contact.pk, purged_at__isnull=True
            ).update(ciphertext=b"", purged_at=now)
            if updated:
                event_record(
                    contact.case, kind=EventKind.CONTACT_PURGED, actor_label=SYSTEM_ACTOR, at=now
                )
                purged += 1
    return purged


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
