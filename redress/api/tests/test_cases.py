"""Reading cases: the list's filters, search in Chinese and English, ordering and paging, one
case (never its contact details), its timeline, and the number of queries a page costs."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.models import CaseStatus
from redress.cases.services import ContactDetails, case_accept
from redress.cases.testing import submit_case
from redress.core import clock

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def cases(cast):
    wages = submit_case(jurisdiction=cast.village_a, title="工地拖欠工资三个月")
    dust = submit_case(
        jurisdiction=cast.village_a,
        category_code="pollution",
        title="Dust from the CEMENT plant",
    )
    west = submit_case(jurisdiction=cast.village_b, title="西村厂房欠薪")
    return wages, dust, west


def test_filters(cast, api_as, cases):
    wages, dust, west = cases
    case_accept(case=wages, actor=cast.a_handler)
    api = api_as(cast.county_director)
    assert set(ids(api.get("/cases"))) == {wages.pk, dust.pk, west.pk}
    assert ids(api.get("/cases", {"status": "accepted"})) == [wages.pk]
    assert set(ids(api.get("/cases", {"status": "open"}))) == {wages.pk, dust.pk, west.pk}
    assert ids(api.get("/cases", {"status": "closed"})) == []
    assert ids(api.get("/cases", {"category": "pollution"})) == [dust.pk]
    assert set(ids(api.get("/cases", {"jurisdiction": cast.township_a.pk}))) == {
        wages.pk,
        dust.pk,
    }
    assert ids(api.get("/cases", {"jurisdiction": cast.township_b.pk})) == [west.pk]
    assert ids(api.get("/cases", {"department": cast.b_labour.pk})) == [west.pk]


def test_unknown_filter_values_name_the_filter(cast, api_as, cases):
    api = api_as(cast.county_director)
    for params, field in [
        ({"status": "lost"}, "status"),
        ({"category": "no-such-thing"}, "category"),
        ({"jurisdiction": 10**6}, "jurisdiction"),
        ({"jurisdiction": "east"}, "jurisdiction"),
        ({"due_before": "yesterday"}, "due_before"),
        ({"due_after": "0001-01-01T00:00:00+14:00"}, "due_after"),
        ({"overdue": "maybe"}, "overdue"),
        ({"ordering": "title"}, "ordering"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
        ({"q": "工资\x00"}, "q"),
    ]:
        response = api.get("/cases", params)
        assert response.status_code in (400, 422), params
        assert response.json()["detail"][0]["field"] == field, (params, response.json())


def test_deadline_filters(cast, api_as, cases):
    wages, dust, west = cases
    api = api_as(cast.county_director)
    wages.due_at = clock.now() - dt.timedelta(days=1)
    wages.save()
    west.due_at = clock.now() + dt.timedelta(days=40)
    west.save()
    assert ids(api.get("/cases", {"overdue": "true"})) == [wages.pk]
    assert set(ids(api.get("/cases", {"overdue": "false"}))) == {dust.pk, west.pk}
    cutoff = (clock.now() + dt.timedelta(days=30)).isoformat()
    assert set(ids(api.get("/cases", {"due_before": cutoff}))) == {wages.pk, dust.pk}
    assert ids(api.get("/cases", {"due_after": cutoff})) == [west.pk]


def test_search_in_chinese_and_english(cast, api_as, cases):
    wages, dust, west = cases
    api = api_as(cast.county_director)
    # Chinese has no spaces: a term matches anywhere inside the text.
    assert ids(api.get("/cases", {"q": "拖欠"})) == [wages.pk]
    assert set(ids(api.get("/cases", {"q": "欠"}))) == {wages.pk, west.pk}
    # Terms are ANDed, each in the title or the description (which every case here shares).
    assert len(ids(api.get("/cases", {"q": "包工头"}))) == 3
    assert ids(api.get("/cases", {"q": "拖欠 包工头"})) == [wages.pk]
    assert ids(api.get("/cases", {"q": "拖欠 水泥"})) == []
    # English ignores case.
    assert ids(api.get("/cases", {"q": "cement"})) == [dust.pk]
    assert ids(api.get("/cases", {"q": "DUST plant"})) == [dust.pk]
    # LIKE wildcards are literal characters.
    assert ids(api.get("/cases", {"q": "%"})) == []
    assert ids(api.get("/cases", {"q": "_"})) == []


def test_ordering_and_pages(cast, api_as, cases):
    wages, dust, west = cases
    api = api_as(cast.county_director)
    wages.due_at = None
    wages.save()
    assert ids(api.get("/cases", {"ordering": "-submitted_at"})) == [west.pk, dust.pk, wages.pk]
    # No deadline sorts last, both ways.
    assert ids(api.get("/cases", {"ordering": "due_at"}))[-1] == wages.pk
    assert ids(api.get("/cases", {"ordering": "-due_at"}))[-1] == wages.pk
    page = api.get("/cases", {"ordering": "id", "limit": 2, "offset": 1}).json()
    assert page["count"] == 3 and page["limit"] == 2 and page["offset"] == 1
    assert [item["id"] for item in page["items"]] == [dust.pk, west.pk]


def test_detail_never_carries_contact_details(cast, api_as):
    case = submit_case(
        jurisdiction=cast.village_a,
        contact=ContactDetails(name="王小明", phone="13800138000", email="wang@example.org"),
    )
    api = api_as(cast.a_handler)
    for response in (
        api.get(f"/cases/{case.pk}"),
        api.get("/cases"),
        api.get(f"/cases/{case.pk}/events"),
    ):
        text = response.content.decode()
        assert response.status_code == 200
        for secret in ("王小明", "13800138000", "wang@example.org"):
            assert secret not in text
    body = api.get(f"/cases/{case.pk}").json()
    assert body["is_anonymous"] is False
    assert body["tracking_code"] == case.display_code
    assert body["category"] == {
        "code": "wage-arrears",
        "name_zh": "欠薪",
        "name_en": "Wage arrears",
    }
    assert body["department"]["id"] == cast.a_labour.pk
    assert body["status"] == "received" and body["clock_stage"] == "acceptance"


def test_timeline(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    api = api_as(cast.a_handler)
    api.post(f"/cases/{case.pk}/actions/accept", {"note": "受理"})
    events = api.get(f"/cases/{case.pk}/events").json()["items"]
    assert [event["kind"] for event in events] == ["submitted", "accepted"]
    accepted = events[1]
    assert accepted["actor"] == {"id": cast.a_handler.pk, "display_name": "a_handler"}
    assert accepted["from_status"] == "received" and accepted["to_status"] == "accepted"
    assert accepted["note"] == "受理" and accepted["is_public"] is True
    assert events[0]["actor"] is None and events[0]["actor_label"] == "public"


def test_the_list_costs_the_same_queries_for_many_cases(
    cast, api_as, django_assert_max_num_queries
):
    api = api_as(cast.county_director)
    api.get("/cases")  # the token's first use records it
    for index in range(12):
        case = submit_case(jurisdiction=cast.village_a if index % 2 else cast.village_b)
        if index % 3 == 0:
            case_accept(case=case, actor=cast.county_director)
    # Token and user; the count; the page (category, place, department and assignee joined).
    with django_assert_max_num_queries(4):
        response = api.get("/cases", {"q": "工资", "status": "open"})
    assert len(response.json()["items"]) == 12
    assert CaseStatus.ACCEPTED in {item["status"] for item in response.json()["items"]}
