from django.db import models

from redress.core import clock


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ReferenceGeneration(models.Model):
    """One row whose number goes up whenever reference data (categories, routing, calendars,
    departments, jurisdictions, policies) changes, in the same transaction as the change.
    Every server process compares it with the number it last saw and drops its reference
    caches when it moved (see redress.core.refcache), so a change made in one process
    reaches all of them."""

    ROW_ID = 1
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="referencegeneration_one_row")
        ]

    def __str__(self) -> str:
        return f"reference generation {self.value}"
