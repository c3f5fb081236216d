"""The writes an obligation's life is made of: supervision letters and conference action items
are both "a unit owes this by then", answered with progress and completion reports, accepted or
sent back by whoever set them, and climbing the same escalation ladder as cases when overdue.

This module holds the clock arithmetic on the unit's working calendar, the report/accept/
send-back steps, and the worker pass that claims due rows (SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL, as redress.cases.worker does) and acts once per ladder step. Mitigation measures
(redress.assessments) have a lifecycle of their own (open, then completed) but run on the same
clock and the same pass. The concrete apps add who may do what and what each ladder step
means."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext

from redress.clocks.calendar import CalendarCache, WorkingCalendar
from redress.clocks.deadlines import LadderStep, ladder
from redress.core import clock
from redress.core.errors import DomainError, TransitionNotAllowed
from redress.obligations.attachments import PreparedFile
from redress.obligations.models import (
    ANSWERABLE_STATUSES,
    MAX_FILES,
    REASON_MAX,
    TEXT_MAX,
    Obligation,
    ObligationEventKind,
    ObligationStatus,
    ReportKind,
)
from redress.orgs.models import User

SYSTEM_ACTOR = "system"


def text_required(value: str, *, field: str, limit: int) -> str:
    """The stripped text, refused when empty or longer than `limit`."""
    value = (value or "").strip()
    if not value:
        raise DomainError(gettext("This field is required."), field=field, code="required")
    if len(value) > limit:
        raise DomainError(
            gettext("At most %(max)s characters.") % {"max": limit},
            field=field,
            code="too_long",
        )
    return value


# The clock ---------------------------------------------------------------------------------


def calendar_for_unit_path(path: str) -> WorkingCalendar:
    return CalendarCache().for_path(path)


def due_after_working_days(*, unit_path: str, start: dt.datetime, working_days: int) -> dt.datetime:
    return calendar_for_unit_path(unit_path).add_working_days(start, working_days)


class OnTheLadder(Protocol):
    due_at: dt.datetime
    escalation_step: int


def ladder_next_time(row: OnTheLadder, calendar: WorkingCalendar) -> dt.datetime | None:
    """The next rung of the ladder for anything with a deadline and a rung count (an
    obligation, a mitigation measure), counted in working days from the deadline; None once
    every rung is climbed. The callers say whether the row still owes work."""
    steps = ladder()
    if row.escalation_step >= len(steps):
        return None
    return calendar.add_working_days(row.due_at, steps[row.escalation_step].offset)


def next_action_time(obligation: Obligation, calendar: WorkingCalendar) -> dt.datetime | None:
    """When the worker must next look at this obligation: the next rung while the unit still
    owes the work."""
    if obligation.status not in ANSWERABLE_STATUSES:
        return None
    return ladder_next_time(obligation, calendar)


def obligation_clock_start(obligation: Obligation, *, due_at: dt.datetime) -> None:
    obligation.due_at = due_at
    obligation.escalation_step = 0
    obligation.next_action_at = next_action_time(
        obligation, calendar_for_unit_path(obligation.unit_path)
    )


def obligation_issue[O: Obligation](
    obligation: O,
    *,
    due_at: dt.datetime,
    actor: User | None,
    data: dict[str, Any],
    at: dt.datetime | None = None,
) -> O:
    """Save a new obligation with its clock started and its "issued" event, whose note is the
    required action."""
    obligation_clock_start(obligation, due_at=due_at)
    obligation.save(force_insert=True)
    obligation_event_record(
        obligation,
        kind=ObligationEventKind.ISSUED,
        actor=actor,
        from_status="",
        note=obligation.required_action,
        data=data,
        at=at,
    )
    return obligation


# Steps shared by letters and action items --------------------------------------------------


def obligation_event_record(
    obligation: Obligation,
    *,
    kind: str,
    actor: User | None,
    from_status: str,
    note: str = "",
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> models.Model:
    event = obligation.event_model(
        obligation=obligation,
        kind=kind,
        at=at or clock.now(),
        actor=actor,
        actor_label="" if actor is not None else SYSTEM_ACTOR,
        from_status=from_status,
        to_status=obligation.status,
        note=note,
        data=data or {},
    )
    event.save(force_insert=True)
    return event


def _locked[O: Obligation](obligation: O) -> O:
    """The row again, locked for the rest of the transaction: two people acting at once see
    each other's step, not a stale state."""
    return type(obligation).objects.select_for_update().get(pk=obligation.pk)  # type: ignore[attr-defined]


def obligation_report[O: Obligation](
    obligation: O,
    *,
    actor: User,
    kind: ReportKind,
    text: str,
    files: list[PreparedFile] | None = None,
) -> O:
    """File a progress or completion report. The caller has checked the actor may answer."""
    text = text_required(text, field="text", limit=TEXT_MAX)
    files = files or []
    if len(files) > MAX_FILES:
        raise DomainError(
            gettext("At most %(max)s files.") % {"max": MAX_FILES},
            field="attachments",
            code="too_many",
        )
    with transaction.atomic():
        obligation = _locked(obligation)
        if obligation.status not in ANSWERABLE_STATUSES:
            raise TransitionNotAllowed(
                gettext("This has been answered already; wait for the decision.")
            )
        now = clock.now()
        from_status = obligation.status
        report: Any = obligation.report_model._default_manager.create(
            obligation=obligation, kind=kind, text=text, author=actor, at=now
        )
        for prepared in files:
            attachment = report.attachments.model(
                report=report, content_type=prepared.content_type, size=len(prepared.content)
            )
            attachment.file.save("upload", ContentFile(prepared.content), save=False)
            attachment.save()
        if kind == ReportKind.COMPLETION:
            obligation.status = ObligationStatus.COMPLETION_REPORTED
            obligation.completion_reported_at = now
            # The unit has answered: the ladder waits for the decision on it.
            obligation.next_action_at = None
            event_kind = ObligationEventKind.COMPLETION
        else:
            obligation.status = ObligationStatus.IN_PROGRESS
            event_kind = ObligationEventKind.PROGRESS
        obligation.save()
        obligation_event_record(
            obligation,
            kind=event_kind,
            actor=actor,
            from_status=from_status,
            note=text,
            data={"report": report.pk, "files": len(files)},
            at=now,
        )
    return obligation


def obligation_accept[O: Obligation](obligation: O, *, actor: User, note: str = "") -> O:
    note = (note or "").strip()[:REASON_MAX]
    with transaction.atomic():
        obligation = _locked(obligation)
        if obligation.status != ObligationStatus.COMPLETION_REPORTED:
            raise TransitionNotAllowed(gettext("Only a reported completion can be accepted."))
        now = clock.now()
        obligation.status = ObligationStatus.ACCEPTED
        obligation.closed_at = now
        assert obligation.completion_reported_at is not None
        obligation.on_time = obligation.completion_reported_at <= obligation.due_at
        obligation.next_action_at = None
        obligation.save()
        obligation_event_record(
            obligation,
            kind=ObligationEventKind.ACCEPTED,
            actor=actor,
            from_status=ObligationStatus.COMPLETION_REPORTED,
            note=note,
            data={"on_time": obligation.on_time},
            at=now,
        )
    return obligation


def obligation_send_back[O: Obligation](obligation: O, *, actor: User, reason: str) -> O:
    """The completion does not do what was asked: the work is owed again, on the same
    deadline and ladder position (sending back does not buy the unit time)."""
    reason = text_required(reason, field="reason", limit=REASON_MAX)
    with transaction.atomic():
        obligation = _locked(obligation)
        if obligation.status != ObligationStatus.COMPLETION_REPORTED:
            raise TransitionNotAllowed(gettext("Only a reported completion can be sent back."))
        obligation.status = ObligationStatus.SENT_BACK
        obligation.completion_reported_at = None
        obligation.next_action_at = next_action_time(
            obligation, calendar_for_unit_path(obligation.unit_path)
        )
        obligation.save()
        obligation_event_record(
            obligation,
            kind=ObligationEventKind.SENT_BACK,
            actor=actor,
            from_status=ObligationStatus.COMPLETION_REPORTED,
            note=reason,
        )
    return obligation


# The worker pass ---------------------------------------------------------------------------

StepAction = Callable[[Any, str, dt.datetime], None]
_STEP_EVENTS = {
    "reminder": ObligationEventKind.REMINDER,
    "escalation": ObligationEventKind.ESCALATED,
    "warning": ObligationEventKind.WARNING,
}


def due_rows_process[R: models.Model](
    queryset: models.QuerySet[R],
    *,
    now: dt.datetime,
    batch_size: int,
    handle: Callable[[list[R]], None],
) -> None:
    """Claim the rows of `queryset` whose next_action_at has come, oldest first, a batch at a
    time, and hand each batch to `handle` inside the transaction that holds the claim: on
    PostgreSQL the rows are locked with SKIP LOCKED, so a second worker takes other rows and
    no step is taken twice; on SQLite the write lock of the transaction does the same."""
    while True:
        with transaction.atomic():
            due = queryset.filter(next_action_at__lte=now).order_by("next_action_at", "id")
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True, of=("self",))
            claimed = list(due[:batch_size])
            handle(claimed)
        if len(claimed) < batch_size:
            return


def ladder_steps_due(
    row: OnTheLadder, *, now: dt.datetime, next_time: Callable[[], dt.datetime | None]
) -> Iterator[LadderStep]:
    """Every rung come due by `now`, in order, so a worker that was down catches up at once.
    The row's escalation_step moves past each rung as it is handed out; `next_time` answers
    when the next rung falls due for the row as it then stands."""
    steps = ladder()
    while row.escalation_step < len(steps):
        at = next_time()
        if at is None or at > now:
            return
        step = steps[row.escalation_step]
        row.escalation_step += 1
        yield step


def obligations_run_once(
    *,
    model: type[Obligation],
    now: dt.datetime,
    on_step: StepAction,
    batch_size: int | None = None,
) -> dict[str, int]:
    """Climb every rung that has come due for every obligation of `model`, each rung written
    once and in order. `on_step(obligation, step, now)` does what the step means beyond its
    event (the escalation letter, the accountability record); it runs in the same transaction
    as the event."""
    counts: dict[str, int] = {"examined": 0}
    calendars = CalendarCache()

    def handle(claimed: list[Obligation]) -> None:
        for obligation in claimed:
            counts["examined"] += 1
            calendar = calendars.for_path(obligation.unit_path)
            for step in ladder_steps_due(
                obligation, now=now, next_time=partial(next_action_time, obligation, calendar)
            ):
                obligation_event_record(
                    obligation,
                    kind=_STEP_EVENTS[step.name],
                    actor=None,
                    from_status=obligation.status,
                    data={
                        "step": obligation.escalation_step,
                        "due_at": obligation.due_at.isoformat(),
                    },
                    at=now,
                )
                on_step(obligation, step.name, now)
                counts[step.name] = counts.get(step.name, 0) + 1
            obligation.next_action_at = next_action_time(obligation, calendar)
            obligation.save(update_fields=["escalation_step", "next_action_at", "updated_at"])

    due_rows_process(
        model.objects.all(),  # type: ignore[attr-defined]
        now=now,
        batch_size=batch_size or settings.REDRESS_WORKER_BATCH_SIZE,
        handle=handle,
    )
    return counts


def paths_rewrite(model: type[models.Model], field: str, old_path: str, new_path: str) -> None:
    model._default_manager.filter(**{f"{field}__startswith": old_path}).update(
        **{field: Concat(Value(new_path), Substr(field, len(old_path) + 1))}
    )
