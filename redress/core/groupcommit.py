"""Group commit among the threads of one server process.

Requests that write at the same moment hand their rows to one of them, which writes them all in
one statement and wakes the others once it has returned, that is once the rows are committed.
The database then does one commit, one durable flush and one round trip for the batch instead of
one per request, and fewer connections write at once. Every request still answers only after
its own rows are committed, and a batch that fails on one request's rows is written again one
request at a time by the write function (see redress.core.inserts), so that it fails alone."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Protocol


class Item(Protocol):
    # Set by the write function for an item that failed on its own.
    error: BaseException | None


class BatchWriterStopped(Exception):
    """The thread writing a batch was stopped by something that is not an error (SystemExit,
    KeyboardInterrupt): the batch's outcome is unknown."""


class GroupCommit[T: Item]:
    """`submit(item)` returns once `write` has written a batch that held the item.

    The first thread to arrive leads: it takes what has queued up (its own item first) and
    calls `write` with it; threads that arrive meanwhile queue and wait. When the leader is
    done it wakes the items of its batch and promotes the first queued item's thread to lead
    the next batch, so no item waits for a leader that will not come."""

    def __init__(self, write: Callable[[list[T]], None], *, max_batch: int = 16) -> None:
        """`write` either records each item's own failure on it and returns, or raises having
        written nothing."""
        self._write = write
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Ticket[T]] = []
        self._leading = False

    def submit(self, item: T) -> None:
        ticket = _Ticket(item)
        with self._lock:
            self._queue.append(ticket)
            ticket.leads = not self._leading
            self._leading = True
        if not ticket.leads:
            ticket.woken.wait()
            if not ticket.leads:
                return
        with self._lock:
            batch = self._queue[: self._max_batch]
            del self._queue[: self._max_batch]
        try:
            self._write([queued.item for queued in batch])
        except BaseException as error:
            # By contract nothing of the batch was written: every item failed with it.
            for queued in batch:
                if queued is not ticket:
                    queued.item.error = (
                        copy.copy(error)
                        if isinstance(error, Exception)
                        else BatchWriterStopped(f"The writer of this batch stopped: {error!r}")
                    )
            raise
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].leads = True
                    self._queue[0].woken.set()
                else:
                    self._leading = False
            for queued in batch:
                if queued is not ticket:
                    queued.woken.set()


class _Ticket[T: Item]:
    __slots__ = ("item", "leads", "woken")

    def __init__(self, item: T) -> None:
        self.item = item
        self.leads = False
        self.woken = threading.Event()
