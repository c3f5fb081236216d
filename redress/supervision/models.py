"""Supervision letters (督办函) and accountability records (责任追究)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel
from redress.obligations.models import (
    Obligation,
    ObligationAttachment,
    ObligationEvent,
    ObligationReport,
)


class SubjectKind(models.TextChoices):
    """What a letter is about. Cases are a real foreign key; the others are named by kind and
    id so that apps built later (alerts, projects) can issue letters without a migration
    here."""

    CASE = "case", _("Case")
    ALERT = "alert", _("Alert")
    DECISION = "decision", _("Conference decision")
    PROJECT = "project", _("Project")
    STANDALONE = "standalone", _("Standalone matter")


class Letter(Obligation):
    """A supervision letter: a named unit and leader must do something by a deadline."""

    title = models.CharField(_("title"), max_length=200)
    issuing_office = models.ForeignKey(
        "orgs.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing office"),
    )
    issuer_path = models.CharField(max_length=255, db_index=True)
    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for a letter the escalation ladder issued."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters_received",
        verbose_name=_("responsible leader"),
    )
    subject_kind = models.CharField(
        _("about"), max_length=12, choices=SubjectKind.choices, default=SubjectKind.STANDALONE
    )
    subject_id = models.BigIntegerField(null=True, blank=True)
    subject_label = models.CharField(max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    escalated_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
        help_text=_("The overdue letter this one escalates."),
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("supervision letter")
        verbose_name_plural = _("supervision letters")
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class LetterEvent(ObligationEvent):
    obligation = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")

    class Meta(ObligationEvent.Meta):
        verbose_name = _("letter event")


class LetterReport(ObligationReport):
    obligation = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="reports")

    class Meta(ObligationReport.Meta):
        verbose_name = _("letter report")


class LetterAttachment(ObligationAttachment):
    report = models.ForeignKey(LetterReport, on_delete=models.CASCADE, related_name="attachments")


Letter.event_model = LetterEvent
Letter.report_model = LetterReport


class AccountabilitySource(models.TextChoices):
    CASE_WARNING = "case_warning", _("Warning on an overdue case")
    LETTER_WARNING = "letter_warning", _("Warning on an overdue supervision letter")
    ACTION_ITEM_WARNING = "action_item_warning", _("Warning on an overdue conference action item")


class AccountabilityStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the unit's response")
    RESPONDED = "responded", _("Unit responded")
    APPEALED = "appealed", _("Appealed")
    UPHELD = "upheld", _("Appeal upheld (record withdrawn)")
    REJECTED = "rejected", _("Appeal rejected (record stands)")


class AccountabilityRecord(TimestampedModel):
    """Which unit failed what, and when. Created by the escalation ladder, never by hand; the
    unit answers with an explanation and may appeal, and the office decides the appeal."""

    unit = models.ForeignKey(
        "orgs.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    unit_path = models.CharField(max_length=255, db_index=True)
    source = models.CharField(_("source"), max_length=24, choices=AccountabilitySource.choices)
    summary = models.CharField(_("what was missed"), max_length=300)
    due_at = models.DateTimeField(_("deadline missed"))
    at = models.DateTimeField(_("recorded"), default=clock.now)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AccountabilityStatus.choices,
        default=AccountabilityStatus.OPEN,
    )
    response = models.TextField(_("unit's response"), blank=True)
    appeal_reason = models.TextField(_("grounds of appeal"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_record = models.OneToOneField(
        "clocks.UnitRecordEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_record",
    )
    letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="accountability"
    )
    # Conference action items live in an app that depends on this one; named by id.
    action_item_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("accountability record")
        verbose_name_plural = _("accountability records")
        constraints = [
            # The ladder writes one warning per letter or item; a second record would count
            # the same failure twice at year end.
            models.UniqueConstraint(
                fields=["letter"],
                condition=models.Q(letter__isnull=False),
                name="accountability_one_per_letter",
            ),
            models.UniqueConstraint(
                fields=["action_item_id"],
                condition=models.Q(action_item_id__isnull=False),
                name="accountability_one_per_action_item",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def counts(self) -> bool:
        """Whether the record stands (an upheld appeal withdraws it)."""
        return self.status != AccountabilityStatus.UPHELD


class AccountabilityEventKind(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    RESPONDED = "responded", _("Unit responded")
    APPEALED = "appealed", _("Appealed")
    UPHELD = "upheld", _("Appeal upheld")
    REJECTED = "rejected", _("Appeal rejected")


class AccountabilityEvent(models.Model):
    record = models.ForeignKey(
        AccountabilityRecord, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=AccountabilityEventKind.choices)
    at = models.DateTimeField(default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class PassWatermark(models.Model):
    """How far a pass has read an append-only table (the clocks' unit record)."""

    name = models.CharField(max_length=40, unique=True)
    last_id = models.BigIntegerField(default=0)
    # A gap in the ids just above last_id, waiting to be settled (see redress.core.watermark).
    gap_seen_at = models.DateTimeField(null=True, blank=True)
    gap_seen_below = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_id}"
