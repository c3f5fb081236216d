"""Writes of joint conferences: scheduling, adopting the proposed agenda, recording minutes
with attendance and decisions (each becoming an action item on the obligation clock),
approving the minutes, and answering action items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from redress.conferences.agenda import ProposedItem
from redress.conferences.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Conference,
    ConferenceKind,
    ConferenceMembership,
    ConferenceStatus,
    Presence,
)
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.obligations.attachments import PreparedFile
from redress.obligations.models import TEXT_MAX, ReportKind
from redress.obligations.permissions import is_director_over, is_unit_staff
from redress.obligations.services import (
    due_after_working_days,
    obligation_accept,
    obligation_issue,
    obligation_report,
    obligation_send_back,
    text_required,
)
from redress.orgs.models import Department, Jurisdiction, User
from redress.supervision.models import AccountabilitySource, SubjectKind
from redress.supervision.services import (
    Subject,
    accountability_record_create,
    letter_issue_escalation,
)

TITLE_MAX = 200
MINUTES_MAX = 20000


def conference_can_run(user: User, conference: Conference) -> bool:
    """Directors of the conference's jurisdiction (or above) convene it and record minutes."""
    return is_director_over(user, conference.jurisdiction_path)


def conference_schedule(
    *,
    actor: User,
    jurisdiction: Jurisdiction,
    kind: ConferenceKind,
    title: str,
    scheduled_at: dt.datetime,
    place: str = "",
    idempotency_key: str | None = None,
) -> tuple[Conference, bool]:
    if idempotency_key:
        earlier = Conference.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return earlier, False
    if not is_director_over(actor, jurisdiction.path):
        raise PermissionDenied(_("Only a director of the jurisdiction convenes its conference."))
    title = text_required(title, field="title", limit=TITLE_MAX)
    if kind not in ConferenceKind.values:
        raise DomainError(_("Unknown kind."), field="kind")
    conference = Conference.objects.create(
        jurisdiction=jurisdiction,
        jurisdiction_path=jurisdiction.path,
        kind=kind,
        title=title,
        scheduled_at=scheduled_at,
        place=(place or "").strip()[:200],
        convened_by=actor,
        idempotency_key=idempotency_key or None,
    )
    return conference, True


def _check_runner(actor: User, conference: Conference) -> None:
    if not conference_can_run(actor, conference):
        raise PermissionDenied(_("Only a director of the jurisdiction runs its conference."))


def conference_agenda_adopt(
    *, actor: User, conference: Conference, items: list[ProposedItem]
) -> list[AgendaItem]:
    """Put the proposed items on the agenda (replacing an earlier adoption) while planned."""
    _check_runner(actor, conference)
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        if conference.status != ConferenceStatus.PLANNED:
            raise TransitionNotAllowed(_("The agenda is fixed once the conference has been held."))
        conference.agenda.all().delete()
        return AgendaItem.objects.bulk_create(
            AgendaItem(
                conference=conference,
                order=index,
                source=item.source[:40],
                title=item.title[:300],
                link_kind=item.link_kind[:20],
                link_id=item.link_id,
                note=item.note[:300],
            )
            for index, item in enumerate(items)
        )


@dataclass(frozen=True)
class DecisionInput:
    text: str
    unit: Department
    due_at: dt.datetime | None = None
    working_days: int | None = None


def member_units(conference: Conference) -> list[Department]:
    return [
        membership.department
        for membership in ConferenceMembership.objects.filter(
            jurisdiction_id=conference.jurisdiction_id, is_active=True
        ).select_related("department__jurisdiction")
    ]


def _decision_create(
    *, actor: User, conference: Conference, decision: DecisionInput, index: int | None = None
) -> ActionItem:
    field = "decisions" if index is None else f"decisions[{index}]"
    text = text_required(decision.text, field=f"{field}.text", limit=TEXT_MAX)
    unit = decision.unit
    if not unit.jurisdiction.path.startswith(conference.jurisdiction_path):
        raise DomainError(
            _("The owner unit must belong to the conference's jurisdiction or below it."),
            field=f"{field}.unit_id",
            code="not_found",
        )
    now = clock.now()
    if (decision.due_at is None) == (decision.working_days is None):
        raise DomainError(
            _("Give either a deadline or a number of working days."),
            field=f"{field}.due_at",
            code="required",
        )
    due_at = decision.due_at
    if decision.working_days is not None:
        if not 1 <= decision.working_days <= 250:
            raise DomainError(_("Between 1 and 250 working days."), field=f"{field}.working_days")
        due_at = due_after_working_days(
            unit_path=unit.jurisdiction.path, start=now, working_days=decision.working_days
        )
    assert due_at is not None
    if due_at <= now:
        raise DomainError(_("The deadline must lie in the future."), field=f"{field}.due_at")
    item = ActionItem(
        conference=conference,
        conference_path=conference.jurisdiction_path,
        unit=unit,
        unit_path=unit.jurisdiction.path,
        required_action=text,
        decided_by=actor,
    )
    obligation_issue(item, due_at=due_at, actor=actor, data={"conference": conference.pk}, at=now)
    return item


def conference_minutes_record(
    *,
    actor: User,
    conference: Conference,
    minutes: str,
    attendance: dict[int, Presence],
    decisions: list[DecisionInput],
) -> Conference:
    """Record the meeting: minutes, the attendance of each member unit and the decisions, each
    of which becomes a tracked action item. Everything or nothing is written."""
    _check_runner(actor, conference)
    minutes = text_required(minutes, field="minutes", limit=MINUTES_MAX)
    members = {unit.pk for unit in member_units(conference)}
    for department_id, presence in attendance.items():
        if department_id not in members:
            raise DomainError(
                _("Attendance is recorded for member units only."),
                field="attendance",
                code="invalid",
            )
        if presence not in Presence.values:
            raise DomainError(_("Unknown presence."), field="attendance")
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        if conference.status != ConferenceStatus.PLANNED:
            raise TransitionNotAllowed(_("The minutes of this conference are recorded already."))
        for index, decision in enumerate(decisions):
            _decision_create(actor=actor, conference=conference, decision=decision, index=index)
        Attendance.objects.bulk_create(
            Attendance(conference=conference, department_id=department_id, presence=presence)
            for department_id, presence in sorted(attendance.items())
        )
        conference.minutes = minutes
        conference.status = ConferenceStatus.HELD
        conference.held_at = clock.now()
        conference.save()
    return conference


def conference_decision_add(
    *, actor: User, conference: Conference, decision: DecisionInput
) -> ActionItem:
    """A decision added after the minutes were recorded (before they are approved)."""
    _check_runner(actor, conference)
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        if conference.status != ConferenceStatus.HELD:
            raise TransitionNotAllowed(
                _("Decisions are added to held conferences before approval.")
            )
        return _decision_create(actor=actor, conference=conference, decision=decision)


def conference_minutes_approve(*, actor: User, conference: Conference) -> Conference:
    _check_runner(actor, conference)
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        if conference.status != ConferenceStatus.HELD:
            raise TransitionNotAllowed(_("Only the minutes of a held conference are approved."))
        conference.status = ConferenceStatus.MINUTES_APPROVED
        conference.save()
    return conference


# Action items ------------------------------------------------------------------------------


def _check_owner(actor: User, item: ActionItem) -> None:
    if not is_unit_staff(actor, item.unit_id):
        raise PermissionDenied(_("Only the owner unit reports on this action item."))


def action_item_report(
    *,
    actor: User,
    item: ActionItem,
    kind: ReportKind,
    text: str,
    files: list[PreparedFile] | None = None,
) -> ActionItem:
    _check_owner(actor, item)
    return obligation_report(item, actor=actor, kind=kind, text=text, files=files)


def action_item_can_decide(user: User, item: ActionItem) -> bool:
    return is_director_over(user, item.conference_path)


def action_item_accept(*, actor: User, item: ActionItem, note: str = "") -> ActionItem:
    if not action_item_can_decide(actor, item):
        raise PermissionDenied(_("Only the conference's office accepts the completion."))
    return obligation_accept(item, actor=actor, note=note)


def action_item_send_back(*, actor: User, item: ActionItem, reason: str) -> ActionItem:
    if not action_item_can_decide(actor, item):
        raise PermissionDenied(_("Only the conference's office sends a completion back."))
    return obligation_send_back(item, actor=actor, reason=reason)


def subject_for_action_item(item: ActionItem) -> Subject:
    """For letter_issue(subject=...): a supervision letter about a conference decision."""
    return Subject(
        kind=SubjectKind.DECISION,
        id=item.pk,
        label=f"{item.conference.title}: {item.required_action[:120]}"[:200],
    )


def _action_item_step(item: ActionItem, step: str, now: dt.datetime) -> None:
    if step == "escalation":
        letter_issue_escalation(
            unit=item.unit,
            office_below=item.conference.jurisdiction,
            leader=None,
            title=f"联席会议决定逾期 / Overdue conference decision: {item.required_action[:80]}",
            required_action=item.required_action,
            subject=subject_for_action_item(item),
            now=now,
        )
    elif step == "warning":
        accountability_record_create(
            unit=item.unit,
            source=AccountabilitySource.ACTION_ITEM_WARNING,
            summary=f"{item.conference.title}: {item.required_action}",
            due_at=item.due_at,
            at=now,
            action_item_id=item.pk,
        )
