"""Who may comment on a request, and what the public may read of the office's answers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from redress.cases import services
from redress.cases.models import Case, Category, EventKind
from redress.cases.testing import submit_case, unchanged
from redress.open311.keys import api_client_create
from redress.open311.models import ApiClient

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
ANSWER = "已约谈包工头张某，5月3日前补发工资12万元"
GENERIC = "The case has been answered."


@pytest.fixture
def keys(cast):
    cache.clear()
    cast.county.code = "330100"
    cast.county.save()
    _a, key_a = api_client_create(name="client A")
    _b, key_b = api_client_create(name="client B")
    crm, key_crm = api_client_create(name="office CRM")
    ApiClient.objects.filter(pk=crm.pk).update(may_comment_on_all=True)
    return {"a": key_a, "b": key_b, "crm": key_crm}


def _submit(client, key: str) -> Case:
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "jurisdiction_id": "330100",
            "service_code": "wage-arrears",
            "address_string": "东村工地",
            "description": "工地拖欠工资三个月",
        },
    )
    assert response.status_code == 200, response.content
    return Case.objects.get(pk=json.loads(response.content)[0]["service_request_id"])


def _comment(client, key: str, case: Case, fmt: str = "json"):
    return client.post(
        f"{BASE}/servicerequestupdates.{fmt}",
        {"api_key": key, "service_request_id": str(case.pk), "description": "工资还没到账"},
    )


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_key_may_not_comment_on_another_keys_request(client, keys, fmt):
    case = _submit(client, keys["a"])
    with unchanged(case):
        response = _comment(client, keys["b"], case, fmt)
    assert response.status_code == 403
    if fmt == "json":
        error = json.loads(response.content)[0]
        assert error["code"] == 403 and str(case.pk) in error["description"]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors" and str(case.pk) in root.findtext("error/description")
    assert "工资还没到账" not in client.get(f"/track/{case.tracking_code}/").content.decode()


def test_a_key_may_not_comment_on_a_case_from_another_door(client, keys, cast):
    case = submit_case(jurisdiction=cast.village_a)
    with unchanged(case):
        assert _comment(client, keys["a"], case).status_code == 403


def test_the_submitting_key_may_comment(client, keys):
    case = _submit(client, keys["a"])
    assert _comment(client, keys["a"], case).status_code == 200
    assert case.events.filter(kind=EventKind.COMMENT, note="工资还没到账").exists()
    assert "工资还没到账" in client.get(f"/track/{case.tracking_code}/").content.decode()


def test_a_key_granted_more_may_comment_on_every_request(client, keys, cast):
    for case in (_submit(client, keys["a"]), submit_case(jurisdiction=cast.village_a)):
        assert _comment(client, keys["crm"], case).status_code == 200
        assert case.events.filter(kind=EventKind.COMMENT).count() == 1


def test_an_idempotent_retry_keeps_the_request_its_clients(client, keys):
    params = {
        "api_key": keys["a"],
        "jurisdiction_id": "330100",
        "service_code": "wage-arrears",
        "address_string": "东村工地",
        "description": "工地拖欠工资三个月",
    }
    for _ in range(2):
        response = client.post(f"{BASE}/requests.json", params, HTTP_IDEMPOTENCY_KEY="k1")
        assert response.status_code == 200
    case = Case.objects.get()
    assert _comment(client, keys["a"], case).status_code == 200


# What the public reads of an answer.


def _answered(cast, *, public: bool | None = None, category_public: bool = False) -> Case:
    Category.objects.filter(code="wage-arrears").update(answers_public_by_default=category_public)
    case = submit_case(jurisdiction=cast.village_a)
    services.case_accept(case=case, actor=cast.a_handler)
    return services.case_resolve(case=case, actor=cast.a_handler, answer=ANSWER, public=public)


def _notes(client, path: str, fmt: str, field: str, **params) -> list[str]:
    response = client.get(f"{BASE}/{path}.{fmt}", params)
    assert response.status_code == 200
    if fmt == "json":
        return [item[field] for item in json.loads(response.content)]
    return [element.text or "" for element in ET.fromstring(response.content).iter(field)]


def _published(client, case: Case, fmt: str) -> dict[str, list[str]]:
    return {
        "list": _notes(client, "requests", fmt, "status_notes"),
        "single": _notes(client, f"requests/{case.pk}", fmt, "status_notes"),
        "updates": _notes(
            client, "servicerequestupdates", fmt, "description", service_request_id=str(case.pk)
        ),
    }


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_answer_not_made_public_is_published_as_a_generic_note(client, cast, fmt):
    case = _answered(cast)
    assert case.answer_is_public is False
    published = _published(client, case, fmt)
    assert published["list"] == [GENERIC] and published["single"] == [GENERIC]
    assert GENERIC in published["updates"]
    assert not any(ANSWER in text for texts in published.values() for text in texts)
    # The complainant's own tracking page still shows the answer.
    assert ANSWER in client.get(f"/track/{case.tracking_code}/").content.decode()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_answer_made_public_is_published(client, cast, fmt):
    case = _answered(cast, public=True)
    published = _published(client, case, fmt)
    assert published["list"] == [ANSWER] and published["single"] == [ANSWER]
    assert ANSWER in published["updates"]


def test_a_declined_case_reason_follows_the_same_rule(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    services.case_decline(case=case, actor=cast.a_handler, reason="张某家事，不属信访事项")
    notes = _notes(client, f"requests/{case.pk}", "json", "status_notes")
    assert notes == ["The case was not accepted; the complainant was told why."]


def test_the_choice_defaults_to_the_category(cast):
    assert _answered(cast, category_public=True).answer_is_public is True
    assert _answered(cast, category_public=False).answer_is_public is False
    assert _answered(cast, public=False, category_public=True).answer_is_public is False


def test_review_answers_follow_the_choice_made_when_answering(client, cast):
    case = _answered(cast)
    services.case_request_review(case=case, reason="只发了一半")
    services.case_review_answer(case=case, actor=cast.a_director, answer="复查：张某余款已付")
    assert _notes(client, f"requests/{case.pk}", "json", "status_notes") == [
        "The review has been answered."
    ]
    updates = _notes(
        client, "servicerequestupdates", "json", "description", service_request_id=str(case.pk)
    )
    assert not any("张某" in text for text in updates)


def test_the_complainants_words_and_staff_reasons_are_not_published(client, cast):
    # The dispute, the review request and an extension's reason are public steps of the case
    # (the complainant reads them on the tracking page), but their text is the complainant's or
    # the office's own words, which may name people: Open311, which anyone may read, gets the
    # step's name only.
    case = _answered(cast, public=True)
    services.case_dispute(case=case, reason="我是王小明，电话13800000000，钱没给够")
    services.case_request_review(case=case, reason="王小明要求复查")
    updates = _notes(
        client, "servicerequestupdates", "json", "description", service_request_id=str(case.pk)
    )
    assert ANSWER in updates
    assert not any("王小明" in text or "1380000" in text for text in updates)
    other = submit_case(jurisdiction=cast.village_a)
    services.case_accept(case=other, actor=cast.a_handler)
    services.case_extend(case=other, actor=cast.a_handler, days=10, reason="等待李四的鉴定")
    updates = _notes(
        client, "servicerequestupdates", "json", "description", service_request_id=str(other.pk)
    )
    assert updates and not any("李四" in text for text in updates)
