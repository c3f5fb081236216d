"""Community liaisons (a named, open role), their weekly area reports and major-risk reports,
the reminders for missing reports, and the staff's in-app notifications.

Reports describe matters in an area, never persons: there is deliberately no field for anyone's
name, beliefs, associations or movements (see "Lines we never cross" in the domain brief)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel
from redress.orgs.models import Jurisdiction

PEOPLE_AFFECTED_MAX = 1_000_000


class LiaisonPost(TimestampedModel):
    """The open role of liaison for an area, held by a named member of staff for a time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="liaison_posts"
    )
    area = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="liaison_posts",
        help_text=_("Usually a village or a township."),
    )
    title = models.CharField(_("title"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["area__path", "starts_on"]
        verbose_name = _("liaison post")
        verbose_name_plural = _("liaison posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="liaison_post_dates",
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.area} · {self.user}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class WeeklyReport(models.Model):
    """One post's routine report for one ISO week: matters, or an explicit nothing to report."""

    post = models.ForeignKey(LiaisonPost, on_delete=models.PROTECT, related_name="reports")
    week_start = models.DateField(_("week"), help_text=_("The Monday of the ISO week."))
    nothing_to_report = models.BooleanField(_("nothing to report"), default=False)
    due_at = models.DateTimeField(_("due"))
    filed_at = models.DateTimeField(_("filed"), default=clock.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-week_start", "post_id"]
        verbose_name = _("weekly report")
        verbose_name_plural = _("weekly reports")
        constraints = [
            models.UniqueConstraint(fields=["post", "week_start"], name="weekly_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.post} {self.week_label}"

    @property
    def week_label(self) -> str:
        year, week, _day = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def is_late(self) -> bool:
        return self.filed_at > self.due_at


class MatterFields(models.Model):
    """What a matter is: the category, the place, roughly how many people, and what happened."""

    category = models.ForeignKey("cases.Category", on_delete=models.PROTECT, related_name="+")
    place = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    place_text = models.CharField(_("place or landmark"), max_length=200, blank=True)
    people_affected = models.PositiveIntegerField(_("people affected (rough)"), default=1)
    description = models.TextField(_("description"), max_length=2000)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ReportMatter(MatterFields):
    report = models.ForeignKey(WeeklyReport, on_delete=models.CASCADE, related_name="matters")
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("reported matter")
        verbose_name_plural = _("reported matters")

    def __str__(self) -> str:
        return f"{self.category} @ {self.place}"


class MajorRiskReport(MatterFields):
    """The fast lane: filed at once, opens an urgent case and tells the area's directors."""

    post = models.ForeignKey(
        LiaisonPost, on_delete=models.PROTECT, related_name="major_risk_reports"
    )
    filed_at = models.DateTimeField(_("filed"), default=clock.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-filed_at"]
        verbose_name = _("major-risk report")
        verbose_name_plural = _("major-risk reports")

    def __str__(self) -> str:
        return f"{self.category} @ {self.place} {self.filed_at:%Y-%m-%d %H:%M}"


class ReminderKind(models.TextChoices):
    LIAISON = "liaison", _("Reminder to the liaison")
    DIRECTOR = "director", _("Notice to the area's director")


class LiaisonReminder(models.Model):
    """A missing weekly report was chased: once per post, week and kind."""

    post = models.ForeignKey(LiaisonPost, on_delete=models.CASCADE, related_name="reminders")
    week_start = models.DateField()
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "week_start", "kind"], name="liaison_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.post_id} {self.week_start}"


class NotificationKind(models.TextChoices):
    MAJOR_RISK = "major_risk", _("Major-risk report")
    REPORT_MISSING = "report_missing", _("Weekly report missing")
    REPORT_MISSING_AREA = "report_missing_area", _("A liaison's weekly report is missing")


class Notification(models.Model):
    """Something a member of staff should see, shown under the bell in the top bar."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, max_length=2000)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"
