"""Aggregates and alerts. Everything here counts matters (area x category x day); no row names,
profiles or scores a person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.cases.models import Case, Category
from redress.core import clock
from redress.core.models import TimestampedModel
from redress.orgs.models import Jurisdiction


class DailyCount(models.Model):
    """Grievances of one category received on one local day in an area and everything below
    it (a township's row includes its villages)."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="+")
    jurisdiction_path = models.CharField(max_length=255, db_index=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)
    people_affected = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "category", "date"], name="daily_count_unique"
            )
        ]
        indexes = [models.Index(fields=["date"], name="daily_count_date")]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id}/{self.category_id} {self.date}: {self.count}"


class ScanState(models.Model):
    """One row: how far counting and scanning have got (the worker's watermarks)."""

    last_case_id = models.BigIntegerField(default=0)
    # A gap in the case ids just above last_case_id, waiting to be settled (see
    # redress.core.watermark): when it was first seen, and the highest id seen then.
    gap_seen_at = models.DateTimeField(null=True, blank=True)
    gap_seen_below = models.BigIntegerField(null=True, blank=True)
    last_scanned_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"cases to {self.last_case_id}, scanned to {self.last_scanned_date}"


class AlertKind(models.TextChoices):
    SURGE = "surge", _("Surge of grievances")
    GROUP = "group", _("Group grievance")
    REPEAT = "repeat", _("Repeat grievances")
    BACKLOG = "backlog", _("Overdue cases piling up")
    PROJECT = "project", _("Project drawing grievances")


class AlertStatus(models.TextChoices):
    NEW = "new", _("Newly raised")
    VERIFIED = "verified", _("Verified")
    DISMISSED = "dismissed", _("Dismissed")
    ACTIONED = "actioned", _("Actioned")
    CLOSED = "closed", _("Closed")


OPEN_ALERT_STATUSES = (AlertStatus.NEW, AlertStatus.VERIFIED, AlertStatus.ACTIONED)


class Alert(TimestampedModel):
    kind = models.CharField(_("kind"), max_length=12, choices=AlertKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.NEW
    )
    # The area the alert is about; `area_ids` adds the neighbouring areas of a cluster.
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    jurisdiction_path = models.CharField(max_length=255, db_index=True)
    area_ids = models.JSONField(default=list, blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    expected = models.FloatField(_("expected"), default=0.0)
    observed = models.FloatField(_("observed"), default=0.0)
    window_days = models.PositiveSmallIntegerField(default=1)
    score = models.FloatField(_("score"), default=0.0, help_text=_("-log10 of the p-value."))
    detector = models.CharField(max_length=40)
    # A rule signal's own key (the case or department it is about), so it fires once.
    signal_key = models.CharField(max_length=80, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    dismiss_reason = models.TextField(_("reason"), blank=True)
    action_kind = models.CharField(_("action"), max_length=40, blank=True)
    action_reference = models.CharField(_("reference"), max_length=100, blank=True)
    action_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action_note = models.TextField(_("note"), blank=True)
    closed_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-end_date", "-score", "-pk"]
        indexes = [
            models.Index(fields=["status", "end_date"], name="alert_status_end"),
            models.Index(fields=["kind", "jurisdiction", "category"], name="alert_kind_area"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.jurisdiction_id} {self.start_date}"

    @property
    def p_value(self) -> float:
        return float(10.0 ** (-self.score))


class AlertEventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    EXTENDED = "extended", _("Extended")
    VERIFIED = "verified", _("Verified")
    DISMISSED = "dismissed", _("Dismissed")
    ACTIONED = "actioned", _("Action taken")
    CLOSED = "closed", _("Closed")


class AlertEvent(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=AlertEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"
