"""Early warning joined to the other apps: a supervision letter about a verified alert is the
action it records, and a risky project drawing grievances raises one alert."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from redress.cases.testing import local_time, submit_case
from redress.core import clock
from redress.earlywarning.linked import project_signals
from redress.earlywarning.models import Alert, AlertKind, AlertStatus
from redress.earlywarning.services import alert_verify, rules_scan
from redress.earlywarning.testing import counts_with_surge, surge_alert
from redress.orgs.testing import PASSWORD
from redress.supervision.models import Letter

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 5, 20)


def test_a_letter_about_a_verified_alert_is_its_action(client, cast, category):
    counts_with_surge(area=cast.village_a, category=category, last_day=DAY)
    alert = surge_alert(area=cast.village_a, category=category, day=DAY)
    assert client.login(username="a_director", password=PASSWORD)
    page = client.get(reverse("earlywarning:detail", args=[alert.pk])).content.decode()
    assert 'id="issue-letter"' not in page  # only once verified
    alert_verify(alert=alert, actor=cast.a_director)
    page = client.get(reverse("earlywarning:detail", args=[alert.pk])).content.decode()
    new_url = f"{reverse('supervision:letter_new')}?alert={alert.pk}"
    assert new_url in page
    form = client.get(new_url)
    assert form.status_code == 200
    response = client.post(
        new_url,
        {
            "unit": cast.a_labour.pk,
            "title": "关于欠薪投诉激增的督办函",
            "required_action": "排查欠薪企业并报告",
            "working_days": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()
    letter = Letter.objects.get()
    assert (letter.subject_kind, letter.subject_id) == ("alert", alert.pk)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTIONED
    assert alert.action_kind == "supervision_letter" and f"#{letter.pk}" in alert.action_reference
    detail = client.get(reverse("supervision:letter_detail", args=[letter.pk])).content.decode()
    assert reverse("earlywarning:detail", args=[alert.pk]) in detail


def test_another_townships_director_cannot_write_about_the_alert(client, cast, category):
    counts_with_surge(area=cast.village_a, category=category, last_day=DAY)
    alert = surge_alert(area=cast.village_a, category=category, day=DAY)
    assert client.login(username="b_director", password=PASSWORD)
    assert client.get(reverse("supervision:letter_new"), {"alert": alert.pk}).status_code == 404


def test_a_risky_project_drawing_grievances_raises_one_alert(cast):
    from redress.assessments.services import (
        assessment_grade,
        assessment_review,
        mitigation_add,
        mitigation_complete,
        project_approve,
        project_case_link,
    )
    from redress.assessments.testing import assess_to_analysis, register_project

    with clock.frozen_at(local_time(2026, 4, 1)):
        project = register_project(
            actor=cast.a_director, initiator=cast.a_labour, jurisdiction=cast.township_a
        )
        assess_to_analysis(project=project, actor=cast.a_director, reached=100, objection=10)
        project = assessment_grade(project=project, actor=cast.a_director)
        assert project.grade == "medium"
        measure = mitigation_add(
            project=project,
            actor=cast.a_director,
            description="召开补偿说明会",
            owner=cast.a_labour,
            working_days=5,
        )
        mitigation_complete(
            project=project, actor=cast.a_director, measure_id=measure.pk, note="已召开"
        )
    with clock.frozen_at(local_time(2026, 4, 2)):
        project = assessment_grade(project=project, actor=cast.a_director)
        assessment_review(project=project, actor=cast.a_director)
        project_approve(project=project, actor=cast.county_leader)
    for day in (15, 16, 18):
        with clock.frozen_at(local_time(2026, 5, day)):
            case = submit_case(jurisdiction=cast.village_a, title=f"征地补偿 {day}")
            project_case_link(project=project, case=case, actor=cast.a_director, how="operator")

    assert project_signals(day=dt.date(2026, 5, 10)) == []
    signals = project_signals(day=dt.date(2026, 5, 19))
    assert [s.key for s in signals] == [f"project:{project.pk}"]
    with clock.frozen_at(local_time(2026, 5, 20)):
        rules_scan(day=dt.date(2026, 5, 19))
        rules_scan(day=dt.date(2026, 5, 20))
    alerts = Alert.objects.filter(kind=AlertKind.PROJECT)
    assert alerts.count() == 1
    assert project.title in alerts.get().summary
