"""Alerts in a real browser: a director opens the alert list, the alert's detail with its chart,
verifies it, and sees the map layer; a director of another township gets 404."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in
from redress.cases.models import Category
from redress.earlywarning.models import Alert, AlertStatus
from redress.earlywarning.testing import counts_with_surge, surge_alert
from redress.orgs.testing import build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("locale", [DESKTOP_EN, DESKTOP_ZH], ids=["en", "zh"])
def test_list_detail_verify_and_map(live_server, open_page, locale):
    cast = build_cast()
    cast.village_a.boundary_geojson = {
        "type": "Polygon",
        "coordinates": [
            [[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]
        ],
    }
    cast.village_a.save()
    wage = Category.objects.get(code="wage-arrears")
    day = dt.date(2026, 5, 20)
    counts_with_surge(area=cast.village_a, category=wage, last_day=day)
    alert = surge_alert(area=cast.village_a, category=wage, day=day)
    base = live_server.url

    page, watcher = open_page("director", **locale)
    sign_in(page, base, "a_director")
    page.click("nav a[href='/staff/alerts/']")
    page.wait_for_selector("#alerts")
    watcher.shot("list")
    page.click(f"#alerts a[href='/staff/alerts/{alert.pk}/']")
    page.wait_for_selector("svg.alert-chart polyline")
    assert "30" in page.inner_text("#sentence")
    watcher.shot("detail")
    page.click("#verify")
    page.wait_for_selector("#alert-status")
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.VERIFIED
    watcher.shot("verified")
    page.goto(f"{base}/staff/alerts/map/")
    page.wait_for_selector("#alert-map[data-loaded='1']")
    watcher.shot("map")
    # The same alert as a layer on the main map, with a switch to turn it off.
    page.goto(f"{base}/staff/map/")
    page.wait_for_selector("#map[data-alerts='1']")
    assert page.locator(".leaflet-control-layers-overlays input").count() == 2
    watcher.shot("main-map-alerts")

    other, other_watch = open_page("other", **locale)
    sign_in(other, base, "b_director")
    response = other.goto(f"{base}/staff/alerts/{alert.pk}/")
    assert response is not None and response.status == 404
    # The 404 itself is what we expect; the browser logs it as a failed resource.
    other_watch.errors = [e for e in other_watch.errors if "404" not in e]
