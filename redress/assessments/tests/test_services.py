"""The assessment's workflow and the approval gate: every refusal, recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest

from redress.assessments import services
from redress.assessments.models import (
    Grade,
    GradingScheme,
    Project,
    ProjectEvent,
    ProjectEventKind,
    ProjectStatus,
)
from redress.assessments.services import ApprovalRefused
from redress.assessments.testing import assess_to_analysis, register_project, survey
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.orgs.testing import Cast


def _project(cast: Cast, **kwargs: object) -> Project:
    return register_project(
        actor=cast.a_env_handler,
        initiator=cast.a_environment,
        jurisdiction=cast.township_a,
        **kwargs,  # type: ignore[arg-type]
    )


def _graded(cast: Cast, *, objection: int, review: bool = True) -> Project:
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=objection)
    services.assessment_grade(project=project, actor=cast.a_director)
    if review:
        services.assessment_review(project=project, actor=cast.county_director)
    project.refresh_from_db()
    return project


def _refused(cast: Cast, project: Project, reason: str) -> None:
    project.refresh_from_db()
    status, decided_at = project.status, project.decided_at
    with pytest.raises(ApprovalRefused) as raised:
        services.project_approve(project=project, actor=cast.county_leader)
    assert raised.value.reason == reason
    assert raised.value.message
    project.refresh_from_db()
    assert project.status == status
    assert project.decided_at == decided_at
    event = project.events.order_by("-id").first()
    assert event is not None
    assert event.kind == ProjectEventKind.APPROVAL_REFUSED
    assert event.data["reason"] == reason
    assert event.actor == cast.county_leader
    assert event.note == raised.value.message


# Registering --------------------------------------------------------------------------------


def test_register_writes_a_draft_and_its_event(cast: Cast) -> None:
    project = _project(cast)
    assert project.status == ProjectStatus.DRAFT
    assert project.jurisdiction_path == cast.township_a.path
    assert list(project.events.values_list("kind", flat=True)) == [ProjectEventKind.REGISTERED]


def test_register_by_another_department_or_role_is_refused(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        register_project(
            actor=cast.a_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
        )
    with pytest.raises(PermissionDenied):
        register_project(
            actor=cast.a_operator, initiator=cast.a_environment, jurisdiction=cast.township_a
        )
    with pytest.raises(DomainError) as raised:
        register_project(
            actor=cast.a_director, initiator=cast.a_environment, jurisdiction=cast.township_b
        )
    assert raised.value.field == "jurisdiction"
    assert not Project.objects.exists()


def test_register_idempotency(cast: Cast) -> None:
    data = services.ProjectInput(
        title="污水处理厂",
        kind="infrastructure",
        level="township",
        initiator=cast.a_environment,
        jurisdiction=cast.township_a,
    )
    first, created = services.project_register(
        data=data, actor=cast.a_director, idempotency_key="k1"
    )
    again, created_again = services.project_register(
        data=data, actor=cast.a_director, idempotency_key="k1"
    )
    assert created and not created_again and first.pk == again.pk
    other = services.ProjectInput(**{**data.__dict__, "title": "别的项目"})
    with pytest.raises(DomainError) as raised:
        services.project_register(data=other, actor=cast.a_director, idempotency_key="k1")
    assert raised.value.code == "idempotency_conflict"


# The workflow -----------------------------------------------------------------------------


def test_low_risk_path_to_approval(cast: Cast) -> None:
    project = _graded(cast, objection=2)
    assert project.grade == Grade.LOW and project.computed_grade == Grade.LOW
    services.project_approve(project=project, actor=cast.county_leader, note="同意")
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    kinds = list(project.events.values_list("kind", flat=True))
    assert kinds[0] == ProjectEventKind.REGISTERED
    assert kinds[-3:] == [
        ProjectEventKind.GRADED,
        ProjectEventKind.REVIEWED,
        ProjectEventKind.APPROVED,
    ]
    assert all(e.actor_id for e in project.events.all())


def test_analysis_needs_a_survey_and_grading_needs_every_dimension(cast: Cast) -> None:
    project = _project(cast)
    services.assessment_start_consultation(project=project, actor=cast.a_env_handler)
    with pytest.raises(DomainError) as raised:
        services.assessment_start_analysis(project=project, actor=cast.a_env_handler)
    assert raised.value.field == "consultation"
    services.consultation_record_add(
        project=project, actor=cast.a_env_handler, data=survey(reached=100, objection=0)
    )
    services.assessment_start_analysis(project=project, actor=cast.a_env_handler)
    with pytest.raises(DomainError) as raised:
        services.assessment_grade(project=project, actor=cast.a_director)
    assert raised.value.field == "dimensions"


def test_grading_needs_enough_coverage(cast: Cast) -> None:
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=94, objection=0)
    with pytest.raises(DomainError) as raised:
        services.assessment_grade(project=project, actor=cast.a_director)
    assert raised.value.code == "insufficient_consultation"
    assert "94.00%" in raised.value.message


def test_only_the_office_grades(cast: Cast) -> None:
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=0)
    with pytest.raises(PermissionDenied):
        services.assessment_grade(project=project, actor=cast.a_env_handler)
    with pytest.raises(PermissionDenied):
        services.assessment_grade(project=project, actor=cast.b_director)


def test_survey_counts_must_add_up(cast: Cast) -> None:
    project = _project(cast)
    bad = services.ConsultationInput(
        kind="survey",
        held_on=survey(reached=1, objection=0).held_on,
        summary="x",
        households_reached=10,
        support_count=5,
        objection_count=1,
        neutral_count=1,
    )
    with pytest.raises(DomainError) as raised:
        services.consultation_record_add(project=project, actor=cast.a_env_handler, data=bad)
    assert raised.value.field == "objection_count"
    assert not project.consultations.exists()


def test_assessor_grade_may_differ_only_with_a_reason(cast: Cast) -> None:
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=2)
    with pytest.raises(DomainError) as raised:
        services.assessment_grade(project=project, actor=cast.a_director, grade=Grade.MEDIUM)
    assert raised.value.field == "reason"
    project.refresh_from_db()
    assert project.status == ProjectStatus.ANALYSIS and project.grade == ""
    services.assessment_grade(
        project=project,
        actor=cast.a_director,
        grade=Grade.MEDIUM,
        reason="听证会上有村民强烈反对补偿标准，调查低估了反对程度。",
    )
    project.refresh_from_db()
    assert (project.computed_grade, project.grade) == (Grade.LOW, Grade.MEDIUM)
    assert project.grade_differs and project.grade_reason
    event = project.events.get(kind=ProjectEventKind.GRADED)
    assert event.data["differs"] is True and event.data["computed"] == "low"


def test_a_changed_survey_count_regrades(cast: Cast) -> None:
    project = _graded(cast, objection=2)
    assert project.status == ProjectStatus.REVIEWED and project.grade == Grade.LOW
    record = project.consultations.get()
    services.consultation_record_update(
        project=project,
        actor=cast.a_env_handler,
        record_id=record.pk,
        data=survey(reached=100, objection=40),
    )
    project.refresh_from_db()
    assert (project.computed_grade, project.grade, project.status) == (
        Grade.HIGH,
        Grade.HIGH,
        ProjectStatus.GRADED,
    )
    assert project.reviewed_at is None
    regraded = project.events.get(kind=ProjectEventKind.REGRADED)
    assert regraded.data == {"from_grade": "low", "to_grade": "high"}
    # Back to 4%: low again, still needs a review.
    services.consultation_record_update(
        project=project,
        actor=cast.a_env_handler,
        record_id=record.pk,
        data=survey(reached=100, objection=4),
    )
    project.refresh_from_db()
    assert project.grade == Grade.LOW and project.status == ProjectStatus.GRADED
    # A second survey round that brings coverage below the minimum sends it back to analysis.
    project.affected_households = 300
    project.save()
    services.consultation_record_add(
        project=project, actor=cast.a_env_handler, data=survey(reached=10, objection=9)
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.ANALYSIS and project.grade == ""


def test_nearest_grading_scheme_up_the_tree_wins(cast: Cast) -> None:
    GradingScheme.objects.create(
        jurisdiction=cast.county, high_objection_above_percent=Decimal("10")
    )
    project = _graded(cast, objection=12, review=False)
    assert project.computed_grade == Grade.HIGH
    GradingScheme.objects.create(
        jurisdiction=cast.township_a, high_objection_above_percent=Decimal("50")
    )
    project2 = _graded(cast, objection=12, review=False)
    assert project2.computed_grade == Grade.MEDIUM


# The gate: every refusal ------------------------------------------------------------------


def test_gate_refuses_a_draft(cast: Cast) -> None:
    _refused(cast, _project(cast), "unassessed")


def test_gate_refuses_during_analysis(cast: Cast) -> None:
    project = _project(cast)
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=0)
    _refused(cast, project, "unassessed")


def test_gate_refuses_before_review(cast: Cast) -> None:
    _refused(cast, _graded(cast, objection=0, review=False), "not_reviewed")


def test_gate_refuses_high(cast: Cast) -> None:
    project = _graded(cast, objection=34)
    assert project.grade == Grade.HIGH
    _refused(cast, project, "high_risk")


def test_gate_refuses_blocked(cast: Cast) -> None:
    project = _graded(cast, objection=50)
    services.project_block(project=project, actor=cast.county_leader, reason="反对强烈，暂缓")
    project.refresh_from_db()
    assert project.status == ProjectStatus.BLOCKED
    _refused(cast, project, "blocked")


def test_gate_on_medium_until_measures_completed_and_regraded(cast: Cast) -> None:
    project = _graded(cast, objection=20)
    assert project.grade == Grade.MEDIUM
    _refused(cast, project, "medium_no_measures")
    measure = services.mitigation_add(
        project=project,
        actor=cast.a_director,
        description="提高补偿标准并公示",
        owner=cast.a_environment,
        working_days=10,
    )
    _refused(cast, project, "medium_measures_open")
    services.mitigation_complete(
        project=project, actor=cast.a_env_handler, measure_id=measure.pk, note="已公示"
    )
    _refused(cast, project, "medium_not_regraded")
    services.assessment_grade(project=project, actor=cast.a_director)
    _refused(cast, project, "not_reviewed")
    services.assessment_review(project=project, actor=cast.county_director)
    services.project_approve(project=project, actor=cast.county_leader)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED_WITH_CONDITIONS
    assert project.events.filter(kind=ProjectEventKind.APPROVAL_REFUSED).count() == 4
    _refused(cast, project, "already_approved")


def test_low_with_measures_is_approved_with_conditions(cast: Cast) -> None:
    project = _graded(cast, objection=1)
    services.mitigation_add(
        project=project,
        actor=cast.a_env_handler,
        description="施工期噪声监测",
        owner=cast.a_environment,
        working_days=20,
    )
    services.project_approve(project=project, actor=cast.county_leader)
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED_WITH_CONDITIONS


def test_only_leaders_of_the_area_approve_and_that_refusal_is_not_a_gate_record(cast: Cast) -> None:
    project = _graded(cast, objection=0)
    before = ProjectEvent.objects.count()
    for user in (cast.a_director, cast.county_director, cast.a_env_handler, cast.auditor):
        with pytest.raises(PermissionDenied):
            services.project_approve(project=project, actor=user)
    assert ProjectEvent.objects.count() == before


def test_steps_out_of_order_are_refused(cast: Cast) -> None:
    project = _project(cast)
    with pytest.raises(TransitionNotAllowed):
        services.assessment_review(project=project, actor=cast.a_director)
    with pytest.raises(TransitionNotAllowed):
        services.project_block(project=project, actor=cast.county_leader, reason="x")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_approval_is_committed(cast: Cast) -> None:
    from django.db import transaction

    project = _project(cast)
    with pytest.raises(ApprovalRefused):
        services.project_approve(project=project, actor=cast.county_leader)
    assert not transaction.get_connection().in_atomic_block
    assert ProjectEvent.objects.filter(
        project=project, kind=ProjectEventKind.APPROVAL_REFUSED
    ).exists()
