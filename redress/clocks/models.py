"""Calendars, deadline policies and the unit record that overdue work lands on."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.orgs.models import Department, Jurisdiction


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (no work)")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    """An exception to the ordinary week for a jurisdiction and everything below it.
    The nearest jurisdiction with an entry for a date wins, so a county can add a local day off
    to the national holidays set at the province."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="calendar_days"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "date"], name="calendar_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class Stage(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Decide acceptance")
    HANDLING = "handling", _("Handle and answer")
    EXTENSION = "extension", _("Longest extension")
    REVIEW_WINDOW = "review_window", _("Complainant may ask for review")
    REVIEW = "review", _("Answer the review")
    RE_REVIEW = "re_review", _("Answer the re-review")


class DurationUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    HOURS = "hours", _("hours")


class DeadlinePolicy(models.Model):
    """How long a stage may take. The most specific row wins: category and urgency, then
    urgency alone, then the built-in defaults from the regulations."""

    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    category = models.ForeignKey(
        "cases.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_policies",
    )
    urgency = models.CharField(
        _("urgency"),
        max_length=8,
        blank=True,
        choices=[("normal", _("Normal")), ("urgent", _("Urgent"))],
        help_text=_("Blank: any urgency."),
    )
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=DurationUnit.choices)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "category", "urgency"], name="deadline_policy_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="deadline_policy_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.amount} {self.get_unit_display()}"


class RecordEntryKind(models.TextChoices):
    WARNING = "warning", _("Warning for overdue work")


class UnitRecordEntry(models.Model):
    """A mark on a department's record, written by the escalation ladder. Year-end assessment
    and accountability read these."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="record")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=RecordEntryKind.choices)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    due_at = models.DateTimeField()
    at = models.DateTimeField(default=clock.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("unit record entry")
        verbose_name_plural = _("unit record entries")

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} for department {self.department_id} on case {self.case_id}"
        )


class WorkerPass(models.Model):
    """The worker's heartbeat, one row per pass: when it last went through and when it last
    failed, and why. /healthz and the admin index read it, so that a worker that has died or
    keeps failing shows instead of escalations silently stopping."""

    name = models.CharField(_("worker pass"), max_length=60, primary_key=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_duration_seconds = models.FloatField(_("last duration (s)"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("worker status")
        verbose_name_plural = _("worker status")

    def __str__(self) -> str:
        return self.name
