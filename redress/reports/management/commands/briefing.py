"""python manage.py briefing --jurisdiction CODE --week 2026-W47 --out FILE.pdf [--lang en]"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from redress.core import clock
from redress.orgs.selectors import jurisdiction_by_public_id
from redress.reports.briefings.services import briefing_generate
from redress.reports.briefings.weeks import IsoWeek, WeekFormatError
from redress.reports.models import BriefingLanguage, BriefingSource


def _writable(value: str) -> Path:
    path = Path(value)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CommandError(f"--out: {value} is a folder; name a file.")
    if not folder.is_dir():
        raise CommandError(f"--out: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"--out: {value} is not writable.")
    return path


class Command(BaseCommand):
    help = "Makes the weekly briefing of a jurisdiction as a PDF (and stores it for the page)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jurisdiction", required=True, help="Division code (or id where none is set)."
        )
        parser.add_argument("--week", required=True, help="ISO week, e.g. 2026-W47.")
        parser.add_argument("--out", required=True, help="Path of the PDF to write.")
        parser.add_argument(
            "--lang", default=BriefingLanguage.CHINESE, help="zh-hans (default) or en."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            week = IsoWeek.parse(options["week"])
        except WeekFormatError as error:
            raise CommandError(f"--week: {error}") from None
        if week.start > clock.now():
            raise CommandError(f"--week: {week} has not begun yet.")
        jurisdiction = jurisdiction_by_public_id(options["jurisdiction"])
        if jurisdiction is None:
            raise CommandError(
                f"--jurisdiction: no jurisdiction has the code {options['jurisdiction']!r}."
            )
        if options["lang"] not in BriefingLanguage.values:
            raise CommandError(f"--lang: choose one of {', '.join(BriefingLanguage.values)}.")
        out = _writable(options["out"])
        # Stored only if the file is written too: a failed run leaves nothing behind.
        with transaction.atomic():
            briefing = briefing_generate(
                jurisdiction=jurisdiction,
                week=week,
                language=options["lang"],
                now=clock.now(),
                source=BriefingSource.COMMAND,
            )
            try:
                out.write_bytes(bytes(briefing.pdf))
            except OSError as error:
                raise CommandError(f"--out: cannot write {out}: {error.strerror}") from None
        self.stdout.write(f"{out}: {jurisdiction.name} {week}, {len(briefing.pdf)} bytes")
