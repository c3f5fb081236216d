"""Every step of a case's life through the API, end to end, over the same services as the
staff pages; and the refusals: 403 for the role, 409 for the state, 400 naming the field."""

from __future__ import annotations

import pytest

from redress.cases.models import CaseEvent, CaseLink, CaseStatus, EventKind
from redress.cases.services import case_request_re_review, case_request_review
from redress.cases.testing import local_time, submit_case, unchanged
from redress.core.clock import frozen_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _office_time():
    with frozen_at(local_time(2025, 3, 3, 10)):
        yield


def act(api, case, action, body=None, status=200):
    response = api.post(f"/cases/{case.pk}/actions/{action}", body or {})
    assert response.status_code == status, response.content
    return response.json()


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).order_by("id").values_list("kind", flat=True))


def test_a_case_from_acceptance_to_closure(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    handler, director = api_as(cast.a_handler), api_as(cast.a_director)

    assert handler.get(f"/cases/{case.pk}/actions").json()["actions"] == [
        "accept",
        "decline",
        "transfer",
        "link",
        "note",
        "read_contact",
    ]
    body = act(handler, case, "accept", {"note": "属实，受理"})
    assert body["status"] == "accepted" and body["clock_stage"] == "handling"
    assert act(handler, case, "start")["status"] == "in_progress"
    body = act(handler, case, "extend", {"days": 10, "reason": "需调取工程款支付记录"})
    assert body["extended"] is True
    assert act(handler, case, "pause", {"reason": "等待投诉人补充材料"})["is_paused"] is True
    assert act(handler, case, "resume", {"note": "材料已补齐"})["is_paused"] is False
    body = act(handler, case, "resolve", {"answer": "已责令总包单位足额支付工资。"})
    assert body["status"] == "resolved" and body["answer"] == "已责令总包单位足额支付工资。"

    case_request_review(case=case, reason="只发了一半")
    act(handler, case, "review", {"answer": "x"}, status=403)  # the director's to answer
    assert act(director, case, "review", {"answer": "复查属实，已补发余款。"})["status"] == (
        "reviewed"
    )
    case_request_re_review(case=case, reason="仍有两人未领到")
    body = act(director, case, "re_review", {"answer": "复核：全部结清。"})
    assert body["status"] == "re_reviewed"
    assert act(director, case, "close", {"note": "办结"})["status"] == "closed"
    assert kinds(case) == [
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
        EventKind.STARTED,
        EventKind.EXTENDED,
        EventKind.PAUSED,
        EventKind.RESUMED,
        EventKind.RESOLVED,
        EventKind.REVIEW_REQUESTED,
        EventKind.REVIEWED,
        EventKind.RE_REVIEW_REQUESTED,
        EventKind.RE_REVIEWED,
        EventKind.CLOSED,
    ]


def test_decline(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    body = act(api_as(cast.a_operator), case, "decline", {"reason": "已通过诉讼程序处理"})
    assert body["status"] == "declined" and body["decline_reason"] == "已通过诉讼程序处理"


def test_assign_to_a_department_and_handler(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a, category_code="pollution")
    director = api_as(cast.a_director)
    act(director, case, "accept")
    body = act(
        director,
        case,
        "assign",
        {"department_id": cast.a_labour.pk, "assignee_id": cast.a_handler.pk, "note": "劳动所办"},
    )
    assert body["status"] == "assigned"
    assert body["department"]["id"] == cast.a_labour.pk
    assert body["assignee"] == {"id": cast.a_handler.pk, "display_name": "a_handler"}
    # With no department named, the holder's own handlers can be named.
    body = act(director, case, "assign", {"assignee_id": cast.a_handler.pk})
    assert body["assignee"]["id"] == cast.a_handler.pk


def test_transfer_out_of_sight_still_answers_with_the_case(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    handler = api_as(cast.a_handler)
    body = act(
        handler,
        case,
        "transfer",
        {"department_id": cast.county_labour.pk, "reason": "涉及县属企业"},
    )
    assert body["department"]["id"] == cast.county_labour.pk
    assert handler.get(f"/cases/{case.pk}").status_code == 404


def test_note_link_and_merge(cast, api_as):
    first = submit_case(jurisdiction=cast.village_a)
    second = submit_case(jurisdiction=cast.village_a, title="同一工地另一班组欠薪")
    director = api_as(cast.a_director)
    act(director, first, "note", {"note": "与二号案同一工地"})
    act(director, first, "link", {"other_case_id": second.pk, "note": "同一工地"})
    assert CaseLink.objects.filter(from_case=first, to_case=second).exists()
    body = act(director, second, "merge", {"other_case_id": first.pk, "reason": "同一事项"})
    assert body["status"] == "merged" and body["merged_into_id"] == first.pk
    assert EventKind.NOTE in kinds(first)


def test_refusals_write_nothing(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    operator, handler = api_as(cast.a_operator), api_as(cast.a_handler)
    with unchanged(case):
        # The role: operators do not work cases.
        error = act(operator, case, "start", status=403)["detail"][0]
        assert error["code"] == "permission_denied"
        # The state: nothing to resolve before acceptance.
        error = act(handler, case, "resolve", {"answer": "答复"}, status=409)["detail"][0]
        assert error["code"] == "transition_not_allowed"
        # The input: each body names what is wrong with it.
        for action, body, field in [
            ("decline", {}, "reason"),
            ("decline", {"reason": ""}, "reason"),
            ("decline", {"reason": "   "}, "reason"),
            ("decline", {"reason": "x" * 2001}, "reason"),
            ("note", {"note": 5}, "note"),
            ("note", {"note": "ok", "extra": 1}, "extra"),
            ("transfer", {"department_id": "county", "reason": "r"}, "department_id"),
            ("transfer", {"department_id": 0, "reason": "r"}, "department_id"),
            ("transfer", {"department_id": cast.a_labour.pk, "reason": "r"}, "department_id"),
            ("link", {"other_case_id": case.pk}, "other_case_id"),
        ]:
            response = handler.post(f"/cases/{case.pk}/actions/{action}", body)
            assert response.status_code in (400, 422), (action, body)
            assert response.json()["detail"][0]["field"] == field, (action, response.json())
    act(handler, case, "accept")
    error = act(handler, case, "extend", {"days": 31, "reason": "太久"}, status=400)["detail"][0]
    assert error["field"] == "days"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and not case.extended


def test_malformed_bodies_are_400_naming_the_body(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    api = api_as(cast.a_handler)
    for raw in (b"{", b"[1, 2]", b'{"note": NaN}', b'{"note": "\\u0000"}', b'{"note": "\\ud800"}'):
        response = api.client.post(
            f"/api/v1/cases/{case.pk}/actions/note",
            raw,
            content_type="application/json",
            headers={"Authorization": f"Bearer {api.token}"},
        )
        assert response.status_code in (400, 422), raw
        assert response.json()["detail"][0]["field"] == "body", (raw, response.json())
    assert kinds(case) == [EventKind.SUBMITTED]


def test_refusals_speak_the_callers_language(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    handler = api_as(cast.a_handler)
    act(handler, case, "accept")
    url = f"/cases/{case.pk}/actions/resolve"
    with unchanged(case):
        chinese = handler.post(url, {"answer": " "})
        english = handler.post(url, {"answer": " "}, headers={"Accept-Language": "en"})
    assert chinese.status_code == english.status_code == 400
    assert chinese.json()["detail"] == [
        {"field": "answer", "message": "请填写答复意见。", "code": "required"}
    ]
    assert english.json()["detail"] == [
        {"field": "answer", "message": "An answer is required.", "code": "required"}
    ]
    refused = handler.post(
        f"/cases/{case.pk}/actions/resume", {}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 409
    assert refused.json()["detail"][0]["message"] == "The clock is not paused."
    missing = handler.get("/cases/999999", **{"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.json()["detail"][0]["message"] == "No such case."
    assert handler.get("/cases/999999").json()["detail"][0]["message"] == "没有此案件。"


@pytest.mark.parametrize(
    ("category_public", "body", "expected"),
    [
        (False, {}, False),
        (True, {}, True),
        (True, {"public": False}, False),
        (False, {"public": True}, True),
    ],
)
def test_resolve_carries_the_publication_choice(cast, api_as, category_public, body, expected):
    from redress.cases.models import Category

    Category.objects.filter(code="wage-arrears").update(answers_public_by_default=category_public)
    case = submit_case(jurisdiction=cast.village_a)
    handler = api_as(cast.a_handler)
    act(handler, case, "accept")
    answered = act(handler, case, "resolve", {"answer": "已补发工资。", **body})
    assert answered["answer_is_public"] is expected
    case.refresh_from_db()
    assert case.answer_is_public is expected


def test_resolve_refuses_a_publication_choice_that_is_not_a_boolean(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    handler = api_as(cast.a_handler)
    act(handler, case, "accept")
    with unchanged(case):
        error = act(handler, case, "resolve", {"answer": "已补发工资。", "public": "maybe"}, 422)
    assert [item["field"] for item in error["detail"]] == ["public"]
