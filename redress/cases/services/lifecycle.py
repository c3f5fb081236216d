"""The steps of a case's life after submission (see docs in domain.md, "A case's life")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from redress.cases.models import (
    Case,
    CaseEvent,
    CaseHolding,
    CaseStatus,
    ClockStage,
    EventKind,
)
from redress.cases.permissions import ACTION_STATES, Action, can
from redress.cases.services.clock import (
    clock_close_now,
    clock_extend,
    clock_pause,
    clock_resume,
    clock_start,
    clock_stop,
)
from redress.cases.services.events import PUBLIC_ACTOR, event_record
from redress.clocks.models import Stage
from redress.clocks.policies import duration_for
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.orgs.models import Department, Role, User

REASON_MAX = 2000
ANSWER_MAX = 10000

# States from which the complainant may still ask for review (within the review window).
REVIEWABLE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.DISPUTED, CaseStatus.DECLINED})
# The worker closes lapsed cases with no actor; it follows the same table as staff.
CLOSABLE_STATUSES = ACTION_STATES[Action.CLOSE]
# The complainant's own steps, by tracking code.
CONFIRMABLE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.REVIEWED, CaseStatus.RE_REVIEWED})
DISPUTABLE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.DECLINED})


def _text(value: str, *, field: str, maximum: int = REASON_MAX, what: str | None = None) -> str:
    """`what` names the text in the reader's language (a translated "An answer")."""
    value = (value or "").strip()
    if not value:
        raise DomainError(
            _("%(what)s is required.") % {"what": what or _("A reason")},
            field=field,
            code="required",
        )
    if len(value) > maximum:
        raise DomainError(
            _("%(what)s is longer than %(max)s characters.")
            % {"what": what or _("A reason"), "max": maximum},
            field=field,
        )
    return value


def _lock(case: Case) -> Case:
    """Re-read the case under a row lock, so two people acting at once cannot both succeed."""
    return (
        Case.objects.select_for_update()
        .select_related("category", "jurisdiction", "department__jurisdiction")
        .get(pk=case.pk)
    )


def _check(case: Case, *, actor: User, action: Action) -> None:
    """The role and unit allow the step (permissions.can) and the case is in a state where it
    may be taken (permissions.ACTION_STATES, the same table the pages offer actions from)."""
    if not can(actor, action, case):
        raise PermissionDenied(_("Your role or unit does not allow this step on this case."))
    if case.status not in ACTION_STATES[action]:
        raise TransitionNotAllowed(
            _("This step is not possible while the case is %(status)s.")
            % {"status": case.get_status_display()}
        )


def _save(case: Case, *fields: str) -> None:
    case.save(
        update_fields=[
            "status",
            "clock_stage",
            "clock_started_at",
            "clock_unit",
            "due_at",
            "paused_at",
            "pause_reason",
            "escalation_step",
            "next_action_at",
            "updated_at",
            *fields,
        ]
    )


def _transition(
    case: Case,
    *,
    to_status: CaseStatus,
    kind: EventKind,
    actor: User | None,
    actor_label: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    fields: Iterable[str] = (),
) -> Case:
    from_status = case.status
    case.status = to_status
    _save(case, *fields)
    event_record(
        case,
        kind=kind,
        actor=actor,
        actor_label=actor_label,
        from_status=from_status,
        note=note,
        data=data,
    )
    return case


@transaction.atomic
def case_accept(*, case: Case, actor: User, note: str = "") -> Case:
    case = _lock(case)
    _check(case, actor=actor, action=Action.ACCEPT)
    now = clock.now()
    case.accepted_at = now
    clock_start(case, stage=ClockStage.HANDLING, at=now)
    return _transition(
        case,
        to_status=CaseStatus.ACCEPTED,
        kind=EventKind.ACCEPTED,
        actor=actor,
        note=_optional(note, field="note"),
        data={"due_at": case.due_at.isoformat() if case.due_at else None},
        fields=["accepted_at"],
    )


@transaction.atomic
def case_decline(*, case: Case, actor: User, reason: str) -> Case:
    """Decline to accept, with a written reason the complainant sees. A grievance that belongs
    elsewhere is transferred, never declined as "not ours"."""
    reason = _text(reason, field="reason")
    case = _lock(case)
    _check(case, actor=actor, action=Action.DECLINE)
    now = clock.now()
    case.decline_reason = reason
    case.resolved_at = now
    case.answer_is_public = case.category.answers_public_by_default
    clock_start(case, stage=ClockStage.REVIEW_WINDOW, at=now)
    return _transition(
        case,
        to_status=CaseStatus.DECLINED,
        kind=EventKind.DECLINED,
        actor=actor,
        note=reason,
        data={"public": case.answer_is_public},
        fields=["decline_reason", "resolved_at", "answer_is_public"],
    )


def _change_holder(case: Case, *, department: Department, now: Any) -> None:
    """Close the current holding and open one for the new department; its clocks start afresh."""
    # A unit that passes a case on late is charged for it, even if the worker has not yet
    # reached the escalation that would have marked it.
    _mark_holding_outcome(case, now=now)
    CaseHolding.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    CaseHolding.objects.create(case=case, department=department, started_at=now)
    case.department = department


@transaction.atomic
def case_assign(
    *,
    case: Case,
    actor: User,
    department: Department | None = None,
    assignee: User | None = None,
    note: str = "",
) -> Case:
    """Hand an accepted case to the department (and optionally the handler) who will work it."""
    case = _lock(case)
    _check(case, actor=actor, action=Action.ASSIGN)
    department = department or case.department
    if department.pk != case.department_id and not department.is_active:
        raise DomainError(_("This department is not active."), field="department")
    if actor.jurisdiction is None or not department.jurisdiction.path.startswith(
        actor.jurisdiction.path
    ):
        raise DomainError(
            _("You can only assign to departments of your own area."), field="department"
        )
    if assignee is not None and (
        assignee.role != Role.HANDLER or assignee.department_id != department.pk
    ):
        raise DomainError(_("The handler must work in the chosen department."), field="assignee")
    now = clock.now()
    if department.pk != case.department_id:
        _change_holder(case, department=department, now=now)
        clock_start(case, stage=ClockStage.HANDLING, at=now)
    case.assignee = assignee
    return _transition(
        case,
        to_status=CaseStatus.ASSIGNED,
        kind=EventKind.ASSIGNED,
        actor=actor,
        note=_optional(note, field="note"),
        data={
            "department": department.pk,
            "department_name": department.name_zh,
            "department_name_en": department.name_en,
            "assignee": assignee.pk if assignee else None,
        },
        fields=["department", "assignee"],
    )


@transaction.atomic
def case_start(*, case: Case, actor: User) -> Case:
    """The handler takes the case up."""
    case = _lock(case)
    _check(case, actor=actor, action=Action.START)
    if case.assignee_id is None:
        case.assignee = actor
    return _transition(
        case,
        to_status=CaseStatus.IN_PROGRESS,
        kind=EventKind.STARTED,
        actor=actor,
        fields=["assignee"],
    )


@transaction.atomic
def case_transfer(*, case: Case, actor: User, department: Department, reason: str) -> Case:
    """Send the case sideways or up or down the tree. The receiving department starts with a
    fresh clock: it is not charged for time lost before it held the case."""
    reason = _text(reason, field="reason")
    case = _lock(case)
    _check(case, actor=actor, action=Action.TRANSFER)
    if department.pk == case.department_id:
        raise DomainError(_("The case is already with this department."), field="department")
    if not department.is_active:
        raise DomainError(_("This department is not active."), field="department")
    now = clock.now()
    previous = case.department
    _change_holder(case, department=department, now=now)
    case.assignee = None
    if case.status == CaseStatus.RECEIVED:
        to_status = CaseStatus.RECEIVED
        clock_start(case, stage=ClockStage.ACCEPTANCE, at=now)
    else:
        to_status = CaseStatus.ASSIGNED
        clock_start(case, stage=ClockStage.HANDLING, at=now)
    return _transition(
        case,
        to_status=to_status,
        kind=EventKind.TRANSFERRED,
        actor=actor,
        note=reason,
        data={
            "from_department": previous.pk,
            "department": department.pk,
            "department_name": department.name_zh,
            "department_name_en": department.name_en,
        },
        fields=["department", "assignee"],
    )


@transaction.atomic
def case_extend(*, case: Case, actor: User, days: int, reason: str) -> Case:
    """Extend the handling deadline, once, by no more than the policy allows, with a reason."""
    reason = _text(reason, field="reason")
    case = _lock(case)
    _check(case, actor=actor, action=Action.EXTEND)
    if case.extended:
        raise TransitionNotAllowed(_("The deadline has already been extended once."))
    if case.clock_stage != ClockStage.HANDLING:
        raise TransitionNotAllowed(_("Only the handling deadline can be extended."))
    limit = duration_for(stage=Stage.EXTENSION, category_id=case.category_id, urgency=case.urgency)
    if days < 1 or days > limit.amount:
        raise DomainError(
            _("The extension must be between 1 and %(max)s.") % {"max": limit.amount}, field="days"
        )
    previous_due = case.due_at
    clock_extend(case, amount=days)
    case.extended = True
    return _transition(
        case,
        to_status=CaseStatus(case.status),
        kind=EventKind.EXTENDED,
        actor=actor,
        note=reason,
        data={
            "days": days,
            "unit": case.clock_unit,
            "previous_due_at": previous_due.isoformat() if previous_due else None,
            "due_at": case.due_at.isoformat() if case.due_at else None,
        },
        fields=["extended"],
    )


@transaction.atomic
def case_pause(*, case: Case, actor: User, reason: str) -> Case:
    """Stop the clock while waiting on something outside the unit (the complainant, say)."""
    reason = _text(reason, field="reason", maximum=300)
    case = _lock(case)
    _check(case, actor=actor, action=Action.PAUSE)
    if case.is_paused:
        raise TransitionNotAllowed(_("The clock is already paused."))
    clock_pause(case, at=clock.now(), reason=reason)
    return _transition(
        case,
        to_status=CaseStatus(case.status),
        kind=EventKind.PAUSED,
        actor=actor,
        note=reason,
    )


@transaction.atomic
def case_resume(*, case: Case, actor: User, note: str = "") -> Case:
    case = _lock(case)
    _check(case, actor=actor, action=Action.RESUME)
    if not case.is_paused:
        raise TransitionNotAllowed(_("The clock is not paused."))
    paused_since = case.paused_at
    clock_resume(case, at=clock.now())
    return _transition(
        case,
        to_status=CaseStatus(case.status),
        kind=EventKind.RESUMED,
        actor=actor,
        note=_optional(note, field="note"),
        data={
            "paused_since": paused_since.isoformat() if paused_since else None,
            "due_at": case.due_at.isoformat() if case.due_at else None,
        },
    )


@transaction.atomic
def case_resolve(*, case: Case, actor: User, answer: str, public: bool | None = None) -> Case:
    """Answer the grievance in writing. The complainant then has the review window. `public`
    says whether the answer (and the review answers after it) may be published beyond the
    complainant's tracking page; None takes the category's default."""
    answer = _text(answer, field="answer", maximum=ANSWER_MAX, what=_("An answer"))
    case = _lock(case)
    _check(case, actor=actor, action=Action.RESOLVE)
    now = clock.now()
    _mark_holding_outcome(case, now=now)
    case.answer = answer
    case.resolved_at = now
    case.answer_is_public = (
        case.category.answers_public_by_default if public is None else bool(public)
    )
    clock_start(case, stage=ClockStage.REVIEW_WINDOW, at=now)
    return _transition(
        case,
        to_status=CaseStatus.RESOLVED,
        kind=EventKind.RESOLVED,
        actor=actor,
        note=answer,
        data={"public": case.answer_is_public},
        fields=["answer", "resolved_at", "answer_is_public"],
    )


def _mark_holding_outcome(case: Case, *, now: Any) -> None:
    # A paused clock stopped at paused_at: time since then is not the unit's.
    stopped_at = case.paused_at or now
    if (
        case.due_at is not None
        and case.clock_stage != ClockStage.REVIEW_WINDOW
        and stopped_at > case.due_at
    ):
        CaseHolding.objects.filter(case=case, ended_at__isnull=True).update(was_overdue=True)


@transaction.atomic
def case_confirm(*, case: Case, note: str = "") -> Case:
    """The complainant (by tracking code) accepts the answer."""
    case = _lock(case)
    if case.status not in CONFIRMABLE_STATUSES:
        raise TransitionNotAllowed(_("There is no answer to confirm yet."))
    clock_close_now(case, at=clock.now())
    return _transition(
        case,
        to_status=CaseStatus.CONFIRMED,
        kind=EventKind.CONFIRMED,
        actor=None,
        actor_label=PUBLIC_ACTOR,
        note=_optional(note, field="note"),
    )


@transaction.atomic
def case_dispute(*, case: Case, reason: str) -> Case:
    """The complainant (by tracking code) disagrees with the answer. The review window keeps
    running; the office sees the dispute in its queue."""
    reason = _text(reason, field="reason")
    case = _lock(case)
    if case.status not in DISPUTABLE_STATUSES:
        raise TransitionNotAllowed(_("Only an answer or a decision to decline can be disputed."))
    return _transition(
        case,
        to_status=CaseStatus.DISPUTED,
        kind=EventKind.DISPUTED,
        actor=None,
        actor_label=PUBLIC_ACTOR,
        note=reason,
    )


def _within_window(case: Case) -> None:
    if case.clock_stage != ClockStage.REVIEW_WINDOW or (
        case.due_at is not None and clock.now() > case.due_at
    ):
        raise TransitionNotAllowed(_("The time to ask for a review has passed."))


@transaction.atomic
def case_request_review(*, case: Case, reason: str) -> Case:
    reason = _text(reason, field="reason")
    case = _lock(case)
    if case.status not in REVIEWABLE_STATUSES:
        raise TransitionNotAllowed(_("A review can be asked for only after an answer."))
    _within_window(case)
    clock_start(case, stage=ClockStage.REVIEW, at=clock.now())
    return _transition(
        case,
        to_status=CaseStatus.UNDER_REVIEW,
        kind=EventKind.REVIEW_REQUESTED,
        actor=None,
        actor_label=PUBLIC_ACTOR,
        note=reason,
    )


@transaction.atomic
def case_review_answer(*, case: Case, actor: User, answer: str) -> Case:
    answer = _text(answer, field="answer", maximum=ANSWER_MAX, what=_("An answer"))
    case = _lock(case)
    _check(case, actor=actor, action=Action.REVIEW)
    now = clock.now()
    case.review_answer = answer
    clock_start(case, stage=ClockStage.REVIEW_WINDOW, at=now)
    return _transition(
        case,
        to_status=CaseStatus.REVIEWED,
        kind=EventKind.REVIEWED,
        actor=actor,
        note=answer,
        fields=["review_answer"],
    )


@transaction.atomic
def case_request_re_review(*, case: Case, reason: str) -> Case:
    reason = _text(reason, field="reason")
    case = _lock(case)
    if case.status != CaseStatus.REVIEWED:
        raise TransitionNotAllowed(_("A re-review can be asked for only after a review answer."))
    _within_window(case)
    clock_start(case, stage=ClockStage.RE_REVIEW, at=clock.now())
    return _transition(
        case,
        to_status=CaseStatus.UNDER_RE_REVIEW,
        kind=EventKind.RE_REVIEW_REQUESTED,
        actor=None,
        actor_label=PUBLIC_ACTOR,
        note=reason,
    )


@transaction.atomic
def case_re_review_answer(*, case: Case, actor: User, answer: str) -> Case:
    """The final answer: no further review. The worker closes the case on its next pass."""
    answer = _text(answer, field="answer", maximum=ANSWER_MAX, what=_("An answer"))
    case = _lock(case)
    _check(case, actor=actor, action=Action.RE_REVIEW)
    case.re_review_answer = answer
    clock_close_now(case, at=clock.now())
    return _transition(
        case,
        to_status=CaseStatus.RE_REVIEWED,
        kind=EventKind.RE_REVIEWED,
        actor=actor,
        note=answer,
        fields=["re_review_answer"],
    )


@transaction.atomic
def case_close(*, case: Case, actor: User | None, note: str = "") -> Case:
    """Close a case that has its answer. `actor` None is the worker closing a lapsed window."""
    case = _lock(case)
    if actor is not None:
        _check(case, actor=actor, action=Action.CLOSE)
    elif case.status not in CLOSABLE_STATUSES:
        raise TransitionNotAllowed(_("Only an answered case can be closed."))
    now = clock.now()
    case.closed_at = now
    CaseHolding.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    clock_stop(case)
    return _transition(
        case,
        to_status=CaseStatus.CLOSED,
        kind=EventKind.CLOSED,
        actor=actor,
        note=_optional(note, field="note"),
        fields=["closed_at"],
    )


@transaction.atomic
def case_add_note(*, case: Case, actor: User, note: str) -> Case:
    note = _text(note, field="note", what=_("A note"))
    case = _lock(case)
    if not can(actor, Action.NOTE, case):
        raise PermissionDenied(_("Your role or unit does not allow notes on this case."))
    event_record(case, kind=EventKind.NOTE, actor=actor, from_status=case.status, note=note)
    return case


def _optional(value: str, *, field: str) -> str:
    value = (value or "").strip()
    if len(value) > REASON_MAX:
        raise DomainError(
            _("The text is longer than %(max)s characters.") % {"max": REASON_MAX}, field=field
        )
    return value


COMMENT_MAX = 4000


@transaction.atomic
def case_public_comment(*, case: Case, text: str, via: str = PUBLIC_ACTOR) -> CaseEvent:
    """A comment from the public side (the complainant through a client app): it goes on the
    public timeline and changes nothing else."""
    text = _text(text, field="description", maximum=COMMENT_MAX, what=_("A comment"))
    case = _lock(case)
    if case.status in {CaseStatus.CLOSED, CaseStatus.MERGED}:
        raise TransitionNotAllowed(_("This case is closed to comments."))
    return event_record(
        case,
        kind=EventKind.COMMENT,
        actor=None,
        actor_label=via,
        from_status=case.status,
        note=text,
    )
