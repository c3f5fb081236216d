"""Helpers for tests (and the demo) that need a project at a given stage of its assessment."""

from __future__ import annotations

import datetime as dt

from redress.assessments import services
from redress.assessments.models import Dimension, Project, ProjectKind
from redress.core import clock
from redress.orgs.models import Department, Jurisdiction, Level, User


def register_project(
    *,
    actor: User,
    initiator: Department,
    jurisdiction: Jurisdiction,
    title: str = "东镇工业园区征地项目",
    affected_households: int = 100,
    kind: str = ProjectKind.LAND_ACQUISITION,
) -> Project:
    project, _ = services.project_register(
        data=services.ProjectInput(
            title=title,
            kind=kind,
            level=Level.TOWNSHIP if jurisdiction.level != Level.COUNTY else Level.COUNTY,
            initiator=initiator,
            jurisdiction=jurisdiction,
            description="征收耕地用于建设工业园区。",
            affected_households=affected_households,
            affected_people=affected_households * 3,
        ),
        actor=actor,
    )
    return project


def survey(
    *, reached: int, objection: int, neutral: int = 0, held_on: dt.date | None = None
) -> services.ConsultationInput:
    return services.ConsultationInput(
        kind="survey",
        held_on=held_on or clock.now().date(),
        summary="入户调查",
        households_reached=reached,
        support_count=reached - objection - neutral,
        objection_count=objection,
        neutral_count=neutral,
    )


def assess_to_analysis(
    *, project: Project, actor: User, reached: int, objection: int, neutral: int = 0
) -> Project:
    """Consultation with one survey, the four dimensions assessed, analysis started."""
    services.assessment_start_consultation(project=project, actor=actor)
    services.consultation_record_add(
        project=project,
        actor=actor,
        data=survey(reached=reached, objection=objection, neutral=neutral),
    )
    for dimension in Dimension.values:
        services.dimension_record(
            project=project,
            actor=actor,
            dimension=dimension,
            findings="符合要求。",
            evidence="文件",
        )
    services.assessment_start_analysis(project=project, actor=actor)
    project.refresh_from_db()
    return project
