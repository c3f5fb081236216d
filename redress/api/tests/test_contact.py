"""The one door to a complainant's contact details: open to the staff handling the case,
each reading logged with its reason; refused, and not logged, for everyone else."""

from __future__ import annotations

import pytest

from redress.cases.models import CaseEvent, EventKind
from redress.cases.services import ContactDetails
from redress.cases.testing import submit_case
from redress.contacts.models import ContactReading

pytestmark = pytest.mark.django_db
DETAILS = ContactDetails(name="张三", phone="13900000000", email="zhang@example.org")


@pytest.fixture
def case(cast):
    return submit_case(jurisdiction=cast.village_a, contact=DETAILS)


def read(api, case, reason="回访核实处理结果"):
    return api.post(f"/cases/{case.pk}/contact", {"reason": reason})


def test_the_handler_reads_and_the_reading_is_logged(cast, api_as, case):
    response = read(api_as(cast.a_handler), case)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json()["contact"] == {
        "name": "张三",
        "phone": "13900000000",
        "email": "zhang@example.org",
        "address": "",
        "consent_to_contact": True,
    }
    reading = ContactReading.objects.get(case=case)
    assert reading.reader == cast.a_handler and reading.reason == "回访核实处理结果"
    event = CaseEvent.objects.get(case=case, kind=EventKind.CONTACT_READ)
    assert event.actor == cast.a_handler and event.is_public is False


def test_staff_who_see_the_case_but_do_not_handle_it_are_refused(cast, api_as, case):
    # The operator sees the township's cases but does not handle them.
    response = read(api_as(cast.a_operator), case)
    assert response.status_code == 403
    assert response.json()["detail"][0]["code"] == "permission_denied"
    assert "张三" not in response.content.decode()
    assert not ContactReading.objects.exists()


def test_staff_outside_the_case_get_404(cast, api_as, case):
    for user in (cast.b_handler, cast.a_env_handler, cast.b_director):
        assert read(api_as(user), case).status_code == 404
    assert not ContactReading.objects.exists()


def test_a_reason_is_required(cast, api_as, case):
    api = api_as(cast.a_handler)
    for body in ({}, {"reason": "看"}, {"reason": "x" * 301}, {"reason": "    "}):
        response = api.post(f"/cases/{case.pk}/contact", body)
        assert response.status_code in (400, 422), body
        assert response.json()["detail"][0]["field"] == "reason"
    assert not ContactReading.objects.exists()


def test_an_anonymous_case_has_none(cast, api_as):
    case = submit_case(jurisdiction=cast.village_a)
    response = read(api_as(cast.a_handler), case)
    assert response.status_code == 200 and response.json() == {"contact": None}
