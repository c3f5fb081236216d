"""The import direction between apps, as docs/architecture.md draws it.

Every import of one redress app by another, at the top of a module or inside a function, must be
one the layers allow, and the graph between apps must have no cycle. Tests, migrations and the
browser tests are left out: they may reach anything."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # redress/

# Each app and the apps it may import. Keep in step with docs/architecture.md ("Layers").
LAYERS: list[tuple[str, ...]] = [
    ("core",),
    ("orgs",),
    ("clocks", "contacts", "api"),
    ("cases",),
    ("demo", "obligations"),
    ("intake", "open311", "dataio", "supervision", "liaison"),
    ("assessments",),
    ("earlywarning",),
    ("conferences", "scorecards", "reports"),
]


def _layer_of() -> dict[str, int]:
    return {app: index for index, apps in enumerate(LAYERS) for app in apps}


def _app_imports() -> dict[str, set[tuple[str, str]]]:
    """app -> {(imported app, where)} for every import of another redress app."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if len(parts) < 2 or "migrations" in parts or "tests" in parts:
            continue
        app = parts[0]
        if app == "browser_tests":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                pieces = name.split(".")
                if pieces[0] == "redress" and len(pieces) > 1 and pieces[1] != app:
                    found[app].add((pieces[1], f"{path.relative_to(ROOT.parent)}:{node.lineno}"))
    return found


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps - set(_layer_of()) == set(), "add the new app to LAYERS and docs/architecture.md"


def test_imports_point_down_the_layers_only():
    layer = _layer_of()
    wrong = sorted(
        f"{where}: {app} imports {other}"
        for app, imports in _app_imports().items()
        for other, where in imports
        if layer.get(other, len(LAYERS)) >= layer.get(app, -1)
    )
    assert wrong == [], (
        "see docs/architecture.md: move the code, or plug it in through the registry"
    )


def test_no_cycle_between_apps():
    graph = {app: {other for other, _ in imports} for app, imports in _app_imports().items()}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(app: str, path: list[str]) -> list[str] | None:
        seen[app] = 1
        for other in sorted(graph.get(app, ())):
            if seen.get(other) == 1:
                return [*path, app, other]
            if other not in seen and (cycle := visit(other, [*path, app])):
                return cycle
        seen[app] = 2
        return None

    for app in sorted(graph):
        if app not in seen:
            assert visit(app, []) is None
