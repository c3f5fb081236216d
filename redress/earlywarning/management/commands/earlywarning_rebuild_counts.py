"""Recompute the early-warning daily counts from the cases (after reclassifications, or to
check the incremental counts)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from redress.earlywarning.counts import counts_rebuild


class Command(BaseCommand):
    help = "Recompute every daily count (area x category x day) from the cases."

    def handle(self, *args: Any, **options: Any) -> None:
        counted = counts_rebuild()
        self.stdout.write(f"{counted} cases counted.")
