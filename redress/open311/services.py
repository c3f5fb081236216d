"""Writes through Open311: a client's request becomes a case that remembers its client, and a
client comments only where it may."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from redress.cases import services
from redress.cases.models import Case, CaseEvent
from redress.cases.services import GrievanceInput
from redress.core.errors import PermissionDenied
from redress.open311.models import ApiClient, ClientRequest


@transaction.atomic
def client_request_submit(
    *, client: ApiClient, data: GrievanceInput, idempotency_key: str | None = None
) -> tuple[Case, bool]:
    """case_submit, and the client recorded beside the case in the same transaction: the
    client's later comments on it are then allowed."""
    case, created = services.case_submit(data=data, idempotency_key=idempotency_key)
    ClientRequest.objects.get_or_create(case=case, defaults={"client": client})
    return case, created


def client_may_comment(*, client: ApiClient, case: Case) -> bool:
    return (
        client.may_comment_on_all or ClientRequest.objects.filter(case=case, client=client).exists()
    )


def client_comment_add(*, client: ApiClient, case: Case, text: str) -> CaseEvent:
    """A public comment shows on the complainant's tracking page: any key holder writing on
    any case would be writing to someone else's complainant. A client comments on the
    requests it submitted, or everywhere if the office allowed it."""
    if not client_may_comment(client=client, case=case):
        raise PermissionDenied(_("This client may comment only on the requests it submitted."))
    return services.case_public_comment(case=case, text=text, via="open311")
