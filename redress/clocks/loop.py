"""The worker loop behind `run_clocks`: every interval, every registered pass (the case
escalation ladder first: the cases app registers it before the others), each on its own;
through a database restart it closes the broken connection and tries again with a growing
pause instead of exiting (a worker that exits stops every escalation, and nothing says so)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection

from redress.clocks.passes import DatabaseUnavailable, PassOutcome, clock_pass_run, clock_passes
from redress.core import clock

logger = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 1.0
# Short enough that the worker is back within seconds of the database's return.
RETRY_MAX_SECONDS = 10.0

# run_clocks --batch-size, for the passes that work in batches, during worker_pass_all.
_batch_size: ContextVar[int | None] = ContextVar("worker_batch_size", default=None)


def worker_batch_size() -> int:
    """The batch size a pass should claim rows by in this run."""
    return _batch_size.get() or settings.REDRESS_WORKER_BATCH_SIZE


def worker_pass_all(
    *, now: dt.datetime | None = None, batch_size: int | None = None
) -> list[PassOutcome]:
    """One pass of everything, as of `now`. Raises DatabaseUnavailable if the database went
    away (the loop retries); any other failure of a pass is in its outcome."""
    moment = now or clock.now()
    token = _batch_size.set(batch_size)
    try:
        return [
            clock_pass_run(name=name, function=function, now=moment)
            for name, function in clock_passes()
        ]
    finally:
        _batch_size.reset(token)


def worker_loop(
    *,
    interval: float,
    batch_size: int | None,
    stopping: Callable[[], bool],
    report: Callable[[list[PassOutcome]], None],
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Pass, wait `interval`, pass again, until `stopping()`. Never returns on an error."""
    delay = RETRY_FIRST_SECONDS
    while not stopping():
        try:
            close_old_connections()
            outcomes = worker_pass_all(batch_size=batch_size)
        except Exception as error:
            # The database went away (DatabaseUnavailable, or an error while writing the
            # heartbeat), or something outside any pass broke: drop the connection, which may
            # be half-dead, and try again; every pass is safe to run again for the same time.
            logger.warning(
                "run_clocks: pass interrupted (%s: %s); reconnecting in %.0f s",
                type(error).__name__,
                error,
                delay,
                exc_info=not _is_database_error(error),
            )
            _reconnect()
            _wait(delay, stopping, sleep)
            delay = min(delay * 2, RETRY_MAX_SECONDS)
            continue
        if delay > RETRY_FIRST_SECONDS:
            logger.warning("run_clocks: the database is back; passes resumed")
        delay = RETRY_FIRST_SECONDS
        report(outcomes)
        _wait(interval, stopping, sleep)


def _is_database_error(error: BaseException) -> bool:
    return isinstance(error, (DatabaseError, DatabaseUnavailable))


def _reconnect() -> None:
    try:
        connection.close()
    except Exception:
        # Closing a connection whose server is gone can fail too; Django forgets it either way.
        logger.debug("run_clocks: closing the broken connection failed", exc_info=True)
        connection.connection = None


def _wait(seconds: float, stopping: Callable[[], bool], sleep: Callable[[float], None]) -> None:
    # In steps, so that SIGTERM stops the worker within a second.
    remaining = seconds
    while remaining > 0 and not stopping():
        step = min(1.0, remaining)
        sleep(step)
        remaining -= step
