"""Run the default early-warning detector prospectively over a count table in CSV."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.earlywarning.tables import (
    Signal,
    TableError,
    read_counts,
    read_neighbours,
    table_build,
    table_neighbours,
    table_scan,
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from error


def _write(handle: TextIO, signals: list[Signal]) -> None:
    writer = csv.writer(handle)
    writer.writerow(
        ["area", "category", "date", "score", "expected", "observed", "window_days", "cluster"]
    )
    for signal in signals:
        writer.writerow(
            [
                signal.area,
                signal.category,
                signal.date.isoformat(),
                f"{signal.score:.3f}",
                f"{signal.expected:.2f}",
                f"{signal.observed:.0f}",
                signal.window,
                " ".join(signal.cluster),
            ]
        )


class Command(BaseCommand):
    help = (
        "For each day from --from to --to, using only counts dated on or before that day, "
        "write area,category,date,score (and expected,observed,window_days,cluster) for every "
        "alert the default detector raises."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--counts", required=True, help="CSV: area,category,date,count")
        parser.add_argument("--neighbors", help="CSV: area,neighbor")
        parser.add_argument("--from", dest="date_from", required=True)
        parser.add_argument("--to", dest="date_to", required=True)
        parser.add_argument("--out", required=True, help="CSV file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_from > date_to:
            raise CommandError("--from is after --to.")
        try:
            rows = read_counts(options["counts"], until=date_to)
            pairs = read_neighbours(options["neighbors"]) if options["neighbors"] else []
        except TableError as error:
            raise CommandError(str(error)) from error
        table = table_build(rows, until=date_to)
        neighbours = table_neighbours(table, pairs) if options["neighbors"] else None
        signals = table_scan(table, date_from=date_from, date_to=date_to, neighbours=neighbours)
        try:
            with open(options["out"], "w", newline="", encoding="utf-8") as handle:
                _write(handle, signals)
        except OSError as error:
            raise CommandError(f"{options['out']}: cannot write ({error.strerror}).") from error
        self.stdout.write(f"{len(signals)} alert rows written to {options['out']}.")
