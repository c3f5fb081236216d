"""Pagination that never counts more than it must: an office's whole county can hold a
million cases, and nobody pages through more than a few thousand."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 5_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows (one bounded query); `capped` says there were more."""

    capped = False

    @cached_property
    def count(self) -> int:
        # Fetching the ids in the queue's own order lets the database walk the same index as
        # the page itself and stop early; COUNT(*) over an unordered subquery would not.
        queryset: QuerySet[Any] = self.object_list  # type: ignore[assignment]
        counted = len(queryset.values_list("pk", flat=True)[: COUNT_CAP + 1])
        self.capped = counted > COUNT_CAP
        return min(counted, COUNT_CAP)
