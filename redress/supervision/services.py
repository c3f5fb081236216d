"""Writes of supervision: issuing and answering letters, the letter ladder's steps, and the
accountability records with their response and appeal. Each step writes its event in the
same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from redress.cases.models import Case
from redress.clocks.models import UnitRecordEntry
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.core.watermark import Watermark, readable_ids
from redress.obligations.attachments import PreparedFile
from redress.obligations.models import (
    REASON_MAX,
    TEXT_MAX,
    WORKING_DAYS_MAX,
    ObligationEventKind,
    ObligationStatus,
    ReportKind,
)
from redress.obligations.permissions import is_director_over, is_unit_staff
from redress.obligations.services import (
    due_after_working_days,
    obligation_accept,
    obligation_event_record,
    obligation_issue,
    obligation_report,
    obligation_send_back,
    text_required,
)
from redress.orgs.models import Department, Jurisdiction, Role, User
from redress.supervision.models import (
    AccountabilityEvent,
    AccountabilityEventKind,
    AccountabilityRecord,
    AccountabilitySource,
    AccountabilityStatus,
    Letter,
    PassWatermark,
    SubjectKind,
)
from redress.supervision.permissions import may_issue_to

TITLE_MAX = 200


def escalation_letter_working_days() -> int:
    return settings.REDRESS_ESCALATION_LETTER_WORKING_DAYS


@dataclass(frozen=True)
class Subject:
    """What a letter is about. Build it with subject_for_case or directly for other kinds."""

    kind: SubjectKind = SubjectKind.STANDALONE
    id: int | None = None
    label: str = ""
    case: Case | None = None


def subject_for_case(case: Case) -> Subject:
    return Subject(
        kind=SubjectKind.CASE,
        id=case.pk,
        label=f"{case.reference} {case.title}"[:200],
        case=case,
    )


def _check_leader(*, issuer: User, leader: User | None, unit: Department) -> None:
    if leader is None:
        return
    issuer_path = issuer.jurisdiction.path if issuer.jurisdiction else "/"
    if (
        leader.role != Role.LEADER
        or not leader.is_active
        or leader.jurisdiction is None
        or not unit.jurisdiction.path.startswith(leader.jurisdiction.path)
        or not leader.jurisdiction.path.startswith(issuer_path)
    ):
        raise DomainError(
            _("Name a leader of the unit's jurisdiction (or above it, within yours)."),
            field="leader",
            code="not_found",
        )


def letter_issue(
    *,
    issuer: User,
    unit: Department,
    title: str,
    required_action: str,
    leader: User | None = None,
    subject: Subject | None = None,
    due_at: dt.datetime | None = None,
    working_days: int | None = None,
    idempotency_key: str | None = None,
    fingerprint: str = "",
) -> tuple[Letter, bool]:
    """A director issues a supervision letter to a unit in their jurisdiction or below.
    Give the deadline as `due_at` or as `working_days` on the unit's calendar. Returns the
    letter and whether it was created (False: a retry with the same idempotency key)."""
    if idempotency_key:
        earlier = Letter.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            if earlier.idempotency_fingerprint != fingerprint:
                raise DomainError(
                    _("This key was used for a different letter."),
                    field="idempotency_key",
                    code="idempotency_conflict",
                )
            return earlier, False
    if not may_issue_to(issuer, unit):
        raise PermissionDenied(
            _("Only a director over the unit's jurisdiction issues letters to it.")
        )
    title = text_required(title, field="title", limit=TITLE_MAX)
    required_action = text_required(required_action, field="required_action", limit=TEXT_MAX)
    _check_leader(issuer=issuer, leader=leader, unit=unit)
    subject = subject or Subject()
    if subject.kind == SubjectKind.CASE and subject.case is None:
        raise DomainError(_("Name the case."), field="case", code="required")
    now = clock.now()
    if (due_at is None) == (working_days is None):
        raise DomainError(
            _("Give either a deadline or a number of working days."),
            field="due_at",
            code="required",
        )
    if working_days is not None:
        if not 1 <= working_days <= WORKING_DAYS_MAX:
            raise DomainError(
                _("Between 1 and %(max)s working days.") % {"max": WORKING_DAYS_MAX},
                field="working_days",
            )
        due_at = due_after_working_days(
            unit_path=unit.jurisdiction.path, start=now, working_days=working_days
        )
    assert due_at is not None
    if due_at <= now:
        raise DomainError(_("The deadline must lie in the future."), field="due_at")
    assert issuer.jurisdiction is not None
    try:
        with transaction.atomic():
            letter = _letter_create(
                unit=unit,
                office=issuer.jurisdiction,
                issuer=issuer,
                leader=leader,
                title=title,
                required_action=required_action,
                subject=subject,
                due_at=due_at,
                idempotency_key=idempotency_key or None,
                fingerprint=fingerprint,
            )
            from redress.supervision.subjects import letter_subject_issued

            letter_subject_issued(letter=letter, actor=issuer)
    except IntegrityError:
        # Two retries raced; the other one made the letter.
        earlier = Letter.objects.filter(idempotency_key=idempotency_key).first()
        if idempotency_key and earlier is not None:
            return earlier, False
        raise
    return letter, True


def _letter_create(
    *,
    unit: Department,
    office: Jurisdiction,
    issuer: User | None,
    leader: User | None,
    title: str,
    required_action: str,
    subject: Subject,
    due_at: dt.datetime,
    escalated_from: Letter | None = None,
    idempotency_key: str | None = None,
    fingerprint: str = "",
    at: dt.datetime | None = None,
) -> Letter:
    letter = Letter(
        unit=unit,
        unit_path=unit.jurisdiction.path,
        issuing_office=office,
        issuer_path=office.path,
        issuer=issuer,
        leader=leader,
        title=title,
        required_action=required_action,
        subject_kind=subject.kind,
        subject_id=subject.id,
        subject_label=subject.label,
        case=subject.case,
        escalated_from=escalated_from,
        idempotency_key=idempotency_key,
        idempotency_fingerprint=fingerprint,
    )
    obligation_issue(
        letter,
        due_at=due_at,
        actor=issuer,
        data={"office": office.pk, "escalated_from": escalated_from.pk if escalated_from else None},
        at=at,
    )
    return letter


def letter_issue_escalation(
    *,
    unit: Department,
    office_below: Jurisdiction,
    leader: User | None,
    title: str,
    required_action: str,
    subject: Subject,
    now: dt.datetime,
    escalated_from: Letter | None = None,
) -> Letter:
    """The ladder's "letter from the level above": issued in the name of the office above
    `office_below` (the top office writes in its own name), with a fresh short deadline. Both
    offices see it on their letter pages."""
    office = office_below.parent if office_below.parent_id else office_below
    assert office is not None
    due_at = due_after_working_days(
        unit_path=unit.jurisdiction.path, start=now, working_days=escalation_letter_working_days()
    )
    return _letter_create(
        unit=unit,
        office=office,
        issuer=None,
        leader=leader,
        title=title[:TITLE_MAX],
        required_action=required_action[:TEXT_MAX],
        subject=subject,
        due_at=due_at,
        escalated_from=escalated_from,
        at=now,
    )


def letter_can_answer(user: User, letter: Letter) -> bool:
    """The addressed unit's own people and the named leader."""
    return is_unit_staff(user, letter.unit_id) or (
        letter.leader_id is not None and letter.leader_id == user.pk and user.is_active
    )


def _check_answerer(user: User, letter: Letter) -> None:
    if not letter_can_answer(user, letter):
        raise PermissionDenied(_("Only the addressed unit and leader answer this letter."))


def letter_report_progress(
    *, actor: User, letter: Letter, text: str, files: list[PreparedFile] | None = None
) -> Letter:
    _check_answerer(actor, letter)
    return obligation_report(letter, actor=actor, kind=ReportKind.PROGRESS, text=text, files=files)


def letter_report_completion(
    *, actor: User, letter: Letter, text: str, files: list[PreparedFile] | None = None
) -> Letter:
    _check_answerer(actor, letter)
    return obligation_report(
        letter, actor=actor, kind=ReportKind.COMPLETION, text=text, files=files
    )


def letter_can_decide(user: User, letter: Letter) -> bool:
    """The issuing office's directors (or those above it) accept or send back."""
    return is_director_over(user, letter.issuer_path)


def letter_accept(*, actor: User, letter: Letter, note: str = "") -> Letter:
    """Accept the completion. The letters of the same matter up and down the escalation chain
    close with it: the work they demand is done, and leaving them open would climb the ladder
    against a unit that has answered."""
    if not letter_can_decide(actor, letter):
        raise PermissionDenied(_("Only the issuing office accepts the completion."))
    with transaction.atomic():
        letter = obligation_accept(letter, actor=actor, note=note)
        _letter_chain_close(letter, actor=actor)
    return letter


def _letter_chain_ids(letter: Letter) -> set[int]:
    root_id = letter.pk
    parent_id = letter.escalated_from_id
    while parent_id is not None:
        root_id = parent_id
        parent_id = Letter.objects.filter(pk=parent_id).values_list("escalated_from_id", flat=True)[
            0
        ]
    chain = {root_id}
    frontier = {root_id}
    while frontier:
        frontier = (
            set(Letter.objects.filter(escalated_from_id__in=frontier).values_list("pk", flat=True))
            - chain
        )
        chain |= frontier
    return chain


def _letter_chain_close(letter: Letter, *, actor: User) -> None:
    assert letter.completion_reported_at is not None and letter.closed_at is not None
    others = (
        Letter.objects.select_for_update()
        .filter(pk__in=_letter_chain_ids(letter))
        .exclude(pk=letter.pk)
        .exclude(status=ObligationStatus.ACCEPTED)
        .order_by("pk")
    )
    for other in others:
        from_status = other.status
        other.status = ObligationStatus.ACCEPTED
        other.completion_reported_at = other.completion_reported_at or letter.completion_reported_at
        other.on_time = other.completion_reported_at <= other.due_at
        other.closed_at = letter.closed_at
        other.next_action_at = None
        other.save()
        obligation_event_record(
            other,
            kind=ObligationEventKind.ACCEPTED,
            actor=actor,
            from_status=from_status,
            note=f"Closed with letter {letter.pk}, which escalates or is escalated by this one.",
            data={"with_letter": letter.pk, "on_time": other.on_time},
            at=letter.closed_at,
        )


def letter_send_back(*, actor: User, letter: Letter, reason: str) -> Letter:
    if not letter_can_decide(actor, letter):
        raise PermissionDenied(_("Only the issuing office sends a completion back."))
    return obligation_send_back(letter, actor=actor, reason=reason)


# The ladder --------------------------------------------------------------------------------


def _letter_step(letter: Letter, step: str, now: dt.datetime) -> None:
    if step == "escalation":
        letter_issue_escalation(
            unit=letter.unit,
            office_below=letter.issuing_office,
            leader=letter.leader,
            title=f"督办升级 / Escalated: {letter.title}",
            required_action=letter.required_action,
            subject=Subject(
                kind=SubjectKind(letter.subject_kind),
                id=letter.subject_id,
                label=letter.subject_label,
                case=letter.case,
            ),
            now=now,
            escalated_from=letter,
        )
    elif step == "warning":
        accountability_record_create(
            unit=letter.unit,
            source=AccountabilitySource.LETTER_WARNING,
            summary=f"{letter.title}"[:300],
            due_at=letter.due_at,
            at=now,
            letter=letter,
        )


# Accountability ----------------------------------------------------------------------------


def accountability_record_create(
    *,
    unit: Department,
    source: AccountabilitySource,
    summary: str,
    due_at: dt.datetime,
    at: dt.datetime,
    letter: Letter | None = None,
    case_id: int | None = None,
    unit_record: UnitRecordEntry | None = None,
    action_item_id: int | None = None,
) -> AccountabilityRecord:
    record = AccountabilityRecord.objects.create(
        unit=unit,
        unit_path=unit.jurisdiction.path,
        source=source,
        summary=summary[:300],
        due_at=due_at,
        at=at,
        letter=letter,
        case_id=case_id,
        unit_record=unit_record,
        action_item_id=action_item_id,
    )
    AccountabilityEvent.objects.create(
        record=record, kind=AccountabilityEventKind.RECORDED, at=at, actor_label="system"
    )
    return record


CASE_WARNING_BATCH = 2000


def _case_warnings_batch() -> tuple[int, bool]:
    """Records made, and whether there may be more to read now."""
    with transaction.atomic():
        watermark = PassWatermark.objects.select_for_update().get(name="case_warnings")
        entries = list(
            # Not filtered by time: a row behind the watermark would never be read again.
            UnitRecordEntry.objects.filter(pk__gt=watermark.last_id)
            .select_related("department__jurisdiction", "case")
            .order_by("pk")[:CASE_WARNING_BATCH]
        )
        read = len(entries)
        # A warning written by a transaction that commits late leaves a gap in the ids until
        # then: the watermark waits there instead of passing it for good.
        mark = Watermark(watermark.last_id, watermark.gap_seen_at, watermark.gap_seen_below)
        entries = entries[: readable_ids([entry.pk for entry in entries], mark)]
        records = AccountabilityRecord.objects.bulk_create(
            AccountabilityRecord(
                unit_id=entry.department_id,
                unit_path=entry.department.jurisdiction.path,
                source=AccountabilitySource.CASE_WARNING,
                summary=f"{entry.case.reference} {entry.case.title}"[:300],
                due_at=entry.due_at,
                at=entry.at,
                case_id=entry.case_id,
                unit_record=entry,
            )
            for entry in entries
        )
        AccountabilityEvent.objects.bulk_create(
            AccountabilityEvent(
                record=record,
                kind=AccountabilityEventKind.RECORDED,
                at=record.at,
                actor_label="system",
            )
            for record in records
        )
        if entries:
            mark.last_id = entries[-1].pk
        watermark.last_id = mark.last_id
        watermark.gap_seen_at, watermark.gap_seen_below = mark.gap_seen_at, mark.gap_seen_below
        watermark.save(update_fields=["last_id", "gap_seen_at", "gap_seen_below"])
    # A full batch may leave more to read, unless it stopped at a gap.
    return len(entries), len(entries) == read == CASE_WARNING_BATCH


def _accountability_step(
    *,
    actor: User,
    record: AccountabilityRecord,
    allowed_from: frozenset[str],
    to: AccountabilityStatus,
    kind: AccountabilityEventKind,
    note: str,
    field: str,
) -> AccountabilityRecord:
    note = text_required(note, field=field, limit=REASON_MAX * 4)
    with transaction.atomic():
        record = AccountabilityRecord.objects.select_for_update().get(pk=record.pk)
        if record.status not in allowed_from:
            raise TransitionNotAllowed(_("The record is not in a state that allows this step."))
        record.status = to
        setattr(record, field, note)
        record.save()
        AccountabilityEvent.objects.create(record=record, kind=kind, actor=actor, note=note)
    return record


def accountability_respond(
    *, actor: User, record: AccountabilityRecord, response: str
) -> AccountabilityRecord:
    """The unit explains what happened."""
    if not is_unit_staff(actor, record.unit_id):
        raise PermissionDenied(_("Only the unit on the record responds."))
    return _accountability_step(
        actor=actor,
        record=record,
        allowed_from=frozenset({AccountabilityStatus.OPEN}),
        to=AccountabilityStatus.RESPONDED,
        kind=AccountabilityEventKind.RESPONDED,
        note=response,
        field="response",
    )


def accountability_appeal(
    *, actor: User, record: AccountabilityRecord, reason: str
) -> AccountabilityRecord:
    if not is_unit_staff(actor, record.unit_id):
        raise PermissionDenied(_("Only the unit on the record appeals."))
    return _accountability_step(
        actor=actor,
        record=record,
        allowed_from=frozenset({AccountabilityStatus.OPEN, AccountabilityStatus.RESPONDED}),
        to=AccountabilityStatus.APPEALED,
        kind=AccountabilityEventKind.APPEALED,
        note=reason,
        field="appeal_reason",
    )


def accountability_can_decide(user: User, record: AccountabilityRecord) -> bool:
    """A director over the unit, but not of the unit itself: no one judges their own appeal."""
    return is_director_over(user, record.unit_path) and user.department_id != record.unit_id


def accountability_decide_appeal(
    *, actor: User, record: AccountabilityRecord, upheld: bool, reason: str
) -> AccountabilityRecord:
    if not accountability_can_decide(actor, record):
        raise PermissionDenied(_("Only the office over the unit decides its appeal."))
    return _accountability_step(
        actor=actor,
        record=record,
        allowed_from=frozenset({AccountabilityStatus.APPEALED}),
        to=AccountabilityStatus.UPHELD if upheld else AccountabilityStatus.REJECTED,
        kind=AccountabilityEventKind.UPHELD if upheld else AccountabilityEventKind.REJECTED,
        note=reason,
        field="decision_reason",
    )
