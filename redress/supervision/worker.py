"""The supervision app's worker passes: the letters' clock (reminder, escalation, warning)
and the accountability records made from the case ladder's warnings."""

from __future__ import annotations

import datetime as dt

from redress.obligations.services import obligations_run_once
from redress.supervision.models import Letter, PassWatermark
from redress.supervision.services import _case_warnings_batch, _letter_step


def letters_pass(*, now: dt.datetime) -> dict[str, int]:
    """The clock pass for letters (registered with run_clocks)."""
    return obligations_run_once(model=Letter, now=now, on_step=_letter_step)


def accountability_pass(*, now: dt.datetime) -> dict[str, int]:
    """Turn the case ladder's warnings (clocks.UnitRecordEntry) into accountability records.
    A watermark row, locked for each batch, remembers how far the table has been read, so each
    warning makes one record even with two workers."""
    made = 0
    PassWatermark.objects.get_or_create(name="case_warnings")
    while True:
        batch, more = _case_warnings_batch()
        made += batch
        if not more:
            return {"records": made}
