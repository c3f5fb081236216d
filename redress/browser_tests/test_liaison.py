"""A liaison files a weekly report with two matters (adding the second row in the page); the
township director opens it and turns one matter into a case."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in
from redress.cases.models import Case, Category, Channel
from redress.liaison.models import LiaisonPost, WeeklyReport
from redress.orgs.testing import build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_liaison_files_two_matters_and_director_opens_a_case(live_server, open_page):
    cast = build_cast()
    LiaisonPost.objects.create(
        user=cast.liaison,
        area=cast.village_a,
        title="东村信息员",
        starts_on=dt.date.today() - dt.timedelta(days=60),
    )
    wages = Category.objects.get(code="wage-arrears")
    water = Category.objects.get(code="public-services")
    base = live_server.url

    page, watch = open_page("liaison", **DESKTOP_ZH)
    sign_in(page, base, "liaison")
    page.goto(f"{base}/staff/liaison/")
    page.select_option("#id_matters-0-category", value=str(wages.pk))
    page.fill("#id_matters-0-people_affected", "30")
    page.fill("#id_matters-0-place_text", "村东砖厂")
    page.fill("#id_matters-0-description", "砖厂拖欠约三十名工人两个月工资。")
    page.click("#add-matter")
    page.wait_for_selector("#id_matters-1-category")
    page.select_option("#id_matters-1-category", value=str(water.pk))
    page.fill("#id_matters-1-people_affected", "80")
    page.fill("#id_matters-1-description", "自来水连续三天停水。")
    watch.shot("two-matters")
    page.click("#file-report")
    page.wait_for_url(re.compile(r".*/staff/liaison/reports/\d+/$"))
    watch.shot("filed")
    report = WeeklyReport.objects.get()
    assert report.matters.count() == 2

    director, director_watch = open_page("director", **DESKTOP_EN)
    sign_in(director, base, "a_director")
    director.goto(f"{base}/staff/liaison/")
    director.click(f"text={report.week_label}")
    director.wait_for_url(re.compile(rf".*/staff/liaison/reports/{report.pk}/$"))
    director.click("#matters button >> nth=0")
    director.wait_for_selector("#matters a.code")
    director_watch.shot("case-opened")
    case = Case.objects.get()
    assert case.channel == Channel.LIAISON and case.category == wages
    assert case.reference in director.inner_text("#matters")
