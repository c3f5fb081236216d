"""Pages and API: scoping (404 outside the area or role), the lifecycle through both doors,
field-named errors that write nothing, and the cases behind an alert only as far as the user
may open them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from redress.api.services import api_token_issue
from redress.cases.testing import local_time, submit_case
from redress.core import clock
from redress.earlywarning.models import AlertEvent, AlertStatus
from redress.earlywarning.testing import counts_with_surge, surge_alert
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 5, 20)


@pytest.fixture
def alert(cast, category):
    counts_with_surge(area=cast.village_a, category=category, last_day=DAY)
    return surge_alert(area=cast.village_a, category=category, day=DAY)


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def api(user):
    token = api_token_issue(user=user, name="tests")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})

    def call(method, path, body=None):
        if method == "get":
            return client.get("/api/v1" + path)
        return client.post(
            "/api/v1" + path, json.dumps(body or {}), content_type="application/json"
        )

    return call


@pytest.mark.parametrize("username", ["county_director", "a_director", "county_leader", "auditor"])
def test_staff_covering_the_area_see_the_alert(client, cast, alert, username):
    login(client, username)
    page = client.get(reverse("earlywarning:list")).content.decode()
    assert reverse("earlywarning:detail", args=[alert.pk]) in page
    detail = client.get(reverse("earlywarning:detail", args=[alert.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "<svg" in body and "polyline" in body
    assert "30" in body and "4.0" in body


@pytest.mark.parametrize("username", ["b_director", "a_handler", "a_operator", "liaison"])
def test_others_get_404_and_an_empty_list(client, cast, alert, username):
    login(client, username)
    assert (
        reverse("earlywarning:detail", args=[alert.pk])
        not in client.get(reverse("earlywarning:list")).content.decode()
    )
    assert client.get(reverse("earlywarning:detail", args=[alert.pk])).status_code == 404
    response = client.post(reverse("earlywarning:act", args=[alert.pk, "verify"]), {})
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW


def test_list_filters(client, cast, alert):
    login(client, "county_director")
    url = reverse("earlywarning:list")
    detail = reverse("earlywarning:detail", args=[alert.pk])
    assert detail in client.get(url, {"status": "new"}).content.decode()
    assert detail not in client.get(url, {"status": "closed"}).content.decode()
    assert detail in client.get(url, {"area": cast.township_a.pk}).content.decode()
    assert detail not in client.get(url, {"area": cast.township_b.pk}).content.decode()


def test_cases_behind_an_alert_only_as_far_as_the_user_may_open_them(client, cast, alert):
    with clock.frozen_at(local_time(2026, 5, 20, 10)):
        case = submit_case(jurisdiction=cast.village_a, title="东村工地欠薪")
    login(client, "county_director")
    assert (
        "东村工地欠薪"
        in client.get(reverse("earlywarning:detail", args=[alert.pk])).content.decode()
    )
    # A leader sees only escalated cases; the alert's numbers, not this case.
    client.logout()
    login(client, "county_leader")
    page = client.get(reverse("earlywarning:detail", args=[alert.pk])).content.decode()
    assert "东村工地欠薪" not in page
    assert reverse("cases:detail", args=[case.pk]) not in page


def test_page_lifecycle_and_a_field_named_refusal(client, cast, alert):
    login(client, "a_director")
    act = "earlywarning:act"
    response = client.post(reverse(act, args=[alert.pk, "dismiss"]), {"reason": ""})
    assert response.status_code == 400
    assert AlertEvent.objects.filter(alert=alert).count() == 1
    response = client.post(reverse(act, args=[alert.pk, "close"]), {"note": "done"})
    assert response.status_code == 400
    assert 'id="step-errors"' in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW
    assert client.post(reverse(act, args=[alert.pk, "verify"]), {"note": ""}).status_code == 302
    response = client.post(
        reverse(act, args=[alert.pk, "action"]),
        {"action_kind": "supervision letter", "reference": "督办〔2026〕3号"},
    )
    assert response.status_code == 302
    assert client.post(reverse(act, args=[alert.pk, "close"]), {"note": "Paid."}).status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.action_reference) == (AlertStatus.CLOSED, "督办〔2026〕3号")


def test_action_naming_a_case_outside_the_area_is_404(client, cast, alert):
    other = submit_case(jurisdiction=cast.village_b)
    login(client, "a_director")
    client.post(reverse("earlywarning:act", args=[alert.pk, "verify"]), {})
    response = client.post(
        reverse("earlywarning:act", args=[alert.pk, "action"]),
        {"action_kind": "case action", "case_id": other.pk},
    )
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.status == AlertStatus.VERIFIED


def test_map_layer_lists_open_alert_areas(client, cast, alert):
    cast.village_a.latitude, cast.village_a.longitude = 30.1, 120.2
    cast.village_a.save()
    login(client, "county_director")
    data = client.get(reverse("earlywarning:map_data")).json()
    assert [f["properties"]["id"] for f in data["features"]] == [cast.village_a.pk]
    assert client.get(reverse("earlywarning:map")).status_code == 200
    client.logout()
    login(client, "b_director")
    assert client.get(reverse("earlywarning:map_data")).json()["features"] == []


def test_api_list_detail_and_lifecycle(cast, alert):
    call = api(cast.county_director)
    listing = call("get", "/alerts").json()
    assert [item["id"] for item in listing["items"]] == [alert.pk]
    detail = call("get", f"/alerts/{alert.pk}").json()
    assert detail["observed"] == 30.0 and len(detail["series"]["dates"]) == 120
    assert call("get", "/alerts?status=closed").json()["count"] == 0

    response = call("post", f"/alerts/{alert.pk}/close", {"note": "x"})
    assert response.status_code == 409
    response = call("post", f"/alerts/{alert.pk}/dismiss", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "reason"
    response = call("post", f"/alerts/{alert.pk}/verify", {"nope": 1})
    assert response.status_code == 422
    assert call("post", f"/alerts/{alert.pk}/verify", {"note": "ok"}).json()["status"] == "verified"
    case = submit_case(jurisdiction=cast.village_a)
    response = call(
        "post",
        f"/alerts/{alert.pk}/action",
        {"action_kind": "case action", "case_id": case.pk, "note": "Assigned to labour."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["action_case_id"] == case.pk
    assert (
        call("post", f"/alerts/{alert.pk}/close", {"note": "Fixed."}).json()["status"] == "closed"
    )


def test_api_scoping(cast, alert):
    assert api(cast.b_director)("get", f"/alerts/{alert.pk}").status_code == 404
    assert api(cast.b_director)("get", "/alerts").json()["count"] == 0
    assert api(cast.a_handler)("post", f"/alerts/{alert.pk}/verify", {}).status_code == 404
    response = api(cast.auditor)("post", f"/alerts/{alert.pk}/verify", {})
    assert response.status_code == 403
    other = submit_case(jurisdiction=cast.village_b)
    call = api(cast.a_director)
    call("post", f"/alerts/{alert.pk}/verify", {})
    response = call("post", f"/alerts/{alert.pk}/action", {"action_kind": "x", "case_id": other.pk})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "case_id"
    alert.refresh_from_db()
    assert alert.status == AlertStatus.VERIFIED


def test_list_page_queries_do_not_grow_with_alerts(
    client, cast, category, django_assert_max_num_queries
):
    for offset in range(12):
        surge_alert(
            area=cast.village_a, category=category, day=DAY - dt.timedelta(days=20 * offset)
        )
    login(client, "county_director")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("earlywarning:list"))
    assert response.content.decode().count("/staff/alerts/") >= 12
    call = api(cast.county_director)
    with django_assert_max_num_queries(8):
        assert call("get", "/alerts").json()["count"] == 12
