"""Property tests of the liaison's forms (the weekly report with its matter rows, the
major-risk fast lane) and the completeness filter: never a 5xx; a refused filing re-renders the
page with an error and writes nothing; an accepted one writes one report."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from redress.cases.models import Case, CaseEvent, Category
from redress.cases.testing import local_time
from redress.core import clock
from redress.core.testing import (
    FORM,
    as_received,
    bounded,
    form_body,
    rolled_back,
    wild_date,
    wild_number,
    wild_text,
)
from redress.core.text import is_storable
from redress.liaison.models import MajorRiskReport, Notification, ReportMatter, WeeklyReport
from redress.liaison.services import MATTERS_MAX
from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db

PROPERTY = bounded(30)
NOW = local_time(2026, 1, 9, 15)
MATTER_TEXT = ("description", "place_text")
MATTER_NUMBERS = ("category", "place", "people_affected")


def rows() -> tuple[int, ...]:
    models = (WeeklyReport, ReportMatter, MajorRiskReport, Notification, Case, CaseEvent)
    return tuple(model.objects.count() for model in models)


@st.composite
def matter(draw: st.DrawFn, *, prefix: str, cast: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}category": Category.objects.get(code="wage-arrears").pk,
        f"{prefix}place": cast.village_a.pk,
        f"{prefix}people_affected": "30",
        f"{prefix}description": "砖厂拖欠工资。",
        f"{prefix}place_text": "砖厂",
    }
    for name in draw(st.sets(st.sampled_from(MATTER_TEXT + MATTER_NUMBERS), max_size=2)):
        data[prefix + name] = draw(wild_text() if name in MATTER_TEXT else wild_number())
    return data


def unstorable_in(data: dict[str, Any]) -> list[str]:
    return [
        name
        for name, value in data.items()
        if name.endswith(MATTER_TEXT) and not is_storable(as_received(value))
    ]


def test_weekly_report_never_fails_and_refuses_cleanly(client, cast, post):
    assert client.login(username="liaison", password=PASSWORD)

    @PROPERTY
    @given(
        first=matter(prefix="matters-0-", cast=cast),
        second=st.one_of(st.just({}), matter(prefix="matters-1-", cast=cast)),
        week=st.one_of(st.just("2026-01-05"), wild_date()),
        total=st.one_of(st.just(None), wild_number()),
        nothing=st.booleans(),
    )
    def file(first: dict, second: dict, week: str, total: str | None, nothing: bool) -> None:
        data = {
            "week_start": week,
            "idempotency_key": "page-1",
            "matters-TOTAL_FORMS": total if total is not None else ("2" if second else "1"),
            "matters-INITIAL_FORMS": "0",
            "matters-MIN_NUM_FORMS": "0",
            "matters-MAX_NUM_FORMS": "30",
            **first,
            **second,
        }
        if nothing:
            data["nothing_to_report"] = "on"

        def step() -> None:
            before = rows()
            with clock.frozen_at(NOW):
                response = client.post(reverse("liaison:home"), form_body(data), content_type=FORM)
            if response.status_code == 302:
                assert rows()[0] == before[0] + 1
                filed = ReportMatter.objects.filter(report__post=post)
                assert all(is_storable(m.description + m.place_text) for m in filed)
                return
            assert response.status_code == 400
            context = response.context
            assert (
                context["form"].errors
                or context["formset"].total_error_count()
                or context["formset"].non_form_errors()
            )
            assert rows() == before

        rolled_back(step)

    file()


def test_major_risk_never_fails_and_refuses_cleanly(client, cast, post):
    assert client.login(username="liaison", password=PASSWORD)

    @PROPERTY
    @given(data=matter(prefix="", cast=cast), key=st.one_of(st.uuids().map(str), wild_text()))
    def report(data: dict[str, Any], key: str) -> None:
        data["idempotency_key"] = key
        unstorable = unstorable_in(data)

        def step() -> None:
            before = rows()
            with clock.frozen_at(NOW):
                response = client.post(
                    reverse("liaison:major_risk"), form_body(data), content_type=FORM
                )
            if response.status_code == 302:
                assert not unstorable, f"accepted unstorable text in {unstorable}"
                assert rows()[2] == before[2] + 1
                return
            assert response.status_code == 400
            form = response.context["form"]
            assert form.errors
            for name in unstorable:
                assert name in form.errors
            assert rows() == before

        rolled_back(step)

    report()


def test_completeness_filter_never_fails(client, cast, post):
    assert client.login(username="county_director", password=PASSWORD)

    @PROPERTY
    @given(
        start=st.one_of(st.none(), wild_date()),
        end=st.one_of(st.none(), wild_date()),
        area=st.one_of(st.none(), st.just(cast.village_a.pk), wild_number()),
    )
    def look(start: str | None, end: str | None, area: str | None) -> None:
        query = {
            name: value
            for name, value in (("start", start), ("end", end), ("area", area))
            if value is not None
        }
        url = reverse("liaison:completeness")
        response = client.get(f"{url}?{form_body(query)}" if query else url)
        assert response.status_code in (200, 400)
        if response.status_code == 400:
            assert response.context["form"].errors

    look()


@pytest.mark.parametrize(
    "query",
    [
        {"start": "9999-12-28", "end": "9999-12-31"},
        {"end": "9999-12-31"},
        {"start": "0001-01-01", "end": "2026-12-31"},
    ],
)
def test_completeness_counts_only_the_weeks_that_can_be_due(client, cast, post, query):
    """The last days Python knows overflowed the week arithmetic (a 500), and from year 1 it
    went through half a million empty weeks (seconds each request)."""
    assert client.login(username="county_director", password=PASSWORD)
    with clock.frozen_at(local_time(2026, 1, 20)):
        response = client.get(reverse("liaison:completeness"), query)
    assert response.status_code == 200
    # The weeks of 5 and 12 January are due by the 20th; none in the year 9999 is.
    assert response.context["result"].total.due == (0 if query.get("start") == "9999-12-28" else 2)


def test_completeness_refuses_a_period_that_ends_before_it_starts(client, cast, post):
    assert client.login(username="county_director", password=PASSWORD)
    response = client.get(
        reverse("liaison:completeness"), {"start": "2026-06-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "end" in response.context["form"].errors


def test_weekly_report_builds_no_more_matter_rows_than_allowed(client, cast, post):
    """TOTAL_FORMS=1000 made the page build and render a thousand and thirty matter forms."""
    assert client.login(username="liaison", password=PASSWORD)
    data = {
        "week_start": "2026-01-05",
        "matters-TOTAL_FORMS": "1000",
        "matters-INITIAL_FORMS": "0",
        "matters-MAX_NUM_FORMS": "30",
    }
    before = rows()
    with clock.frozen_at(NOW):
        response = client.post(reverse("liaison:home"), data)
    assert response.status_code == 400
    assert len(response.context["formset"].forms) <= MATTERS_MAX
    assert response.context["formset"].non_form_errors()
    assert rows() == before
