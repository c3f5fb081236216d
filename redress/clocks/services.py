"""Writes of the clocks app that are not the ladder itself: the worker's heartbeat."""

from __future__ import annotations

from redress.clocks.models import WorkerPass
from redress.core import clock

ERROR_MAX = 2000


def worker_pass_succeeded(*, name: str, duration_seconds: float) -> None:
    WorkerPass.objects.update_or_create(
        name=name,
        defaults={"last_success_at": clock.now(), "last_duration_seconds": duration_seconds},
    )


def worker_pass_failed(*, name: str, error: str, duration_seconds: float) -> None:
    WorkerPass.objects.update_or_create(
        name=name,
        defaults={
            "last_failure_at": clock.now(),
            "last_error": error[-ERROR_MAX:],
            "last_duration_seconds": duration_seconds,
        },
    )
