"""Reads of the worker's heartbeat, for /healthz and the admin index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from redress.clocks.models import WorkerPass
from redress.clocks.passes import clock_passes
from redress.core import clock
from redress.core.health import HealthLine


@dataclass(frozen=True)
class WorkerStatus:
    never_ran: bool
    stale: tuple[str, ...]
    failing: tuple[str, ...]
    last_success_at: dt.datetime | None

    @property
    def healthy(self) -> bool:
        if self.never_ran:
            return not settings.REDRESS_REQUIRE_WORKER
        return not self.stale

    def line(self) -> str:
        if self.never_ran:
            return "worker: never ran"
        if self.stale:
            return "worker: stale: " + ", ".join(self.stale)
        if self.failing:
            return "worker: ok; last pass failed: " + ", ".join(self.failing)
        return "worker: ok"


def worker_status(*, now: dt.datetime | None = None) -> WorkerStatus:
    """Stale: a pass whose last success is older than REDRESS_WORKER_STALE_SECONDS (or that has
    only ever failed). Only passes this code still registers count, so removing a pass does not
    leave /healthz failing forever."""
    now = now or clock.now()
    names = {name for name, _ in clock_passes()}
    rows = [row for row in WorkerPass.objects.all() if row.name in names]
    if not rows:
        return WorkerStatus(never_ran=True, stale=(), failing=(), last_success_at=None)
    cutoff = now - dt.timedelta(seconds=settings.REDRESS_WORKER_STALE_SECONDS)
    stale = tuple(
        row.name for row in rows if row.last_success_at is None or row.last_success_at < cutoff
    )
    failing = tuple(
        row.name
        for row in rows
        if row.last_failure_at is not None
        and (row.last_success_at is None or row.last_failure_at > row.last_success_at)
    )
    successes = [row.last_success_at for row in rows if row.last_success_at is not None]
    return WorkerStatus(
        never_ran=False,
        stale=stale,
        failing=failing,
        last_success_at=max(successes) if successes else None,
    )


def worker_health() -> HealthLine:
    status = worker_status()
    return HealthLine(healthy=status.healthy, text=status.line())
