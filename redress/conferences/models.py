"""Joint conferences (联席会议): the member units of a jurisdiction meet, regularly or ad hoc,
on an agenda drawn from the data; each decision of the minutes becomes an action item that
runs on the same clocks and escalation ladder as cases and letters."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core.models import TimestampedModel
from redress.obligations.models import (
    Obligation,
    ObligationAttachment,
    ObligationEvent,
    ObligationReport,
)


class MemberRole(models.TextChoices):
    CONVENER = "convener", _("Convener")
    MEMBER = "member", _("Member unit")


class ConferenceMembership(TimestampedModel):
    jurisdiction = models.ForeignKey(
        "orgs.Jurisdiction", on_delete=models.CASCADE, related_name="conference_memberships"
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.CASCADE, related_name="conference_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["jurisdiction__path", "role", "department__kind"]
        verbose_name = _("conference member unit")
        verbose_name_plural = _("conference member units")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "department"], name="conference_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} ({self.get_role_display()})"


class ConferenceKind(models.TextChoices):
    REGULAR = "regular", _("Regular meeting")
    AD_HOC = "ad_hoc", _("Ad-hoc meeting")


class ConferenceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "approved", _("Minutes approved")


class Conference(TimestampedModel):
    jurisdiction = models.ForeignKey(
        "orgs.Jurisdiction", on_delete=models.PROTECT, related_name="conferences"
    )
    jurisdiction_path = models.CharField(max_length=255, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ConferenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    scheduled_at = models.DateTimeField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.PLANNED,
    )
    minutes = models.TextField(_("minutes"), blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        verbose_name = _("joint conference")
        verbose_name_plural = _("joint conferences")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    """An item on a conference's agenda, with the source that proposed it and what it links
    to (a case, an alert, a project, an earlier action item)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    link_kind = models.CharField(max_length=20, blank=True)
    link_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    DELEGATE = "delegate", _("Sent a delegate")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attendance")
    department = models.ForeignKey("orgs.Department", on_delete=models.PROTECT, related_name="+")
    presence = models.CharField(max_length=10, choices=Presence.choices)

    class Meta:
        ordering = ["department__kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "department"], name="attendance_one_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_id}: {self.presence}"


class ActionItem(Obligation):
    """A decision of the minutes: what the owner unit must do (`required_action`) and by
    when."""

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="action_items"
    )
    conference_path = models.CharField(max_length=255, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.required_action[:80]


class ActionItemEvent(ObligationEvent):
    obligation = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="events")


class ActionItemReport(ObligationReport):
    obligation = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="reports")


class ActionItemAttachment(ObligationAttachment):
    report = models.ForeignKey(
        ActionItemReport, on_delete=models.CASCADE, related_name="attachments"
    )


ActionItem.event_model = ActionItemEvent
ActionItem.report_model = ActionItemReport
