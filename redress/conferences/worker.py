"""The conferences app's worker pass: the action items' clock."""

from __future__ import annotations

import datetime as dt

from redress.conferences.models import ActionItem
from redress.conferences.services import _action_item_step
from redress.obligations.services import obligations_run_once


def action_items_pass(*, now: dt.datetime) -> dict[str, int]:
    """The clock pass for conference action items (registered with run_clocks)."""
    return obligations_run_once(model=ActionItem, now=now, on_step=_action_item_step)
