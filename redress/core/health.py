"""What /healthz checks beyond the process answering: apps register a
redress.core.registry.HealthCheck in `health_checks` (the clocks app registers the worker's
heartbeat), and core stays free of them.

/healthz is what load balancers poll and the load benchmark's ceiling, so the checks run at
most once every CACHE_SECONDS per process and every other request answers from memory: a
stale worker still shows within seconds, and the endpoint costs no query on almost every hit."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from redress.core.registry import HealthCheck, Registry

logger = logging.getLogger(__name__)

CACHE_SECONDS = 5.0


@dataclass(frozen=True)
class HealthLine:
    healthy: bool
    text: str


health_checks: Registry[HealthCheck] = Registry("health check")
_lock = threading.Lock()
_cached: tuple[float, tuple[HealthLine, ...]] | None = None


def health_report() -> tuple[HealthLine, ...]:
    global _cached
    cached = _cached
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    with _lock:  # one thread refreshes; the others wait for its answer instead of querying too
        cached = _cached
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        lines = tuple(_run(entry.name, entry.check) for entry in health_checks.entries())
        _cached = (time.monotonic(), lines)
        return lines


def health_cache_clear() -> None:
    global _cached
    _cached = None


def _run(name: str, check: Callable[[], HealthLine]) -> HealthLine:
    try:
        line: HealthLine = check()
        return line
    except Exception as error:
        # A database that cannot answer is exactly what the check is for: unhealthy, not a 500.
        logger.warning("healthz: the %s check failed: %s", name, error)
        return HealthLine(healthy=False, text=f"{name}: check failed ({type(error).__name__})")
