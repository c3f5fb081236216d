"""A short-lived, per-process cache for reference data (categories, routing, calendars,
policies, API clients) that every intake request reads and that changes rarely.

Any save or delete of a registered model clears every reference cache in the process that
made it; other server processes see the change within the time-to-live."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_TTL_SECONDS = 30.0
_MAX_ENTRIES = 10_000
_caches: list[dict[Hashable, tuple[float, Any]]] = []
_lock = threading.Lock()
_enabled = True

# Models whose rows the cached functions read; saving one invalidates (see CoreConfig.ready).
REFERENCE_MODELS = {
    "cases.Category",
    "cases.CategoryField",
    "cases.RoutingRule",
    "orgs.Department",
    "orgs.Jurisdiction",
    "clocks.CalendarDay",
    "clocks.DeadlinePolicy",
    "open311.ApiClient",
}


def reference_cache(ttl: float = DEFAULT_TTL_SECONDS) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Cache a function of hashable keyword or positional arguments for `ttl` seconds."""

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        store: dict[Hashable, tuple[float, Any]] = {}
        with _lock:
            _caches.append(store)

        @functools.wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> T:
            if not _enabled:
                return function(*args, **kwargs)
            key = (args, tuple(sorted(kwargs.items())))
            now = time.monotonic()
            hit = store.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
            value = function(*args, **kwargs)
            if len(store) >= _MAX_ENTRIES:
                store.clear()
            store[key] = (now + ttl, value)
            return value

        return cached

    return decorate


def set_reference_caches_enabled(enabled: bool) -> None:
    """Tests that change reference rows with queryset.update() (which sends no signal) run
    with the caches off; the caches' own tests turn them on."""
    global _enabled
    _enabled = enabled
    clear_reference_caches()


def clear_reference_caches() -> None:
    for store in _caches:
        store.clear()


def on_reference_change(sender: type, **kwargs: Any) -> None:
    if sender._meta.label in REFERENCE_MODELS:  # type: ignore[attr-defined]
        clear_reference_caches()
