"""A revoked API token is refused by the next request in any process: the token lookup is one
indexed query per request, never cached."""

from __future__ import annotations

import pytest

from redress.api.models import ApiToken
from redress.api.services import api_token_issue
from redress.core import clock

pytestmark = pytest.mark.django_db
CASES = "/api/v1/cases"


def test_a_token_revoked_elsewhere_is_refused_by_the_next_request(
    client, cast, reference_caches_on
):
    api_token, token = api_token_issue(user=cast.a_handler)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(CASES, headers=headers).status_code == 200
    # As another process would: a queryset update sends no signal here.
    ApiToken.objects.filter(pk=api_token.pk).update(revoked_at=clock.now())
    assert client.get(CASES, headers=headers).status_code == 401
