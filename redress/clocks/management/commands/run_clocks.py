"""python manage.py run_clocks [--once] [--now ISO]: the deadline worker."""

from __future__ import annotations

import datetime as dt
import signal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from redress.clocks.loop import worker_loop, worker_pass_all
from redress.clocks.passes import PassOutcome


def parse_now(value: str) -> dt.datetime:
    moment = parse_datetime(value)
    if moment is None:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--now: not an ISO 8601 date and time: {value!r}") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = "Acts on cases whose deadlines have come due: reminders, escalations, warnings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")
        parser.add_argument(
            "--now", help="Act as of this ISO 8601 time instead of the clock (implies --once)."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.REDRESS_WORKER_INTERVAL_SECONDS,
            help="Seconds between passes in the loop.",
        )
        parser.add_argument("--batch-size", type=int, default=settings.REDRESS_WORKER_BATCH_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_now(options["now"]) if options["now"] else None
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["once"] or now is not None:
            self._report(worker_pass_all(now=now, batch_size=options["batch_size"]))
            return
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"run_clocks: a pass every {options['interval']} s; Ctrl-C stops.")
        worker_loop(
            interval=options["interval"],
            batch_size=options["batch_size"],
            stopping=lambda: stopping,
            report=self._report,
        )

    def _report(self, outcomes: list[PassOutcome]) -> None:
        for outcome in outcomes:
            if outcome.counts is None:
                done = f"FAILED ({outcome.error})"
            else:
                done = ", ".join(f"{what} {n}" for what, n in outcome.counts.items()) or "nothing"
            self.stdout.write(f"run_clocks: {outcome.name}: {done} in {outcome.seconds:.2f} s")
