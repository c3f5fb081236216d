"""python manage.py open311_key --name NAME: issue an Open311 API key and print it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.open311.keys import api_client_create, api_client_revoke
from redress.open311.models import ApiClient


class Command(BaseCommand):
    help = "Issues (or with --revoke, revokes) an Open311 client's API key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="The client's name.")
        parser.add_argument(
            "--per-minute", type=int, default=120, help="Requests per minute allowed (default 120)."
        )
        parser.add_argument("--revoke", action="store_true", help="Revoke the client's key.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name or len(name) > 100:
            raise CommandError("--name must be 1 to 100 characters")
        if options["revoke"]:
            client = ApiClient.objects.filter(name=name, is_active=True).first()
            if client is None:
                raise CommandError(f"No active client named {name!r}")
            api_client_revoke(client=client)
            self.stdout.write(f"Revoked the key of {name}")
            return
        if options["per_minute"] < 1:
            raise CommandError("--per-minute must be at least 1")
        if ApiClient.objects.filter(name=name).exists():
            raise CommandError(f"A client named {name!r} exists; revoke it or choose a name")
        _client, key = api_client_create(name=name, requests_per_minute=options["per_minute"])
        self.stdout.write(key)
