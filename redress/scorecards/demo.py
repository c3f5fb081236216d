"""Demo data: last year's score run for the county under the default scheme (the demo's year
of grievances reaches into it only for its last weeks), and this year's so far."""

from __future__ import annotations

from typing import Any

from redress.core import clock
from redress.scorecards.services import score_run_compute


def seed_demo_extension(*, demo: Any, seed: int) -> str:
    this_year = clock.now().year
    summaries = []
    for year in (this_year - 1, this_year):
        run, _created = score_run_compute(jurisdiction=demo.county, year=year, actor=None)
        best = run.cards.order_by("rank").select_related("unit").first()
        leader = f" (first {best.unit.name_zh} {best.score:.1f})" if best else ""
        summaries.append(f"{year}{leader}")
    return f"score runs for {demo.county.name_zh}: {', '.join(summaries)}"
