"""The reference caches: hits within the time-to-live, cleared by any save or delete of a
reference row at once in the process that made it, and in every other process within the
check interval (REDRESS_REFERENCE_CHECK_MS) through the shared generation."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from redress.cases.models import Category, RoutingRule
from redress.cases.services import route_department
from redress.core import clock, refcache
from redress.core.models import ReferenceGeneration
from redress.core.refcache import reference_cache, reference_generation

pytestmark = pytest.mark.django_db


def test_cached_function_runs_once_within_ttl(reference_caches_on):
    calls = []

    @reference_cache(ttl=60)
    def square(value: int) -> int:
        calls.append(value)
        return value * value

    assert square(3) == 9 and square(3) == 9 and square(4) == 16
    assert calls == [3, 4]


def test_expired_entries_are_recomputed(reference_caches_on):
    calls = []

    @reference_cache(ttl=0)
    def value() -> int:
        calls.append(1)
        return 1

    value()
    value()
    assert len(calls) == 2


def test_a_new_routing_rule_takes_effect_at_once(
    cast, reference_caches_on, django_assert_num_queries
):
    category = Category.objects.get(code="wage-arrears")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    with django_assert_num_queries(0):
        route_department(category=category, jurisdiction=cast.village_a)
    RoutingRule.objects.create(
        category=category, jurisdiction=cast.township_a, department=cast.a_complaints
    )
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_complaints
    RoutingRule.objects.all().delete()
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour


# Across processes. A second server process is simulated by this one's own caches: filled,
# then, after another "process" changed the rows, put back as that other process would still
# hold them (the signal cleared them here, which it would not do there).


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic(monkeypatch):
    fake = FakeMonotonic()
    monkeypatch.setattr(refcache.time, "monotonic", fake)
    return fake


def _as_another_process_holds_them(change):
    """Run `change` and then restore the caches and the state to what they were before, as a
    process that was not told would still have them."""
    stores = [dict(store) for store in refcache._caches]
    seen, checked = refcache._state.seen_generation, refcache._state.checked_at
    change()
    refcache._thread.changed_in_transaction = False
    for store, saved in zip(refcache._caches, stores, strict=True):
        store.clear()
        store.update(saved)
    refcache._state.seen_generation, refcache._state.checked_at = seen, checked


def test_a_save_in_another_process_is_seen_within_the_check_interval(
    cast, reference_caches_on, monotonic, settings
):
    settings.REDRESS_REFERENCE_CHECK_MS = 1000
    category = Category.objects.get(code="wage-arrears")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    before = reference_generation()
    _as_another_process_holds_them(
        lambda: RoutingRule.objects.create(
            category=category, jurisdiction=cast.township_a, department=cast.a_complaints
        )
    )
    assert reference_generation() == before + 1
    monotonic.now += 0.5  # within the interval the old routing may still be used
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    monotonic.now += 0.501  # past it, never
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_complaints


@pytest.mark.parametrize("model", ["Category", "Department", "Jurisdiction", "CalendarDay"])
def test_every_reference_model_bumps_the_generation(cast, reference_caches_on, model):
    from redress.clocks.models import CalendarDay, DayKind

    before = reference_generation()
    if model == "Category":
        Category.objects.get(code="wage-arrears").save()
    elif model == "Department":
        cast.a_labour.save()
    elif model == "Jurisdiction":
        cast.village_b.delete()
    else:
        CalendarDay.objects.create(
            jurisdiction=cast.province, date=dt.date(2031, 1, 1), kind=DayKind.HOLIDAY
        )
    assert reference_generation() == before + 1


def test_a_bump_made_straight_in_the_database_is_seen_on_the_next_read_with_interval_zero(
    cast, reference_caches_on, settings
):
    settings.REDRESS_REFERENCE_CHECK_MS = 0
    category = Category.objects.get(code="wage-arrears")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    # Another process: the rows and the generation changed, no signal here.
    RoutingRule.objects.bulk_create(
        [RoutingRule(category=category, jurisdiction=cast.township_a, department=cast.a_complaints)]
    )
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {ReferenceGeneration._meta.db_table} SET value = value + 1")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_complaints


def test_rows_of_a_rolled_back_change_are_never_cached(cast, reference_caches_on):
    category = Category.objects.get(code="wage-arrears")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour
    with pytest.raises(RuntimeError), transaction.atomic():
        RoutingRule.objects.create(
            category=category, jurisdiction=cast.township_a, department=cast.a_complaints
        )
        assert route_department(category=category, jurisdiction=cast.village_a) == (
            cast.a_complaints
        )
        raise RuntimeError
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour


# serialized_rollback: the flush after this test must leave the data migrations' rows (and
# content types) as later serialized tests expect them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_on_another_connection_is_seen(cast, reference_caches_on, settings):
    """A second thread has its own database connection, as another process would."""
    settings.REDRESS_REFERENCE_CHECK_MS = 0
    category = Category.objects.get(code="wage-arrears")
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_labour

    now = clock.now()

    def other_process() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {RoutingRule._meta.db_table} "
                    "(category_id, jurisdiction_id, department_id, created_at, updated_at)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    [category.pk, cast.township_a.pk, cast.a_complaints.pk, now, now],
                )
                cursor.execute(f"UPDATE {ReferenceGeneration._meta.db_table} SET value = value + 1")
        finally:
            connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    thread.join()
    assert route_department(category=category, jurisdiction=cast.village_a) == cast.a_complaints


def test_the_command_bumps_the_generation(db):
    before = reference_generation()
    call_command("reference_changed", stdout=io.StringIO())
    assert reference_generation() == before + 1
