"""Deadline policies: how long each stage may take, with the regulations' defaults."""

from __future__ import annotations

from dataclasses import dataclass

from redress.clocks.models import DeadlinePolicy, DurationUnit, Stage
from redress.core.refcache import reference_cache


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: str


# The national regulations on letters and visits (kept in their 2022 revision): 15 days to
# decide acceptance, 60 to handle, one extension of up to 30, 30 days to ask for review and 30
# to answer it, likewise for re-review. Urgent categories run on hours, around the clock.
DEFAULTS: dict[tuple[str, str], Duration] = {
    (Stage.ACCEPTANCE, "normal"): Duration(15, DurationUnit.WORKING_DAYS),
    (Stage.HANDLING, "normal"): Duration(60, DurationUnit.WORKING_DAYS),
    (Stage.EXTENSION, "normal"): Duration(30, DurationUnit.WORKING_DAYS),
    (Stage.REVIEW_WINDOW, "normal"): Duration(30, DurationUnit.WORKING_DAYS),
    (Stage.REVIEW, "normal"): Duration(30, DurationUnit.WORKING_DAYS),
    (Stage.RE_REVIEW, "normal"): Duration(30, DurationUnit.WORKING_DAYS),
    (Stage.ACCEPTANCE, "urgent"): Duration(24, DurationUnit.HOURS),
    (Stage.HANDLING, "urgent"): Duration(72, DurationUnit.HOURS),
    (Stage.EXTENSION, "urgent"): Duration(72, DurationUnit.HOURS),
    (Stage.REVIEW_WINDOW, "urgent"): Duration(30, DurationUnit.WORKING_DAYS),
    (Stage.REVIEW, "urgent"): Duration(7, DurationUnit.WORKING_DAYS),
    (Stage.RE_REVIEW, "urgent"): Duration(7, DurationUnit.WORKING_DAYS),
}


@reference_cache()
def duration_for(*, stage: str, category_id: int | None, urgency: str) -> Duration:
    """The most specific configured policy, else the default."""
    candidates = DeadlinePolicy.objects.filter(stage=stage).filter(
        category_id__in=[category_id] if category_id else []
    ) | DeadlinePolicy.objects.filter(stage=stage, category__isnull=True)
    best: DeadlinePolicy | None = None
    best_rank = -1
    for policy in candidates:
        if policy.urgency and policy.urgency != urgency:
            continue
        rank = (2 if policy.category_id else 0) + (1 if policy.urgency else 0)
        if rank > best_rank:
            best, best_rank = policy, rank
    if best is not None:
        return Duration(best.amount, best.unit)
    return DEFAULTS[(stage, urgency)]
