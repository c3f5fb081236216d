"""Sign-in throttling shared by every server process and by both doors (/staff/login/ and
/admin/login/), keyed on the user name from one address and, with a higher limit, on the
address: a stranger's failures cannot lock a named user out of their own address."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from redress.orgs import throttle
from redress.orgs.models import LoginThrottle
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db
X = "203.0.113.7"
Y = "198.51.100.9"
STAFF = "/staff/login/"
ADMIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _fresh_memory():
    # No counter may live in this process's memory: each test starts as a new process would.
    for cache in caches.all():
        cache.clear()


def _sign_in(client, door, username, password, address):
    return client.post(door, {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_failures_from_one_address_block_that_user_there_only(client, cast):
    for _ in range(5):
        assert _sign_in(client, STAFF, "a_handler", "wrong", X).status_code == 200
    assert _sign_in(client, STAFF, "a_handler", PASSWORD, X).status_code == 429
    assert not _signed_in(client)
    # The same user from their own address is not locked out by someone else's guesses.
    other = Client()
    assert _sign_in(other, STAFF, "a_handler", PASSWORD, Y).status_code == 302
    assert _signed_in(other)


def test_the_admin_door_is_throttled_by_the_same_counters(client, cast):
    cast.a_director.is_staff = True
    cast.a_director.save()
    for _ in range(3):
        _sign_in(client, STAFF, "a_director", "wrong", X)
    for _ in range(2):
        assert _sign_in(client, ADMIN, "a_director", "wrong", X).status_code == 200
    response = _sign_in(client, ADMIN, "a_director", PASSWORD, X)
    assert not _signed_in(client)
    assert response.status_code in (200, 429)
    assert _sign_in(Client(), ADMIN, "a_director", PASSWORD, Y).status_code == 302


def test_an_address_guessing_many_names_is_blocked_after_the_higher_limit(client, cast, settings):
    settings.REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS = 8
    for number in range(7):
        _sign_in(client, STAFF, f"guess{number}", "x", X)
    assert _sign_in(client, STAFF, "a_director", PASSWORD, X).status_code == 302
    client.logout()
    _sign_in(client, STAFF, "guess-last", "x", X)
    assert _sign_in(client, STAFF, "a_director", PASSWORD, X).status_code == 429


def test_counters_are_shared_by_every_process(client, cast):
    for _ in range(5):
        _sign_in(client, STAFF, "a_handler", "wrong", X)
    # A second process has nothing of this one's memory, only the shared store.
    for cache in caches.all():
        cache.clear()
    assert _sign_in(client, STAFF, "a_handler", PASSWORD, X).status_code == 429


def test_a_success_clears_that_users_counter_but_not_the_addresss(client, cast):
    for _ in range(4):
        _sign_in(client, STAFF, "a_handler", "wrong", X)
    assert _sign_in(client, STAFF, "a_handler", PASSWORD, X).status_code == 302
    client.logout()
    for _ in range(4):
        _sign_in(client, STAFF, "a_handler", "wrong", X)
    assert _sign_in(client, STAFF, "a_handler", PASSWORD, X).status_code == 302


def test_neither_names_nor_addresses_are_stored_in_the_clear(client, cast):
    _sign_in(client, STAFF, "a_handler", "wrong", X)
    keys = list(LoginThrottle.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("a_handler" in key or X in key for key in keys)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises all writers")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_failures_are_all_counted(cast):
    errors: list[BaseException] = []

    def fail() -> None:
        try:
            throttle.login_failed(username="a_handler", address=X)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(LoginThrottle.objects.values_list("failures", flat=True)) == [8, 8]


def test_the_cache_store_throttles_the_same_way(client, cast, settings):
    settings.REDRESS_LOGIN_THROTTLE_STORE = "cache"
    for _ in range(5):
        _sign_in(client, STAFF, "a_handler", "wrong", X)
    assert _sign_in(client, STAFF, "a_handler", PASSWORD, X).status_code == 429
    assert not LoginThrottle.objects.exists()
    assert _sign_in(Client(), STAFF, "a_handler", PASSWORD, Y).status_code == 302
