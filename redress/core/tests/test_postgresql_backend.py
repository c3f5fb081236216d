"""The PostgreSQL backend checks a reused connection only after it has sat idle."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.test import override_settings

needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _new_request() -> None:
    # What Django does between requests (the request_started/finished signals).
    connection.close_if_unusable_or_obsolete()


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    checks: list[int] = []
    original = connection.is_usable

    def counting() -> bool:
        checks.append(1)
        return original()

    monkeypatch.setattr(connection, "is_usable", counting)
    return checks


def test_a_connection_in_steady_use_is_not_checked_before_each_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    checks = _count_checks(monkeypatch)
    for _ in range(3):
        _new_request()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert checks == []


@override_settings(REDRESS_DB_CHECK_AFTER_IDLE=0.5)
def test_an_idle_connection_is_checked_once_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    checks = _count_checks(monkeypatch)
    connection._last_used -= 1.0  # type: ignore[attr-defined]
    _new_request()
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert checks == [1]


def test_an_idle_connection_the_server_dropped_is_replaced_before_the_request_uses_it() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        dropped_pid = cursor.fetchone()[0]
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [dropped_pid])
    finally:
        other.close()
    connection._last_used -= 3600  # type: ignore[attr-defined]
    _new_request()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != dropped_pid
