"""The liaison pages: filing with matter rows, the one-click case, the fast lane, the
completeness table and the bell; 404 outside the unit or role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from redress.cases.models import Case, Category
from redress.cases.testing import local_time
from redress.core import clock
from redress.liaison.models import Notification, WeeklyReport
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db

NOW = local_time(2026, 1, 9, 15)


def login(client, username):  # type: ignore[no-untyped-def]
    assert client.login(username=username, password=PASSWORD)


def form_data(cast, **overrides):  # type: ignore[no-untyped-def]
    category = Category.objects.get(code="wage-arrears").pk
    data = {
        "week_start": "2026-01-05",
        "idempotency_key": "page-1",
        "matters-TOTAL_FORMS": "2",
        "matters-INITIAL_FORMS": "0",
        "matters-MIN_NUM_FORMS": "0",
        "matters-MAX_NUM_FORMS": "30",
        "matters-0-category": category,
        "matters-0-place": cast.village_a.pk,
        "matters-0-people_affected": "30",
        "matters-0-description": "砖厂拖欠工资。",
        "matters-1-category": category,
        "matters-1-place": cast.village_a.pk,
        "matters-1-people_affected": "8",
        "matters-1-description": "物业停水。",
    }
    data.update(overrides)
    return data


def test_liaison_files_with_two_matters_and_director_opens_a_case(client, cast, post):
    login(client, "liaison")
    with clock.frozen_at(NOW):
        page = client.get(reverse("liaison:home"))
        assert page.status_code == 200 and "2026-W02" in page.content.decode()
        response = client.post(reverse("liaison:home"), form_data(cast))
    assert response.status_code == 302, response.content.decode()[:2000]
    report = WeeklyReport.objects.get()
    assert report.matters.count() == 2
    client.logout()
    login(client, "a_director")
    assert "2026-W02" in client.get(reverse("liaison:home")).content.decode()
    matter = report.matters.first()
    client.post(reverse("liaison:matter_case", args=[matter.pk]))
    client.post(reverse("liaison:matter_case", args=[matter.pk]))
    assert Case.objects.count() == 1
    detail = client.get(reverse("liaison:report", args=[report.pk])).content.decode()
    assert Case.objects.get().reference in detail


def test_both_or_neither_is_a_field_error(client, cast, post):
    login(client, "liaison")
    with clock.frozen_at(NOW):
        response = client.post(reverse("liaison:home"), form_data(cast, nothing_to_report="on"))
    assert response.status_code == 400
    assert WeeklyReport.objects.count() == 0
    assert 'id="id_nothing_to_report-error"' in response.content.decode()


def test_other_units_and_roles_get_404(client, cast, post):
    with clock.frozen_at(NOW):
        login(client, "liaison")
        client.post(reverse("liaison:home"), form_data(cast))
    report = WeeklyReport.objects.get()
    matter = report.matters.first()
    client.logout()
    login(client, "b_director")
    assert client.get(reverse("liaison:report", args=[report.pk])).status_code == 404
    assert client.post(reverse("liaison:matter_case", args=[matter.pk])).status_code == 404
    client.logout()
    login(client, "a_handler")
    assert client.get(reverse("liaison:home")).status_code == 404
    assert client.get(reverse("liaison:completeness")).status_code == 404
    assert client.get(reverse("liaison:major_risk")).status_code == 404
    assert Case.objects.count() == 0


def test_major_risk_page_notifies_and_the_bell_counts(client, cast, post):
    login(client, "liaison")
    category = Category.objects.get(code="work-safety").pk
    with clock.frozen_at(NOW):
        response = client.post(
            reverse("liaison:major_risk"),
            {
                "category": category,
                "place": cast.village_a.pk,
                "people_affected": "50",
                "description": "化工厂储罐泄漏，周边居民需要疏散。",
                "idempotency_key": "abc",
            },
        )
    assert response.status_code == 302
    assert Case.objects.get().urgency == "urgent"
    client.logout()
    login(client, "a_director")
    home = client.get(reverse("cases:queue")).content.decode()
    assert 'id="bell"' in home and '<span class="tag urgent">1</span>' in home
    note = Notification.objects.get()
    opened = client.post(reverse("liaison:notification_open", args=[note.pk]))
    assert opened.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    client.logout()
    login(client, "b_director")
    assert client.post(reverse("liaison:notification_open", args=[note.pk])).status_code == 404


def test_completeness_page(client, cast, post):
    login(client, "county_director")
    with clock.frozen_at(local_time(2026, 2, 2, 13)):
        page = client.get(
            reverse("liaison:completeness"), {"start": "2026-01-01", "end": "2026-01-31"}
        )
    assert page.status_code == 200
    text = page.content.decode()
    assert "东村" in text and 'id="by-post"' in text
    login(client, "a_director")
    refused = client.get(reverse("liaison:completeness"), {"area": cast.township_b.pk})
    assert refused.status_code in (400, 404)


def test_the_area_list_costs_the_same_queries_for_more_reports(
    client, cast, post, django_assert_max_num_queries
):
    for week_start in ("2026-01-05", "2026-01-12", "2026-01-19"):
        with clock.frozen_at(local_time(2026, 1, 23, 15)):
            login(client, "liaison")
            client.post(
                reverse("liaison:home"),
                form_data(cast, week_start=week_start, idempotency_key=week_start),
            )
    assert WeeklyReport.objects.count() == 3
    login(client, "a_director")
    # Session, user, reports, their matters (one prefetch), the bell's count.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("liaison:home")).status_code == 200
