"""Staff pages: the alert list, an alert's detail with its chart and decisions, and the map
layer of open alerts. Views only read selectors and call services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from redress.cases.models import Case, Category
from redress.cases.selectors import case_get_for_user
from redress.core.errors import DomainError
from redress.earlywarning import services
from redress.earlywarning.charts import series_svg
from redress.earlywarning.forms import (
    ActionForm,
    AlertFilterForm,
    CloseForm,
    DismissForm,
    NoteForm,
)
from redress.earlywarning.models import Alert, AlertKind
from redress.earlywarning.selectors import (
    alert_areas,
    alert_cases_for_user,
    alert_get_for_user,
    alert_map_features,
    alert_search,
    alert_series,
)
from redress.earlywarning.services import people_affected_total
from redress.earlywarning.wording import alert_sentence
from redress.orgs.http import signed_in_user
from redress.orgs.models import User
from redress.orgs.selectors import jurisdiction_list_for_user

PAGE = 100


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    areas = [
        (area.pk, area.name)
        for area in jurisdiction_list_for_user(user=user).filter(
            path__startswith=user.jurisdiction.path if user.jurisdiction else "-"
        )
    ]
    categories = [(category.pk, category.name) for category in Category.objects.all()]
    form = AlertFilterForm(request.GET or None, categories=categories, areas=areas)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "status": form.cleaned_data["status"],
            "kind": form.cleaned_data["kind"],
            "category_id": form.cleaned_data["category"],
            "area_id": form.cleaned_data["area"],
        }
    alerts = list(alert_search(user=user, **filters)[:PAGE])
    return render(
        request, "earlywarning/list.html", {"alerts": alerts, "filter_form": form, "limit": PAGE}
    )


def _detail_context(user: User, alert: Alert, **overrides: forms.Form) -> dict[str, Any]:
    areas = alert_areas(alert=alert)
    context: dict[str, Any] = {
        "alert": alert,
        "areas": areas,
        "sentence": alert_sentence(alert=alert, areas=areas),
        "events": alert.events.select_related("actor"),
        "cases": list(alert_cases_for_user(user=user, alert=alert)),
        "can_decide": user.role in services.DECIDING_ROLES,
        "verify_form": NoteForm(),
        "dismiss_form": DismissForm(),
        "action_form": ActionForm(),
        "close_form": CloseForm(),
        "chart": "",
    }
    if alert.kind == AlertKind.SURGE and alert.category_id:
        context["people"] = people_affected_total(alert=alert)
        series = alert_series(alert=alert)
        context["chart"] = mark_safe(
            series_svg(
                series=series,
                start=alert.start_date,
                end=alert.end_date,
                title=_("Daily grievances and the expected count"),
            )
        )
    context.update(overrides)
    return context


@login_required
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    user = signed_in_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    return render(request, "earlywarning/detail.html", _detail_context(user, alert))


def _case_for_action(user: User, case_id: int | None) -> Case | None:
    return case_get_for_user(user=user, case_id=case_id) if case_id else None


STEPS: dict[str, tuple[type[forms.Form], str]] = {
    "verify": (NoteForm, "verify_form"),
    "dismiss": (DismissForm, "dismiss_form"),
    "action": (ActionForm, "action_form"),
    "close": (CloseForm, "close_form"),
}


def alert_step(*, user: User, alert: Alert, step: str, data: dict[str, Any]) -> Alert:
    """Runs one lifecycle step from cleaned form or API data (shared with the API)."""
    if step == "verify":
        return services.alert_verify(alert=alert, actor=user, note=data.get("note") or "")
    if step == "dismiss":
        return services.alert_dismiss(alert=alert, actor=user, reason=data.get("reason") or "")
    if step == "action":
        return services.alert_mark_actioned(
            alert=alert,
            actor=user,
            action_kind=data.get("action_kind") or "",
            reference=data.get("reference") or "",
            note=data.get("note") or "",
            case=_case_for_action(user, data.get("case_id")),
        )
    return services.alert_close(alert=alert, actor=user, note=data.get("note") or "")


@login_required
@require_POST
def alert_act(request: HttpRequest, alert_id: int, step: str) -> HttpResponse:
    user = signed_in_user(request)
    alert = alert_get_for_user(user=user, alert_id=alert_id)
    if step not in STEPS:
        return render(request, "404.html", status=404)
    form_class, name = STEPS[step]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            alert_step(user=user, alert=alert, step=step, data=form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("earlywarning:detail", alert_id=alert.pk)
    errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    context = _detail_context(user, alert, **{name: form})
    context["step_errors"] = errors
    return render(request, "earlywarning/detail.html", context, status=400)


@login_required
def alert_map(request: HttpRequest) -> HttpResponse:
    return render(request, "earlywarning/map.html", {})


@login_required
def alert_map_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(alert_map_features(user=signed_in_user(request)))
