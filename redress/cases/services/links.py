"""Related grievances: link two cases, or merge one into another. Each complainant of a merged
case still follows it by their own tracking code and receives the surviving case's answers."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from redress.cases.models import OPEN_STATUSES, Case, CaseHolding, CaseLink, CaseStatus, EventKind
from redress.cases.permissions import Action, can
from redress.cases.services.clock import clock_stop
from redress.cases.services.events import event_record
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.orgs.models import User

REASON_MAX = 2000
NOTE_MAX = 300


@transaction.atomic
def case_link(*, case: Case, other: Case, actor: User, note: str = "") -> CaseLink:
    if case.pk == other.pk:
        raise DomainError(_("A case cannot be linked to itself."), field="other")
    if not (can(actor, Action.LINK, case) and can(actor, Action.LINK, other)):
        raise PermissionDenied(_("You may link only cases your unit handles."))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(
            _("The note is longer than %(max)s characters.") % {"max": NOTE_MAX}, field="note"
        )
    existing = CaseLink.objects.filter(from_case=case, to_case=other).first() or (
        CaseLink.objects.filter(from_case=other, to_case=case).first()
    )
    if existing is not None:
        return existing
    link = CaseLink.objects.create(
        from_case=case, to_case=other, note=note, created_by=actor, created_at=clock.now()
    )
    for this, that in ((case, other), (other, case)):
        event_record(
            this,
            kind=EventKind.LINKED,
            actor=actor,
            from_status=this.status,
            note=note,
            data={"case": that.pk, "tracking_code": that.display_code},
        )
    return link


@transaction.atomic
def case_merge(*, source: Case, target: Case, actor: User, reason: str) -> Case:
    """Fold `source` into `target`: the source stops its clock and points at the target."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("A reason is required."), field="reason", code="required")
    if len(reason) > REASON_MAX:
        raise DomainError(
            _("The reason is longer than %(max)s characters.") % {"max": REASON_MAX},
            field="reason",
        )
    if source.pk == target.pk:
        raise DomainError(_("A case cannot be merged into itself."), field="target")
    if not (can(actor, Action.MERGE, source) and can(actor, Action.MERGE, target)):
        raise PermissionDenied(_("You may merge only cases in your area."))
    # Lock both rows in a fixed order so two merges cannot deadlock.
    locked = {
        c.pk: c
        for c in Case.objects.select_for_update()
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if source.status not in OPEN_STATUSES:
        raise TransitionNotAllowed(_("Only an open case can be merged."))
    if target.status in {CaseStatus.CLOSED, CaseStatus.MERGED}:
        raise DomainError(_("The case to merge into must still be open."), field="target")
    now = clock.now()
    from_status = source.status
    source.status = CaseStatus.MERGED
    source.merged_into = target
    source.closed_at = now
    clock_stop(source)
    source.save()
    CaseHolding.objects.filter(case=source, ended_at__isnull=True).update(ended_at=now)
    event_record(
        source,
        kind=EventKind.MERGED,
        actor=actor,
        from_status=from_status,
        note=reason,
        data={"into": target.pk},
    )
    # Cases merged into the source earlier follow it to the surviving case, so their
    # complainants get its answers and their contact details are purged when it closes.
    for earlier in Case.objects.select_for_update().filter(merged_into=source).order_by("pk"):
        earlier.merged_into = target
        earlier.save(update_fields=["merged_into", "updated_at"])
        event_record(
            earlier,
            kind=EventKind.MERGED,
            actor=actor,
            from_status=earlier.status,
            note=reason,
            data={"into": target.pk, "via": source.pk},
        )
    event_record(
        target,
        kind=EventKind.MERGED,
        actor=actor,
        from_status=target.status,
        note=reason,
        data={"from": source.pk, "tracking_code": source.display_code},
    )
    if target.people_affected < source.people_affected + target.people_affected:
        target.people_affected += source.people_affected
        target.save(update_fields=["people_affected", "updated_at"])
    return target
