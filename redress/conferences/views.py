"""The conference pages: the list with scheduling, a conference with its proposed agenda,
minutes, attendance and the progress of every action item, and an action item."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from redress.conferences import services
from redress.conferences.agenda import conference_agenda_propose
from redress.conferences.forms import ConferenceForm, DecisionForm, MinutesForm
from redress.conferences.models import ActionItem, Conference, ConferenceStatus
from redress.conferences.selectors import (
    action_item_attachment_get,
    action_item_get_for_user,
    action_item_timeline,
    agenda_for_user,
    conference_action_items,
    conference_get_for_user,
    conference_list_for_user,
)
from redress.core.errors import DomainError
from redress.core.pagination import CappedPaginator
from redress.obligations.pages import (
    ObligationPage,
    ObligationRules,
    obligation_forms,
    obligation_views,
)
from redress.obligations.permissions import is_unit_staff
from redress.orgs.http import signed_in_user
from redress.orgs.models import Department, Role, User

ITEM_RULES = ObligationRules(
    can_answer=lambda user, item: is_unit_staff(user, item.unit_id),
    can_decide=services.action_item_can_decide,
    report=lambda user, item, kind, text, files: services.action_item_report(
        actor=user, item=item, kind=kind, text=text, files=files
    ),
    accept=lambda user, item, note: services.action_item_accept(actor=user, item=item, note=note),
    send_back=lambda user, item, reason: services.action_item_send_back(
        actor=user, item=item, reason=reason
    ),
)


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    can_schedule = user.role == Role.DIRECTOR
    form = ConferenceForm(request.POST or None, user=user) if can_schedule else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                conference, _created = services.conference_schedule(
                    actor=user,
                    jurisdiction=data["jurisdiction"],
                    kind=data["kind"],
                    title=data["title"],
                    scheduled_at=data["scheduled_at"],
                    place=data["place"],
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Conference scheduled."))
                return redirect("conferences:detail", conference_id=conference.pk)
    conferences = conference_list_for_user(user=user).select_related("jurisdiction")
    page = CappedPaginator(conferences.order_by("-scheduled_at", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conferences/list.html",
        {"page": page, "query": "", "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _units(conference: Conference) -> list[Department]:
    return list(
        Department.objects.filter(
            jurisdiction__path__startswith=conference.jurisdiction_path, is_active=True
        ).select_related("jurisdiction")
    )


def _detail_context(user: User, conference: Conference, **forms_override: Any) -> dict[str, Any]:
    can_run = services.conference_can_run(user, conference)
    planned = conference.status == ConferenceStatus.PLANNED
    context: dict[str, Any] = {
        "conference": conference,
        "can_run": can_run,
        "agenda": agenda_for_user(user=user, entries=list(conference.agenda.all())),
        "attendance": list(conference.attendance.select_related("department")),
        "members": services.member_units(conference),
        "items": conference_action_items(conference=conference),
    }
    if planned:
        context["proposal"] = agenda_for_user(
            user=user, entries=conference_agenda_propose(conference=conference)
        )
    if can_run and planned:
        context["minutes_form"] = forms_override.get("minutes") or MinutesForm(
            members=context["members"], units=_units(conference), prefix="minutes"
        )
    if can_run and conference.status == ConferenceStatus.HELD:
        context["decision_form"] = forms_override.get("decision") or DecisionForm(
            units=_units(conference), prefix="decision"
        )
    return context


@login_required
@never_cache
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    user = signed_in_user(request)
    conference = conference_get_for_user(user=user, conference_id=conference_id)
    return render(request, "conferences/detail.html", _detail_context(user, conference))


@login_required
@require_POST
def conference_act(request: HttpRequest, conference_id: int, step: str) -> HttpResponse:
    user = signed_in_user(request)
    conference = conference_get_for_user(user=user, conference_id=conference_id)
    form: Any = None
    try:
        if step == "agenda":
            services.conference_agenda_adopt(
                actor=user,
                conference=conference,
                items=conference_agenda_propose(conference=conference),
            )
        elif step == "approve":
            services.conference_minutes_approve(actor=user, conference=conference)
        elif step == "minutes":
            form = MinutesForm(
                request.POST,
                members=services.member_units(conference),
                units=_units(conference),
                prefix="minutes",
            )
            if not form.is_valid():
                raise DomainError(_("Check the form."))
            services.conference_minutes_record(
                actor=user,
                conference=conference,
                minutes=form.cleaned_data["minutes"],
                attendance=form.attendance(),
                decisions=[
                    services.DecisionInput(text=text, unit=unit, working_days=days)
                    for text, unit, days in form.decisions()
                ],
            )
        elif step == "decision":
            form = DecisionForm(request.POST, units=_units(conference), prefix="decision")
            if not form.is_valid():
                raise DomainError(_("Check the form."))
            services.conference_decision_add(
                actor=user,
                conference=conference,
                decision=services.DecisionInput(
                    text=form.cleaned_data["text"],
                    unit=form.units[form.cleaned_data["unit"]],
                    working_days=form.cleaned_data["working_days"],
                ),
            )
        else:
            raise Http404
    except DomainError as error:
        if form is None or not form.errors:
            messages.error(request, error.message)
        if form is None:
            return redirect("conferences:detail", conference_id=conference.pk)
        conference = conference_get_for_user(user=user, conference_id=conference_id)
        context = _detail_context(user, conference, **{step: form})
        return render(request, "conferences/detail.html", context, status=400)
    messages.success(request, _("Saved."))
    return redirect("conferences:detail", conference_id=conference.pk)


def _item_context(user: User, item: ActionItem, failed: Any = None) -> dict[str, Any]:
    return {
        "item": item,
        "reports": list(item.reports.select_related("author").prefetch_related("attachments")),
        "events": action_item_timeline(item=item),
        "steps": obligation_forms(user, item, ITEM_RULES, failed),
        "failed_step": failed[0] if failed else None,
    }


ITEM_PAGE = ObligationPage(
    rules=ITEM_RULES,
    get=lambda user, item_id: action_item_get_for_user(user=user, item_id=item_id),
    context=_item_context,
    template="conferences/item_detail.html",
    detail_url="conferences:item_detail",
    id_kwarg="item_id",
    attachment_get=lambda item, attachment_id: action_item_attachment_get(
        item=item, attachment_id=attachment_id
    ),
)


item_detail, item_act, item_file = obligation_views(ITEM_PAGE)
