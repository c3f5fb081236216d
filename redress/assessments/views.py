"""The staff's project pages: the register, a project with its assessment and the steps the
user may take, the assessment report (page and PDF), and the gate's lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.assessments import services
from redress.assessments.forms import (
    ConsultationEditForm,
    ConsultationForm,
    DimensionForm,
    GradeForm,
    LinkForm,
    MeasureCompleteForm,
    MeasureForm,
    ObjectionsForm,
    ProjectFilterForm,
    ProjectForm,
    RiskFactorForm,
)
from redress.assessments.models import (
    APPROVED_STATUSES,
    ConsultationRecord,
    Dimension,
    LinkHow,
    Project,
    RiskFactorKind,
)
from redress.assessments.permissions import Action, available_actions, can, can_complete_measure
from redress.assessments.selectors import (
    project_gate_lists,
    project_get_for_user,
    project_grievance_suggestions,
    project_grievance_weeks,
    project_linked_cases,
    project_search,
    project_timeline,
    survey_figures,
    thresholds_for,
)
from redress.cases.forms import NoteForm, ReasonForm
from redress.cases.selectors import case_get_for_user, case_list_for_user
from redress.cases.tracking import normalize_tracking_code
from redress.core.errors import DomainError
from redress.core.pagination import CappedPaginator
from redress.orgs.http import signed_in_user
from redress.orgs.models import Role, User

PAGE_SIZE = 50


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    filter_form = ProjectFilterForm(request.GET)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {"status": "", "q": ""}
    projects = project_search(user=user, status=filters["status"], q=filters["q"])
    page = CappedPaginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/list.html",
        {
            "page": page,
            "filter_form": filter_form,
            "query": query.urlencode(),
            "can_register": user.role in (Role.DIRECTOR, Role.HANDLER),
        },
    )


@login_required
def project_gate(request: HttpRequest) -> HttpResponse:
    lists = project_gate_lists(user=signed_in_user(request))
    return render(request, "assessments/gate.html", lists)


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.role not in (Role.DIRECTOR, Role.HANDLER):
        raise Http404
    form = ProjectForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = services.ProjectInput(**form.cleaned_data)
        try:
            project, _created = services.project_register(data=data, actor=user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Project registered as a draft."))
            return redirect("assessments:detail", project_id=project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/new.html", {"form": form}, status=status)


@dataclass(frozen=True)
class ActionSpec:
    permission: Action
    make_form: Callable[[Any, Project, User], forms.Form]
    perform: Callable[[Project, User, dict[str, Any]], object]
    done: str


def _plain(form_class: type[forms.Form]) -> Callable[[Any, Project, User], forms.Form]:
    return lambda data, project, user: form_class(data)


def _link_case(user: User, project: Project, data: dict[str, Any]) -> object:
    if data.get("case"):
        case = case_get_for_user(user=user, case_id=data["case"])
        how = LinkHow.SUGGESTED
    else:
        code = normalize_tracking_code(data["tracking_code"])
        found = case_list_for_user(user=user).filter(tracking_code=code).first() if code else None
        if found is None:
            raise DomainError(
                _("No grievance in your area has this tracking code."), field="tracking_code"
            )
        case, how = found, LinkHow.OPERATOR
    return services.project_case_link(project=project, case=case, actor=user, how=how)


def _consultation(data: dict[str, Any]) -> services.ConsultationInput:
    return services.ConsultationInput(
        kind=data["kind"],
        held_on=data["held_on"],
        summary=data["summary"],
        households_reached=data["households_reached"],
        support_count=data["support_count"],
        objection_count=data["objection_count"],
        neutral_count=data["neutral_count"],
    )


ACTIONS: dict[str, ActionSpec] = {
    "start_consultation": ActionSpec(
        Action.START_CONSULTATION,
        _plain(NoteForm),
        lambda p, u, d: services.assessment_start_consultation(project=p, actor=u, note=d["note"]),
        gettext_noop("Consultation started."),
    ),
    "start_analysis": ActionSpec(
        Action.START_ANALYSIS,
        _plain(NoteForm),
        lambda p, u, d: services.assessment_start_analysis(project=p, actor=u, note=d["note"]),
        gettext_noop("Analysis started."),
    ),
    "consultation": ActionSpec(
        Action.EDIT,
        _plain(ConsultationForm),
        lambda p, u, d: services.consultation_record_add(project=p, actor=u, data=_consultation(d)),
        gettext_noop("Consultation recorded."),
    ),
    "consultation_edit": ActionSpec(
        Action.EDIT,
        _plain(ConsultationEditForm),
        lambda p, u, d: services.consultation_record_update(
            project=p, actor=u, record_id=d["record"], data=_consultation(d)
        ),
        gettext_noop("Consultation figures corrected."),
    ),
    "dimension": ActionSpec(
        Action.EDIT,
        _plain(DimensionForm),
        lambda p, u, d: services.dimension_record(project=p, actor=u, **d),
        gettext_noop("Dimension assessed."),
    ),
    "risk_factor": ActionSpec(
        Action.EDIT,
        _plain(RiskFactorForm),
        lambda p, u, d: services.risk_factor_record(project=p, actor=u, **d),
        gettext_noop("Risk factor assessed."),
    ),
    "objections": ActionSpec(
        Action.EDIT,
        lambda data, project, user: ObjectionsForm(
            data, initial={"main_objections": project.main_objections}
        ),
        lambda p, u, d: services.objections_record(project=p, actor=u, text=d["main_objections"]),
        gettext_noop("Main objections recorded."),
    ),
    "grade": ActionSpec(
        Action.GRADE,
        _plain(GradeForm),
        lambda p, u, d: services.assessment_grade(
            project=p, actor=u, grade=d["grade"], reason=d["reason"]
        ),
        gettext_noop("Graded."),
    ),
    "review": ActionSpec(
        Action.REVIEW,
        _plain(NoteForm),
        lambda p, u, d: services.assessment_review(project=p, actor=u, note=d["note"]),
        gettext_noop("Reviewed."),
    ),
    "approve": ActionSpec(
        Action.APPROVE,
        _plain(NoteForm),
        lambda p, u, d: services.project_approve(project=p, actor=u, note=d["note"]),
        gettext_noop("Approved."),
    ),
    "block": ActionSpec(
        Action.BLOCK,
        _plain(ReasonForm),
        lambda p, u, d: services.project_block(project=p, actor=u, reason=d["reason"]),
        gettext_noop("Blocked."),
    ),
    "measure_add": ActionSpec(
        Action.MEASURE_ADD,
        lambda data, project, user: MeasureForm(data, user=user),
        lambda p, u, d: services.mitigation_add(project=p, actor=u, **d),
        gettext_noop("Mitigation measure added."),
    ),
    "measure_complete": ActionSpec(
        Action.MEASURE_COMPLETE,
        _plain(MeasureCompleteForm),
        lambda p, u, d: services.mitigation_complete(
            project=p, actor=u, measure_id=d["measure"], note=d["note"]
        ),
        gettext_noop("Measure completed."),
    ),
    "link": ActionSpec(
        Action.LINK,
        _plain(LinkForm),
        lambda p, u, d: _link_case(u, p, d),
        gettext_noop("Grievance linked."),
    ),
}

# The gate's reasons as the pages word them (the services word them for the API).
REFUSAL_TEXT = {
    "already_approved": gettext_noop("The project is already approved."),
    "unassessed": gettext_noop(
        "The project has not been assessed: its social risk must be graded and reviewed first."
    ),
    "not_reviewed": gettext_noop("The grade has not been reviewed yet."),
    "blocked": gettext_noop(
        "The project is blocked: complete its mitigation measures and re-grade it first."
    ),
    "high_risk": gettext_noop("The project is graded high risk: it cannot be approved."),
    "medium_no_measures": gettext_noop(
        "Graded medium risk: add mitigation measures, complete them and re-grade first."
    ),
    "medium_measures_open": gettext_noop(
        "Graded medium risk and its mitigation measures are not all completed."
    ),
    "medium_not_regraded": gettext_noop(
        "Graded medium risk: re-grade it now that its mitigation measures are completed."
    ),
}


def refusal_text(refusal: services.ApprovalRefused) -> str:
    text = REFUSAL_TEXT.get(refusal.reason)
    return _(text) if text else refusal.message


# Shown in the side column as forms; the others sit next to what they change.
SIDE_ACTIONS = ("start_consultation", "start_analysis", "grade", "review", "approve", "block")


def _offered(user: User, project: Project) -> set[str]:
    actions = {action.value for action in available_actions(user, project)}
    # Leaders may try to approve whenever the project is undecided: the gate answers, and a
    # refused attempt is recorded like any other.
    if can(user, Action.APPROVE, project) and project.status not in APPROVED_STATUSES:
        actions.add(Action.APPROVE.value)
    return actions


def _detail_context(
    user: User, project: Project, *, failed: str = "", form: forms.Form | None = None
) -> dict[str, Any]:
    offered = _offered(user, project)
    side_forms: dict[str, forms.Form] = {}
    content_forms: dict[str, forms.Form] = {}
    for name, spec in ACTIONS.items():
        if spec.permission.value not in offered or name in (
            "consultation_edit",
            "measure_complete",
        ):
            continue
        made = (
            form if (failed == name and form is not None) else spec.make_form(None, project, user)
        )
        (side_forms if name in SIDE_ACTIONS else content_forms)[name] = made
    dimensions = {row.dimension: row for row in project.dimensions.all()}
    factors = {row.factor: row for row in project.risk_factors.all()}
    measures = list(project.measures.select_related("owner__jurisdiction"))
    thresholds = thresholds_for(jurisdiction_path=project.jurisdiction_path)
    refusal = services.gate_refusal(project)
    may_edit = Action.EDIT.value in offered
    return {
        "project": project,
        "events": project_timeline(project=project),
        "side_forms": side_forms,
        "content_forms": content_forms,
        "failed_action": failed,
        "dimensions": [(value, label, dimensions.get(value)) for value, label in Dimension.choices],
        "factors": [
            (value, label, factors[value])
            for value, label in RiskFactorKind.choices
            if value in factors
        ],
        "consultations": [
            (record, _edit_form(record, failed=failed, form=form) if may_edit else None)
            for record in project.consultations.all()
        ],
        "figures": survey_figures(project=project),
        "thresholds": thresholds,
        "measures": [
            (measure, can_complete_measure(user, project, measure.owner_id)) for measure in measures
        ],
        "gate_refusal": refusal_text(refusal) if refusal else "",
        "linked_cases": project_linked_cases(user=user, project=project)[:50],
        "linked_total": project.case_links.count(),
        "weeks": project_grievance_weeks(project=project) if project.is_approved else [],
        "suggestions": (
            project_grievance_suggestions(user=user, project=project)
            if Action.LINK.value in offered
            else []
        ),
    }


def _edit_form(record: ConsultationRecord, *, failed: str, form: forms.Form | None) -> forms.Form:
    """Each record's correction form, with ids of its own; the one that failed keeps its
    errors."""
    auto_id = f"id_r{record.pk}_%s"
    if (
        failed == "consultation_edit"
        and form is not None
        and form.data.get("record") == str(record.pk)
    ):
        form.auto_id = auto_id
        return form
    initial = {
        name: getattr(record, name)
        for name in (
            "kind",
            "held_on",
            "summary",
            "households_reached",
            "support_count",
            "objection_count",
            "neutral_count",
        )
    }
    return ConsultationEditForm(initial={"record": record.pk, **initial}, auto_id=auto_id)


@login_required
@never_cache
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    user = signed_in_user(request)
    project = project_get_for_user(user=user, project_id=project_id)
    return render(request, "assessments/detail.html", _detail_context(user, project))


@login_required
@require_POST
def project_act(request: HttpRequest, project_id: int, action: str) -> HttpResponse:
    user = signed_in_user(request)
    project = project_get_for_user(user=user, project_id=project_id)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    form = spec.make_form(request.POST, project, user)
    if form.is_valid():
        try:
            spec.perform(project, user, form.cleaned_data)
        except services.ApprovalRefused as refusal:
            # Not a faulty form: the attempt happened and is on the timeline; say why, in the
            # reader's language, on the project's page.
            messages.error(request, refusal_text(refusal))
            return redirect("assessments:detail", project_id=project.pk)
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(request, _(spec.done))
            return redirect("assessments:detail", project_id=project.pk)
    project = project_get_for_user(user=user, project_id=project_id)
    context = _detail_context(user, project, failed=action, form=form)
    return render(request, "assessments/detail.html", context, status=400)


def _report_context(user: User, project: Project) -> dict[str, Any]:
    return {
        "project": project,
        "dimensions": [
            (label, row)
            for value, label in Dimension.choices
            for row in [next((r for r in project.dimensions.all() if r.dimension == value), None)]
        ],
        "factors": list(project.risk_factors.all()),
        "consultations": list(project.consultations.all()),
        "figures": survey_figures(project=project),
        "thresholds": thresholds_for(jurisdiction_path=project.jurisdiction_path),
        "measures": list(project.measures.select_related("owner__jurisdiction")),
        "decisions": project_timeline(project=project).filter(
            kind__in=[
                "graded",
                "regraded",
                "reviewed",
                "approved",
                "approved_conditions",
                "approval_refused",
                "blocked",
            ]
        ),
    }


@login_required
@never_cache
def project_report(request: HttpRequest, project_id: int) -> HttpResponse:
    user = signed_in_user(request)
    project = project_get_for_user(user=user, project_id=project_id)
    return render(request, "assessments/report.html", _report_context(user, project))


@login_required
@never_cache
def project_report_pdf(request: HttpRequest, project_id: int) -> HttpResponse:
    """The report as a PDF with its Chinese fonts embedded (WeasyPrint subsets and embeds
    the Noto CJK faces the stylesheet names)."""
    from weasyprint import HTML

    user = signed_in_user(request)
    project = project_get_for_user(user=user, project_id=project_id)
    html = render_to_string(
        "assessments/report_pdf.html", _report_context(user, project), request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="assessment-{project.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
