"""Supervision letters in a real browser: a county director issues a letter to a township
department, its handler reports completion, the director accepts it; the leader sees it on
"letters to me"; a handler of another township cannot open it. Also the conference page."""

from __future__ import annotations

import re

import pytest

from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in, take_action
from redress.conferences.testing import township_a_conference
from redress.orgs.testing import build_cast
from redress.supervision.models import Letter

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_issue_answer_and_accept_a_letter(live_server, open_page):
    cast = build_cast()
    base = live_server.url

    director, director_watch = open_page("director", **DESKTOP_EN)
    sign_in(director, base, "county_director")
    director.click("nav >> text=Letters")
    director.wait_for_url(re.compile(r".*/staff/letters/$"))
    director_watch.shot("letters-empty")
    director.click("text=Issue a letter")
    director.select_option("#id_unit", value=str(cast.a_labour.pk))
    director.select_option("#id_leader", value=str(cast.county_leader.pk))
    director.fill("#id_title", "Wage arrears at the East Village site")
    director.fill("#id_required_action", "Establish the amount owed and have it paid.")
    director.fill("#id_working_days", "10")
    director_watch.shot("issue-form")
    director.click("form button.primary")
    director.wait_for_url(re.compile(r".*/staff/letters/\d+/$"))
    assert "Letter issued." in director.content()
    letter = Letter.objects.get()
    director_watch.shot("issued")

    handler, handler_watch = open_page("handler", **DESKTOP_ZH)
    sign_in(handler, base, "a_handler")
    handler.goto(f"{base}/staff/letters/mine/")
    assert "Wage arrears at the East Village site" in handler.content()
    handler_watch.shot("letters-to-my-unit")
    handler.click("text=Wage arrears at the East Village site")
    take_action(handler, "complete", {"textarea": "All 20 workers were paid on 3 March."})
    assert "All 20 workers were paid" in handler.content()
    handler_watch.shot("completion-reported")

    director.reload()
    take_action(director, "accept", {"input[type=text]": "Well done."})
    letter.refresh_from_db()
    assert letter.status == "accepted" and letter.on_time is True
    director_watch.shot("accepted")

    leader, leader_watch = open_page("leader", **DESKTOP_EN)
    sign_in(leader, base, "county_leader")
    leader.click("nav >> text=Letters to me")
    leader_watch.shot("leader-letters")

    outsider, outsider_watch = open_page("outsider", **DESKTOP_EN)
    sign_in(outsider, base, "b_handler")
    response = outsider.goto(f"{base}/staff/letters/{letter.pk}/")
    assert response is not None and response.status == 404
    # The 404 itself is what we expect; the browser logs it as a failed resource.
    outsider_watch.errors = [e for e in outsider_watch.errors if "404" not in e]


def test_conference_page(live_server, open_page):
    cast = build_cast()
    conference = township_a_conference(cast)
    page, watch = open_page("director", **DESKTOP_ZH)
    sign_in(page, live_server.url, "a_director")
    page.goto(f"{live_server.url}/staff/conferences/")
    page.click(f"text={conference.title}")
    page.click("#action-minutes summary")
    page.fill("#id_minutes-minutes", "研究东村欠薪问题。")
    page.fill("#id_minutes-decision_0_text", "劳动保障所督促支付欠薪")
    page.select_option("#id_minutes-decision_0_unit", value=str(cast.a_labour.pk))
    watch.shot("minutes-form")
    page.click("#action-minutes button.primary")
    page.wait_for_load_state()
    assert "劳动保障所督促支付欠薪" in page.content()
    watch.shot("held")
