"""The writes of the intake doors, over the cases services."""

from __future__ import annotations

from django.db import transaction

from redress.cases import services
from redress.cases.models import Case
from redress.cases.services import GrievanceInput
from redress.cases.services.attachments import PreparedImage, attachments_store
from redress.orgs.models import User


def case_submit_with_photos(
    *,
    data: GrievanceInput,
    photos: list[PreparedImage],
    actor: User | None,
    idempotency_key: str | None,
) -> Case:
    """The case and its photos in one transaction; a retried submission (same idempotency
    key) returns the first case and adds no photos."""
    with transaction.atomic():
        case, created = services.case_submit(
            data=data, actor=actor, idempotency_key=idempotency_key
        )
        if created and photos:
            attachments_store(case=case, images=photos)
    return case
