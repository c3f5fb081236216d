"""An operator imports a hotline register: upload, the proposed mapping, a dry run that lists
the bad row, then a clean file imported all at once; the work queue offers the exports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from redress.browser_tests.conftest import DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in
from redress.cases.models import Case
from redress.dataio.testing import csv_bytes, hotline_row
from redress.orgs.testing import build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_upload_map_check_and_import(live_server, open_page, tmp_path: Path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    build_cast()
    bad = tmp_path / "hotline-bad.csv"
    bad.write_bytes(csv_bytes([hotline_row(1), hotline_row(2, category="不存在的类别")]))
    good = tmp_path / "hotline.csv"
    good.write_bytes(csv_bytes([hotline_row(1), hotline_row(2)]))
    base = live_server.url
    page, watch = open_page("dataio", **DESKTOP_ZH)
    sign_in(page, base, "a_operator")

    page.goto(f"{base}/staff/data/imports/")
    page.set_input_files("#id_file", str(bad))
    page.select_option("#id_channel", value="hotline")
    page.click("#upload-form button.primary")
    page.wait_for_url(re.compile(r".*/imports/\d+/$"))
    assert page.input_value("#id_received_at") == "来电时间"
    watch.shot("mapping")
    page.click("#check-button")
    page.wait_for_selector("#problems")
    assert "3" in page.inner_text("#problems tbody tr >> nth=0")
    assert page.locator("#commit-button").count() == 0
    watch.shot("bad-row")
    assert not Case.objects.exists()

    page.goto(f"{base}/staff/data/imports/")
    page.set_input_files("#id_file", str(good))
    page.click("#upload-form button.primary")
    page.wait_for_url(re.compile(r".*/imports/\d+/$"))
    page.click("#check-button")
    page.wait_for_selector("#commit-button")
    page.click("#commit-button")
    page.wait_for_selector("#import-summary")
    assert page.get_attribute("#import-progress", "value") == "100"
    watch.shot("imported")
    assert Case.objects.count() == 2

    page.goto(f"{base}/staff/queue/")
    assert page.locator("#exports a").count() >= 6
    watch.shot("queue-exports")
