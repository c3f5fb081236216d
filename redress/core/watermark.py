"""Reading an append-only table in id order without skipping rows that commit late.

A pass that remembers the last id it read (a watermark) and next reads the ids above it misses
a row whose transaction took its id first but committed after a higher id was read: a long
import, or two workers writing at once. On PostgreSQL ids come from a sequence when a row is
inserted, not when it commits, so such a row is for a while a gap below ids already visible.

So a reader stops at a gap until the gap is settled: until no transaction that could hold one
of its ids is still running. A transaction holding a missing id began before the read that saw
the gap, so once every transaction that began before that read has ended, the ids of the gap
are committed (and visible to the next read) or rolled back (and never will be). The gap, and
every other gap below the highest id that read saw, may then be passed.

SQLite takes an id and commits it under one write lock, so its gaps are rows deleted or rolled
back, settled at once."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# A gap still unsettled after this long is passed anyway: a session left idle inside a
# transaction must not stop the pass for good. Longer than any import.
GAP_WAIT_LIMIT = dt.timedelta(hours=6)


@dataclass
class Watermark:
    """How far a table has been read: `last_id`, and the read that first saw the gap just
    above it, if one is pending (when it ran, and the highest id it saw)."""

    last_id: int
    gap_seen_at: dt.datetime | None = None
    gap_seen_below: int | None = None


def readable_ids(ids: Sequence[int], mark: Watermark) -> int:
    """How many of `ids` (ascending, all above `mark.last_id`, just read) may be taken now,
    in order. Updates `mark`'s gap fields; the caller moves `last_id` to the last id taken
    and saves both."""
    if not ids:
        return 0
    settled_below = mark.last_id
    if (
        mark.gap_seen_at is not None
        and mark.gap_seen_below is not None
        and _gap_settled(mark.gap_seen_at, *_other_transactions())
    ):
        settled_below = mark.gap_seen_below
        mark.gap_seen_at = mark.gap_seen_below = None
    taken = _taken(ids, after=mark.last_id, settled_below=settled_below)
    if taken < len(ids) and mark.gap_seen_at is None:
        # A gap not seen before: settled already if no other transaction is running, else
        # noted with this read's time, to be passed once those transactions have ended.
        oldest, now = _other_transactions()
        if oldest is None:
            taken = len(ids)
        else:
            mark.gap_seen_at, mark.gap_seen_below = now, ids[-1]
    return taken


def _taken(ids: Sequence[int], *, after: int, settled_below: int) -> int:
    """The ids that follow `after` without a gap, or across gaps that lie below
    `settled_below`."""
    expected = after + 1
    for index, pk in enumerate(ids):
        if pk != expected and pk - 1 > settled_below:
            return index
        expected = pk + 1
    return len(ids)


def _other_transactions() -> tuple[dt.datetime | None, dt.datetime]:
    """When the oldest transaction still running on this database (but this session's own)
    began, if one is; and the database's time now."""
    if connection.vendor != "postgresql":
        return None, timezone.now()
    with connection.cursor() as cursor:
        # The activity view is read once per transaction unless asked to read it again.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT min(xact_start), clock_timestamp() FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            # Autovacuum and other server processes insert no rows of ours.
            " AND backend_type = 'client backend' AND xact_start IS NOT NULL",
        )
        row = cursor.fetchone()
    assert row is not None
    return row[0], row[1]


def _gap_settled(seen_at: dt.datetime, oldest: dt.datetime | None, now: dt.datetime) -> bool:
    """No transaction that began before `seen_at` is still running."""
    if oldest is None or oldest >= seen_at:
        return True
    if now - seen_at > GAP_WAIT_LIMIT:
        logger.warning(
            "Passing a gap in the ids seen at %s: a transaction open since %s is still running.",
            seen_at,
            oldest,
        )
        return True
    return False
