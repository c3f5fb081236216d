"""The whole journey in a real browser: a member of the public submits in Chinese on a phone,
an operator accepts and assigns, a handler resolves, the public confirms; a director sees it;
a handler from another township cannot open it."""

from __future__ import annotations

import re

import pytest

from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH, PHONE
from redress.cases.models import Case, CaseStatus, Category
from redress.orgs.testing import PASSWORD, build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form button.primary")
    page.wait_for_url(re.compile(r".*/staff/$"))


def take_action(
    page, name: str, fields: dict[str, str] | None = None, selects: dict[str, str] | None = None
) -> None:
    page.click(f"#action-{name} summary")
    for selector, value in (selects or {}).items():
        page.select_option(f"#action-{name} {selector}", value=value)
    for selector, value in (fields or {}).items():
        page.fill(f"#action-{name} {selector}", value)
    page.click(f"#action-{name} form button.primary")
    page.wait_for_load_state()


def test_the_whole_journey(live_server, open_page):
    cast = build_cast()
    cast.village_a.boundary_geojson = {
        "type": "Polygon",
        "coordinates": [
            [[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]
        ],
    }
    cast.village_a.save()
    base = live_server.url
    wage = Category.objects.get(code="wage-arrears")

    # A member of the public, on a phone, in Chinese.
    public, public_watch = open_page("public", **PHONE)
    public.goto(f"{base}/")
    assert "提交诉求" in public.content()
    public_watch.shot("start")
    public.click("text=提交诉求 >> nth=-1")
    public.select_option("#id_category", value=str(wage.pk))
    public.select_option("#id_jurisdiction", value=str(cast.village_a.pk))
    public.fill("#id_title", "建筑工地拖欠工资三个月")
    public.fill("#id_description", "东村安置房工地二十名工人三个月未领到工资，包工头已联系不上。")
    public.fill("#id_people_affected", "20")
    public.click("details summary")
    public.fill("#id_latitude", "30.25")
    public.fill("#id_longitude", "120.15")
    public_watch.shot("form-filled")
    public.click("form button.primary")
    public.wait_for_url(re.compile(r".*/receipt/.*"))
    public_watch.shot("receipt")
    code = public.inner_text(".code").strip()
    case = Case.objects.get()
    assert code == case.display_code

    # The operator accepts and assigns it to the labour office's handler.
    operator, operator_watch = open_page("operator", **DESKTOP_EN)
    sign_in(operator, base, "a_operator")
    operator_watch.shot("dashboard")
    operator.goto(f"{base}/staff/queue/")
    operator_watch.shot("queue")
    operator.click(f"text={case.title}")
    operator_watch.shot("case")
    take_action(operator, "accept")
    take_action(
        operator,
        "assign",
        selects={
            "#id_assign-department": str(cast.a_labour.pk),
            "#id_assign-assignee": str(cast.a_handler.pk),
        },
    )
    operator_watch.shot("assigned")
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED and case.assignee == cast.a_handler

    # The county director sees it on the dashboard and on the map.
    director, director_watch = open_page("director", **DESKTOP_ZH)
    sign_in(director, base, "county_director")
    assert case.title in director.content()
    director.wait_for_function("document.querySelector('#chart-months').width > 0")
    director_watch.shot("dashboard")
    director.goto(f"{base}/staff/map/")
    director.wait_for_selector("#map[data-loaded]")
    assert int(director.get_attribute("#map", "data-loaded")) >= 2  # the area and the case
    director_watch.shot("map")

    # The handler starts work and answers.
    handler, handler_watch = open_page("handler", **DESKTOP_ZH)
    sign_in(handler, base, "a_handler")
    handler.goto(f"{base}/staff/cases/{case.pk}/")
    take_action(handler, "start")
    take_action(
        handler, "resolve", fields={"textarea": "已督促施工单位补发全部工资，共计四十二万元。"}
    )
    handler_watch.shot("resolved")
    case.refresh_from_db()
    assert case.status == CaseStatus.RESOLVED

    # The public reads the answer by tracking code and confirms it.
    public.goto(f"{base}/track/")
    public.fill("#id_tracking_code", code.lower())
    public.click("form button.primary")
    public.wait_for_url(re.compile(r".*/track/[0-9A-Z]+/$"))
    assert "已督促施工单位补发全部工资" in public.content()
    public_watch.shot("answer")
    public.click("form[action$='/confirm/'] button")
    public.wait_for_load_state()
    public_watch.shot("confirmed")
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED

    # The director finds it among all cases; a handler of another township cannot open it.
    director.goto(f"{base}/staff/queue/?status=all")
    assert case.title in director.content()
    director_watch.shot("director-queue")

    other, other_watch = open_page("other-township", **DESKTOP_EN)
    sign_in(other, base, "b_handler")
    response = other.goto(f"{base}/staff/cases/{case.pk}/")
    assert response.status == 404
    other_watch.shot("not-found")
    # The 404 itself is what we expect; the browser logs it as a failed resource.
    other_watch.errors = [e for e in other_watch.errors if "404" not in e]
