"""The worker survives what operations throw at it: a pass that raises does not stop the others,
a lost database connection is reconnected with a growing pause instead of ending the worker,
and the heartbeat shows on /healthz and the admin index when the worker has stopped."""

import datetime as dt
import io
import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from redress.cases.models import Case
from redress.cases.worker import CASE_PASS
from redress.clocks import passes
from redress.clocks.loop import RETRY_MAX_SECONDS, worker_loop
from redress.clocks.models import WorkerPass
from redress.core import health
from redress.core.clock import frozen_at
from redress.core.registry import Registry
from redress.orgs.models import User

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def registered(monkeypatch):
    """Only the passes a test registers (plus the ladder), restored afterwards."""
    ladder = passes.worker_passes[CASE_PASS]
    monkeypatch.setattr(passes, "worker_passes", Registry("worker pass"))
    passes.worker_passes.register(ladder)
    return _ByName()


class _ByName:
    """`registered[name] = function` registers a pass, as the fixture's dict used to."""

    def __setitem__(self, name, function):
        passes.clock_pass_register(name, function)


def broken(*, now):
    raise ValueError("the letters table is in a mood")


def counting(calls):
    def run(*, now):
        calls.append(now)
        return {"done": Case.objects.count()}

    return run


class TestIsolation:
    def test_a_pass_that_raises_does_not_stop_the_others(self, db, registered, caplog):
        calls = []
        registered["broken"] = broken
        registered["after"] = counting(calls)
        out = io.StringIO()
        with caplog.at_level(logging.ERROR):
            call_command("run_clocks", "--once", stdout=out)
        assert len(calls) == 1
        assert "broken: FAILED (ValueError: the letters table is in a mood)" in out.getvalue()
        assert "after: done 0" in out.getvalue()
        failure = next(r for r in caplog.records if "broken" in r.getMessage())
        assert failure.exc_info is not None  # logged with its traceback

    def test_the_heartbeat_records_success_and_failure(self, db, registered):
        registered["broken"] = broken
        registered["after"] = counting([])
        with frozen_at(NOW):
            call_command("run_clocks", "--once", stdout=io.StringIO())
        rows = {row.name: row for row in WorkerPass.objects.all()}
        assert set(rows) == {"cases", "broken", "after"}
        assert rows["cases"].last_success_at == NOW
        assert rows["after"].last_success_at == NOW
        assert rows["broken"].last_success_at is None
        assert rows["broken"].last_failure_at == NOW
        assert "ValueError: the letters table is in a mood" in rows["broken"].last_error
        assert "Traceback" in rows["broken"].last_error

    def test_a_database_error_in_a_pass_leaves_the_transaction_usable(self, db, registered):
        def integrity(*, now):
            User.objects.create(username="twice")
            User.objects.create(username="twice")

        calls = []
        registered["integrity"] = integrity
        registered["after"] = counting(calls)
        call_command("run_clocks", "--once", stdout=io.StringIO())
        assert len(calls) == 1
        assert not User.objects.filter(username="twice").exists()  # its savepoint rolled back


def run_loop(*, passes_wanted, interval=60):
    """Run the loop until `passes_wanted` complete passes; returns the pauses it took."""
    pauses, reports = [], []

    def report(outcomes):
        reports.append(outcomes)

    worker_loop(
        interval=interval,
        batch_size=None,
        stopping=lambda: len(reports) >= passes_wanted,
        report=report,
        sleep=pauses.append,
    )
    return pauses, reports


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestReconnect:
    def test_an_operational_error_is_retried_after_reconnecting(self, registered, monkeypatch):
        calls = []
        fail = [True]
        # SQLite cannot lose its server: the check that the database is gone answers yes once.
        lost = [True]
        monkeypatch.setattr(passes, "_connection_lost", lambda: lost.pop() if lost else False)

        def flaky(*, now):
            if fail:
                fail.pop()
                raise OperationalError("server closed the connection unexpectedly")
            calls.append(now)
            return {}

        registered["flaky"] = flaky
        pauses, reports = run_loop(passes_wanted=1)
        assert len(calls) == 1
        assert pauses == [1.0]  # one retry pause, then the pass went through
        assert all(outcome.ok for outcome in reports[0])
        assert WorkerPass.objects.get(name="flaky").last_success_at is not None

    def test_the_pause_doubles_up_to_a_cap_and_the_worker_never_exits(
        self, registered, monkeypatch
    ):
        failures = [True] * 8
        monkeypatch.setattr(passes, "_connection_lost", lambda: True)

        def down(*, now):
            if failures:
                failures.pop()
                raise OperationalError("connection refused")
            return {}

        registered["down"] = down
        pauses, reports = run_loop(passes_wanted=1)
        # The loop sleeps in steps of a second at most (so that SIGTERM is heard).
        assert sum(pauses) == 1 + 2 + 4 + 8 + RETRY_MAX_SECONDS * 4
        assert max(pauses) == 1.0
        assert len(reports) == 1

    def test_an_operational_error_of_one_pass_with_the_database_up_is_its_own(self, registered):
        calls = []

        def timeout(*, now):
            raise OperationalError("canceling statement due to statement timeout")

        registered["timeout"] = timeout
        registered["after"] = counting(calls)
        pauses, reports = run_loop(passes_wanted=1)
        assert pauses == []  # no reconnecting: the database answered
        assert [outcome.ok for outcome in reports[0]] == [True, False, True]
        assert len(calls) == 1

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="a real dropped socket")
    def test_a_connection_dropped_under_the_worker_is_reopened(self, registered):
        dropped = [True]

        def drops(*, now):
            if dropped:
                dropped.pop()
                connection.connection.close()  # behind Django's back, as a restart does
            return {"cases": Case.objects.count()}

        registered["drops"] = drops
        pauses, reports = run_loop(passes_wanted=1)
        assert pauses == [1.0]
        assert reports[0][-1].counts == {"cases": 0}


@pytest.fixture
def fresh_health():
    health.health_cache_clear()
    yield
    health.health_cache_clear()


def heartbeat(name, *, at):
    WorkerPass.objects.update_or_create(name=name, defaults={"last_success_at": at})


class TestHealthz:
    def test_a_fresh_install_says_the_worker_never_ran(self, db, client, fresh_health):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert b"worker: never ran" in response.content

    def test_never_ran_fails_when_a_worker_is_required(self, db, client, fresh_health, settings):
        settings.REDRESS_REQUIRE_WORKER = True
        response = client.get("/healthz")
        assert response.status_code == 503
        assert b"worker: never ran" in response.content

    def test_a_recent_heartbeat_is_healthy(self, db, client, fresh_health):
        heartbeat("cases", at=dt.datetime.now(dt.UTC))
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.content.startswith(b"ok")
        assert b"worker: ok" in response.content

    def test_a_stale_heartbeat_is_unhealthy_and_names_the_pass(
        self, db, client, fresh_health, settings
    ):
        settings.REDRESS_WORKER_STALE_SECONDS = 240
        now = dt.datetime.now(dt.UTC)
        heartbeat("cases", at=now)
        heartbeat("letters", at=now - dt.timedelta(seconds=300))
        response = client.get("/healthz")
        assert response.status_code == 503
        assert b"worker: stale: letters" in response.content

    def test_the_heartbeat_is_read_at_most_once_every_few_seconds(
        self, db, client, fresh_health, django_assert_num_queries
    ):
        client.get("/healthz")
        with django_assert_num_queries(0):
            for _ in range(20):
                assert client.get("/healthz").status_code == 200

    def test_a_database_that_cannot_answer_makes_healthz_fail(
        self, db, client, fresh_health, monkeypatch
    ):
        def unreachable(**_):
            raise OperationalError("connection refused")

        monkeypatch.setattr("redress.clocks.selectors.worker_status", unreachable)
        response = client.get("/healthz")
        assert response.status_code == 503


class TestAdmin:
    def test_the_admin_index_shows_the_worker_status(self, db, admin_client):
        heartbeat("cases", at=dt.datetime.now(dt.UTC))
        response = admin_client.get("/admin/")
        assert b"worker: ok" in response.content
        page = admin_client.get("/admin/clocks/workerpass/")
        assert page.status_code == 200
        assert b"cases" in page.content
