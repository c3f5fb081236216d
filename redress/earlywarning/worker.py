"""The worker's early-warning pass: count new cases, and once a day scan the finished days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from redress.earlywarning.counts import counts_update, local_date, scan_state_get_locked
from redress.earlywarning.services import alerts_scan, rules_scan

CATCH_UP_DAYS = 14


def earlywarning_pass(*, now: dt.datetime) -> Mapping[str, int]:
    counted = 0
    while True:
        batch = counts_update()
        counted += batch
        if batch == 0:
            break
    # Yesterday is the last finished day; the scan of a day runs once (the watermark is
    # claimed under a row lock, so a second worker finds it done).
    yesterday = local_date(now) - dt.timedelta(days=1)
    with transaction.atomic():
        state = scan_state_get_locked()
        last = state.last_scanned_date
        if last is not None and last >= yesterday:
            return {"counted": counted, "alerts": 0}
        first = max(
            (last or yesterday - dt.timedelta(days=1)) + dt.timedelta(days=1),
            yesterday - dt.timedelta(days=CATCH_UP_DAYS),
        )
        raised = alerts_scan(date_from=first, date_to=yesterday)
        raised += rules_scan(day=yesterday)
        state.last_scanned_date = yesterday
        state.save(update_fields=["last_scanned_date", "updated_at"])
    return {"counted": counted, "alerts": raised}
