"""A major project's assessment on the pages: the initiator registers and assesses it, the
office grades and reviews, the leader's approval is refused by the gate and the project is
blocked; the report and the gate lists show it."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest

from redress.assessments.models import Project, ProjectEventKind, ProjectStatus
from redress.browser_tests.conftest import DESKTOP_EN, DESKTOP_ZH
from redress.browser_tests.test_journey import sign_in, take_action
from redress.orgs.testing import build_cast

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _open_as(open_page, name: str, username: str, url: str, options: Mapping[str, object]):
    page, watch = open_page(name, **options)
    sign_in(page, url.split("/staff/")[0], username)
    page.goto(url)
    return page, watch


def test_assessment_to_a_refused_approval_and_a_block(live_server, open_page):
    cast = build_cast()
    base = live_server.url
    page, watch = open_page("initiator", **DESKTOP_ZH)
    sign_in(page, base, "a_env_handler")
    page.click("nav a[href='/staff/projects/']")
    page.click("a[href='/staff/projects/new/']")
    page.fill("#id_title", "东镇垃圾焚烧发电项目")
    page.select_option("#id_kind", value="infrastructure")
    page.select_option("#id_level", value="county")
    page.select_option("#id_jurisdiction", value=str(cast.township_a.pk))
    page.fill("#id_affected_households", "100")
    page.fill("#id_affected_people", "320")
    watch.shot("register")
    page.click("form.form button.primary")
    page.wait_for_url(re.compile(r".*/staff/projects/\d+/$"))
    project = Project.objects.get()
    take_action(page, "start_consultation")
    page.wait_for_selector("#action-consultation")
    take_action(
        page,
        "consultation",
        fields={
            "#id_held_on": "2026-01-05",
            "#id_summary": "入户调查",
            "#id_households_reached": "100",
            "#id_support_count": "55",
            "#id_objection_count": "40",
            "#id_neutral_count": "5",
        },
        selects={"#id_kind": "survey"},
    )
    page.wait_for_selector("#grading td:has-text('入户调查')")
    for dimension in ("legality", "reasonableness", "feasibility", "controllability"):
        take_action(
            page,
            "dimension",
            fields={"#id_findings": "符合要求"},
            selects={"#id_dimension": dimension},
        )
        page.wait_for_load_state()
    take_action(page, "start_analysis")
    page.wait_for_selector("#action-start_analysis", state="detached")
    watch.shot("analysis")

    url = f"{base}/staff/projects/{project.pk}/"
    office, office_watch = _open_as(open_page, "office", "a_director", url, DESKTOP_ZH)
    take_action(office, "grade")
    office.wait_for_selector("#action-review")
    take_action(office, "review")
    office.wait_for_selector("#action-review", state="detached")
    office_watch.shot("reviewed")

    leader, leader_watch = _open_as(open_page, "leader", "county_leader", url, DESKTOP_EN)
    assert "The gate would refuse approval now" in leader.inner_text("#gate-verdict")
    take_action(leader, "approve", fields={"#id_note": "Go ahead"})
    leader.wait_for_selector(".messages .error")
    assert "high risk" in leader.inner_text(".messages .error")
    leader_watch.shot("refused")
    take_action(leader, "block", fields={"#id_reason": "Objection above a third of households"})
    leader.wait_for_selector(".messages .success")
    project.refresh_from_db()
    assert project.status == ProjectStatus.BLOCKED
    assert project.events.filter(kind=ProjectEventKind.APPROVAL_REFUSED).count() == 1
    leader.goto(f"{base}/staff/projects/{project.pk}/report/")
    assert "东镇垃圾焚烧发电项目" in leader.inner_text("article")
    leader_watch.shot("report")
    leader.goto(f"{base}/staff/projects/gate/")
    assert leader.is_visible("#unassessed-empty")
    assert "东镇垃圾焚烧发电项目" in leader.inner_text("main")
    leader_watch.shot("gate")
