"""A per-process cache for reference data (categories, routing, calendars, departments,
jurisdictions, policies) that every intake request reads and that changes rarely, kept
consistent across server processes by one shared number.

How a change reaches every process:
- Any save or delete of a registered model (REFERENCE_MODELS) bumps the shared generation
  (core.ReferenceGeneration) in the same transaction, and clears this process's caches at
  once. Services that change reference rows with queryset.update(), bulk_create() or raw SQL
  send no signal and must call `reference_changed()` in the same transaction (a manual SQL
  edit: run `manage.py reference_changed` afterwards).
- Each process reads the generation at most every REDRESS_REFERENCE_CHECK_MS milliseconds
  (default 1000; 0: on every cached read) and clears all its caches when it moved.

The bound: a committed change is honoured by every cached read, in any process, that starts
more than REDRESS_REFERENCE_CHECK_MS after the commit; in the process that made it, at once.
An edit that bypasses both the signals and `reference_changed()` is seen within the
time-to-live (30 s), the backstop.

Two races are closed on purpose. A thread that changed reference rows inside a transaction
neither reads nor fills the caches until that transaction ends (it could otherwise cache rows
that are then rolled back). A value computed while the caches were being cleared is not
stored (it may have been read before the change committed)."""

from __future__ import annotations

import functools
import math
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import F

from redress.core.models import ReferenceGeneration

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_TTL_SECONDS = 30.0
_MAX_ENTRIES = 10_000
_caches: list[dict[Hashable, tuple[float, Any]]] = []
_lock = threading.Lock()
_enabled = True


class _ProcessState:
    seen_generation: int | None = None
    checked_at = -math.inf
    # Goes up on every local clear; a value computed across a clear is not stored.
    epoch = 0


_state = _ProcessState()
# Per thread: this thread changed reference rows in a transaction that has not ended yet.
_thread = threading.local()

# Models whose rows the cached functions read; saving one invalidates (see CoreConfig.ready).
REFERENCE_MODELS = {
    "cases.Category",
    "cases.CategoryField",
    "cases.RoutingRule",
    "orgs.Department",
    "orgs.Jurisdiction",
    "clocks.CalendarDay",
    "clocks.DeadlinePolicy",
}


def reference_cache(ttl: float = DEFAULT_TTL_SECONDS) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Cache a function of hashable keyword or positional arguments for `ttl` seconds at most,
    dropped sooner when reference data changes in any process (see the module docstring)."""

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        store: dict[Hashable, tuple[float, Any]] = {}
        with _lock:
            _caches.append(store)

        @functools.wraps(function)
        def cached(*args: P.args, **kwargs: P.kwargs) -> T:
            if not _enabled or _inside_own_change():
                return function(*args, **kwargs)
            _sync_with_other_processes()
            key = (args, tuple(sorted(kwargs.items())))
            now = time.monotonic()
            hit = store.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
            epoch = _state.epoch
            value = function(*args, **kwargs)
            with _lock:
                if epoch == _state.epoch:
                    if len(store) >= _MAX_ENTRIES:
                        store.clear()
                    store[key] = (now + ttl, value)
            return value

        return cached

    return decorate


def _check_interval_seconds() -> float:
    return float(settings.REDRESS_REFERENCE_CHECK_MS) / 1000


def _sync_with_other_processes() -> None:
    now = time.monotonic()
    if now - _state.checked_at < _check_interval_seconds():
        return
    generation = reference_generation()
    with _lock:
        if generation != _state.seen_generation:
            _clear_locked()
            _state.seen_generation = generation
        _state.checked_at = now


def _inside_own_change() -> bool:
    if not getattr(_thread, "changed_in_transaction", False):
        return False
    if connection.in_atomic_block:
        return True
    # The transaction ended (committed or rolled back): what was cached meanwhile by other
    # threads may predate it, so start afresh and look at the shared number again.
    _thread.changed_in_transaction = False
    clear_reference_caches()
    return False


def reference_generation() -> int:
    """The shared generation as committed (0 before the first change)."""
    value = (
        ReferenceGeneration.objects.filter(pk=ReferenceGeneration.ROW_ID)
        .values_list("value", flat=True)
        .first()
    )
    return value or 0


def reference_changed() -> None:
    """Tell every process that reference rows changed: bump the shared generation in the
    current transaction and clear this process's caches. Saves and deletes of registered
    models call it through signals; call it yourself after queryset.update() or bulk ops."""
    bumped = ReferenceGeneration.objects.filter(pk=ReferenceGeneration.ROW_ID).update(
        value=F("value") + 1
    )
    if not bumped:
        # The row is created by the migration, but a flushed database has none.
        ReferenceGeneration.objects.bulk_create(
            [ReferenceGeneration(pk=ReferenceGeneration.ROW_ID, value=1)], ignore_conflicts=True
        )
    if connection.in_atomic_block:
        _thread.changed_in_transaction = True
    clear_reference_caches()


def set_reference_caches_enabled(enabled: bool) -> None:
    """Tests that change reference rows with queryset.update() (which sends no signal) run
    with the caches off; the caches' own tests turn them on."""
    global _enabled
    _enabled = enabled
    _thread.changed_in_transaction = False
    clear_reference_caches()


def clear_reference_caches() -> None:
    """Drop this process's cached values and look at the shared generation on the next read."""
    with _lock:
        _clear_locked()


def _clear_locked() -> None:
    for store in _caches:
        store.clear()
    _state.epoch += 1
    _state.checked_at = -math.inf


def on_reference_change(sender: type, **kwargs: Any) -> None:
    # Migrations' historical models (module "__fake__") run before the generation table may
    # exist, and only in the migrating process, which serves no requests.
    if sender._meta.label in REFERENCE_MODELS and sender.__module__ != "__fake__":  # type: ignore[attr-defined]
        reference_changed()
