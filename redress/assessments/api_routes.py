"""Major projects in the JSON API, under /api/v1/projects: the register, one project with its
assessment, its timeline, and every step of the workflow. A refused approval answers 409 with
the gate's reason (its code starts with `gate_`), and the refusal is on the timeline."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from redress.api.auth import request_user
from redress.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS, fields_renamed
from redress.api.schemas import (
    IDEMPOTENCY_HEADER,
    MAX_ID,
    Id,
    InputSchema,
    PageParams,
    StaffRef,
    idempotency_header,
    page_of,
)
from redress.assessments import services
from redress.assessments.models import (
    ConsultationKind,
    Dimension,
    Grade,
    Level3,
    LinkHow,
    ProjectEventKind,
    ProjectKind,
    ProjectStatus,
    RiskFactorKind,
)
from redress.assessments.models import Project as ProjectModel
from redress.assessments.permissions import available_actions
from redress.assessments.selectors import (
    project_get_for_user,
    project_search,
    project_timeline,
)
from redress.assessments.services.assessment import COUNT_MAX, TITLE_MAX
from redress.assessments.services.common import REASON_MAX, TEXT_MAX
from redress.cases.api_routes import case_from_body, department_from_body, jurisdiction_from_body
from redress.core.errors import DomainError

router = Router(tags=["projects"])

ProjectId = Path(..., ge=1, le=MAX_ID)
Count = Annotated[int, Field(ge=0, le=COUNT_MAX)]
Note = Annotated[str, Field(max_length=TEXT_MAX)]
Amount = Annotated[Decimal, Field(ge=0, lt=Decimal("1e10"), max_digits=12, decimal_places=2)]


# Outputs ---------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int
    name_zh: str
    name_en: str


class DimensionOut(Schema):
    dimension: Dimension
    findings: str
    evidence: str


class RiskFactorOut(Schema):
    factor: RiskFactorKind
    findings: str
    evidence: str
    likelihood: Level3
    impact: Level3


class ConsultationOut(Schema):
    id: int
    kind: ConsultationKind
    held_on: dt.date
    summary: str
    households_reached: int
    support_count: int
    objection_count: int
    neutral_count: int


class MeasureOut(Schema):
    id: int
    description: str
    owner: UnitRef
    due_at: dt.datetime
    status: str
    completed_at: dt.datetime | None
    is_overdue: bool


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    kind: ProjectKind
    level: str
    initiator: UnitRef
    jurisdiction: UnitRef
    location_text: str
    latitude: float | None
    longitude: float | None
    area_hectares: Decimal | None
    investment_wan: Decimal | None = Field(description="In units of 10,000 yuan.")
    affected_households: int
    affected_people: int
    planned_start: dt.date | None
    planned_end: dt.date | None
    status: ProjectStatus
    computed_grade: str = Field(description='"low", "medium", "high", or "" before grading.')
    grade: str = Field(description="The assessor's grade; may differ from the computed one.")
    grade_reason: str
    graded_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    decided_at: dt.datetime | None
    main_objections: str


class ProjectDetailOut(ProjectOut):
    computed_reasons: list[str]
    dimensions: list[DimensionOut]
    risk_factors: list[RiskFactorOut]
    consultations: list[ConsultationOut]
    measures: list[MeasureOut]
    actions: list[str] = Field(description="The steps this user may take on it now.")
    gate_refusal: str | None = Field(
        description="Why an approval would be refused now; null when the gate would let it pass."
    )

    @staticmethod
    def resolve_dimensions(obj: ProjectModel) -> list[Any]:
        return list(obj.dimensions.all())

    @staticmethod
    def resolve_risk_factors(obj: ProjectModel) -> list[Any]:
        return list(obj.risk_factors.all())

    @staticmethod
    def resolve_consultations(obj: ProjectModel) -> list[Any]:
        return list(obj.consultations.all())

    @staticmethod
    def resolve_measures(obj: ProjectModel) -> list[Any]:
        return list(obj.measures.select_related("owner"))

    @staticmethod
    def resolve_actions(obj: ProjectModel, context: dict[str, Any]) -> list[str]:
        user = request_user(context["request"])
        return sorted(action.value for action in available_actions(user, obj))

    @staticmethod
    def resolve_gate_refusal(obj: ProjectModel) -> str | None:
        refusal = services.gate_refusal(obj)
        return refusal.reason if refusal else None


class ProjectPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProjectOut]


class ProjectEventOut(Schema):
    id: int
    kind: ProjectEventKind
    at: dt.datetime
    actor: StaffRef | None
    actor_label: str
    from_status: str
    to_status: str
    note: str
    data: dict[str, Any]


class LinkOut(Schema):
    project_id: int
    case_id: int
    how: LinkHow
    linked_at: dt.datetime


class ProjectEventList(Schema):
    items: list[ProjectEventOut]


# Inputs ----------------------------------------------------------------------------------

StatusFilter = Literal["pending", "approved_any", *ProjectStatus.values]  # type: ignore[valid-type]


class ProjectFilters(PageParams):
    status: StatusFilter | None = Field(
        None, description='One status; "pending" for not yet decided; "approved_any".'
    )
    q: str | None = Field(None, max_length=200, description="Words in the name or location.")


class ProjectCreateIn(InputSchema):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    kind: ProjectKind
    level: Literal["province", "city", "county", "township", "village"]
    initiator_id: Id = Field(description="The initiator unit (a department).")
    jurisdiction_id: Id = Field(description="Where the project is.")
    description: str = Field("", max_length=TEXT_MAX)
    location_text: str = Field("", max_length=300)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    area_hectares: Amount | None = None
    investment_wan: Amount | None = None
    affected_households: Count = 0
    affected_people: Count = 0
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None


class NoteIn(InputSchema):
    note: Note = ""


class ReasonIn(InputSchema):
    reason: str = Field(min_length=1, max_length=REASON_MAX)


class DimensionIn(InputSchema):
    dimension: Dimension
    findings: str = Field(min_length=1, max_length=TEXT_MAX)
    evidence: Note = ""


class RiskFactorIn(InputSchema):
    factor: RiskFactorKind
    findings: str = Field(min_length=1, max_length=TEXT_MAX)
    evidence: Note = ""
    likelihood: Level3
    impact: Level3


class ObjectionsIn(InputSchema):
    main_objections: Note


class ConsultationIn(InputSchema):
    kind: ConsultationKind
    held_on: dt.date
    summary: str = Field(min_length=1, max_length=TEXT_MAX)
    households_reached: Count = 0
    support_count: Count = 0
    objection_count: Count = 0
    neutral_count: Count = 0


class GradeIn(InputSchema):
    grade: Grade | None = Field(
        None, description="The assessor's grade; omit to take the computed one."
    )
    reason: Note = Field("", description="Required when the grade differs from the computed one.")


class MeasureIn(InputSchema):
    description: str = Field(min_length=1, max_length=REASON_MAX)
    owner_id: Id = Field(description="The owner unit (a department).")
    working_days: int = Field(ge=1, le=250, description="Due this many working days from now.")


class LinkIn(InputSchema):
    case_id: Id
    how: LinkHow = LinkHow.OPERATOR


# Endpoints -------------------------------------------------------------------------------


def _detail(request: HttpRequest, project_id: int) -> ProjectModel:
    return project_get_for_user(user=request_user(request), project_id=project_id)


@router.get("", response={200: ProjectPage, **LIST_ERRORS})
def project_list(request: HttpRequest, filters: Query[ProjectFilters]) -> dict[str, object]:
    """The projects in your area, newest first."""
    projects = project_search(
        user=request_user(request), status=filters.status or "", q=filters.q or ""
    )
    return page_of(projects, page=filters)


@router.post("", response={201: ProjectOut, 200: ProjectOut, **WRITE_ERRORS})
def project_create(
    request: HttpRequest,
    payload: ProjectCreateIn,
    idempotency_key: str | None = idempotency_header(
        "Required. A retry with the same key answers 200 with the first project."
    ),
) -> Status[ProjectModel]:
    """Register a project (the initiator unit's staff, or the office director)."""
    user = request_user(request)
    if not idempotency_key:
        raise DomainError(
            _("Send an %(header)s header with every create.") % {"header": IDEMPOTENCY_HEADER},
            field=IDEMPOTENCY_HEADER,
            code="required",
        )
    initiator = department_from_body(
        user=user, department_id=payload.initiator_id, field="initiator_id"
    )
    place = jurisdiction_from_body(
        user=user, jurisdiction_id=payload.jurisdiction_id, field="jurisdiction_id"
    )
    data = services.ProjectInput(
        initiator=initiator,
        jurisdiction=place,
        **payload.model_dump(exclude={"initiator_id", "jurisdiction_id"}),
    )
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    with fields_renamed(
        {
            "jurisdiction": "jurisdiction_id",
            "initiator": "initiator_id",
            "idempotency_key": IDEMPOTENCY_HEADER,
        }
    ):
        project, created = services.project_register(
            data=data, actor=user, idempotency_key=f"api:{user.pk}:{digest}"
        )
    return Status(201 if created else 200, project_get_for_user(user=user, project_id=project.pk))


@router.get("/{project_id}", response={200: ProjectDetailOut, **READ_ERRORS})
def project_detail(request: HttpRequest, project_id: int = ProjectId) -> ProjectModel:
    """One project with its whole assessment, the steps you may take, and what the gate says."""
    return _detail(request, project_id)


@router.get("/{project_id}/events", response={200: ProjectEventList, **READ_ERRORS})
def project_events(request: HttpRequest, project_id: int = ProjectId) -> dict[str, object]:
    """The timeline, oldest first, refused approvals included."""
    return {"items": list(project_timeline(project=_detail(request, project_id)))}


def _step(request: HttpRequest, project_id: int) -> tuple[Any, ProjectModel]:
    return request_user(request), _detail(request, project_id)


def _answer(request: HttpRequest, project: ProjectModel) -> ProjectModel:
    return project_get_for_user(user=request_user(request), project_id=project.pk)


@router.post("/{project_id}/consultation", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_start_consultation(
    request: HttpRequest, payload: NoteIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.assessment_start_consultation(project=project, actor=user, note=payload.note)
    return _answer(request, project)


@router.post("/{project_id}/analysis", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_start_analysis(
    request: HttpRequest, payload: NoteIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.assessment_start_analysis(project=project, actor=user, note=payload.note)
    return _answer(request, project)


@router.post("/{project_id}/consultations", response={201: ConsultationOut, **WRITE_ERRORS})
def project_consultation_add(
    request: HttpRequest, payload: ConsultationIn, project_id: int = ProjectId
) -> Status[Any]:
    """A hearing, household survey (support, objection and neutral add up to the households
    reached) or expert opinion. Changes the computed grade."""
    user, project = _step(request, project_id)
    data = services.ConsultationInput(**payload.model_dump())
    return Status(201, services.consultation_record_add(project=project, actor=user, data=data))


@router.put(
    "/{project_id}/consultations/{record_id}", response={200: ConsultationOut, **WRITE_ERRORS}
)
def project_consultation_update(
    request: HttpRequest,
    payload: ConsultationIn,
    project_id: int = ProjectId,
    record_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    """Correct a record. A changed survey count re-grades a graded project (and its review is
    needed again)."""
    user, project = _step(request, project_id)
    data = services.ConsultationInput(**payload.model_dump())
    with fields_renamed({"record": "record_id"}):
        return services.consultation_record_update(
            project=project, actor=user, record_id=record_id, data=data
        )


@router.post("/{project_id}/dimensions", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_dimension(
    request: HttpRequest, payload: DimensionIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.dimension_record(project=project, actor=user, **payload.model_dump())
    return _answer(request, project)


@router.post("/{project_id}/risk-factors", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_risk_factor(
    request: HttpRequest, payload: RiskFactorIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.risk_factor_record(project=project, actor=user, **payload.model_dump())
    return _answer(request, project)


@router.post("/{project_id}/objections", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_objections(
    request: HttpRequest, payload: ObjectionsIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    with fields_renamed({"main_objections": "main_objections"}):
        services.objections_record(project=project, actor=user, text=payload.main_objections)
    return _answer(request, project)


@router.post("/{project_id}/grade", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_grade(
    request: HttpRequest, payload: GradeIn, project_id: int = ProjectId
) -> ProjectModel:
    """Grade (or re-grade) the assessment: the office director."""
    user, project = _step(request, project_id)
    services.assessment_grade(
        project=project,
        actor=user,
        grade=payload.grade.value if payload.grade else "",
        reason=payload.reason,
    )
    return _answer(request, project)


@router.post("/{project_id}/review", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_review(
    request: HttpRequest, payload: NoteIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.assessment_review(project=project, actor=user, note=payload.note)
    return _answer(request, project)


@router.post("/{project_id}/approve", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_approve(
    request: HttpRequest, payload: NoteIn, project_id: int = ProjectId
) -> ProjectModel:
    """Approve (leaders of the area). The gate answers 409 while the project is unassessed,
    graded high, blocked, not reviewed, or graded medium before its mitigation measures are
    completed and it is re-graded; the code names which (`gate_unassessed`, `gate_high_risk`,
    `gate_medium_measures_open`, ...), and the refusal is recorded on the timeline."""
    user, project = _step(request, project_id)
    services.project_approve(project=project, actor=user, note=payload.note)
    return _answer(request, project)


@router.post("/{project_id}/block", response={200: ProjectDetailOut, **WRITE_ERRORS})
def project_block(
    request: HttpRequest, payload: ReasonIn, project_id: int = ProjectId
) -> ProjectModel:
    user, project = _step(request, project_id)
    services.project_block(project=project, actor=user, reason=payload.reason)
    return _answer(request, project)


@router.post("/{project_id}/measures", response={201: MeasureOut, **WRITE_ERRORS})
def project_measure_add(
    request: HttpRequest, payload: MeasureIn, project_id: int = ProjectId
) -> Status[Any]:
    user, project = _step(request, project_id)
    owner = department_from_body(user=user, department_id=payload.owner_id, field="owner_id")
    with fields_renamed({"owner": "owner_id"}):
        measure = services.mitigation_add(
            project=project,
            actor=user,
            description=payload.description,
            owner=owner,
            working_days=payload.working_days,
        )
    return Status(201, measure)


@router.post(
    "/{project_id}/measures/{measure_id}/complete", response={200: MeasureOut, **WRITE_ERRORS}
)
def project_measure_complete(
    request: HttpRequest,
    payload: NoteIn,
    project_id: int = ProjectId,
    measure_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    user, project = _step(request, project_id)
    with fields_renamed({"measure": "measure_id"}):
        return services.mitigation_complete(
            project=project, actor=user, measure_id=measure_id, note=payload.note
        )


@router.post("/{project_id}/cases", response={201: LinkOut, **WRITE_ERRORS})
def project_case_link(
    request: HttpRequest, payload: LinkIn, project_id: int = ProjectId
) -> Status[Any]:
    """Link a grievance about an approved project (fetched in your scope)."""
    user, project = _step(request, project_id)
    case = case_from_body(user=user, case_id=payload.case_id, field="case_id")
    with fields_renamed({"case": "case_id"}):
        link = services.project_case_link(project=project, case=case, actor=user, how=payload.how)
    return Status(201, link)


ROUTES = [("projects", router)]
