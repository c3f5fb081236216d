"""Entering a grievance through the API: the same case_submit as every other door, an
Idempotency-Key on every create, contact details into the vault and never back out, and bad
input refused with the field named and nothing written."""

from __future__ import annotations

import pytest

from redress.cases.models import Case, CaseEvent, CategoryField, EventKind
from redress.cases.services.contact import contact_read
from redress.contacts.models import ComplainantContact

pytestmark = pytest.mark.django_db


@pytest.fixture
def grievance(cast):
    return {
        "title": "小区供暖温度不达标",
        "description": "东村小区十二月以来室温不足十六度，物业不予处理。",
        "category": "public-services",
        "jurisdiction_id": cast.village_a.pk,
        "channel": "hotline",
        "people_affected": 80,
        "location_text": "东村小区3号楼",
        "latitude": 30.25,
        "longitude": 120.15,
    }


def create(api, body, key="key-1"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return api.post("/cases", body, headers=headers)


def test_an_operator_enters_a_grievance(cast, api_as, grievance):
    grievance["contact"] = {"name": "李四", "phone": "139 0000 1111", "email": "li@example.org"}
    grievance["consent_to_contact"] = True
    response = create(api_as(cast.a_operator), grievance)
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get()
    assert body["id"] == case.pk and body["tracking_code"] == case.display_code
    assert body["status"] == "received" and body["channel"] == "hotline"
    assert body["people_affected"] == 80 and body["is_anonymous"] is False
    for secret in ("李四", "139 0000 1111", "li@example.org"):
        assert secret not in response.content.decode()
    submitted = CaseEvent.objects.get(case=case)
    assert submitted.kind == EventKind.SUBMITTED and submitted.actor == cast.a_operator
    assert case.created_by == cast.a_operator
    revealed = contact_read(user=cast.a_director, case=case, reason="回访核实情况")
    assert revealed is not None and revealed.phone == "139 0000 1111"


def test_the_same_key_and_grievance_answer_the_first_case(cast, api_as, grievance):
    api = api_as(cast.a_operator)
    first = create(api, grievance)
    again = create(api, grievance)
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Case.objects.count() == 1


def test_the_same_key_with_another_grievance_is_a_conflict(cast, api_as, grievance):
    api = api_as(cast.a_operator)
    create(api, grievance)
    response = create(api, {**grievance, "title": "另一件事"})
    assert response.status_code == 409
    error = response.json()["detail"][0]
    assert error["field"] == "Idempotency-Key" and error["code"] == "idempotency_conflict"
    assert Case.objects.count() == 1


def test_keys_belong_to_their_user(cast, api_as, grievance):
    create(api_as(cast.a_operator), grievance)
    response = create(api_as(cast.a_director), grievance)
    assert response.status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.parametrize("key", [None, "", "  ", "x" * 201, "ключ"])
def test_every_create_needs_a_usable_key(cast, api_as, grievance, key):
    response = create(api_as(cast.a_operator), grievance, key=key)
    assert response.status_code in (400, 422)
    assert response.json()["detail"][0]["field"] == "Idempotency-Key"
    assert not Case.objects.exists()


def test_only_operators_and_directors_enter_grievances(cast, api_as, grievance):
    for user in (cast.a_handler, cast.auditor, cast.liaison):
        response = create(api_as(user), grievance)
        assert response.status_code == 403
    assert not Case.objects.exists()


BAD_INPUT = [
    ({"title": None}, "title"),
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": "长" * 201}, "title"),
    ({"title": 42}, "title"),
    ({"description": "x" * 5001}, "description"),
    ({"category": "no-such-category"}, "category"),
    ({"category": ["public-services"]}, "category"),
    ({"jurisdiction_id": "east"}, "jurisdiction_id"),
    ({"jurisdiction_id": 10**19}, "jurisdiction_id"),
    ({"channel": "web"}, "channel"),
    ({"latitude": 91}, "latitude"),
    ({"longitude": -180.5}, "longitude"),
    ({"latitude": "north"}, "latitude"),
    ({"longitude": None}, "latitude"),
    ({"people_affected": 0}, "people_affected"),
    ({"people_affected": "many"}, "people_affected"),
    ({"people_affected": 1.5}, "people_affected"),
    ({"urgency": "panic"}, "urgency"),
    ({"location_text": "x" * 301}, "location_text"),
    ({"extra_fields": {"no_such_question": "1"}}, "extra_fields.no_such_question"),
    ({"extra_fields": {"q": {"nested": 1}}}, "extra_fields.q"),
    ({"contact": {"phone": "call me"}, "consent_to_contact": True}, "contact.phone"),
    ({"contact": {"email": "not-an-address"}, "consent_to_contact": True}, "contact.email"),
    ({"contact": {"name": "王五"}}, "consent_to_contact"),
    ({"contact": {"fax": "1"}}, "contact.fax"),
    ({"priority": "high"}, "priority"),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUT)
def test_bad_input_names_the_field_and_writes_nothing(cast, api_as, grievance, change, field):
    response = create(api_as(cast.a_operator), {**grievance, **change})
    assert response.status_code in (400, 422), response.content
    assert response["Content-Type"].startswith("application/json")
    assert field in [error["field"] for error in response.json()["detail"]], response.json()
    assert not Case.objects.exists()
    assert not ComplainantContact.objects.exists()


def test_missing_fields_are_each_named(cast, api_as):
    response = create(api_as(cast.a_operator), {})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["detail"]}
    assert fields == {"title", "description", "category", "jurisdiction_id", "channel"}


def test_a_place_outside_the_users_area_is_refused(cast, api_as, grievance):
    api = api_as(cast.a_operator)
    for place in (cast.village_b, cast.county):  # a sibling's village; the county above
        response = create(api, {**grievance, "jurisdiction_id": place.pk})
        assert response.status_code == 400
        assert response.json()["detail"][0]["field"] == "jurisdiction_id"
    assert not Case.objects.exists()


def test_answers_to_a_categorys_questions(cast, api_as, grievance):
    category_field = CategoryField.objects.create(
        category_id=grievance_category_id(),
        code="households",
        datatype="number",
        required=True,
        label_zh="受影响户数",
        label_en="Households affected",
    )
    api = api_as(cast.a_operator)
    response = create(api, {**grievance, "extra_fields": {"households": "many"}})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "extra_fields.households"
    response = create(api, grievance, key="key-2")
    assert response.json()["detail"][0]["field"] == "extra_fields.households"
    response = create(api, {**grievance, "extra_fields": {"households": 40}}, key="key-3")
    assert response.status_code == 201
    assert response.json()["extra_fields"] == {category_field.code: 40}


def grievance_category_id():
    from redress.cases.models import Category

    return Category.objects.get(code="public-services").pk


@pytest.mark.parametrize(
    "moment", ["2026-02-30T00:00:00", "0001-01-01T00:00:00+08:00", "2026-01-01T00:00+25:00"]
)
def test_impossible_dates_in_extra_fields_are_refused(cast, api_as, grievance, moment):
    CategoryField.objects.create(
        category_id=grievance_category_id(), code="since", datatype="datetime", label_zh="起"
    )
    response = create(api_as(cast.a_operator), {**grievance, "extra_fields": {"since": moment}})
    assert response.status_code == 400, response.content
    assert response.json()["detail"][0]["field"] == "extra_fields.since"
    assert not Case.objects.exists()
