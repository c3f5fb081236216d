"""Staff pages of the weekly briefing: the latest per office, past weeks, one briefing as a
page or a PDF, and "generate now" for directors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from redress.core import clock
from redress.orgs.models import Role, User
from redress.reports.briefings.forms import BriefingGenerateForm
from redress.reports.briefings.selectors import (
    briefing_get_for_user,
    briefing_jurisdictions_for_user,
    briefing_latest_by_jurisdiction,
    briefing_list_for_user,
    briefing_reader,
)
from redress.reports.briefings.services import briefing_generate
from redress.reports.briefings.weeks import IsoWeek
from redress.reports.models import BriefingLanguage, BriefingSource

PAST_WEEKS = 26


def _reader(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    if not briefing_reader(user):
        raise Http404(gettext("No briefings for this role."))
    return user


def _form(user: User, data: QueryDict | None = None) -> BriefingGenerateForm:
    language = "en" if (get_language() or "").startswith("en") else BriefingLanguage.CHINESE
    return BriefingGenerateForm(
        data,
        jurisdictions=briefing_jurisdictions_for_user(user=user),
        initial={
            "jurisdiction": user.jurisdiction_id,
            "week": str(IsoWeek.of(clock.now()).shifted(-1)),
            "language": language,
        },
    )


def _list_page(request: HttpRequest, user: User, form: BriefingGenerateForm | None) -> HttpResponse:
    past = (
        briefing_list_for_user(user=user)
        .filter(jurisdiction=user.jurisdiction)
        .defer("html", "pdf")
        .select_related("jurisdiction")[:PAST_WEEKS]
    )
    return render(
        request,
        "reports/briefings/list.html",
        {
            "latest": briefing_latest_by_jurisdiction(user=user),
            "past": past,
            "form": form if user.role == Role.DIRECTOR else None,
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
def briefing_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    return _list_page(request, user, _form(user) if user.role == Role.DIRECTOR else None)


@login_required
@require_POST
def briefing_generate_now(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    if user.role != Role.DIRECTOR:
        raise Http404(gettext("Only directors generate briefings."))
    form = _form(user, request.POST)
    if not form.is_valid():
        return _list_page(request, user, form)
    briefing = briefing_generate(
        jurisdiction=form.cleaned_data["jurisdiction"],
        week=form.cleaned_data["week"],
        language=form.cleaned_data["language"],
        now=clock.now(),
        source=BriefingSource.STAFF,
        user=user,
    )
    messages.success(request, gettext("The briefing is ready."))
    return redirect("reports:briefing", briefing_id=briefing.pk)


@login_required
def briefing_detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = briefing_get_for_user(user=_reader(request), briefing_id=briefing_id)
    return render(request, "reports/briefings/detail.html", {"briefing": briefing})


@login_required
def briefing_pdf(request: HttpRequest, briefing_id: int) -> HttpResponse:
    briefing = briefing_get_for_user(user=_reader(request), briefing_id=briefing_id)
    response = HttpResponse(bytes(briefing.pdf), content_type="application/pdf")
    place = briefing.jurisdiction.code or briefing.jurisdiction_id
    name = f"briefing-{place}-{briefing.week_label}-{briefing.language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
