"""Registering a project and the assessment's steps up to review: draft -> consultation ->
analysis -> graded -> reviewed. Each step writes its timeline event in the same transaction,
under a row lock on the project."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from redress.assessments.grading import GradeResult, grade_compute
from redress.assessments.models import (
    GRADE_RANK,
    ConsultationKind,
    ConsultationRecord,
    Dimension,
    DimensionFinding,
    Grade,
    Level3,
    Project,
    ProjectEventKind,
    ProjectKind,
    ProjectStatus,
    RiskFactor,
    RiskFactorKind,
)
from redress.assessments.permissions import Action
from redress.assessments.selectors import survey_figures, thresholds_for
from redress.assessments.services.common import (
    TEXT_MAX,
    check,
    event_record,
    project_lock,
    text_optional,
    text_required,
    transition,
)
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.orgs.models import LEVEL_RANK, Department, Jurisdiction, Level, Role, User

TITLE_MAX = 200
COUNT_MAX = 10_000_000
GRADE_REASON_MIN = 10


@dataclass(frozen=True)
class ProjectInput:
    title: str
    kind: str
    level: str
    initiator: Department
    jurisdiction: Jurisdiction
    description: str = ""
    location_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    area_hectares: Decimal | None = None
    investment_wan: Decimal | None = None
    affected_households: int = 0
    affected_people: int = 0
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None


def _count(value: int, *, field: str) -> int:
    if value is None or value < 0 or value > COUNT_MAX:
        raise DomainError(
            _("Give a whole number from 0 to %(max)s.") % {"max": COUNT_MAX}, field=field
        )
    return int(value)


def _validate(data: ProjectInput, *, actor: User) -> None:
    text_required(data.title, field="title", maximum=TITLE_MAX, what=_("A name"))
    text_optional(data.description, field="description")
    text_optional(data.location_text, field="location_text", maximum=300)
    if data.kind not in ProjectKind.values:
        raise DomainError(_("Choose one of the kinds listed."), field="kind")
    if data.level not in Level.values or data.level == Level.ENTERPRISE:
        raise DomainError(_("Choose a level of government."), field="level")
    if actor.jurisdiction is None or not data.jurisdiction.path.startswith(actor.jurisdiction.path):
        raise DomainError(
            _("The area must lie in your own."), field="jurisdiction", code="not_found"
        )
    if not data.initiator.jurisdiction.path.startswith(actor.jurisdiction.path):
        raise DomainError(_("The initiator unit must lie in your area."), field="initiator")
    if LEVEL_RANK[Level(data.level)] > LEVEL_RANK[Level(data.jurisdiction.level)] and (
        data.jurisdiction.level != Level.ENTERPRISE
    ):
        raise DomainError(
            _("The deciding level cannot be below the project's area."), field="level"
        )
    if (data.latitude is None) != (data.longitude is None):
        raise DomainError(_("Give both latitude and longitude, or neither."), field="latitude")
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        raise DomainError(_("Latitude lies between -90 and 90."), field="latitude")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        raise DomainError(_("Longitude lies between -180 and 180."), field="longitude")
    for name in ("area_hectares", "investment_wan"):
        value = getattr(data, name)
        if value is not None and (value < 0 or value >= Decimal("1e10")):
            raise DomainError(_("Give a positive amount."), field=name)
    _count(data.affected_households, field="affected_households")
    _count(data.affected_people, field="affected_people")
    if data.planned_start and data.planned_end and data.planned_end < data.planned_start:
        raise DomainError(_("The planned end comes before the start."), field="planned_end")


def project_register(
    *, data: ProjectInput, actor: User, idempotency_key: str | None = None
) -> tuple[Project, bool]:
    """Register a project as a draft. Its initiator unit's staff (a handler registers for
    their own department) or the office director do this. Returns (project, created); a
    retry with the same key returns the first project."""
    if actor.role == Role.HANDLER:
        if actor.department_id != data.initiator.pk:
            raise PermissionDenied(
                _("Staff of a department register their own department's projects.")
            )
    elif actor.role != Role.DIRECTOR:
        raise PermissionDenied(
            _("Only an initiator unit's staff or the office director register projects.")
        )
    _validate(data, actor=actor)
    if idempotency_key:
        existing = Project.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _same_request(existing, data), False
    try:
        with transaction.atomic():
            project = Project.objects.create(
                title=data.title.strip(),
                description=data.description.strip(),
                kind=data.kind,
                level=data.level,
                initiator=data.initiator,
                jurisdiction=data.jurisdiction,
                jurisdiction_path=data.jurisdiction.path,
                location_text=data.location_text.strip(),
                latitude=data.latitude,
                longitude=data.longitude,
                area_hectares=data.area_hectares,
                investment_wan=data.investment_wan,
                affected_households=data.affected_households,
                affected_people=data.affected_people,
                planned_start=data.planned_start,
                planned_end=data.planned_end,
                idempotency_key=idempotency_key,
                created_by=actor,
            )
            event_record(project, kind=ProjectEventKind.REGISTERED, actor=actor, from_status="")
    except IntegrityError:
        # Two retries raced; the other one made it.
        existing = Project.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return _same_request(existing, data), False
    return project, True


def _same_request(existing: Project, data: ProjectInput) -> Project:
    if existing.title != data.title.strip() or existing.jurisdiction_id != data.jurisdiction.pk:
        raise DomainError(
            _("This idempotency key was used for a different project."),
            field="idempotency_key",
            code="idempotency_conflict",
        )
    return existing


@transaction.atomic
def assessment_start_consultation(*, project: Project, actor: User, note: str = "") -> Project:
    project = project_lock(project)
    check(project, actor=actor, action=Action.START_CONSULTATION)
    return transition(
        project,
        to_status=ProjectStatus.CONSULTATION,
        kind=ProjectEventKind.CONSULTATION_STARTED,
        actor=actor,
        note=text_optional(note, field="note"),
    )


@transaction.atomic
def assessment_start_analysis(*, project: Project, actor: User, note: str = "") -> Project:
    """Consultation is over; the assessors weigh it. Needs at least one household survey."""
    project = project_lock(project)
    check(project, actor=actor, action=Action.START_ANALYSIS)
    if not project.consultations.filter(kind=ConsultationKind.SURVEY).exists():
        raise DomainError(
            _("Record at least one household survey before the analysis."),
            field="consultation",
            code="required",
        )
    return transition(
        project,
        to_status=ProjectStatus.ANALYSIS,
        kind=ProjectEventKind.ANALYSIS_STARTED,
        actor=actor,
        note=text_optional(note, field="note"),
    )


@transaction.atomic
def dimension_record(
    *, project: Project, actor: User, dimension: str, findings: str, evidence: str = ""
) -> DimensionFinding:
    project = project_lock(project)
    check(project, actor=actor, action=Action.EDIT)
    if dimension not in Dimension.values:
        raise DomainError(_("Choose one of the four dimensions."), field="dimension")
    row, _created = DimensionFinding.objects.update_or_create(
        project=project,
        dimension=dimension,
        defaults={
            "findings": text_required(
                findings, field="findings", maximum=TEXT_MAX, what=_("Findings")
            ),
            "evidence": text_optional(evidence, field="evidence"),
            "updated_at": clock.now(),
        },
    )
    event_record(
        project,
        kind=ProjectEventKind.DIMENSION_RECORDED,
        actor=actor,
        data={"dimension": dimension},
    )
    return row


@transaction.atomic
def risk_factor_record(
    *,
    project: Project,
    actor: User,
    factor: str,
    findings: str,
    likelihood: str,
    impact: str,
    evidence: str = "",
) -> RiskFactor:
    project = project_lock(project)
    check(project, actor=actor, action=Action.EDIT)
    if factor not in RiskFactorKind.values:
        raise DomainError(_("Choose one of the risk factors listed."), field="factor")
    if likelihood not in Level3.values:
        raise DomainError(_("Choose low, medium or high."), field="likelihood")
    if impact not in Level3.values:
        raise DomainError(_("Choose low, medium or high."), field="impact")
    row, _created = RiskFactor.objects.update_or_create(
        project=project,
        factor=factor,
        defaults={
            "findings": text_required(
                findings, field="findings", maximum=TEXT_MAX, what=_("Findings")
            ),
            "evidence": text_optional(evidence, field="evidence"),
            "likelihood": likelihood,
            "impact": impact,
            "updated_at": clock.now(),
        },
    )
    event_record(
        project,
        kind=ProjectEventKind.RISK_FACTOR_RECORDED,
        actor=actor,
        data={"factor": factor, "likelihood": likelihood, "impact": impact},
    )
    return row


@transaction.atomic
def objections_record(*, project: Project, actor: User, text: str) -> Project:
    project = project_lock(project)
    check(project, actor=actor, action=Action.EDIT)
    project.main_objections = text_optional(text, field="main_objections")
    project.save(update_fields=["main_objections", "updated_at"])
    event_record(project, kind=ProjectEventKind.OBJECTIONS_RECORDED, actor=actor)
    return project


@dataclass(frozen=True)
class ConsultationInput:
    kind: str
    held_on: dt.date
    summary: str
    households_reached: int = 0
    support_count: int = 0
    objection_count: int = 0
    neutral_count: int = 0


def _consultation_clean(data: ConsultationInput) -> dict[str, object]:
    if data.kind not in ConsultationKind.values:
        raise DomainError(_("Choose a hearing, a survey or an expert opinion."), field="kind")
    if data.held_on is None or data.held_on > clock.now().date():
        raise DomainError(
            _("Give the day it was held; it cannot be in the future."), field="held_on"
        )
    values: dict[str, object] = {
        "kind": data.kind,
        "held_on": data.held_on,
        "summary": text_required(
            data.summary, field="summary", maximum=TEXT_MAX, what=_("A summary")
        ),
    }
    counts = {
        name: _count(getattr(data, name), field=name)
        for name in ("households_reached", "support_count", "objection_count", "neutral_count")
    }
    if data.kind == ConsultationKind.SURVEY:
        if counts["households_reached"] <= 0:
            raise DomainError(
                _("A survey reaches at least one household."), field="households_reached"
            )
        if (
            counts["support_count"] + counts["objection_count"] + counts["neutral_count"]
            != counts["households_reached"]
        ):
            raise DomainError(
                _("Support, objection and neutral must add up to the households reached."),
                field="objection_count",
            )
    else:
        counts = dict.fromkeys(counts, 0)
    values.update(counts)
    return values


@transaction.atomic
def consultation_record_add(
    *, project: Project, actor: User, data: ConsultationInput
) -> ConsultationRecord:
    project = project_lock(project)
    check(project, actor=actor, action=Action.EDIT)
    values = _consultation_clean(data)
    record = ConsultationRecord.objects.create(project=project, recorded_by=actor, **values)
    event_record(
        project,
        kind=ProjectEventKind.CONSULTATION_RECORDED,
        actor=actor,
        data={"record": record.pk, "kind": record.kind, **_figures_data(record)},
    )
    _regrade_after_change(project, actor=actor)
    return record


@transaction.atomic
def consultation_record_update(
    *, project: Project, actor: User, record_id: int, data: ConsultationInput
) -> ConsultationRecord:
    """Correct a record's figures. A changed survey count re-grades the project: the computed
    grade follows the figures, and a graded or reviewed assessment whose grade changes goes
    back to graded (a new review is needed)."""
    project = project_lock(project)
    check(project, actor=actor, action=Action.EDIT)
    record = ConsultationRecord.objects.filter(project=project, pk=record_id).first()
    if record is None:
        raise DomainError(
            _("No such consultation record on this project."), field="record", code="not_found"
        )
    before = _figures_data(record)
    for name, value in _consultation_clean(data).items():
        setattr(record, name, value)
    record.save()
    event_record(
        project,
        kind=ProjectEventKind.CONSULTATION_CHANGED,
        actor=actor,
        data={"record": record.pk, "before": before, "after": _figures_data(record)},
    )
    _regrade_after_change(project, actor=actor)
    return record


def _figures_data(record: ConsultationRecord) -> dict[str, int]:
    return {
        "households_reached": record.households_reached,
        "support": record.support_count,
        "objection": record.objection_count,
        "neutral": record.neutral_count,
    }


def grade_for(project: Project) -> GradeResult:
    return grade_compute(
        thresholds=thresholds_for(jurisdiction_path=project.jurisdiction_path),
        figures=survey_figures(project=project),
    )


def _regrade_after_change(project: Project, *, actor: User) -> None:
    result = grade_for(project)
    computed = result.grade.value if result.grade else ""
    changed = computed != project.computed_grade
    project.computed_grade = computed
    project.computed_reasons = result.reasons
    fields = ["computed_grade", "computed_reasons", "updated_at"]
    if not changed or project.status not in (
        ProjectStatus.GRADED,
        ProjectStatus.REVIEWED,
        ProjectStatus.BLOCKED,
    ):
        project.save(update_fields=fields)
        return
    # The figures the grade rests on have changed: the grade follows them, and it must be
    # reviewed again (or, without a grade, the analysis resumes).
    from_status = project.status
    previous = project.grade
    project.grade = computed
    project.grade_reason = ""
    project.graded_at = clock.now() if computed else None
    project.graded_by = None
    project.reviewed_at = None
    project.reviewed_by = None
    project.status = ProjectStatus.GRADED if computed else ProjectStatus.ANALYSIS
    project.save(
        update_fields=[
            *fields,
            "grade",
            "grade_reason",
            "graded_at",
            "graded_by",
            "reviewed_at",
            "reviewed_by",
            "status",
        ]
    )
    event_record(
        project,
        kind=ProjectEventKind.REGRADED,
        actor=actor,
        from_status=from_status,
        note="\n".join(result.reasons),
        data={"from_grade": previous, "to_grade": computed},
    )


@transaction.atomic
def assessment_grade(
    *, project: Project, actor: User, grade: str = "", reason: str = ""
) -> Project:
    """Grade the assessment: the computed grade from the thresholds, and the assessor's, which
    may differ only with a written reason. Needs all four dimensions assessed and enough
    survey coverage. Grading again after mitigation is the re-grade the gate asks for."""
    project = project_lock(project)
    check(project, actor=actor, action=Action.GRADE)
    missing = set(Dimension.values) - set(project.dimensions.values_list("dimension", flat=True))
    if missing:
        labels = ", ".join(
            str(Dimension(value).label) for value in Dimension.values if value in missing
        )
        raise DomainError(
            _("Assess every dimension first (missing: %(labels)s).") % {"labels": labels},
            field="dimensions",
            code="required",
        )
    result = grade_for(project)
    if result.grade is None:
        raise DomainError(
            " ".join(result.reasons), field="consultation", code="insufficient_consultation"
        )
    chosen = grade or result.grade.value
    if chosen not in Grade.values:
        raise DomainError(_("Choose low, medium or high."), field="grade")
    reason = text_optional(reason, field="reason")
    if chosen != result.grade and len(reason) < GRADE_REASON_MIN:
        raise DomainError(
            _(
                "A grade other than the computed one (%(grade)s) needs a written reason of at "
                "least %(min)s characters."
            )
            % {"grade": Grade(result.grade).label, "min": GRADE_REASON_MIN},
            field="reason",
            code="required",
        )
    previous = project.grade
    project.computed_grade = result.grade.value
    project.computed_reasons = result.reasons
    project.grade = chosen
    project.grade_reason = reason if chosen != result.grade else ""
    project.graded_at = clock.now()
    project.graded_by = actor
    project.reviewed_at = None
    project.reviewed_by = None
    kind = ProjectEventKind.REGRADED if previous else ProjectEventKind.GRADED
    return transition(
        project,
        to_status=ProjectStatus.GRADED,
        kind=kind,
        actor=actor,
        note="\n".join([*result.reasons, *([reason] if reason else [])]),
        data={
            "computed": result.grade.value,
            "grade": chosen,
            "from_grade": previous,
            "coverage_percent": str(result.coverage_percent),
            "objection_percent": str(result.objection_percent),
            "differs": chosen != result.grade,
            "stricter": GRADE_RANK[Grade(chosen)] > GRADE_RANK[result.grade],
        },
        fields=(
            "computed_grade",
            "computed_reasons",
            "grade",
            "grade_reason",
            "graded_at",
            "graded_by",
            "reviewed_at",
            "reviewed_by",
        ),
    )


@transaction.atomic
def assessment_review(*, project: Project, actor: User, note: str = "") -> Project:
    project = project_lock(project)
    check(project, actor=actor, action=Action.REVIEW)
    project.reviewed_at = clock.now()
    project.reviewed_by = actor
    return transition(
        project,
        to_status=ProjectStatus.REVIEWED,
        kind=ProjectEventKind.REVIEWED,
        actor=actor,
        note=text_optional(note, field="note"),
        data={"grade": project.grade},
        fields=("reviewed_at", "reviewed_by"),
    )
