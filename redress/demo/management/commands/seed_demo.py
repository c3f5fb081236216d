"""python manage.py seed_demo [--cases 5000] [--seed 1] [--if-empty]: the demo county and a
year of grievances, every step taken through the case services with the clock moved back."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from redress.cases.models import Case
from redress.demo.county import demo_county_build, demo_exists
from redress.demo.extensions import demo_extensions_run
from redress.demo.simulation import CountySimulation, SimulationResult
from redress.orgs.models import Jurisdiction

DAYS = 365


class Command(BaseCommand):
    help = (
        "Loads a demo county with a year of grievances. For trying redress out, never production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=5000, help="Grievances to create.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds the demo or any other data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cases: int = options["cases"]
        if cases < 0:
            raise CommandError("--cases cannot be negative.")
        if demo_exists():
            if options["if_empty"]:
                self.stdout.write("seed_demo: the demo is already loaded; nothing to do.")
                return
            raise CommandError("The demo is already loaded. Start from an empty database.")
        if options["if_empty"] and (Jurisdiction.objects.exists() or Case.objects.exists()):
            # A configured installation never gets demo data mixed into it.
            self.stdout.write("seed_demo: the database already holds data; the demo is skipped.")
            return
        if cases and not settings.REDRESS_VAULT_KEYS:
            raise CommandError(
                "REDRESS_VAULT_KEYS is not set: the demo stores contact details in the vault."
            )

        started = time.monotonic()
        # One transaction: an interrupted seed leaves nothing behind, so --if-empty can retry.
        with transaction.atomic():
            demo = demo_county_build(seed=options["seed"])
            with tqdm(
                total=DAYS,
                unit="day",
                desc="Simulating a year of grievances",
                file=sys.stderr,
                disable=options["verbosity"] == 0 or cases == 0,
            ) as bar:
                result = CountySimulation(
                    demo, cases=cases, seed=options["seed"], days=DAYS, progress=bar.update
                ).run()
            if connection.vendor == "postgresql":
                # The year's rows are not committed yet, so autovacuum has not seen them: without
                # statistics the planner takes the tables for empty and the apps' demo queries
                # (score runs, scans) pick nested loops over tens of thousands of rows.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            extension_reports: list[str] = []
            demo_extensions_run(
                demo=demo,
                seed=options["seed"],
                report=extension_reports.append,
                starting=self._announce if options["verbosity"] > 0 else None,
            )
        self._report(demo.county.name_zh, demo.county.name_en, result, time.monotonic() - started)
        for line in extension_reports:
            self.stdout.write(line)

    def _announce(self, label: str) -> None:
        # The apps' demo data takes a minute after the progress bar ends; say what is going on.
        self.stderr.write(f"seed_demo: adding the {label} demo data...")

    def _report(self, name_zh: str, name_en: str, result: SimulationResult, seconds: float) -> None:
        breakdown = ", ".join(
            f"{status} {count:,}" for status, count in result.statuses.most_common()
        )
        self.stdout.write(
            f"seed_demo: {name_zh} ({name_en}) with {result.cases:,} grievances over {DAYS} days "
            f"up to {timezone.localtime():%Y-%m-%d}; {result.steps:,} steps, "
            f"{result.worker_passes:,} worker passes, in {seconds:.0f} s."
        )
        if breakdown:
            self.stdout.write(f"seed_demo: {breakdown}.")
        if result.abandoned:
            # Each is a plan the rules refused; a few are harmless, many mean a bug.
            self.stderr.write(
                f"seed_demo: {result.abandoned} steps refused: "
                + "; ".join(f"{reason} ({n})" for reason, n in result.abandoned_reasons.items())
            )
