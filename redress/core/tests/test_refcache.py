"""The per-process reference cache: hits within the time-to-live, cleared by any save or delete
of a reference row, so configuration changes take effect at once in the process that made
them."""

from __future__ import annotations

import pytest

from redress.cases.models import Category, RoutingRule
from redress.cases.services import route_department
from redress.core.refcache import reference_cache, set_reference_caches_enabled

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on():
    set_reference_caches_enabled(True)
    yield
    set_reference_caches_enabled(False)


def test_cached_function_runs_once_within_ttl(caches_on):
    calls = []

    @reference_cache(ttl=60)
    def square(value: int) -> int:
        calls.append(value)
        return value * value

    assert square(3) == 9 and square(3) == 9 and square(4) == 16
    assert calls == [3, 4]


def test_expired_entries_are_recomputed(caches_on):
    calls = []

    @reference_cache(ttl=0)
    def value() -> int:
        calls.append(1)
        return 1

    value()
    value()
    assert len(calls) == 2


def test_a_new_routing_rule_takes_effect_at_once(cast, caches_on, django_assert_num_queries):
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
