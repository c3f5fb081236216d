"""python manage.py purge_contacts [--days N]: erase contact details after closure."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.cases.services.contact import contacts_purge_due
from redress.clocks.management.commands.run_clocks import parse_now


class Command(BaseCommand):
    help = "Purges complainants' contact details a set time after their case was closed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.REDRESS_CONTACT_RETENTION_DAYS,
            help="Days after closure (default: REDRESS_CONTACT_RETENTION_DAYS).",
        )
        parser.add_argument("--now", help="Act as of this ISO 8601 time.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days must not be negative")
        now = parse_now(options["now"]) if options["now"] else None
        purged = contacts_purge_due(now=now, retention_days=options["days"])
        self.stdout.write(f"purge_contacts: purged the contact details of {purged} case(s)")
