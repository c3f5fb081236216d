"""python manage.py api_token --user USERNAME [--name NAME]: issue a personal API token."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.api.services import api_token_issue
from redress.core.errors import DomainError
from redress.orgs.models import User


class Command(BaseCommand):
    help = "Issues a personal API token for a user and prints it (it is shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="The user's username.")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}")
        try:
            _api_token, token = api_token_issue(user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(token)
