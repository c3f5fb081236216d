from __future__ import annotations

import pytest
from django.urls import reverse

from redress.cases.models import Category
from redress.cases.testing import submit_case
from redress.intake.suggest import categories_suggest, duplicates_find
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("工地老板拖欠工资三个月", "wage-arrears"),
        ("化工厂夜里排污，河水发黑有异味", "pollution"),
        ("Our landlord ignores the leak and the lift is broken", "housing-property"),
        ("村里征地补偿款一直没有发放", "land-compensation"),
    ],
)
def test_category_suggestion_from_keywords(db, text, code):
    assert categories_suggest(text=text)[0].category.code == code


def test_no_suggestion_for_empty_text(db):
    assert categories_suggest(text="  ") == []


def test_duplicates_same_category_same_township_recent(cast):
    earlier = submit_case(jurisdiction=cast.village_a)
    submit_case(jurisdiction=cast.village_b)  # another township
    wage = Category.objects.get(code="wage-arrears")
    found = duplicates_find(user=cast.a_operator, category=wage, jurisdiction=cast.village_a)
    assert found == [earlier]
    assert (
        duplicates_find(user=cast.b_director, category=wage, jurisdiction=cast.village_a) == []
    )  # not in their scope


def test_suggest_fragment_for_operator(client, cast):
    submit_case(jurisdiction=cast.village_a, title="东村工地欠薪")
    client.login(username="a_operator", password=PASSWORD)
    response = client.get(
        reverse("intake:operator_suggest"),
        {"title": "拖欠工资", "description": "", "jurisdiction": cast.village_a.pk},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "欠薪" in text or "Wage arrears" in text
    assert cast.a_labour.name_zh in text or cast.a_labour.name_en in text
    assert "东村工地欠薪" in text


def test_suggest_ignores_junk_and_is_closed_to_others(client, cast):
    client.login(username="a_operator", password=PASSWORD)
    response = client.get(
        reverse("intake:operator_suggest"),
        {"jurisdiction": "abc", "category": "9" * 30, "latitude": "nan"},
    )
    assert response.status_code == 200
    client.login(username="a_handler", password=PASSWORD)
    assert client.get(reverse("intake:operator_suggest")).status_code == 404
