"""Ids read from outside text: "²" passes str.isdigit() and then fails int() with a 500, which
the Open311 property test found in jurisdiction_id. Every door that reads an id goes through
redress.core.ids."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.cases.models import Case
from redress.cases.testing import submit_case, unchanged
from redress.core.ids import id_parse
from redress.open311.keys import api_client_create
from redress.orgs.testing import PASSWORD


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("①", None),
        ("١٢", None),
        ("１２", None),
        ("", None),
        ("-1", None),
        ("1.0", None),
        ("9" * 19, None),
        (None, None),
    ],
)
def test_only_ascii_digits_short_enough_for_a_bigint_are_an_id(text, expected):
    assert id_parse(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["²", "١"])
def test_open311_jurisdiction_id_of_odd_digits_is_unknown_not_a_500(client, cast, odd):
    key = api_client_create(name="ids")[1]
    before = Case.objects.count()
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "wage-arrears",
            "jurisdiction_id": odd,
            "description": "工资拖欠三个月",
            "lat": "30.1",
            "long": "120.1",
        },
    )
    assert response.status_code == 404, response.content
    assert "jurisdiction_id" in response.content.decode()
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_bulk_action_with_an_odd_digit_id_writes_nothing(client, cast):
    case = submit_case(jurisdiction=cast.village_a)
    assert client.login(username="county_director", password=PASSWORD)
    with unchanged(case):
        response = client.post(
            reverse("cases:bulk"), {"cases": [str(case.pk), "²"], "bulk-action": "assign"}
        )
    assert response.status_code == 302


@pytest.mark.django_db
def test_letter_about_an_odd_digit_case_id_is_404(client, cast):
    assert client.login(username="county_director", password=PASSWORD)
    assert client.get(reverse("supervision:letter_new"), {"case": "²"}).status_code == 404


@pytest.mark.django_db
def test_operator_suggestions_ignore_odd_digit_ids(client, cast):
    assert client.login(username="a_operator", password=PASSWORD)
    response = client.get(
        reverse("intake:operator_suggest"),
        {"category": "²", "jurisdiction": "²", "title": "工资", "description": "老板欠薪"},
    )
    assert response.status_code == 200
