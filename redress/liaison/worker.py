"""The liaison app's worker pass: weekly report reminders to liaisons and their directors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from redress.liaison.services import (
    DIRECTOR_NOTICE_AFTER,
    REMINDER_LOOKBACK,
    ReminderKind,
    _posts_missing,
    _remind,
    local_date,
    week_due_at,
    week_start_of,
)


def liaison_reminders_pass(*, now: dt.datetime) -> Mapping[str, int]:
    """At each weekly deadline, remind the liaison of every post without a report for the week;
    two days later, tell the area's director. Once per post, week and kind: the reminder row's
    unique constraint is the claim, so two workers never remind twice."""
    today = local_date(now)
    counts = {"reminders": 0, "director_notices": 0}
    weeks = [week_start_of(today) - dt.timedelta(days=7 * back) for back in range(1, 6)]
    for week in weeks:
        due_at = week_due_at(week)
        if due_at > now or due_at < now - REMINDER_LOOKBACK:
            continue
        kinds = [ReminderKind.LIAISON]
        if due_at + DIRECTOR_NOTICE_AFTER <= now:
            kinds.append(ReminderKind.DIRECTOR)
        for post in _posts_missing(week):
            for kind in kinds:
                if _remind(post=post, week=week, kind=kind, now=now):
                    counts["reminders" if kind == ReminderKind.LIAISON else "director_notices"] += 1
    return counts
