"""A revoked key stops at once in every server process: the key lookup is never cached, so a
revocation made anywhere (another process, a queryset update, the database itself) refuses
the very next request."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection

from redress.open311.keys import api_client_create, api_client_for_key
from redress.open311.models import ApiClient

pytestmark = pytest.mark.django_db


def _post(client, key):
    return client.post("/open311/v2/requests.json", {"api_key": key, "service_code": "x"})


def test_a_key_revoked_by_a_queryset_update_is_refused_at_once(client, cast, reference_caches_on):
    cache.clear()
    api_client, key = api_client_create(name="partner")
    assert api_client_for_key(key) == api_client
    assert _post(client, key).status_code != 403
    # As another process would: no signal reaches this one.
    ApiClient.objects.filter(pk=api_client.pk).update(is_active=False)
    assert api_client_for_key(key) is None
    assert _post(client, key).status_code == 403


def test_a_key_revoked_in_the_database_directly_is_refused_at_once(
    client, cast, reference_caches_on
):
    cache.clear()
    api_client, key = api_client_create(name="partner")
    assert _post(client, key).status_code != 403
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ApiClient._meta.db_table} SET is_active = %s WHERE id = %s",
            [False, api_client.pk],
        )
    assert _post(client, key).status_code == 403
