"""The steps of an import: upload, map the columns, check every row (the dry run), commit all
or nothing. Small files commit in the request; large ones are queued for the worker."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.core.files import File
from django.db import connection, connections, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from redress.cases.models import Case
from redress.cases.services.bulk import CaseWriter
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.core.text import UNSTORABLE_MESSAGE, is_storable
from redress.dataio.formats import format_from_name, iter_rows, read_header
from redress.dataio.mapping import mapping_clean, mapping_propose
from redress.dataio.models import (
    ImportBatch,
    ImportChannel,
    ImportProblem,
    ImportProgress,
    ImportStatus,
)
from redress.dataio.services.rows import Problem, Record, RowChecker
from redress.orgs.models import Role, User

CHUNK = 5000
# Files up to this many rows commit while the importer waits; larger ones go to the worker.
INLINE_ROWS = 5000
SOURCE_NAME_MAX = 60
# A claim older than this belongs to a worker that died (its transaction rolled back).
CLAIM_TIMEOUT = dt.timedelta(hours=2)
FILE_RETENTION = dt.timedelta(days=7)
# Stored on the batch as a msgid and translated when shown.
EXPIRED = gettext_noop("The upload expired; upload the file again.")
COMMIT_FAILED = gettext_noop("Some rows are bad; nothing was imported.")
IMPORT_ROLES = (Role.OPERATOR, Role.DIRECTOR)

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


def import_allowed(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role in IMPORT_ROLES
        and user.jurisdiction is not None
    )


def batch_upload(
    *, user: User, upload: IO[bytes], name: str, source_name: str, channel: str
) -> ImportBatch:
    """Store the file, read its header and propose a mapping."""
    if not import_allowed(user):
        raise PermissionDenied(_("Only intake operators and directors import records."))
    assert user.jurisdiction is not None
    source_name = source_name.strip()
    if not source_name:
        raise DomainError(_("Name the source system."), field="source_name", code="required")
    for field, text in (("source_name", source_name), ("file", name)):
        if not is_storable(text):
            raise DomainError(str(UNSTORABLE_MESSAGE), field=field, code="unstorable")
    if len(source_name) > SOURCE_NAME_MAX:
        raise DomainError(_("The source name is too long."), field="source_name")
    if channel not in ImportChannel.values:
        raise DomainError(_("Choose hotline, letter or visit."), field="channel")
    file_format = format_from_name(name)
    batch = ImportBatch(
        token=secrets.token_hex(16),
        original_name=name[-200:],
        file_format=file_format,
        source_name=source_name,
        channel=channel,
        created_by=user,
        jurisdiction=user.jurisdiction,
        jurisdiction_path=user.jurisdiction.path,
    )
    with transaction.atomic():
        batch.file.save(batch.token, File(upload), save=False)
        try:
            batch.headers = read_header(path=Path(batch.file.path), file_format=file_format)
        except DomainError:
            batch.file.delete(save=False)
            raise
        batch.mapping = mapping_propose(headers=batch.headers)
        batch.save(force_insert=True)
    return batch


def batch_map(*, batch: ImportBatch, mapping: dict[str, str]) -> ImportBatch:
    if batch.status in (ImportStatus.COMMITTING, ImportStatus.COMMITTED):
        raise DomainError(_("This import has already started."), field="mapping", code="state")
    batch.mapping = mapping_clean(mapping=mapping, headers=batch.headers)
    batch.status = ImportStatus.MAPPED
    batch.save(update_fields=["mapping", "status", "updated_at"])
    return batch


@dataclass
class CheckResult:
    total: int = 0
    bad: int = 0
    skipped: int = 0
    problems: int = 0


class _Rows:
    """The batch's rows, checked; records come out in chunks that skip what was imported
    before or earlier in the same file."""

    def __init__(self, batch: ImportBatch) -> None:
        if not batch.file or not Path(batch.file.path).exists():
            raise DomainError(_(EXPIRED), field="file", code="expired")
        self.batch = batch
        self.checker = RowChecker(
            mapping=batch.mapping, headers=batch.headers, scope_path=batch.jurisdiction_path
        )
        self.result = CheckResult()
        self.seen: set[str] = set()

    def chunks(self, on_problems: Callable[[list[Problem]], None]) -> Iterator[list[Record]]:
        chunk: list[Record] = []
        rows = iter_rows(path=Path(self.batch.file.path), file_format=self.batch.file_format)
        for line, row in rows:
            self.result.total += 1
            checked = self.checker.check(line, row)
            if isinstance(checked, list):
                self.result.bad += 1
                self.result.problems += len(checked)
                on_problems(checked)
                continue
            if checked.key in self.seen:
                self.result.skipped += 1
                continue
            self.seen.add(checked.key)
            chunk.append(checked)
            if len(chunk) >= CHUNK:
                yield self._new(chunk)
                chunk = []
        if chunk:
            yield self._new(chunk)

    def _new(self, chunk: list[Record]) -> list[Record]:
        existing = _imported_before(self.batch.source_name, [record.key for record in chunk])
        if not existing:
            return chunk
        self.result.skipped += sum(1 for record in chunk if record.key in existing)
        return [record for record in chunk if record.key not in existing]


def _imported_before(source: str, keys: list[str]) -> set[str]:
    """Which of the keys the source's records imported before have."""
    if connection.vendor != "postgresql":
        found = Case.objects.filter(source_system=source, source_record_id__in=keys)
        return {key for key in found.values_list("source_record_id", flat=True) if key}
    # One lookup in the unique index per key. Not `IN (...)`: while a large import runs, the
    # table's statistics still describe it as it was before, and the planner then read every
    # record of the source (the index on the source alone) for each chunk, a longer read with
    # every chunk written (a third of a million-row import's server time).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key FROM unnest(%s::varchar[]) AS key, LATERAL (SELECT 1 FROM"
            f" {Case._meta.db_table} AS record WHERE record.source_system = %s"
            " AND record.source_record_id = key LIMIT 1) AS found",
            [keys, source],
        )
        return {key for (key,) in cursor.fetchall()}


class _ProblemLog:
    """Stores problems as they come, a chunk at a time (a bad file may have millions)."""

    def __init__(self, batch: ImportBatch) -> None:
        if not batch.file or not Path(batch.file.path).exists():
            raise DomainError(_(EXPIRED), field="file", code="expired")
        self.batch = batch
        self.pending: list[ImportProblem] = []

    def add(self, problems: list[Problem]) -> None:
        self.pending += [
            ImportProblem(
                batch=self.batch,
                line=problem.line,
                column=problem.column[:200],
                code=problem.code,
                message=problem.message[:300],
            )
            for problem in problems
        ]
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        ImportProblem.objects.bulk_create(self.pending, batch_size=1000)
        self.pending = []


def batch_check(*, batch: ImportBatch) -> CheckResult:
    """The dry run: checks every row and stores every problem; writes no case."""
    if batch.status not in (ImportStatus.MAPPED, ImportStatus.VALIDATED, ImportStatus.FAILED):
        raise DomainError(_("Map the columns first."), field="mapping", code="state")
    rows = _Rows(batch)
    with transaction.atomic():
        batch.problems.all().delete()
        log = _ProblemLog(batch)
        for _chunk in rows.chunks(log.add):
            pass
        log.flush()
        _record_counts(batch, rows.result, status=ImportStatus.VALIDATED)
    return rows.result


def _record_counts(batch: ImportBatch, result: CheckResult, *, status: str) -> None:
    batch.rows_total = result.total
    batch.rows_bad = result.bad
    batch.rows_skipped = result.skipped
    batch.status = status
    batch.save(update_fields=["rows_total", "rows_bad", "rows_skipped", "status", "updated_at"])


def batch_queue(*, batch: ImportBatch) -> ImportBatch:
    """Hand a checked, clean batch to the worker."""
    _ready_to_commit(batch)
    updated = ImportBatch.objects.filter(
        pk=batch.pk, status=ImportStatus.VALIDATED, rows_bad=0
    ).update(status=ImportStatus.COMMITTING, progress_done=0, claimed_at=None)
    if not updated:
        raise DomainError(_("This import has already started."), field="batch", code="state")
    ImportProgress.objects.filter(batch=batch).delete()
    batch.refresh_from_db()
    return batch


def _ready_to_commit(batch: ImportBatch) -> None:
    if batch.status != ImportStatus.VALIDATED:
        raise DomainError(_("Run the check first."), field="batch", code="state")
    if batch.rows_bad:
        raise DomainError(
            _(
                "Fix the bad rows and upload the file again: nothing is imported while any row "
                "is bad."
            ),
            field="batch",
            code="bad_rows",
        )


class CommitFailed(DomainError):
    pass


def batch_commit(
    *, batch: ImportBatch, actor: User | None = None, progress: Progress | None = None
) -> CheckResult:
    """Import every row or none: the rows are checked again and written in one transaction;
    if any row is bad, or anything fails, nothing is written and the batch says why."""
    if batch.status not in (ImportStatus.MAPPED, ImportStatus.VALIDATED, ImportStatus.COMMITTING):
        raise DomainError(_("Map the columns first."), field="batch", code="state")
    if batch.status == ImportStatus.VALIDATED:
        _ready_to_commit(batch)
    actor = actor or batch.created_by
    rows = _Rows(batch)
    if batch.status != ImportStatus.COMMITTING:
        # Claimed first, so that a second click (or a second command) does not import the
        # same file alongside the first; claimed_at in the same statement, or the worker
        # would take a `committing` batch without a claim for its own and import it twice.
        claimed_at = clock.now()
        claimed = ImportBatch.objects.filter(pk=batch.pk, status=batch.status).update(
            status=ImportStatus.COMMITTING, claimed_at=claimed_at
        )
        if not claimed:
            raise DomainError(_("This import has already started."), field="batch", code="state")
        batch.status = ImportStatus.COMMITTING
        batch.claimed_at = claimed_at
    problems: list[Problem] = []
    report = progress or (lambda done: None)
    try:
        with transaction.atomic():
            imported = 0
            with CaseWriter(batch=batch, actor=actor) as writer:
                for chunk in rows.chunks(problems.extend):
                    if problems:
                        break
                    writer.write(chunk)
                    imported += len(chunk)
                    report(rows.result.total)
            if problems:
                raise CommitFailed(_(COMMIT_FAILED), field="batch")
            batch.rows_imported = imported
            batch.progress_done = rows.result.total
            batch.finished_at = clock.now()
            batch.failure = ""
            batch.save(
                update_fields=[
                    "rows_imported",
                    "progress_done",
                    "finished_at",
                    "failure",
                    "updated_at",
                ]
            )
            _record_counts(batch, rows.result, status=ImportStatus.COMMITTED)
            # The file holds contact details outside the vault: gone once its rows are in.
            transaction.on_commit(lambda: _file_remove(batch))
    except CommitFailed:
        # Bad rows found at commit (a command run without a dry run, or reference data that
        # changed since the check): keep them for the report.
        log = _ProblemLog(batch)
        log.add(problems)
        log.flush()
        _batch_fail(batch, COMMIT_FAILED, bad=len({p.line for p in problems}))
        raise
    except Exception as error:
        # Whatever went wrong, the transaction wrote nothing; the batch says so.
        _batch_fail(batch, str(error)[:500])
        raise
    return rows.result


def _file_remove(batch: ImportBatch) -> None:
    if batch.file.name:
        batch.file.delete(save=False)
        ImportBatch.objects.filter(pk=batch.pk).update(file="")


def imports_expire(*, now: dt.datetime) -> int:
    """Uploads left unimported for FILE_RETENTION are dropped: their files hold contact
    details outside the vault. Returns how many."""
    stale = (
        ImportBatch.objects.filter(created_at__lt=now - FILE_RETENTION)
        .exclude(status__in=(ImportStatus.COMMITTED, ImportStatus.COMMITTING))
        .exclude(file="")
    )
    count = 0
    for batch in stale:
        _file_remove(batch)
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.FAILED, failure=EXPIRED)
        count += 1
    return count


def _batch_fail(batch: ImportBatch, reason: str, *, bad: int | None = None) -> None:
    batch.status = ImportStatus.FAILED
    batch.failure = reason
    if bad is not None:
        batch.rows_bad = bad
    batch.rows_imported = 0
    batch.save(update_fields=["status", "failure", "rows_bad", "rows_imported", "updated_at"])


class ProgressWriter:
    """Progress the polling page can see while the import's own transaction is still open:
    written on a second connection (PostgreSQL only; SQLite has one writer at a time), to the
    batch's ImportProgress row, never to the batch row, which the import's foreign-key checks
    lock. Create it before the import starts: its row is inserted (and its own check of the
    batch done) before the import's transaction holds that lock."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch_id = batch.pk
        self.side = (
            connections.create_connection("default") if connection.vendor == "postgresql" else None
        )
        if self.side is not None:
            with self.side.cursor() as cursor:
                # (From the batch row as this connection sees it: none, in a test's transaction.)
                cursor.execute(
                    f"INSERT INTO {ImportProgress._meta.db_table} (batch_id, done)"
                    f" SELECT id, 0 FROM {ImportBatch._meta.db_table} WHERE id = %s"
                    " ON CONFLICT (batch_id) DO UPDATE SET done = 0",
                    [self.batch_id],
                )

    def __call__(self, done: int) -> None:
        if self.side is None:
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportProgress._meta.db_table} SET done = %s WHERE batch_id = %s",
                [done, self.batch_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def imports_claimable(*, now: dt.datetime) -> QuerySet[ImportBatch]:
    """Batches the worker may take: queued and unclaimed, or claimed by a worker long dead."""
    return (
        ImportBatch.objects.filter(status=ImportStatus.COMMITTING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .order_by("created_at")
    )
