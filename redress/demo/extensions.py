"""Demo data of the other apps: an app registers a redress.core.registry.DemoBuilder in
`demo_builders` from its AppConfig.ready(), and seed_demo runs the builders after the county
and its grievances exist, inside the same transaction, by their `order`. This keeps seed_demo
free of imports from every app that wants demo data.

The orders follow INSTALLED_APPS: open311 10, earlywarning 20 (letters and briefings cite the
alerts), assessments 30, supervision 40, conferences 50, liaison 60, scorecards 70 (the score
run needs the letters, projects and liaison reports), reports 80 (the briefing comes last)."""

from __future__ import annotations

from collections.abc import Callable

from redress.core.registry import DemoBuilder, Registry
from redress.demo.county import DemoCounty

demo_builders: Registry[DemoBuilder] = Registry(
    "demo builder", sort_key=lambda builder: (builder.order, builder.name)
)


def demo_extensions_run(
    *,
    demo: DemoCounty,
    seed: int,
    report: Callable[[str], None],
    starting: Callable[[str], None] | None = None,
) -> None:
    for builder in demo_builders.entries():
        if starting is not None:
            starting(builder.name)
        summary = builder.function(demo=demo, seed=seed)
        if summary:
            report(f"seed_demo: {builder.name}: {summary}")
