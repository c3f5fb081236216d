"""Finds the API routers of the other apps: a module `api_routes` in an installed redress app
with ROUTES, a list of (prefix, ninja.Router). The api app then needs no import of each."""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps
from ninja import Router


def discovered_routes() -> list[tuple[str, Router]]:
    routes: list[tuple[str, Router]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("redress.") or config.name == "redress.api":
            continue
        module_name = f"{config.name}.api_routes"
        if importlib.util.find_spec(module_name) is None:
            continue
        routes.extend(importlib.import_module(module_name).ROUTES)
    return routes
