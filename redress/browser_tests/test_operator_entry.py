"""The operator's entry form suggests a category and department as they type and warns of a
possible duplicate; submitting it opens the new case."""

from __future__ import annotations

import re

import pytest

from redress.browser_tests.conftest import DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in
from redress.cases.models import Case, Channel
from redress.cases.testing import submit_case
from redress.orgs.testing import build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_operator_entry_suggests_and_warns(live_server, open_page):
    cast = build_cast()
    earlier = submit_case(jurisdiction=cast.village_a, title="东村工地拖欠工资")
    base = live_server.url
    page, watch = open_page("operator", **DESKTOP_ZH)
    sign_in(page, base, "a_operator")
    page.goto(f"{base}/staff/intake/")
    page.select_option("#id_source_channel", value="hotline")
    page.select_option("#id_jurisdiction", value=str(cast.village_a.pk))
    page.fill("#id_title", "来电反映包工头拖欠工资")
    page.wait_for_selector("[data-set-category]")
    page.click("[data-set-category] >> nth=0")
    page.wait_for_selector(f"#suggestions >> text={earlier.title}")
    assert cast.a_labour.name_zh in page.inner_text("#suggestions")
    page.fill("#id_description", "二十名工人三个月工资未发，来电人要求尽快处理。")
    page.fill("#id_people_affected", "20")
    watch.shot("suggestions")
    page.click("#operator-form button.primary")
    page.wait_for_url(re.compile(r".*/staff/cases/\d+/$"))
    watch.shot("entered")
    case = Case.objects.exclude(pk=earlier.pk).get()
    assert case.channel == Channel.HOTLINE and case.category.code == "wage-arrears"
    assert case.created_by == cast.a_operator
