"""The staff pages: scoping through the one getter, actions offered and enforced, and the
audited contact reading."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.cases.models import CaseEvent, CaseStatus, EventKind
from redress.cases.services import ContactDetails
from redress.cases.testing import submit_case
from redress.contacts.models import ContactReading
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_township_handler_cannot_open_or_change_another_townships_case(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "b_handler")
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    response = client.post(reverse("cases:act", args=[case.pk, "accept"]), {})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    queue = client.get(reverse("cases:queue")).content.decode()
    assert case.title not in queue


def test_county_director_sees_and_acts_on_a_township_case(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "county_director")
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert case.title in client.get(reverse("cases:queue")).content.decode()
    response = client.post(reverse("cases:act", args=[case.pk, "accept"]), {"note": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED


def test_handler_resolves_through_the_page(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_handler")
    client.post(reverse("cases:act", args=[case.pk, "accept"]), {})
    client.post(reverse("cases:act", args=[case.pk, "start"]), {})
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="action-resolve"' in page
    response = client.post(reverse("cases:act", args=[case.pk, "resolve"]), {"answer": ""})
    assert response.status_code == 400
    assert "answer" in response.context["action_forms"]["resolve"].errors
    client.post(reverse("cases:act", args=[case.pk, "resolve"]), {"answer": "已补发全部工资。"})
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED and case.answer == "已补发全部工资。"


def test_only_allowed_actions_are_offered(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_handler")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="action-accept"' in page
    assert 'id="action-resolve"' not in page  # not accepted yet
    assert 'id="action-merge"' not in page  # directors only


def test_action_refused_by_state_answers_400_with_the_reason(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_handler")
    response = client.post(
        reverse("cases:act", args=[case.pk, "extend"]), {"days": "10", "reason": "需要调查"}
    )
    assert response.status_code == 400
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.EXTENDED).exists()


def test_transfer_needs_a_reason_and_moves_the_case(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_director")
    url = reverse("cases:act", args=[case.pk, "transfer"])
    response = client.post(
        url, {"transfer-department": cast.county_labour.pk, "transfer-reason": ""}
    )
    assert response.status_code == 400
    client.post(
        url,
        {
            "transfer-department": cast.county_labour.pk,
            "transfer-reason": "涉及县属企业，由县劳动监察大队办理",
        },
    )
    case.refresh_from_db()
    assert case.department == cast.county_labour


def test_contact_reading_is_audited_and_limited_to_the_handling_chain(client, cast):
    case = submit_case(
        jurisdiction=cast.village_a,
        contact=ContactDetails(name="李建国", phone="13800001111"),
    )
    login(client, "a_operator")
    response = client.post(reverse("cases:contact", args=[case.pk]), {"reason": "回访核实情况"})
    assert response.status_code == 404
    assert ContactReading.objects.count() == 0

    login(client, "a_handler")
    response = client.post(reverse("cases:contact", args=[case.pk]), {"reason": ""})
    assert response.status_code == 400
    assert ContactReading.objects.count() == 0
    response = client.post(reverse("cases:contact", args=[case.pk]), {"reason": "回访核实情况"})
    assert response.status_code == 200
    assert "13800001111" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    reading = ContactReading.objects.get()
    assert reading.reader == cast.a_handler and reading.reason == "回访核实情况"
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "13800001111" not in detail


def test_queue_query_count_does_not_grow_with_cases(client, cast, django_assert_max_num_queries):
    for _ in range(30):
        submit_case(jurisdiction=cast.village_a)
    login(client, "a_director")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("cases:queue"))
    assert response.status_code == 200


def test_link_by_tracking_code(client, cast):
    first = submit_case(jurisdiction=cast.village_a)
    second = submit_case(jurisdiction=cast.village_a, title="同一工地欠薪")
    login(client, "a_director")
    response = client.post(
        reverse("cases:act", args=[first.pk, "link"]), {"other": "0000-0000-0000", "note": ""}
    )
    assert response.status_code == 400
    client.post(
        reverse("cases:act", args=[first.pk, "link"]),
        {"other": second.display_code, "note": "同一工地"},
    )
    page = client.get(reverse("cases:detail", args=[first.pk])).content.decode()
    assert second.reference in page


def test_unknown_case_and_action_are_404(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_director")
    assert client.get(reverse("cases:detail", args=[999999])).status_code == 404
    assert client.post(reverse("cases:act", args=[case.pk, "explode"])).status_code == 404


def test_staff_pages_need_sign_in(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_queue_filters_search_and_sort(client, cast):
    wage = submit_case(jurisdiction=cast.village_a, title="工地拖欠工资")
    pollution = submit_case(
        jurisdiction=cast.village_b, category_code="pollution", title="化工厂夜间排污"
    )
    login(client, "county_director")

    def titles(**params):
        page = client.get(reverse("cases:queue"), params).content.decode()
        return {t for t in (wage.title, pollution.title) if t in page}

    assert titles() == {wage.title, pollution.title}
    assert titles(q="排污") == {pollution.title}
    assert titles(q="拖欠 工资") == {wage.title}
    assert titles(q=wage.display_code.lower()) == {wage.title}
    assert titles(area=cast.township_b.pk) == {pollution.title}
    assert titles(department=cast.a_labour.pk) == {wage.title}
    assert titles(category=pollution.category_id) == {pollution.title}
    assert titles(due="overdue") == set()
    assert titles(status="closed") == set()
    # Nonsense filters are ignored, never a 500.
    assert titles(status="bogus", area="x", sort="drop table", due="?") == {
        wage.title,
        pollution.title,
    }


def test_queue_area_outside_scope_shows_nothing_of_it(client, cast):
    foreign = submit_case(jurisdiction=cast.village_b, title="西村的事")
    login(client, "a_director")
    response = client.get(reverse("cases:queue"), {"area": cast.township_b.pk})
    assert response.status_code == 200
    assert foreign.title not in response.content.decode()


def test_bulk_assign_and_transfer(client, cast):
    from redress.cases import services

    first = submit_case(jurisdiction=cast.village_a)
    second = submit_case(jurisdiction=cast.village_a)
    foreign = submit_case(jurisdiction=cast.village_b)
    for case in (first, second):
        services.case_accept(case=case, actor=cast.a_director)
    login(client, "a_director")
    response = client.post(
        reverse("cases:bulk"),
        {
            "cases": [first.pk, second.pk],
            "bulk-action": "assign",
            "bulk-department": cast.a_environment.pk,
        },
    )
    assert response.status_code == 302
    for case in (first, second):
        case.refresh_from_db()
        assert case.department == cast.a_environment
    response = client.post(
        reverse("cases:bulk"),
        {
            "cases": [first.pk],
            "bulk-action": "transfer",
            "bulk-department": cast.county_labour.pk,
            "bulk-reason": "",
        },
    )
    first.refresh_from_db()
    assert first.department == cast.a_environment  # a transfer needs a reason
    response = client.post(
        reverse("cases:bulk"),
        {
            "cases": [foreign.pk],
            "bulk-action": "transfer",
            "bulk-department": cast.a_labour.pk,
            "bulk-reason": "x",
        },
    )
    assert response.status_code == 404


def test_a_refusal_is_shown_in_the_readers_language(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_director")
    url = reverse("cases:act", args=[case.pk, "link"])
    data = {"other": case.display_code, "note": ""}
    # No Accept-Language: the office's language, Chinese.
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "案件不能与自身关联。" in page and "cannot be linked to itself" not in page
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    page = response.content.decode()
    assert "A case cannot be linked to itself." in page
    assert "案件不能与自身关联。" not in page


@pytest.mark.parametrize("category_public", [False, True])
def test_the_answer_form_offers_publication_starting_from_the_category(
    client, cast, category_public
):
    from redress.cases.models import Category

    Category.objects.filter(code="wage-arrears").update(answers_public_by_default=category_public)
    case = submit_case(jurisdiction=cast.village_a)
    login(client, "a_handler")
    client.post(reverse("cases:act", args=[case.pk, "accept"]), {})
    form = client.get(reverse("cases:detail", args=[case.pk])).context["action_forms"]["resolve"]
    assert form["public"].initial is category_public
    data = {"answer": "已补发全部工资。"} | ({} if category_public else {"public": "on"})
    client.post(reverse("cases:act", args=[case.pk, "resolve"]), data)
    case.refresh_from_db()
    # The handler's choice wins over the category's default, either way.
    assert case.status == CaseStatus.RESOLVED and case.answer_is_public is not category_public
