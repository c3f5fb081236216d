"""A township director opens the briefings page, generates last week's briefing, reads it and
downloads the PDF; the public reads the statistics page and the open data documentation."""

from __future__ import annotations

import re

import pytest

from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in
from redress.cases.testing import submit_case
from redress.orgs.testing import build_cast
from redress.reports.models import Briefing

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_director_generates_and_reads_a_briefing(live_server, open_page):
    cast = build_cast()
    submit_case(jurisdiction=cast.village_a)
    base = live_server.url
    page, watch = open_page("director", **DESKTOP_ZH)
    sign_in(page, base, "a_director")
    page.goto(f"{base}/staff/briefings/")
    watch.shot("list-empty")
    assert not Briefing.objects.exists()  # a refused week is tested in reports/tests
    page.fill("#id_week", "2026-W01")
    page.select_option("#id_language", value="en")
    page.click("form.form button.primary")
    page.wait_for_url(re.compile(r".*/staff/briefings/\d+/$"), timeout=60_000)
    assert page.locator(".briefing h1").count() == 1
    assert page.locator(".briefing figure img").count() >= 1
    watch.shot("briefing")
    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = 'b.pdf';"
            " document.body.appendChild(a); a.click(); }",
            page.get_attribute("a.button.primary", "href"),
        )
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"{base}/staff/briefings/")
    assert "2026-W01" in page.inner_text("main")
    watch.shot("list")


def test_public_statistics_and_open_data_pages(live_server, open_page):
    build_cast()
    base = live_server.url
    page, watch = open_page("public", **DESKTOP_EN)
    page.goto(f"{base}/stats/")
    watch.shot("statistics")
    page.click("text=Open data: download these figures (JSON, CSV)")
    page.wait_for_url(re.compile(r".*/stats/api/$"))
    assert "CC BY 4.0" in page.inner_text("main")
    watch.shot("open-data")
