"""Import hotline or letters records from a CSV or XLSX file, as the import page does.

    manage.py import_records FILE --user operator --source "12345 hotline" --channel hotline \\
        [--mapping '{"received_at": "来电时间", ...}' | --mapping mapping.json] [--dry-run]

Without --mapping the columns are mapped by their header names. The import is all or nothing:
if any row is bad, nothing is written and every bad row is listed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from redress.core.errors import DomainError
from redress.dataio.formats import count_rows
from redress.dataio.models import ImportBatch
from redress.dataio.services.batches import (
    ProgressWriter,
    batch_check,
    batch_commit,
    batch_map,
    batch_upload,
)
from redress.orgs.models import User

PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="the importing operator or director")
        parser.add_argument("--source", required=True, help="the source system's name")
        parser.add_argument("--channel", default="hotline", choices=["hotline", "letter", "visit"])
        parser.add_argument("--mapping", default="", help="JSON {target: header} or a JSON file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = User.objects.select_related("jurisdiction").filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No such user: {options['user']}")
        try:
            with path.open("rb") as upload:
                batch = batch_upload(
                    user=user,
                    upload=upload,
                    name=path.name,
                    source_name=options["source"],
                    channel=options["channel"],
                )
            batch_map(batch=batch, mapping=self._mapping(options["mapping"], batch))
            if options["dry_run"]:
                self._dry_run(batch)
                return
            self._commit(batch, user, show_progress=not options["no_progress"])
        except DomainError as error:
            raise CommandError(f"{error.field}: {error}") from None

    def _mapping(self, raw: str, batch: ImportBatch) -> dict[str, str]:
        if not raw:
            return dict(batch.mapping)
        text = Path(raw).read_text(encoding="utf-8") if raw.endswith(".json") else raw
        try:
            mapping = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(f"--mapping is not JSON: {error}") from None
        if not isinstance(mapping, dict):
            raise CommandError("--mapping must be a JSON object {target: header}.")
        return {str(key): str(value) for key, value in mapping.items()}

    def _dry_run(self, batch: ImportBatch) -> None:
        result = batch_check(batch=batch)
        for problem in batch.problems.all()[:PROBLEMS_SHOWN]:
            self.stdout.write(f"line {problem.line}  {problem.column}: {problem.message}")
        if result.problems > PROBLEMS_SHOWN:
            self.stdout.write(f"... and {result.problems - PROBLEMS_SHOWN} more problems")
        self.stdout.write(
            f"batch {batch.pk}: {result.total} rows, {result.bad} bad, "
            f"{result.skipped} already imported, skipped (dry run: nothing written)"
        )

    def _commit(self, batch: ImportBatch, user: User, *, show_progress: bool) -> None:
        total = count_rows(path=Path(batch.file.path), file_format=batch.file_format)
        ImportBatch.objects.filter(pk=batch.pk).update(rows_total=total)
        side = ProgressWriter(batch)
        bar = tqdm(total=total, unit="row", disable=not show_progress, mininterval=1)

        def progress(done: int) -> None:
            bar.update(done - bar.n)
            side(done)

        started = time.monotonic()
        try:
            result = batch_commit(batch=batch, actor=user, progress=progress)
        except DomainError:
            bar.close()
            side.close()
            for problem in batch.problems.all()[:PROBLEMS_SHOWN]:
                self.stderr.write(f"line {problem.line}  {problem.column}: {problem.message}")
            raise
        bar.update(result.total - bar.n)
        bar.close()
        side.close()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"batch {batch.pk}: imported {batch.rows_imported} of {result.total} rows, "
            f"{result.skipped} already imported, skipped; {seconds:.1f} s, "
            f"{result.total / max(seconds, 1e-9):,.0f} rows/s"
        )
