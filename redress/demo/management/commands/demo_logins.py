"""python manage.py demo_logins [--port 8000]: where to go and how to log in to the demo."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from redress.demo.county import DEMO_LOGINS, PASSWORD
from redress.orgs.models import Role, User


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "Prints the demo's addresses and logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        base = f"http://127.0.0.1:{options['port']}"
        users = {
            user.username: user
            for user in User.objects.filter(
                username__in=[login.username for login in DEMO_LOGINS]
            ).select_related("jurisdiction", "department")
        }
        self.stdout.write("")
        self.stdout.write(f"  redress is at   {base}/")
        self.stdout.write(f"  staff pages     {base}/staff/")
        self.stdout.write(f"  administration  {base}/admin/")
        if not users:
            self.stdout.write("\n  The demo is not loaded (python manage.py seed_demo).\n")
            return
        with translation.override("zh-hans"):
            roles_zh = {value: str(label) for value, label in Role.choices}
        with translation.override("en"):
            roles_en = {value: str(label) for value, label in Role.choices}
        rows = [("username", "role", "unit", "password")]
        for login in DEMO_LOGINS:
            user = users.get(login.username)
            if user is None:
                continue
            unit = user.department or user.jurisdiction
            rows.append(
                (
                    user.username,
                    f"{roles_zh.get(user.role, '')} {roles_en.get(user.role, user.role)}",
                    f"{unit.name_zh} {unit.name_en}" if unit else "-",
                    PASSWORD,
                )
            )
        widths = [max(_width(row[column]) for row in rows) for column in range(4)]
        self.stdout.write("\n  Demo logins (every demo account has the same password):\n")
        for number, row in enumerate(rows):
            line = "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(f"  {line}".rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        self.stdout.write(
            "\n  Every township department also has a handler, e.g. qingshi-environment or "
            "county-labour,\n  and every township a director, e.g. liuxi-director.\n"
        )
