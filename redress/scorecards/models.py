"""The year-end assessment: a scoring scheme per level of unit, and stored runs of score cards
so that a ranking, once computed, stays what it was and can be recomputed to the same figures.
Units are held to account, never persons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.core.models import TimestampedModel
from redress.orgs.models import Jurisdiction, Level


class VetoEffect(models.TextChoices):
    FAIL = "fail", _("The unit fails, whatever its score")
    CAP = "cap", _("The score is capped")


class ScoringScheme(TimestampedModel):
    """How the units of one level are scored: indicators with weights, and a veto rule."""

    level = models.CharField(
        _("level of the units scored"), max_length=16, choices=Level.choices, unique=True
    )
    name = models.CharField(_("name"), max_length=100)
    # [{"code": "acceptance_on_time", "weight": 15}, ...]; codes from the indicator registry.
    indicators = models.JSONField(_("indicators and weights"), default=list)
    veto_source = models.CharField(
        _("veto events"), max_length=40, blank=True, help_text=_("Blank: no veto rule.")
    )
    veto_threshold = models.PositiveSmallIntegerField(_("veto after this many events"), default=1)
    veto_effect = models.CharField(
        _("veto effect"), max_length=8, choices=VetoEffect.choices, default=VetoEffect.FAIL
    )
    veto_cap = models.PositiveSmallIntegerField(_("score cap under veto"), default=60)

    class Meta:
        ordering = ["level"]
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"


class ScoreRun(models.Model):
    """One computation of the scores of the units under a jurisdiction for a year."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="score_runs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    scheme = models.JSONField(_("scheme as applied"))
    computed_at = models.DateTimeField(default=clock.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-computed_at", "-id"]
        indexes = [models.Index(fields=["jurisdiction", "year", "computed_at"])]
        verbose_name = _("score run")
        verbose_name_plural = _("score runs")

    def __str__(self) -> str:
        return f"{self.jurisdiction} {self.year} @ {self.computed_at:%Y-%m-%d %H:%M}"


class ScoreCard(models.Model):
    """One unit's score in a run, with each indicator's figures and the events behind them."""

    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="cards")
    unit = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    raw_score = models.FloatField()
    vetoed = models.BooleanField(default=False)
    failed = models.BooleanField(default=False)
    # [{"code", "weight", "available", "value", "numerator", "denominator", "points",
    #   "evidence": [{"kind", "object_type", "object_id", "label", "url", "counted"}]}]
    indicators = models.JSONField(default=list)
    veto_evidence = models.JSONField(default=list)

    class Meta:
        ordering = ["run", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="score_card_unique")]
        verbose_name = _("score card")
        verbose_name_plural = _("score cards")

    def __str__(self) -> str:
        return f"{self.unit} {self.score:.1f}"

    def indicator(self, code: str) -> dict[str, object] | None:
        return next((item for item in self.indicators if item.get("code") == code), None)
