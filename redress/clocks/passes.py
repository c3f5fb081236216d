"""Other clocked things (supervision letters, conference action items, mitigation measures,
liaison report deadlines, daily scans) join the worker here instead of run_clocks importing
every app: an app keeps its passes in its `worker.py`, named `<thing>_pass`, and registers
each as a redress.core.registry.WorkerPass in `worker_passes` from its AppConfig.ready(); each
run of `run_clocks` calls every registered pass in registration order (INSTALLED_APPS order,
so the case ladder, registered by cases, comes first), with the same `now`.

A pass takes `now` (keyword) and returns counts of what it did, by name, for the log line.
It must be safe to run twice for the same `now` (act once per step, as the case ladder does)
and must claim its rows so that two workers never act twice.

Each pass runs on its own (see clock_pass_run): one that raises is logged and recorded on the
heartbeat, and the others still run."""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import InterfaceError, OperationalError, connection, transaction

from redress.core.registry import Registry, WorkerPass

ClockPass = Callable[..., Mapping[str, int]]

logger = logging.getLogger(__name__)


class DatabaseUnavailable(Exception):
    """The database went away during a pass: the loop reconnects and runs the pass again."""


@dataclass(frozen=True)
class PassOutcome:
    name: str
    counts: Mapping[str, int] | None
    seconds: float
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.counts is not None


worker_passes: Registry[WorkerPass] = Registry("worker pass")


def clock_pass_register(name: str, function: ClockPass) -> None:
    """The older spelling of `worker_passes.register(WorkerPass(name=..., function=...))`, kept
    for callers that still use it; registering a name again replaces it."""
    worker_passes.register(WorkerPass(name=name, function=function))


def clock_passes() -> list[tuple[str, ClockPass]]:
    return [(entry.name, entry.function) for entry in worker_passes.entries()]


def clock_pass_run(*, name: str, function: ClockPass, now: dt.datetime) -> PassOutcome:
    """Run one pass so that its failure stays its own.

    Not wrapped in one transaction: passes commit in batches on purpose (the import pass writes a
    million rows in chunks, the ladder holds its row locks one batch at a time), and each batch's
    own atomic block rolls back what a failure interrupted. Inside an open transaction (tests,
    --once from a shell) the pass gets a savepoint, so a database error does not poison the rest.

    A lost connection is not the pass's fault and would fail every pass after it, so it is raised
    as DatabaseUnavailable for the loop to reconnect; any other error is logged with its
    traceback, recorded on the heartbeat, and the next pass goes on."""
    # Imported here, not at the top: apps import this module in ready() to register their
    # passes, before the models of this app may be imported.
    from redress.clocks.services import worker_pass_failed, worker_pass_succeeded

    started = time.monotonic()
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                counts = function(now=now)
        else:
            counts = function(now=now)
    except (OperationalError, InterfaceError) as error:
        if _connection_lost():
            raise DatabaseUnavailable(f"{name}: {error}") from error
        return _failed(name, started, worker_pass_failed)
    except Exception:
        return _failed(name, started, worker_pass_failed)
    seconds = time.monotonic() - started
    worker_pass_succeeded(name=name, duration_seconds=seconds)
    return PassOutcome(name=name, counts=counts, seconds=seconds)


def _failed(name: str, started: float, record: Callable[..., None]) -> PassOutcome:
    seconds = time.monotonic() - started
    logger.exception("run_clocks: the %s pass failed; the other passes go on", name)
    error = traceback.format_exc()
    record(name=name, error=error, duration_seconds=seconds)
    return PassOutcome(
        name=name, counts=None, seconds=seconds, error=error.strip().splitlines()[-1]
    )


def _connection_lost() -> bool:
    """Whether the database itself is gone, as opposed to one statement failing (a deadlock or
    a timeout is also an OperationalError, and must not stall the other passes)."""
    if connection.in_atomic_block:
        return False  # a savepoint's error, in a transaction that is still there
    if connection.connection is None:
        return True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return True
    return False
