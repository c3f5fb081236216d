"""The liaison API: scoped lists, creates with an Idempotency-Key, field-named refusals,
the one-click case and the major-risk fast lane."""

from __future__ import annotations

import pytest
from django.core import mail

from redress.cases.models import Case
from redress.cases.testing import local_time
from redress.core import clock
from redress.liaison.models import Notification, WeeklyReport

pytestmark = pytest.mark.django_db

NOW = local_time(2026, 1, 9, 15)


def body(cast, post, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "post_id": post.pk,
        "week_start": "2026-01-05",
        "matters": [
            {
                "category": "wage-arrears",
                "place_id": cast.village_a.pk,
                "place_text": "村东砖厂",
                "people_affected": 30,
                "description": "砖厂拖欠工资。",
            },
            {
                "category": "pollution",
                "place_id": cast.village_a.pk,
                "people_affected": 100,
                "description": "河道有异味。",
            },
        ],
    }
    data.update(overrides)
    return data


def test_liaison_files_a_report_and_a_retry_returns_it(cast, post, api_as):
    api = api_as(cast.liaison)
    with clock.frozen_at(NOW):
        first = api.post("/liaison/reports", body(cast, post), headers={"Idempotency-Key": "r-1"})
        again = api.post("/liaison/reports", body(cast, post), headers={"Idempotency-Key": "r-1"})
    assert first.status_code == 201, first.content
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert first.json()["week"] == "2026-W02" and len(first.json()["matters"]) == 2
    assert WeeklyReport.objects.count() == 1


def test_refusals_name_the_field_and_write_nothing(cast, post, api_as):
    api = api_as(cast.liaison)
    with clock.frozen_at(NOW):
        missing_key = api.post("/liaison/reports", body(cast, post))
        both = api.post(
            "/liaison/reports",
            body(cast, post, nothing_to_report=True),
            headers={"Idempotency-Key": "r-2"},
        )
        outside = body(cast, post)
        outside["matters"][1]["place_id"] = cast.village_b.pk
        elsewhere = api.post("/liaison/reports", outside, headers={"Idempotency-Key": "r-3"})
        person = body(cast, post)
        person["matters"][0]["person_name"] = "x"
        extra = api.post("/liaison/reports", person, headers={"Idempotency-Key": "r-4"})
    assert missing_key.status_code == 400
    assert missing_key.json()["detail"][0]["field"] == "Idempotency-Key"
    assert both.status_code == 400 and both.json()["detail"][0]["field"] == "nothing_to_report"
    assert elsewhere.status_code == 400
    assert elsewhere.json()["detail"][0]["field"] == "matters[1].place_id"
    assert extra.status_code == 422
    assert WeeklyReport.objects.count() == 0


def test_reports_are_scoped(cast, post, api_as):
    with clock.frozen_at(NOW):
        created = api_as(cast.liaison).post(
            "/liaison/reports", body(cast, post), headers={"Idempotency-Key": "r-5"}
        )
    report_id = created.json()["id"]
    assert api_as(cast.a_director).get(f"/liaison/reports/{report_id}").status_code == 200
    assert api_as(cast.b_director).get(f"/liaison/reports/{report_id}").status_code == 404
    assert api_as(cast.a_handler).get(f"/liaison/reports/{report_id}").status_code == 404
    assert api_as(cast.b_director).get("/liaison/reports").json()["count"] == 0
    assert api_as(cast.b_director).get("/liaison/posts").json()["items"] == []
    matter_id = created.json()["matters"][0]["id"]
    assert api_as(cast.b_director).post(f"/liaison/matters/{matter_id}/case").status_code == 404
    assert Case.objects.count() == 0


def test_director_turns_a_matter_into_a_case_once(cast, post, api_as):
    with clock.frozen_at(NOW):
        created = api_as(cast.liaison).post(
            "/liaison/reports", body(cast, post), headers={"Idempotency-Key": "r-6"}
        )
    matter_id = created.json()["matters"][0]["id"]
    director = api_as(cast.a_director)
    first = director.post(f"/liaison/matters/{matter_id}/case")
    second = director.post(f"/liaison/matters/{matter_id}/case")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["case_id"] == second.json()["case_id"]
    assert Case.objects.count() == 1


def test_major_risk_via_the_api(cast, post, api_as, django_capture_on_commit_callbacks):
    cast.a_director.email = "director@example.org"
    cast.a_director.save()
    payload = {
        "post_id": post.pk,
        "category": "land-compensation",
        "place_id": cast.village_a.pk,
        "people_affected": 300,
        "description": "征地补偿争议，村民聚集。",
    }
    with clock.frozen_at(NOW), django_capture_on_commit_callbacks(execute=True):
        response = api_as(cast.liaison).post(
            "/liaison/major-risk", payload, headers={"Idempotency-Key": "m-1"}
        )
    assert response.status_code == 201, response.content
    assert Case.objects.get().urgency == "urgent"
    assert Notification.objects.filter(recipient=cast.a_director).count() == 1
    assert len(mail.outbox) == 1
    refused = api_as(cast.a_director).post(
        "/liaison/major-risk", payload, headers={"Idempotency-Key": "m-2"}
    )
    assert refused.status_code == 403  # the director sees the post but does not hold it
    outsider = api_as(cast.b_director).post(
        "/liaison/major-risk", payload, headers={"Idempotency-Key": "m-3"}
    )
    assert outsider.status_code == 400 and outsider.json()["detail"][0]["field"] == "post_id"
    assert Case.objects.count() == 1


def test_completeness_endpoint_scoped(cast, post, api_as):
    with clock.frozen_at(local_time(2026, 2, 2, 13)):
        response = api_as(cast.county_director).get(
            "/liaison/completeness", {"start": "2026-01-01", "end": "2026-01-31"}
        )
        assert response.status_code == 200
        assert response.json()["total"]["due"] == 4
        assert response.json()["posts"][0]["missing_weeks"][0] == "2026-01-05"
        assert (
            api_as(cast.a_director)
            .get("/liaison/completeness", {"jurisdiction_id": cast.township_b.pk})
            .status_code
            == 404
        )
        assert api_as(cast.liaison).get("/liaison/completeness").status_code == 404


def test_openapi_lists_the_liaison_and_score_paths(cast, api_as):
    schema = api_as(cast.liaison).get("/openapi.json").json()
    for path in (
        "/api/v1/liaison/reports",
        "/api/v1/liaison/major-risk",
        "/api/v1/liaison/posts",
        "/api/v1/scores/runs",
        "/api/v1/scores/cards/{card_id}",
    ):
        assert path in schema["paths"]
