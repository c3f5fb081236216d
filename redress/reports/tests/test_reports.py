from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from redress.cases import services
from redress.cases.testing import submit_case
from redress.core.clock import frozen_at
from redress.orgs.testing import PASSWORD
from redress.reports.opendata import public_statistics
from redress.reports.selectors import dashboard_counts, map_features

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]],
}


def test_dashboard_counts_follow_scope_and_state(cast):
    past = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    with frozen_at(past):
        old = submit_case(jurisdiction=cast.village_a)  # acceptance long overdue
    submit_case(jurisdiction=cast.village_a)
    submit_case(jurisdiction=cast.village_b)
    counts = dashboard_counts(user=cast.a_director)
    assert counts.open == 2 and counts.new == 2 and counts.overdue == 1
    assert dashboard_counts(user=cast.county_director).open == 3
    services.case_accept(case=old, actor=cast.a_handler)
    assert dashboard_counts(user=cast.a_director).overdue == 0


def test_dashboard_page_renders_with_chart_data(client, cast):
    submit_case(jurisdiction=cast.village_a)
    client.login(username="a_director", password=PASSWORD)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="data-months"' in text and 'id="data-areas"' in text


def test_map_data_is_scoped_and_carries_no_personal_data(client, cast):
    cast.village_a.boundary_geojson = SQUARE
    cast.village_a.save()
    from redress.cases.services import ContactDetails

    mine = submit_case(
        jurisdiction=cast.village_a, contact=ContactDetails(name="王秀英", phone="13900000000")
    )
    mine.latitude, mine.longitude = 30.25, 120.15
    mine.save()
    foreign = submit_case(jurisdiction=cast.village_b)
    foreign.latitude, foreign.longitude = 30.5, 120.5
    foreign.save()
    data = map_features(user=cast.a_director)
    ids = {f["properties"]["id"] for f in data["features"] if f["properties"]["kind"] == "case"}
    assert ids == {mine.pk}
    area = next(f for f in data["features"] if f["properties"]["kind"] == "area")
    assert area["properties"]["open"] == 1
    client.login(username="a_director", password=PASSWORD)
    body = client.get(reverse("reports:map_data")).content.decode()
    assert "13900000000" not in body and "王秀英" not in body


def test_public_statistics_hide_counts_under_five(client, cast):
    # The page publishes completed months only: these grievances came in last month.
    cache.clear()
    with frozen_at(dt.datetime(2026, 10, 12, 3, 0, tzinfo=dt.UTC)):
        for _ in range(6):
            submit_case(jurisdiction=cast.village_a)
        for _ in range(2):
            submit_case(jurisdiction=cast.village_b, category_code="pollution", title="排污")
    with frozen_at(dt.datetime(2026, 11, 5, 3, 0, tzinfo=dt.UTC)):
        stats = public_statistics()
        page = client.get(reverse("reports:statistics"), HTTP_ACCEPT_LANGUAGE="zh-CN")
    by_name = {row.name: row.total for row in stats.by_category}
    assert by_name["欠薪"].published == 6 and by_name["欠薪"].exact
    pollution = by_name["环境污染"]
    assert pollution.published == 0 and (pollution.low, pollution.high) == (1, 4)  # 2 is hidden
    areas = {row.name: row.total for row in stats.by_area}
    assert areas["东镇"].published == 6 and areas["西镇"].published == 0
    assert page.status_code == 200
    assert "1–4" in page.content.decode()
    cache.clear()


def test_staff_pages_need_sign_in(client, cast):
    for name in ("reports:dashboard", "reports:map", "reports:map_data"):
        assert client.get(reverse(name)).status_code == 302


def test_counts_by_area_sum_each_townships_places_in_one_query(cast, django_assert_num_queries):
    from redress.cases.models import Case
    from redress.reports.selectors import counts_by_area

    for _ in range(3):
        submit_case(jurisdiction=cast.village_a)
    closed = submit_case(jurisdiction=cast.village_b)
    Case.objects.filter(pk=closed.pk).update(status="closed")
    submit_case(jurisdiction=cast.township_b)
    with django_assert_num_queries(2):  # the areas, and the counts per place
        rows = counts_by_area(Case.objects.all())
    figures = {row["id"]: (row["open"], row["total"]) for row in rows}
    assert figures[cast.township_a.pk] == (3, 3)
    assert figures[cast.township_b.pk] == (1, 2)
    within = counts_by_area(Case.objects.all(), within=cast.township_a)
    assert [row["id"] for row in within] == [cast.township_a.pk]
