"""Public pages (submit, receipt, tracking, the complainant's answers) and the operator's entry.

Contact fields are marked sensitive so they never reach error reports or logs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from redress.cases import services
from redress.cases.models import Case, CaseStatus, Category
from redress.cases.selectors import case_get_by_tracking_code, case_timeline
from redress.cases.services.lifecycle import (
    CONFIRMABLE_STATUSES,
    DISPUTABLE_STATUSES,
    REVIEWABLE_STATUSES,
)
from redress.core.errors import DomainError
from redress.core.ids import id_parse
from redress.intake.forms import (
    GrievanceForm,
    OperatorGrievanceForm,
    OptionalNoteForm,
    ReasonForm,
    TrackingForm,
)
from redress.intake.services import case_submit_with_photos
from redress.intake.suggest import categories_suggest, department_suggest, duplicates_find
from redress.orgs.models import Jurisdiction, Role, User

CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "contact_address")


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"tracking_form": TrackingForm()})


@sensitive_post_parameters(*CONTACT_FIELDS)
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    form = GrievanceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = _submit_with_photos(form, actor=None)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect("intake:receipt", code=case.tracking_code)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/submit.html", {"form": form}, status=status)


def _submit_with_photos(form: GrievanceForm, *, actor: User | None) -> Case:
    return case_submit_with_photos(
        data=form.to_input(),
        photos=form.cleaned_data.get("photos") or [],
        actor=actor,
        idempotency_key=form.cleaned_data.get("idempotency_key"),
    )


def receipt(request: HttpRequest, code: str) -> HttpResponse:
    case = _case_by_code(code)
    return render(request, "intake/receipt.html", {"case": case})


@require_http_methods(["GET", "POST"])
def track_lookup(request: HttpRequest) -> HttpResponse:
    form = TrackingForm(request.POST or request.GET or None)
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["tracking_code"]
        if case_get_by_tracking_code(tracking_code=code) is not None:
            return redirect("intake:track", code=code)
        form.add_error(
            "tracking_code", _("No grievance has this tracking code. Check it and try again.")
        )
    status = 404 if form.is_bound else 200
    return render(request, "intake/track_lookup.html", {"form": form}, status=status)


def _case_by_code(code: str) -> Case:
    case = case_get_by_tracking_code(tracking_code=code)
    if case is None:
        raise Http404(_("No grievance has this tracking code."))
    return case


def track(request: HttpRequest, code: str) -> HttpResponse:
    case = case_get_by_tracking_code(tracking_code=code)
    if case is None:
        form = TrackingForm({"tracking_code": code})
        form.is_valid()
        if not form.has_error("tracking_code"):
            form.add_error("tracking_code", _("No grievance has this tracking code."))
        return render(request, "intake/track_lookup.html", {"form": form}, status=404)
    # A merged grievance is answered through the case it was merged into.
    answering = case.merged_into if case.merged_into_id else case
    assert answering is not None
    return render(
        request,
        "intake/track.html",
        {
            "case": case,
            "answering": answering,
            "events": case_timeline(case=case, public_only=True),
            "answering_events": (
                case_timeline(case=answering, public_only=True) if answering != case else None
            ),
            "can_confirm": answering.status in CONFIRMABLE_STATUSES and answering == case,
            "can_dispute": answering.status in DISPUTABLE_STATUSES and answering == case,
            "can_review": answering.status in REVIEWABLE_STATUSES and answering == case,
            "can_re_review": answering.status == CaseStatus.REVIEWED and answering == case,
            "reason_form": ReasonForm(),
            "note_form": OptionalNoteForm(),
        },
    )


_PUBLIC_ACTIONS = {
    "confirm": (
        OptionalNoteForm,
        lambda case, data: services.case_confirm(case=case, note=data["note"]),
    ),
    "dispute": (
        ReasonForm,
        lambda case, data: services.case_dispute(case=case, reason=data["reason"]),
    ),
    "review": (
        ReasonForm,
        lambda case, data: services.case_request_review(case=case, reason=data["reason"]),
    ),
    "re-review": (
        ReasonForm,
        lambda case, data: services.case_request_re_review(case=case, reason=data["reason"]),
    ),
}


@require_POST
def public_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """The complainant's steps, authorised by holding the tracking code."""
    case = _case_by_code(code)
    if action not in _PUBLIC_ACTIONS:
        raise Http404
    form_class, perform = _PUBLIC_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(map(str, errors))}")
        return redirect("intake:track", code=case.tracking_code)
    try:
        perform(case, form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you. Your answer has been recorded."))
    return redirect("intake:track", code=case.tracking_code)


@login_required
@sensitive_post_parameters(*CONTACT_FIELDS)
@require_http_methods(["GET", "POST"])
def operator_entry(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or user.role not in (Role.OPERATOR, Role.DIRECTOR):
        raise Http404
    form = OperatorGrievanceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = _submit_with_photos(form, actor=user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Grievance entered. Tracking code for the complainant: %(code)s")
                % {"code": case.display_code},
            )
            return redirect("cases:detail", case_id=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/operator_entry.html", {"form": form}, status=status)


@login_required
def operator_suggest(request: HttpRequest) -> HttpResponse:
    """The fragment beside the operator's form (fetched by htmx as they type)."""
    user = request.user
    if not isinstance(user, User) or user.role not in (Role.OPERATOR, Role.DIRECTOR):
        raise Http404
    params = request.GET
    text = f"{params.get('title', '')} {params.get('description', '')}"[:6000]
    suggestions = categories_suggest(text=text)
    category = _int_lookup(Category, params.get("category")) or (
        suggestions[0].category if suggestions else None
    )
    jurisdiction = _int_lookup(Jurisdiction, params.get("jurisdiction"))
    latitude, longitude = (
        _float_or_none(params.get("latitude")),
        _float_or_none(params.get("longitude")),
    )
    department = (
        department_suggest(category=category, jurisdiction=jurisdiction)
        if category is not None and jurisdiction is not None
        else None
    )
    duplicates = duplicates_find(
        user=user,
        category=category,
        jurisdiction=jurisdiction,
        latitude=latitude,
        longitude=longitude,
    )
    return render(
        request,
        "intake/_suggestions.html",
        {
            "suggestions": suggestions,
            "category": category,
            "department": department,
            "duplicates": duplicates,
        },
    )


def _int_lookup(model: Any, raw: str | None) -> Any:
    found = id_parse(raw)
    return None if found is None else model.objects.filter(pk=found).first()


def _float_or_none(raw: str | None) -> float | None:
    try:
        value = float(raw or "")
    except ValueError:
        return None
    return value if value == value and abs(value) <= 180 else None
