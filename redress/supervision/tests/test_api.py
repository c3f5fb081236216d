"""The letters and accountability API: scoped (404 outside the unit), refusals named by field
and writing nothing, idempotent issue."""

from __future__ import annotations

import pytest

from redress.core.clock import frozen_at
from redress.supervision.models import AccountabilityRecord, Letter, LetterEvent
from redress.supervision.testing import ISSUED, WARNING, issued_letter, run_clocks_at

pytestmark = pytest.mark.django_db


def test_issue_answer_accept_over_the_api(cast, api_as):
    director = api_as(cast.county_director)
    body = {
        "unit_id": cast.a_labour.pk,
        "leader_id": cast.county_leader.pk,
        "title": "关于欠薪问题的督办函",
        "required_action": "核清欠薪并督促支付",
        "working_days": 10,
    }
    response = director.post("/letters", body, headers={"Idempotency-Key": "one"})
    assert response.status_code == 201, response.content
    letter = response.json()
    assert letter["status"] == "open" and letter["unit"]["id"] == cast.a_labour.pk
    again = director.post("/letters", body, headers={"Idempotency-Key": "one"})
    assert again.status_code == 200 and again.json()["id"] == letter["id"]
    assert Letter.objects.count() == 1

    leader = api_as(cast.county_leader)
    mine = leader.get("/letters", {"mine": "true"}).json()
    assert [item["id"] for item in mine["items"]] == [letter["id"]]
    handler = api_as(cast.a_handler)
    path = f"/letters/{letter['id']}"
    assert handler.post(f"{path}/progress", {"text": "已约谈"}).status_code == 200
    done = handler.post(f"{path}/complete", {"text": "已支付"})
    assert done.json()["status"] == "completion_reported"
    assert handler.post(f"{path}/accept", {}).status_code == 403
    accepted = director.post(f"{path}/accept", {"note": "同意办结"})
    assert accepted.json()["status"] == "accepted" and accepted.json()["on_time"] is True
    events = director.get(f"{path}/events").json()["items"]
    assert [event["kind"] for event in events] == ["issued", "progress", "completion", "accepted"]


def test_refusals_name_the_field_and_write_nothing(cast, api_as):
    director = api_as(cast.county_director)
    good = {
        "unit_id": cast.a_labour.pk,
        "title": "督办函",
        "required_action": "处理",
        "working_days": 5,
    }
    refusals = [
        ({}, None, "Idempotency-Key"),
        ({"unit_id": 999999}, "k", "unit_id"),
        ({"leader_id": cast.a_handler.pk}, "k", "leader_id"),
        ({"working_days": None}, "k", "due_at"),
        ({"title": ""}, "k", "title"),
        ({"colour": "red"}, "k", "colour"),
    ]
    for change, key, field in refusals:
        headers = {"Idempotency-Key": key} if key else {}
        response = director.post("/letters", {**good, **change}, headers=headers)
        assert response.status_code in (400, 422), (change, response.content)
        assert response.json()["detail"][0]["field"] == field, change
    outsider = api_as(cast.a_director).post(
        "/letters", {**good, "unit_id": cast.b_labour.pk}, headers={"Idempotency-Key": "x"}
    )
    assert outsider.status_code == 400 and outsider.json()["detail"][0]["field"] == "unit_id"
    handler = api_as(cast.a_handler).post("/letters", good, headers={"Idempotency-Key": "y"})
    assert handler.status_code == 403
    assert Letter.objects.count() == 0 and LetterEvent.objects.count() == 0


def test_letters_and_records_are_scoped(cast, api_as):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(WARNING)
    record = AccountabilityRecord.objects.get(letter=letter)
    for user in (cast.b_handler, cast.b_director, cast.a_env_handler, cast.liaison):
        caller = api_as(user)
        assert caller.get(f"/letters/{letter.pk}").status_code == 404
        assert caller.post(f"/letters/{letter.pk}/progress", {"text": "x"}).status_code == 404
        assert caller.get(f"/accountability/{record.pk}").status_code == 404
        assert caller.post(f"/accountability/{record.pk}/respond", {"text": "x"}).status_code == 404
        ids = [item["id"] for item in caller.get("/letters").json()["items"]]
        assert letter.pk not in ids
    assert LetterEvent.objects.filter(obligation=letter, kind="progress").count() == 0


def test_accountability_over_the_api(cast, api_as):
    letter = issued_letter(issuer=cast.county_director, unit=cast.a_labour)
    run_clocks_at(WARNING)
    record = AccountabilityRecord.objects.get(letter=letter)
    handler = api_as(cast.a_handler)
    path = f"/accountability/{record.pk}"
    assert handler.post(f"{path}/respond", {"text": "人手不足"}).json()["status"] == "responded"
    assert handler.post(f"{path}/appeal", {"text": "上级批复延误"}).json()["status"] == "appealed"
    assert handler.post(f"{path}/decide", {"upheld": True, "reason": "x"}).status_code == 403
    decided = api_as(cast.county_director).post(
        f"{path}/decide", {"upheld": False, "reason": "理由不成立"}
    )
    assert decided.json()["status"] == "rejected"
    listed = api_as(cast.auditor).get("/accountability").json()
    assert listed["count"] == 1


def test_the_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/letters",
        "/api/v1/letters/{letter_id}",
        "/api/v1/letters/{letter_id}/send-back",
        "/api/v1/accountability/{record_id}/decide",
        "/api/v1/conferences/{conference_id}/minutes",
        "/api/v1/conferences/{conference_id}/agenda-proposal",
        "/api/v1/action-items/{item_id}/complete",
    ):
        assert path in paths
    header = next(
        p for p in paths["/api/v1/letters"]["post"]["parameters"] if p["name"] == "Idempotency-Key"
    )
    assert header["required"] is True


def test_issue_with_a_past_deadline_is_refused(cast, api_as):
    with frozen_at(ISSUED):
        response = api_as(cast.county_director).post(
            "/letters",
            {
                "unit_id": cast.a_labour.pk,
                "title": "t",
                "required_action": "a",
                "due_at": "2020-01-01T09:00:00+08:00",
            },
            headers={"Idempotency-Key": "past"},
        )
    assert response.status_code == 400 and response.json()["detail"][0]["field"] == "due_at"
