"""Reads for imports and exports, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from redress.cases.models import OPEN_STATUSES, Case
from redress.cases.selectors import case_search
from redress.dataio.models import ImportBatch, ImportProgress, ImportStatus
from redress.dataio.services.batches import import_allowed
from redress.orgs.models import User
from redress.orgs.selectors import jurisdiction_get_for_user


def batch_list_for_user(*, user: User) -> QuerySet[ImportBatch]:
    """Imports into the user's jurisdiction subtree, for the operators and directors there."""
    if not import_allowed(user):
        return ImportBatch.objects.none()
    assert user.jurisdiction is not None
    return ImportBatch.objects.filter(
        jurisdiction_path__startswith=user.jurisdiction.path
    ).select_related("created_by")


def batch_get_for_user(*, user: User, batch_id: int) -> ImportBatch:
    try:
        batch = batch_list_for_user(user=user).get(pk=batch_id)
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such import.")) from None
    if batch.status == ImportStatus.COMMITTING:
        # A running import's progress is written beside the batch (see ImportProgress).
        done = ImportProgress.objects.filter(batch=batch).values_list("done", flat=True).first()
        if done is not None:
            batch.progress_done = done
    return batch


def cases_for_export(*, user: User, query: QueryDict) -> QuerySet[Case]:
    """The cases the work queue shows the user for the same query string (its filters and
    order), without the page's cap: exports are streamed."""
    from redress.cases.forms import QueueFilterForm

    filters: dict[str, Any] = QueueFilterForm(query, user=user).filters()
    status = filters["status"]
    statuses = (
        OPEN_STATUSES if status == "open" else None if status == "all" else frozenset({status})
    )
    area = (
        jurisdiction_get_for_user(user=user, jurisdiction_id=filters["area"])
        if filters["area"]
        else None
    )
    return case_search(
        user=user,
        q=filters["q"],
        statuses=statuses,
        category_id=filters["category"],
        area_path=area.path if area else None,
        department_id=filters["department"],
        due=filters["due"],
        sort=filters["sort"],
    )
