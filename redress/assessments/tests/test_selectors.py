"""Scope, the gate lists, and the figures other apps read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from redress.assessments import services
from redress.assessments.models import Grade, LinkHow, Project, ProjectStatus
from redress.assessments.selectors import (
    assessment_before_approval_counts,
    project_gate_lists,
    project_get_for_user,
    project_grievance_counts,
    project_grievance_signals,
    project_grievance_suggestions,
    project_grievance_weeks,
    project_list_for_user,
    project_list_risky_open,
)
from redress.assessments.testing import assess_to_analysis, register_project
from redress.cases.testing import submit_case
from redress.core import clock
from redress.orgs.testing import Cast


def _approved(cast: Cast, *, objection: int = 0) -> Project:
    project = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=objection)
    services.risk_factor_record(
        project=project,
        actor=cast.a_env_handler,
        factor="environment",
        findings="施工扬尘",
        likelihood="medium",
        impact="medium",
    )
    services.assessment_grade(project=project, actor=cast.a_director)
    services.assessment_review(project=project, actor=cast.a_director)
    if objection >= 5:
        measure = services.mitigation_add(
            project=project,
            actor=cast.a_director,
            description="洒水降尘",
            owner=cast.a_environment,
            working_days=5,
        )
        services.mitigation_complete(
            project=project, actor=cast.a_env_handler, measure_id=measure.pk
        )
        services.assessment_grade(project=project, actor=cast.a_director)
        services.assessment_review(project=project, actor=cast.a_director)
    services.project_approve(project=project, actor=cast.county_leader)
    project.refresh_from_db()
    return project


def test_township_staff_see_only_their_townships_projects(cast: Cast) -> None:
    a = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    b = register_project(
        actor=cast.b_director,
        initiator=cast.b_labour,
        jurisdiction=cast.township_b,
        title="西镇项目",
    )
    assert list(project_list_for_user(user=cast.a_director)) == [a]
    assert list(project_list_for_user(user=cast.b_handler)) == [b]
    assert set(project_list_for_user(user=cast.auditor)) == {a, b}
    assert not project_list_for_user(user=cast.liaison).exists()
    with pytest.raises(Http404):
        project_get_for_user(user=cast.b_director, project_id=a.pk)
    assert project_get_for_user(user=cast.county_leader, project_id=a.pk) == a


def test_gate_lists_and_nothing_approved_unassessed(cast: Cast) -> None:
    pending = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    approved = _approved(cast)
    lists = project_gate_lists(user=cast.county_director)
    assert list(lists["pending"]) == [pending]
    assert list(lists["unassessed_approved"]) == []
    assert approved.status == ProjectStatus.APPROVED


def test_risky_open_projects_for_the_agenda(cast: Cast) -> None:
    project = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=40)
    services.assessment_grade(project=project, actor=cast.a_director)
    _approved(cast)
    assert list(project_list_risky_open(jurisdiction=cast.county)) == [project]
    assert list(project_list_risky_open(jurisdiction=cast.township_b)) == []


def test_assessed_before_approval_counts(cast: Cast) -> None:
    project = _approved(cast, objection=10)
    year = project.decided_at.astimezone(dt.UTC).year if project.decided_at else 0
    counts = assessment_before_approval_counts(year=clock.now().year)
    assert counts[cast.a_environment.pk].approved == 1
    assert counts[cast.a_environment.pk].assessed_before == 1
    assert assessment_before_approval_counts(year=year - 1) == {}


def test_grievances_suggested_linked_and_counted(cast: Cast) -> None:
    project = _approved(cast, objection=10)
    assert (
        project.status == ProjectStatus.APPROVED_WITH_CONDITIONS and project.grade == Grade.MEDIUM
    )
    dust = submit_case(jurisdiction=cast.village_a, category_code="pollution", title="工地扬尘严重")
    submit_case(jurisdiction=cast.village_a, category_code="wage-arrears")
    submit_case(jurisdiction=cast.village_b, category_code="pollution", title="西村排污")
    suggested = project_grievance_suggestions(user=cast.a_director, project=project)
    assert suggested == [dust]
    assert project_grievance_suggestions(user=cast.b_director, project=project) == []
    services.project_case_link(
        project=project, case=dust, actor=cast.a_director, how=LinkHow.SUGGESTED
    )
    assert project_grievance_suggestions(user=cast.a_director, project=project) == []
    now = clock.now()
    counts = project_grievance_counts(
        project_ids=[project.pk],
        since=now - dt.timedelta(days=30),
        until=now + dt.timedelta(days=1),
    )
    assert sum(count for _, count in counts[project.pk]) == 1
    weeks = project_grievance_weeks(project=project)
    assert len(weeks) == 12 and weeks[-1][1] == 1
    signals = project_grievance_signals(now=now + dt.timedelta(seconds=1))
    assert [(s.project_id, s.recent) for s in signals] == [(project.pk, 1)]


def test_linking_needs_an_approved_project_and_is_once(cast: Cast) -> None:
    from redress.core.errors import DomainError, TransitionNotAllowed

    draft = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    case = submit_case(jurisdiction=cast.village_a, category_code="pollution")
    with pytest.raises(TransitionNotAllowed):
        services.project_case_link(
            project=draft, case=case, actor=cast.a_director, how=LinkHow.OPERATOR
        )
    project = _approved(cast)
    services.project_case_link(
        project=project, case=case, actor=cast.a_operator, how=LinkHow.OPERATOR
    )
    with pytest.raises(DomainError):
        services.project_case_link(
            project=project, case=case, actor=cast.a_operator, how=LinkHow.OPERATOR
        )


def test_early_warning_hook_runs_after_commit(
    cast: Cast, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from redress.assessments.services import links

    calls: list[tuple[int, int]] = []

    def hook(*, project_id: int, case_id: int) -> None:
        calls.append((project_id, case_id))

    services.grievance_linked_hook_register(hook)
    try:
        project = _approved(cast)
        case = submit_case(jurisdiction=cast.village_a, category_code="pollution")
        with django_capture_on_commit_callbacks(execute=True):
            services.project_case_link(
                project=project, case=case, actor=cast.a_director, how=LinkHow.OPERATOR
            )
        assert calls == [(project.pk, case.pk)]
    finally:
        links._hooks.remove(hook)
