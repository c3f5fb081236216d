"""python manage.py run_clocks [--once] [--now ISO]: the deadline worker."""

from __future__ import annotations

import datetime as dt
import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from redress.clocks.passes import clock_passes
from redress.clocks.worker import clocks_run_once
from redress.core import clock


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
            self._pass(now, options["batch_size"])
            return
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"run_clocks: a pass every {options['interval']} s; Ctrl-C stops.")
        while not stopping:
            self._pass(None, options["batch_size"])
            for _ in range(options["interval"]):
                if stopping:
                    break
                time.sleep(1)

    def _pass(self, now: dt.datetime | None, batch_size: int) -> None:
        started = time.monotonic()
        moment = now or clock.now()
        result = clocks_run_once(now=moment, batch_size=batch_size)
        self.stdout.write(
            f"run_clocks: examined {result.examined}, reminders {result.reminders}, "
            f"escalations {result.escalations}, warnings {result.warnings}, "
            f"closed {result.closed} in {time.monotonic() - started:.2f} s"
        )
        for name, clocked_pass in clock_passes():
            started = time.monotonic()
            counts = clocked_pass(now=moment)
            done = ", ".join(f"{what} {number}" for what, number in counts.items()) or "nothing"
            self.stdout.write(f"run_clocks: {name}: {done} in {time.monotonic() - started:.2f} s")
