"""Reads of letters and accountability records, always through the user's scope; and the
per-unit tallies the year-end assessment reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.core import clock
from redress.obligations.models import ANSWERABLE_STATUSES, ObligationStatus
from redress.obligations.permissions import is_active_staff, unit_scope_filter
from redress.orgs.models import Jurisdiction, Role, User
from redress.supervision.models import (
    AccountabilityRecord,
    Letter,
    LetterAttachment,
    LetterEvent,
    LetterReport,
)


def letter_scope_filter(user: User) -> Q | None:
    """Directors and auditors: letters issued by or addressed to units in their subtree;
    handlers: letters to their department; leaders: letters naming them."""
    if is_active_staff(user) and user.role == Role.LEADER:
        return Q(leader=user)
    return unit_scope_filter(user, issuer_field="issuer_path")


def letter_list_for_user(*, user: User) -> QuerySet[Letter]:
    scope = letter_scope_filter(user)
    if scope is None:
        return Letter.objects.none()
    return Letter.objects.filter(scope)


def letter_get_for_user(*, user: User, letter_id: int) -> Letter:
    """The one way a request fetches a letter: 404 unless the user's unit and role cover it."""
    try:
        return (
            letter_list_for_user(user=user)
            .select_related(
                "unit__jurisdiction", "issuing_office", "issuer", "leader", "case", "escalated_from"
            )
            .get(pk=letter_id)
        )
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such letter.")) from None


LETTER_STATE_FILTERS = ("open", "overdue", "escalated", *ObligationStatus.values)


def letter_search(
    *, user: User, state: str = "", unit_id: int | None = None, mine: bool = False
) -> QuerySet[Letter]:
    """The office's letter list: soonest due first. `state` is a status, "open" (still
    owed or awaiting a decision), "overdue" or "escalated"."""
    letters = letter_list_for_user(user=user)
    if mine:
        letters = letters.filter(leader=user)
    if state == "open":
        letters = letters.exclude(status=ObligationStatus.ACCEPTED)
    elif state == "overdue":
        letters = letters.filter(status__in=ANSWERABLE_STATUSES, due_at__lt=clock.now())
    elif state == "escalated":
        letters = letters.filter(escalation_step__gte=2)
    elif state in ObligationStatus.values:
        letters = letters.filter(status=state)
    if unit_id:
        letters = letters.filter(unit_id=unit_id)
    return letters.select_related("unit__jurisdiction", "issuing_office", "leader").order_by(
        "due_at", "id"
    )


def letter_state_counts(*, user: User) -> dict[str, int]:
    letters = letter_list_for_user(user=user)
    counts = {status: 0 for status in ObligationStatus.values}
    for status in letters.values_list("status", flat=True):
        counts[status] += 1
    counts["overdue"] = letters.filter(
        status__in=ANSWERABLE_STATUSES, due_at__lt=clock.now()
    ).count()
    return counts


def letter_timeline(*, letter: Letter) -> QuerySet[LetterEvent]:
    return letter.events.select_related("actor").order_by("at", "id")


def letter_reports(*, letter: Letter) -> list[LetterReport]:
    return list(letter.reports.select_related("author").prefetch_related("attachments"))


def letter_attachment_get(*, letter: Letter, attachment_id: int) -> LetterAttachment:
    found = LetterAttachment.objects.filter(report__obligation=letter, pk=attachment_id).first()
    if found is None:
        raise Http404(_("No such file."))
    return found


def accountability_scope_filter(user: User) -> Q | None:
    if is_active_staff(user) and user.role == Role.LEADER and user.jurisdiction is not None:
        # Leaders answer for their area's deadlines.
        return Q(unit_path__startswith=user.jurisdiction.path)
    return unit_scope_filter(user)


def accountability_list_for_user(*, user: User) -> QuerySet[AccountabilityRecord]:
    scope = accountability_scope_filter(user)
    if scope is None:
        return AccountabilityRecord.objects.none()
    return AccountabilityRecord.objects.filter(scope).select_related("unit__jurisdiction")


def accountability_get_for_user(*, user: User, record_id: int) -> AccountabilityRecord:
    try:
        return (
            accountability_list_for_user(user=user)
            .select_related("letter", "case")
            .get(pk=record_id)
        )
    except (AccountabilityRecord.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such record.")) from None


# For the year-end assessment ---------------------------------------------------------------


@dataclass
class LetterTally:
    """A unit's letters due in a year: how many, answered on time (completion reported by the
    deadline and accepted), and overdue (accepted late, or still owed after the deadline)."""

    unit_id: int
    issued: int = 0
    completed_on_time: int = 0
    overdue: int = 0
    letter_ids: list[int] = field(default_factory=list)
    on_time_ids: list[int] = field(default_factory=list)
    overdue_ids: list[int] = field(default_factory=list)


def letters_on_time_by_unit(*, jurisdiction: Jurisdiction, year: int) -> dict[int, LetterTally]:
    """Per unit (department id) in the jurisdiction's subtree, its letters due in `year`.
    Every number comes with the ids of the letters behind it, for drill-down."""
    start, end = clock.year_bounds(year)
    now = clock.now()
    tallies: dict[int, LetterTally] = {}
    rows = (
        Letter.objects.filter(
            unit_path__startswith=jurisdiction.path, due_at__gte=start, due_at__lt=end
        )
        .order_by("id")
        .values_list("id", "unit_id", "status", "on_time", "due_at")
    )
    for letter_id, unit_id, status, on_time, due_at in rows:
        tally = tallies.setdefault(unit_id, LetterTally(unit_id=unit_id))
        tally.issued += 1
        tally.letter_ids.append(letter_id)
        if status == ObligationStatus.ACCEPTED and on_time:
            tally.completed_on_time += 1
            tally.on_time_ids.append(letter_id)
        elif (status == ObligationStatus.ACCEPTED and on_time is False) or due_at < now:
            tally.overdue += 1
            tally.overdue_ids.append(letter_id)
    return tallies


@dataclass
class AccountabilityTally:
    unit_id: int
    standing: int = 0  # records that stand (not withdrawn on appeal)
    withdrawn: int = 0
    record_ids: list[int] = field(default_factory=list)


def accountability_by_unit(
    *, jurisdiction: Jurisdiction, year: int
) -> dict[int, AccountabilityTally]:
    """Per unit in the subtree, the accountability records written in `year`."""
    start, end = clock.year_bounds(year)
    tallies: dict[int, AccountabilityTally] = {}
    for record in AccountabilityRecord.objects.filter(
        unit_path__startswith=jurisdiction.path, at__gte=start, at__lt=end
    ).order_by("id"):
        tally = tallies.setdefault(record.unit_id, AccountabilityTally(unit_id=record.unit_id))
        tally.record_ids.append(record.pk)
        if record.counts:
            tally.standing += 1
        else:
            tally.withdrawn += 1
    return tallies
