"""Demo data of the other apps, found by convention: an installed app that has a module
`demo` with a function `seed_demo_extension(*, demo, seed)` adds its part after the county and
its grievances exist, inside the same transaction, in INSTALLED_APPS order. This keeps
seed_demo free of imports from every app that wants demo data."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps

from redress.demo.county import DemoCounty

DemoExtension = Callable[..., Any]


def demo_extensions() -> Iterator[tuple[str, DemoExtension]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("redress.") or config.name == "redress.demo":
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        extension = getattr(module, "seed_demo_extension", None)
        if extension is not None:
            yield config.label, extension


def demo_extensions_run(
    *,
    demo: DemoCounty,
    seed: int,
    report: Callable[[str], None],
    starting: Callable[[str], None] | None = None,
) -> None:
    for label, extension in demo_extensions():
        if starting is not None:
            starting(label)
        summary = extension(demo=demo, seed=seed)
        if summary:
            report(f"seed_demo: {label}: {summary}")
