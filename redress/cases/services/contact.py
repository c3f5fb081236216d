"""Reading and purging a case's contact details: who may read them and the reading's timeline
event are decided here; the vault itself (sealing, the reading log) is redress.contacts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from redress.cases.models import Case, CaseStatus, EventKind
from redress.cases.permissions import Action, can
from redress.cases.services.events import SYSTEM_ACTOR, event_record
from redress.contacts.services import (
    RevealedContact,
    contact_purge,
    contact_reason_clean,
    contact_reveal,
    contacts_unpurged,
)
from redress.core import clock
from redress.core.errors import PermissionDenied
from redress.orgs.models import User


def contact_read(*, user: User, case: Case, reason: str) -> RevealedContact | None:
    """Decrypt a case's contact details for a member of its handling chain, logging the reading
    with its reason on the case's timeline and in the reading log. None if there are none."""
    reason = contact_reason_clean(reason=reason)
    if not can(user, Action.READ_CONTACT, case):
        raise PermissionDenied(_("Only staff handling this case may read its contact details."))
    with transaction.atomic():
        revealed = contact_reveal(case=case, reader=user, reason=reason)
        if revealed is not None:
            event_record(case, kind=EventKind.CONTACT_READ, actor=user, note=reason)
    return revealed


def contacts_purge_due(*, now: dt.datetime | None = None, retention_days: int | None = None) -> int:
    """Erase the contact details of cases closed more than the retention period ago. The row
    stays, emptied, as proof of when the purge happened. Returns how many were purged."""
    now = now or clock.now()
    days = settings.REDRESS_CONTACT_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = now - dt.timedelta(days=days)
    # A merged case's complainant still gets the surviving case's answer, so their details are
    # kept until that case has been closed for the retention period.
    due_cases = Case.objects.filter(
        Q(status=CaseStatus.CLOSED, closed_at__lte=cutoff)
        | Q(
            status=CaseStatus.MERGED,
            merged_into__status=CaseStatus.CLOSED,
            merged_into__closed_at__lte=cutoff,
        )
    ).values("pk")
    purged = 0
    for contact in contacts_unpurged(case_ids=due_cases).iterator(chunk_size=500):
        with transaction.atomic():
            if contact_purge(contact=contact, at=now):
                event_record(
                    contact.case, kind=EventKind.CONTACT_PURGED, actor_label=SYSTEM_ACTOR, at=now
                )
                purged += 1
    return purged
