"""Demo data of the reports app: last week's briefing of the demo county, so the briefings
page has something to open on a fresh demo (the townships' come with the Monday worker)."""

from __future__ import annotations

from typing import Any

from redress.core import clock
from redress.reports.briefings.services import briefing_generate
from redress.reports.briefings.weeks import IsoWeek
from redress.reports.models import BriefingSource


def seed_demo_extension(*, demo: Any, seed: int) -> str:
    now = clock.now()
    week = IsoWeek.of(now).shifted(-1)
    briefing = briefing_generate(
        jurisdiction=demo.county,
        week=week,
        now=now,
        source=BriefingSource.DEMO,
        user=demo.staff.get("director"),
    )
    return f"briefing of {demo.county.name_zh} for {week}: {briefing.new_total} new grievances"
