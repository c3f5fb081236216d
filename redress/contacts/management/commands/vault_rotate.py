"""python manage.py vault_rotate [--batch-size N] [--after-id ID]: re-seal the contact vault
with the first of REDRESS_VAULT_KEYS, after which the other keys can be removed."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from redress.contacts.models import ComplainantContact
from redress.contacts.services import contacts_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypts every contact with the first key of REDRESS_VAULT_KEYS. Safe to run again "
        "or after an interruption; when it has finished, the old keys can be removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--after-id", type=int, default=0, help="Start after this case id (to resume)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        total = ComplainantContact.objects.filter(
            pk__gt=options["after_id"], purged_at__isnull=True
        ).count()
        show = not options["no_progress"] and sys.stderr.isatty()
        with tqdm(total=total, unit="contact", disable=not show, mininterval=1) as bar:
            try:
                result = contacts_rotate(
                    batch_size=options["batch_size"],
                    after_id=options["after_id"],
                    progress=bar.update,
                )
            except ImproperlyConfigured as error:
                raise CommandError(
                    f"{error} Keep the old key in REDRESS_VAULT_KEYS until the rotation is done."
                ) from None
        self.stdout.write(
            f"vault_rotate: re-sealed {result.resealed} contact(s), "
            f"{result.current} already sealed with the first key; the other keys may now go."
        )
