"""A token acts as its user and sees exactly what they see: a township handler's token reaches
only their own township's cases, in lists, by id and in request bodies."""

from __future__ import annotations

import pytest

from redress.cases.models import CaseEvent, CaseStatus
from redress.cases.testing import submit_case, unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(cast):
    return submit_case(jurisdiction=cast.village_a), submit_case(jurisdiction=cast.village_b)


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_a_township_handlers_token_lists_only_that_townships_cases(cast, api_as, two_cases):
    case_a, case_b = two_cases
    assert ids(api_as(cast.a_handler).get("/cases")) == {case_a.pk}
    assert ids(api_as(cast.b_handler).get("/cases")) == {case_b.pk}
    assert api_as(cast.a_handler).get("/cases").json()["count"] == 1


def test_another_townships_case_is_404_everywhere(cast, api_as, two_cases):
    _case_a, case_b = two_cases
    api = api_as(cast.a_handler)
    for path in (
        f"/cases/{case_b.pk}",
        f"/cases/{case_b.pk}/events",
        f"/cases/{case_b.pk}/actions",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"][0]["code"] == "not_found"
    events_before = CaseEvent.objects.count()
    for action, body in [
        ("accept", {}),
        ("decline", {"reason": "不属于本单位"}),
        ("note", {"note": "看一看"}),
    ]:
        response = api.post(f"/cases/{case_b.pk}/actions/{action}", body)
        assert response.status_code == 404, action
    assert api.post(f"/cases/{case_b.pk}/contact", {"reason": "回访核实"}).status_code == 404
    case_b.refresh_from_db()
    assert case_b.status == CaseStatus.RECEIVED
    assert CaseEvent.objects.count() == events_before


def test_a_county_director_sees_both_townships(cast, api_as, two_cases):
    case_a, case_b = two_cases
    api = api_as(cast.county_director)
    assert ids(api.get("/cases")) == {case_a.pk, case_b.pk}
    for case in two_cases:
        assert api.get(f"/cases/{case.pk}").json()["tracking_code"] == case.display_code


def test_a_township_director_sees_only_their_township(cast, api_as, two_cases):
    case_a, _case_b = two_cases
    assert ids(api_as(cast.a_director).get("/cases")) == {case_a.pk}


def test_roles_without_cases_see_none(cast, api_as, two_cases):
    for user in (cast.auditor, cast.liaison, cast.county_leader):
        assert ids(api_as(user).get("/cases")) == set()


def test_filters_cannot_reach_outside_the_area(cast, api_as, two_cases):
    api = api_as(cast.a_director)
    response = api.get("/cases", {"jurisdiction": cast.township_b.pk})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "jurisdiction"
    response = api.get("/cases", {"department": cast.b_labour.pk})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "department"


def test_objects_named_in_bodies_go_through_the_scope(cast, api_as, two_cases):
    case_a, case_b = two_cases
    handler = api_as(cast.a_handler)
    with unchanged(case_a, case_b):
        response = handler.post(
            f"/cases/{case_a.pk}/actions/transfer",
            {"department_id": cast.b_labour.pk, "reason": "应由西镇处理"},
        )
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "department_id"
        response = handler.post(f"/cases/{case_a.pk}/actions/link", {"other_case_id": case_b.pk})
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "other_case_id"

    director = api_as(cast.a_director)
    director.post(f"/cases/{case_a.pk}/actions/accept", {})
    with unchanged(case_a):
        # b_handler is a handler, but not of the department the case is assigned to.
        response = director.post(
            f"/cases/{case_a.pk}/actions/assign",
            {"department_id": cast.a_labour.pk, "assignee_id": cast.b_handler.pk},
        )
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "assignee_id"
        response = director.post(
            f"/cases/{case_a.pk}/actions/merge", {"other_case_id": case_b.pk, "reason": "同一事"}
        )
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "other_case_id"


def test_reference_lists_are_scoped(cast, api_as):
    api = api_as(cast.a_handler)
    places = {item["id"] for item in api.get("/jurisdictions").json()["items"]}
    assert cast.township_a.pk in places and cast.village_a.pk in places
    assert cast.county.pk in places  # the chain above, to transfer upwards
    assert cast.township_b.pk not in places and cast.village_b.pk not in places
    assert api.get(f"/jurisdictions/{cast.township_b.pk}").status_code == 404
    departments = {item["id"] for item in api.get("/departments").json()["items"]}
    assert cast.a_labour.pk in departments and cast.county_labour.pk in departments
    assert cast.b_labour.pk not in departments
    assert api.get(f"/departments/{cast.b_labour.pk}").status_code == 404
    assert api.get(f"/departments/{cast.a_labour.pk}").json()["jurisdiction"]["id"] == (
        cast.township_a.pk
    )
