"""The dataio app's worker pass: commits the import batches queued for the worker."""

from __future__ import annotations

import datetime as dt
import logging

from redress.dataio.models import ImportBatch
from redress.dataio.services.batches import (
    ProgressWriter,
    batch_commit,
    imports_claimable,
    imports_expire,
)

logger = logging.getLogger(__name__)


def imports_pass(*, now: dt.datetime) -> dict[str, int]:
    """The worker's pass: commits batches waiting in `committing`, one claim at a time (a
    conditional UPDATE, so two workers never take the same batch)."""
    committed = failed = 0
    while True:
        candidate = imports_claimable(now=now).values_list("pk", "claimed_at").first()
        if candidate is None:
            break
        pk, claimed_at = candidate
        if not ImportBatch.objects.filter(pk=pk, claimed_at=claimed_at).update(claimed_at=now):
            continue
        batch = ImportBatch.objects.select_related("created_by").get(pk=pk)
        progress = ProgressWriter(batch)
        try:
            batch_commit(batch=batch, progress=progress)
            committed += 1
        except Exception:
            # One bad batch (recorded as failed) must not stop the others.
            logger.exception("import batch %s failed", pk)
            failed += 1
        finally:
            progress.close()
    return {
        "imports_committed": committed,
        "imports_failed": failed,
        "imports_expired": imports_expire(now=now),
    }
