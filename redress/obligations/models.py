"""The abstract models of an obligation ("a unit owes this by then"): supervision letters and
conference action items subclass them, each with its own tables. Status and event kinds are
shared, so the pages, the API and the worker read both alike."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel

TEXT_MAX = 5000
REASON_MAX = 1000
MAX_FILES = 5
# The longest deadline, in working days on the unit's calendar, that a letter or an action item
# may be given.
WORKING_DAYS_MAX = 250


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


def attachment_path(instance: ObligationAttachment, filename: str) -> str:
    # Random names: uploaders' file names may carry personal detail, and files are served only
    # through the scoped views anyway.
    return f"reports/{clock.now():%Y/%m}/{secrets.token_hex(16)}.{instance.extension}"


class ObligationAttachment(models.Model):
    """A file with a report. Concrete models add the FK `report` (related_name
    "attachments")."""

    file = models.FileField(upload_to=attachment_path, max_length=200)
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
