"""Daily counts per area (every level) x category, kept up to date from the cases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from redress.cases.models import Case
from redress.core.watermark import Watermark, readable_ids
from redress.earlywarning.models import DailyCount, ScanState
from redress.orgs.models import Jurisdiction, ancestor_ids_from_path

BATCH = 5000
Key = tuple[int, int, dt.date]


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def scan_state_get_locked() -> ScanState:
    """The single watermark row, locked for this transaction (two workers count once)."""
    state = ScanState.objects.select_for_update().order_by("pk").first()
    if state is None:
        ScanState.objects.create()
        state = ScanState.objects.select_for_update().order_by("pk").first()
    assert state is not None
    return state


def _tally(cases: list[tuple[int, str, int, dt.datetime, int]]) -> dict[Key, list[int]]:
    tally: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for _pk, path, category_id, submitted_at, people in cases:
        day = local_date(submitted_at)
        for area_id in ancestor_ids_from_path(path):
            cell = tally[(area_id, category_id, day)]
            cell[0] += 1
            cell[1] += people
    return tally


def _apply(tally: dict[Key, list[int]]) -> None:
    if not tally:
        return
    paths = dict(
        Jurisdiction.objects.filter(pk__in={key[0] for key in tally}).values_list("pk", "path")
    )
    existing = {
        (row.jurisdiction_id, row.category_id, row.date): row
        for row in DailyCount.objects.filter(
            jurisdiction_id__in={key[0] for key in tally},
            date__in={key[2] for key in tally},
        )
    }
    new = []
    for key, (count, people) in tally.items():
        row = existing.get(key)
        if row is not None:
            DailyCount.objects.filter(pk=row.pk).update(
                count=F("count") + count, people_affected=F("people_affected") + people
            )
        elif key[0] in paths:
            new.append(
                DailyCount(
                    jurisdiction_id=key[0],
                    jurisdiction_path=paths[key[0]],
                    category_id=key[1],
                    date=key[2],
                    count=count,
                    people_affected=people,
                )
            )
    DailyCount.objects.bulk_create(new, batch_size=1000)


def counts_update(*, limit: int = BATCH) -> int:
    """Adds the cases created since the watermark (by id) to the daily counts; returns how
    many were counted. Merged duplicates count too: each was a grievance received. A case
    that commits after a higher id was counted is still counted: the watermark waits at the
    gap its id leaves (redress.core.watermark)."""
    with transaction.atomic():
        state = scan_state_get_locked()
        cases = list(
            Case.objects.filter(pk__gt=state.last_case_id)
            .order_by("pk")
            .values_list(
                "pk", "jurisdiction_path", "category_id", "submitted_at", "people_affected"
            )[:limit]
        )
        mark = Watermark(state.last_case_id, state.gap_seen_at, state.gap_seen_below)
        cases = cases[: readable_ids([case[0] for case in cases], mark)]
        if cases:
            _apply(_tally(cases))
            mark.last_id = cases[-1][0]
        state.last_case_id = mark.last_id
        state.gap_seen_at, state.gap_seen_below = mark.gap_seen_at, mark.gap_seen_below
        state.save(update_fields=["last_case_id", "gap_seen_at", "gap_seen_below", "updated_at"])
    return len(cases)


def counts_rebuild() -> int:
    """Recomputes every daily count from the cases (after a reclassification, or to check the
    incremental path); returns the number of cases counted."""
    with transaction.atomic():
        state = scan_state_get_locked()
        DailyCount.objects.all().delete()
        cases = list(
            Case.objects.order_by("pk").values_list(
                "pk", "jurisdiction_path", "category_id", "submitted_at", "people_affected"
            )
        )
        _apply(_tally(cases))
        state.last_case_id = cases[-1][0] if cases else 0
        state.gap_seen_at = state.gap_seen_below = None
        state.save(update_fields=["last_case_id", "gap_seen_at", "gap_seen_below", "updated_at"])
    return len(cases)
