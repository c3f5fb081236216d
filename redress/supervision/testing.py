"""Helpers for tests of letters and action items."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from redress.cases.testing import local_time
from redress.core.clock import frozen_at
from redress.orgs.models import Department, User
from redress.supervision.models import Letter
from redress.supervision.services import Subject, letter_issue

# Issued on Monday 2 March 2026 at 09:00 with ten working days, a letter is due on Monday
# 16 March 09:00. The ladder: reminder two working days before (Thursday 12 March), the letter
# from the level above at the due time, the warning five working days after (Monday 23 March).
ISSUED = local_time(2026, 3, 2)
REMINDER = local_time(2026, 3, 12)
DUE = local_time(2026, 3, 16)
WARNING = local_time(2026, 3, 23)
MINUTE = dt.timedelta(minutes=1)


def issued_letter(
    *,
    issuer: User,
    unit: Department,
    leader: User | None = None,
    at: dt.datetime = ISSUED,
    working_days: int = 10,
    subject: Subject | None = None,
    title: str = "关于东村欠薪问题的督办函",
) -> Letter:
    with frozen_at(at):
        letter, _ = letter_issue(
            issuer=issuer,
            unit=unit,
            leader=leader,
            title=title,
            required_action="十个工作日内核清欠薪金额并督促支付，书面报告结果。",
            subject=subject,
            working_days=working_days,
        )
    return letter


def run_clocks_at(moment: dt.datetime) -> str:
    out = io.StringIO()
    call_command("run_clocks", "--once", "--now", moment.isoformat(), stdout=out)
    return out.getvalue()
