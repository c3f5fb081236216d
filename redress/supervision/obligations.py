"""Obligations with a deadline on the clocks: supervision letters and conference action items
are both "a unit owes this by then", answered with progress and completion reports, accepted or
sent back by whoever set them, and climbing the same escalation ladder as cases when overdue.

This module holds what they share: the abstract models, the clock arithmetic on the unit's
working calendar, the report/accept/send-back steps, and the worker pass that claims due rows
(SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, as redress.cases.worker does) and acts once
per ladder step. The concrete apps add who may do what and what each ladder step means."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from redress.clocks.calendar import CalendarCache, WorkingCalendar
from redress.clocks.deadlines import ladder
from redress.core import clock
from redress.core.errors import DomainError, TransitionNotAllowed
from redress.core.models import TimestampedModel
from redress.orgs.models import User
from redress.supervision.attachments import PreparedFile

SYSTEM_ACTOR = "system"
TEXT_MAX = 5000
REASON_MAX = 1000


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("Issued")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETION_REPORTED = "completion_reported", _("Completion reported")
    SENT_BACK = "sent_back", _("Sent back")
    ACCEPTED = "accepted", _("Accepted and closed")


# The states in which the unit still owes work: reports may be filed and the clock runs.
ANSWERABLE_STATUSES = frozenset(
    {ObligationStatus.OPEN, ObligationStatus.IN_PROGRESS, ObligationStatus.SENT_BACK}
)


_STATUS_CLASSES: dict[str, str] = {
    ObligationStatus.OPEN: "status-received",
    ObligationStatus.SENT_BACK: "status-disputed",
    ObligationStatus.COMPLETION_REPORTED: "status-resolved",
    ObligationStatus.ACCEPTED: "status-closed",
}


class ObligationEventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PROGRESS = "progress", _("Progress reported")
    COMPLETION = "completion", _("Completion reported")
    ACCEPTED = "accepted", _("Completion accepted")
    SENT_BACK = "sent_back", _("Sent back")
    REMINDER = "reminder", _("Reminder sent")
    ESCALATED = "escalated", _("Escalated to the level above")
    WARNING = "warning", _("Warning on the unit's record")


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    COMPLETION = "completion", _("Completion report")


class Obligation(TimestampedModel):
    """What a unit owes and by when. `unit_path` copies the unit's jurisdiction path so that
    scoping and the calendar need no join."""

    unit = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    required_action = models.TextField(_("required action"), max_length=TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=20, choices=ObligationStatus.choices, default="open"
    )
    due_at = models.DateTimeField(_("due"))
    escalation_step = models.PositiveSmallIntegerField(default=0)
    next_action_at = models.DateTimeField(null=True, blank=True, db_index=True)
    completion_reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set when the completion is accepted: was it reported by the deadline?
    on_time = models.BooleanField(null=True, blank=True)

    event_model: ClassVar[type[models.Model]]
    report_model: ClassVar[type[models.Model]]

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status != ObligationStatus.ACCEPTED

    @property
    def is_overdue(self) -> bool:
        return self.status in ANSWERABLE_STATUSES and self.due_at < clock.now()

    @property
    def status_class(self) -> str:
        """The stylesheet's status colour with the same meaning as the case states'."""
        return _STATUS_CLASSES.get(self.status, "")


class ObligationEvent(models.Model):
    """One step in an obligation's life: who, when, what, why. Concrete models add the FK
    `obligation` (related_name "events")."""

    kind = models.CharField(max_length=16, choices=ObligationEventKind.choices)
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=40, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class ObligationReport(models.Model):
    """A progress or completion report. Concrete models add the FK `obligation` (related_name
    "reports")."""

    kind = models.CharField(_("kind"), max_length=12, choices=ReportKind.choices)
    text = models.TextField(_("report"), max_length=TEXT_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=clock.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


def _attachment_path(instance: ObligationAttachment, filename: str) -> str:
    # Random names: uploaders' file names may carry personal detail, and files are served only
    # through the scoped views anyway.
    return f"reports/{clock.now():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


class ObligationAttachment(models.Model):
    """A file with a report. Concrete models add the FK `report` (related_name
    "attachments")."""

    file = models.FileField(upload_to=_attachment_path, max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    @property
    def extension(self) -> str:
        return {
            "image/jpeg": "jpg",
            "image/png": "png",
            "image/webp": "webp",
            "application/pdf": "pdf",
        }.get(self.content_type, "bin")


# The clock ---------------------------------------------------------------------------------


def calendar_for_unit_path(path: str) -> WorkingCalendar:
    return CalendarCache().for_path(path)


def due_after_working_days(*, unit_path: str, start: dt.datetime, working_days: int) -> dt.datetime:
    return calendar_for_unit_path(unit_path).add_working_days(start, working_days)


def next_action_time(obligation: Obligation, calendar: WorkingCalendar) -> dt.datetime | None:
    """When the worker must next look at this obligation: the next rung of the ladder, counted
    in working days from the deadline, while the unit still owes the work."""
    if obligation.status not in ANSWERABLE_STATUSES:
        return None
    steps = ladder()
    if obligation.escalation_step >= len(steps):
        return None
    return calendar.add_working_days(obligation.due_at, steps[obligation.escalation_step].offset)


def obligation_clock_start(obligation: Obligation, *, due_at: dt.datetime) -> None:
    obligation.due_at = due_at
    obligation.escalation_step = 0
    obligation.next_action_at = next_action_time(
        obligation, calendar_for_unit_path(obligation.unit_path)
    )


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


def _text(value: str, *, field: str, limit: int) -> str:
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


MAX_FILES = 5


def obligation_report[O: Obligation](
    obligation: O,
    *,
    actor: User,
    kind: ReportKind,
    text: str,
    files: list[PreparedFile] | None = None,
) -> O:
    """File a progress or completion report. The caller has checked the actor may answer."""
    text = _text(text, field="text", limit=TEXT_MAX)
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
    reason = _text(reason, field="reason", limit=REASON_MAX)
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


def obligations_run_once(
    *,
    model: type[Obligation],
    now: dt.datetime,
    on_step: StepAction,
    batch_size: int | None = None,
) -> dict[str, int]:
    """Climb every rung that has come due for every obligation of `model`; a worker that was
    down catches up at once, each rung still written once and in order. `on_step(obligation,
    step, now)` does what the step means beyond its event (the escalation letter, the
    accountability record); it runs in the same transaction as the event."""
    batch_size = batch_size or settings.REDRESS_WORKER_BATCH_SIZE
    counts: dict[str, int] = {"examined": 0}
    calendars = CalendarCache()
    steps = ladder()
    while True:
        with transaction.atomic():
            queryset = model.objects.filter(next_action_at__lte=now).order_by(  # type: ignore[attr-defined]
                "next_action_at", "id"
            )
            if connection.features.has_select_for_update_skip_locked:
                queryset = queryset.select_for_update(skip_locked=True, of=("self",))
            claimed = list(queryset[:batch_size])
            for obligation in claimed:
                counts["examined"] += 1
                calendar = calendars.for_path(obligation.unit_path)
                while obligation.escalation_step < len(steps):
                    at = next_action_time(obligation, calendar)
                    if at is None or at > now:
                        break
                    step = steps[obligation.escalation_step]
                    obligation.escalation_step += 1
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
        if len(claimed) < batch_size:
            return counts


def paths_rewrite(model: type[models.Model], field: str, old_path: str, new_path: str) -> None:
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    model._default_manager.filter(**{f"{field}__startswith": old_path}).update(
        **{field: Concat(Value(new_path), Substr(field, len(old_path) + 1))}
    )
