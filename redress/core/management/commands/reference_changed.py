"""After editing reference rows by hand (SQL, a database console), tell every running server
process to drop its reference caches (see redress.core.refcache)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from redress.core.refcache import reference_changed, reference_generation


class Command(BaseCommand):
    help = "Tell every server process that reference data changed outside the application."

    def handle(self, *args: Any, **options: Any) -> None:
        reference_changed()
        self.stdout.write(f"Reference generation is now {reference_generation()}.")
