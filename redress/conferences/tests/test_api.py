"""The conferences API: schedule, agenda proposal, minutes with decisions becoming action
items, answering items; scoped by unit and role."""

from __future__ import annotations

import pytest

from redress.conferences.models import ActionItem, Attendance, ConferenceMembership
from redress.conferences.testing import township_a_conference
from redress.core.clock import frozen_at
from redress.supervision.testing import DUE, ISSUED

pytestmark = pytest.mark.django_db


def minutes_body(cast, **changes):
    body = {
        "minutes": "研究东村欠薪问题。",
        "attendance": [
            {"unit_id": cast.a_labour.pk, "presence": "present"},
            {"unit_id": cast.a_environment.pk, "presence": "absent"},
        ],
        "decisions": [
            {"text": "督促支付欠薪", "unit_id": cast.a_labour.pk, "working_days": 10},
        ],
    }
    body.update(changes)
    return body


def test_schedule_record_minutes_and_answer_an_item(cast, api_as):
    for unit in (cast.a_labour, cast.a_environment):
        ConferenceMembership.objects.create(jurisdiction=cast.township_a, department=unit)
    director = api_as(cast.a_director)
    with frozen_at(ISSUED):
        created = director.post(
            "/conferences",
            {
                "jurisdiction_id": cast.township_a.pk,
                "kind": "ad_hoc",
                "title": "欠薪专题会",
                "scheduled_at": "2026-03-03T09:00:00+08:00",
            },
            headers={"Idempotency-Key": "c1"},
        )
        assert created.status_code == 201, created.content
        path = f"/conferences/{created.json()['id']}"
        assert director.get(f"{path}/agenda-proposal").status_code == 200
        assert director.post(f"{path}/agenda").status_code == 200
        recorded = director.post(f"{path}/minutes", minutes_body(cast))
    assert recorded.status_code == 200, recorded.content
    conference = recorded.json()
    assert conference["status"] == "held"
    (item,) = conference["action_items"]
    assert item["due_at"].startswith(DUE.date().isoformat())
    handler = api_as(cast.a_handler)
    item_path = f"/action-items/{item['id']}"
    assert handler.post(f"{item_path}/complete", {"text": "已支付"}).status_code == 200
    assert director.post(f"{item_path}/accept", {}).json()["status"] == "accepted"
    assert [e["kind"] for e in director.get(f"{item_path}/events").json()["items"]] == [
        "issued",
        "completion",
        "accepted",
    ]
    assert director.post(f"{path}/approve").json()["status"] == "approved"


def test_bad_minutes_are_refused_by_field_and_write_nothing(cast, api_as):
    conference = township_a_conference(cast)
    director = api_as(cast.a_director)
    path = f"/conferences/{conference.pk}/minutes"
    with frozen_at(ISSUED):
        bad_unit = director.post(
            path,
            minutes_body(
                cast,
                decisions=[
                    {"text": "有效", "unit_id": cast.a_labour.pk, "working_days": 3},
                    {"text": "西镇单位", "unit_id": cast.b_labour.pk, "working_days": 3},
                ],
            ),
        )
        no_deadline = director.post(
            path, minutes_body(cast, decisions=[{"text": "x", "unit_id": cast.a_labour.pk}])
        )
        not_member = director.post(
            path,
            minutes_body(cast, attendance=[{"unit_id": cast.b_labour.pk, "presence": "present"}]),
        )
    assert bad_unit.status_code == 400
    assert bad_unit.json()["detail"][0]["field"] == "decisions[1].unit_id"
    assert no_deadline.json()["detail"][0]["field"] == "decisions[0].due_at"
    assert not_member.json()["detail"][0]["field"] == "attendance"
    assert ActionItem.objects.count() == 0 and Attendance.objects.count() == 0


def test_conferences_and_items_are_scoped(cast, api_as):
    conference = township_a_conference(cast)
    with frozen_at(ISSUED):
        api_as(cast.a_director).post(f"/conferences/{conference.pk}/minutes", minutes_body(cast))
    item = ActionItem.objects.get()
    for user in (cast.b_director, cast.b_handler, cast.liaison):
        caller = api_as(user)
        assert caller.get(f"/conferences/{conference.pk}").status_code == 404
        assert caller.get(f"/action-items/{item.pk}").status_code == 404
        assert caller.post(f"/action-items/{item.pk}/progress", {"text": "x"}).status_code == 404
        assert caller.get("/conferences").json()["count"] == 0
    assert api_as(cast.a_handler).get(f"/conferences/{conference.pk}").status_code == 200


def test_agenda_in_the_api_is_scoped_to_the_viewer(cast, api_as):
    from redress.conferences.tests.test_views import _agenda_across_units

    conference, own, other = _agenda_across_units(cast)
    path = f"/conferences/{conference.pk}"
    with frozen_at(ISSUED):
        handler = api_as(cast.a_handler)
        answers = [handler.get(path), handler.get(f"{path}/agenda-proposal")]
        director = api_as(cast.a_director)
        whole = [director.get(path), director.get(f"{path}/agenda-proposal")]
    for response in answers + whole:
        assert response.status_code == 200
        text = response.content.decode()
        for case in (own, other):
            assert case.display_code not in text and case.tracking_code not in text
    for response in answers:
        text = response.content.decode()
        assert own.title in text and other.title not in text
        body = response.json()
        hidden = body["agenda_hidden"] if "agenda_hidden" in body else body["hidden"]
        assert {(row["unit"]["id"], row["category"]["code"]) for row in hidden if row["count"]} >= {
            (cast.a_environment.pk, other.category.code)
        }
        entries = body["agenda"] if "agenda" in body else body["items"]
        assert all(entry["link_id"] != other.pk for entry in entries)
    for response in whole:
        text = response.content.decode()
        assert own.title in text and other.title in text
