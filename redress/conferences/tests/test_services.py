"""A conference's decisions become action items on the obligation clock; the agenda is
proposed from the data; refusals write nothing."""

from __future__ import annotations

import pytest
from django.http import Http404

from redress.cases.testing import local_time, submit_case
from redress.conferences.agenda import conference_agenda_propose
from redress.conferences.models import ActionItem, ActionItemEvent, Attendance, ConferenceStatus
from redress.conferences.selectors import (
    action_item_get_for_user,
    conference_action_items,
    conference_get_for_user,
)
from redress.conferences.services import (
    DecisionInput,
    action_item_accept,
    action_item_report,
    conference_agenda_adopt,
    conference_minutes_approve,
    conference_minutes_record,
)
from redress.conferences.testing import township_a_conference
from redress.core.clock import frozen_at
from redress.core.errors import DomainError, PermissionDenied
from redress.obligations.models import ObligationEventKind, ObligationStatus, ReportKind
from redress.supervision.models import (
    AccountabilityRecord,
    AccountabilitySource,
    Letter,
    SubjectKind,
)
from redress.supervision.testing import DUE, ISSUED, REMINDER, WARNING, run_clocks_at

pytestmark = pytest.mark.django_db


def record_minutes(cast, conference):
    with frozen_at(ISSUED):
        return conference_minutes_record(
            actor=cast.a_director,
            conference=conference,
            minutes="会议研究了东村欠薪和工地噪声问题。",
            attendance={
                cast.a_complaints.pk: "present",
                cast.a_labour.pk: "delegate",
                cast.a_environment.pk: "absent",
            },
            decisions=[
                DecisionInput(
                    text="劳动保障所十个工作日内督促支付欠薪。", unit=cast.a_labour, working_days=10
                ),
                DecisionInput(
                    text="环保办监测夜间施工噪声。", unit=cast.a_environment, due_at=WARNING
                ),
            ],
        )


def test_a_decision_becomes_a_tracked_action_item(cast):
    conference = township_a_conference(cast)
    record_minutes(cast, conference)
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.HELD
    assert Attendance.objects.filter(conference=conference).count() == 3
    labour, _environment = conference_action_items(conference=conference)
    assert labour.unit == cast.a_labour and labour.due_at == DUE
    assert labour.next_action_at == REMINDER  # on the clock from the start
    assert ActionItemEvent.objects.filter(obligation=labour, kind="issued").count() == 1

    # The same ladder as cases and letters: reminder, letter from the level above, warning.
    run_clocks_at(REMINDER)
    run_clocks_at(DUE)
    kinds = list(
        ActionItemEvent.objects.filter(obligation=labour)
        .exclude(kind="issued")
        .values_list("kind", flat=True)
    )
    assert kinds == [ObligationEventKind.REMINDER, ObligationEventKind.ESCALATED]
    (letter,) = Letter.objects.filter(subject_kind=SubjectKind.DECISION, subject_id=labour.pk)
    assert letter.issuing_office == cast.county and letter.unit == cast.a_labour
    run_clocks_at(WARNING)
    record = AccountabilityRecord.objects.get(action_item_id=labour.pk)
    assert record.source == AccountabilitySource.ACTION_ITEM_WARNING


def test_action_item_progress_and_acceptance(cast):
    conference = township_a_conference(cast)
    record_minutes(cast, conference)
    item = conference_action_items(conference=conference)[0]
    with frozen_at(REMINDER):
        action_item_report(actor=cast.a_handler, item=item, kind=ReportKind.PROGRESS, text="已约谈")
        item = action_item_report(
            actor=cast.a_handler, item=item, kind=ReportKind.COMPLETION, text="已支付"
        )
    with pytest.raises(PermissionDenied):
        action_item_accept(actor=cast.a_handler, item=item)
    item = action_item_accept(actor=cast.a_director, item=item)
    assert item.status == ObligationStatus.ACCEPTED and item.on_time is True
    with frozen_at(REMINDER):
        conference_minutes_approve(actor=cast.a_director, conference=conference)


def test_refused_minutes_write_nothing(cast):
    conference = township_a_conference(cast)
    before = (ActionItem.objects.count(), Attendance.objects.count())
    with frozen_at(ISSUED), pytest.raises(DomainError) as refused:
        conference_minutes_record(
            actor=cast.a_director,
            conference=conference,
            minutes="会议纪要",
            attendance={cast.a_labour.pk: "present"},
            decisions=[
                DecisionInput(text="有效的决定", unit=cast.a_labour, working_days=5),
                DecisionInput(text="西镇的单位不归东镇会议", unit=cast.b_labour, working_days=5),
            ],
        )
    assert refused.value.field == "decisions[1].unit_id"
    assert (ActionItem.objects.count(), Attendance.objects.count()) == before
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.PLANNED
    with pytest.raises(PermissionDenied):
        conference_minutes_record(
            actor=cast.b_director, conference=conference, minutes="x", attendance={}, decisions=[]
        )


def test_agenda_is_proposed_from_overdue_and_cross_department_cases(cast):
    from redress.cases.services import case_accept, case_transfer

    with frozen_at(local_time(2026, 1, 5)):
        overdue = submit_case(jurisdiction=cast.village_a, title="逾期未受理的欠薪")
        moved = submit_case(jurisdiction=cast.village_a, title="转办过的噪声投诉")
        case_accept(actor=cast.a_director, case=moved)
        case_transfer(
            actor=cast.a_director, case=moved, department=cast.a_environment, reason="噪声归环保"
        )
    elsewhere = submit_case(jurisdiction=cast.village_b, title="西镇的案件")
    conference = township_a_conference(cast)
    with frozen_at(ISSUED):
        proposed = conference_agenda_propose(conference=conference)
    by_source = {(item.source, item.link_id) for item in proposed}
    assert ("overdue_cases", overdue.pk) in by_source
    assert ("cross_department_cases", moved.pk) in by_source
    assert all(link_id != elsewhere.pk for _, link_id in by_source)
    conference_agenda_adopt(actor=cast.a_director, conference=conference, items=proposed)
    assert conference.agenda.count() == len(proposed)


def test_scoping_of_conferences_and_items(cast):
    conference = township_a_conference(cast)
    record_minutes(cast, conference)
    item = conference_action_items(conference=conference)[0]
    for user in (cast.a_director, cast.county_director, cast.a_handler, cast.auditor):
        conference_get_for_user(user=user, conference_id=conference.pk)
    for user in (cast.b_director, cast.b_handler, cast.liaison, cast.a_operator):
        with pytest.raises(Http404):
            conference_get_for_user(user=user, conference_id=conference.pk)
        with pytest.raises(Http404):
            action_item_get_for_user(user=user, item_id=item.pk)
    # The environment office sees the conference it belongs to, but not labour's item.
    with pytest.raises(Http404):
        action_item_get_for_user(user=cast.a_env_handler, item_id=item.pk)


def test_agenda_proposes_the_areas_projects_graded_medium_or_high(cast):
    from redress.assessments.services import assessment_grade
    from redress.assessments.testing import assess_to_analysis, register_project

    def graded(jurisdiction, initiator, director, objection):
        project = register_project(
            actor=director, initiator=initiator, jurisdiction=jurisdiction, title=f"项目{objection}"
        )
        assess_to_analysis(project=project, actor=director, reached=100, objection=objection)
        return assessment_grade(project=project, actor=director)

    risky = graded(cast.township_a, cast.a_labour, cast.a_director, objection=40)
    calm = graded(cast.township_a, cast.a_labour, cast.a_director, objection=1)
    elsewhere = graded(cast.township_b, cast.b_labour, cast.b_director, objection=40)
    assert (risky.grade, calm.grade, elsewhere.grade) == ("high", "low", "high")
    conference = township_a_conference(cast)
    projects = {
        item.link_id
        for item in conference_agenda_propose(conference=conference)
        if item.link_kind == "project"
    }
    assert projects == {risky.pk}


def test_agenda_proposes_the_areas_open_alerts(cast, category):
    import datetime as dt

    from redress.earlywarning.services import alert_dismiss
    from redress.earlywarning.testing import surge_alert

    day = dt.date(2026, 2, 20)
    open_alert = surge_alert(area=cast.village_a, category=category, day=day)
    dismissed = surge_alert(area=cast.village_a, category=category, day=day - dt.timedelta(9))
    alert_dismiss(alert=dismissed, actor=cast.a_director, reason="节前集中反映，属正常")
    surge_alert(area=cast.village_b, category=category, day=day)
    conference = township_a_conference(cast)
    alerts = {
        item.link_id
        for item in conference_agenda_propose(conference=conference)
        if item.link_kind == "alert"
    }
    assert alerts == {open_alert.pk}
