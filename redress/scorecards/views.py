"""The ranking table for a jurisdiction and year, a unit's score card with the events behind
each indicator, and the exports."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from redress.core import clock
from redress.core.errors import DomainError
from redress.orgs.http import signed_in_user
from redress.orgs.models import Jurisdiction, Role, User
from redress.scorecards import exports
from redress.scorecards.indicators import indicator_label
from redress.scorecards.models import ScoreRun
from redress.scorecards.selectors import (
    card_get_for_user,
    card_list_for_run,
    run_get_for_user,
    run_latest_for_user,
    run_list_for_user,
    score_jurisdiction_for_user,
)
from redress.scorecards.services import YEAR_MAX, YEAR_MIN, score_run_compute


class RankingFilterForm(forms.Form):
    jurisdiction = forms.IntegerField(required=False, widget=forms.HiddenInput)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)


@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    default_year = clock.now().year - 1
    form = RankingFilterForm(request.GET or {"year": default_year})
    if not form.is_valid():
        form = RankingFilterForm({"year": default_year})
        form.is_valid()
    jurisdiction = score_jurisdiction_for_user(
        user=user, jurisdiction_id=form.cleaned_data.get("jurisdiction")
    )
    year = form.cleaned_data["year"]
    run = run_latest_for_user(user=user, jurisdiction=jurisdiction, year=year)
    return _ranking_page(
        request, user=user, run=run, form=form, jurisdiction=jurisdiction, year=year
    )


def _ranking_page(
    request: HttpRequest,
    *,
    user: User,
    run: ScoreRun | None,
    form: RankingFilterForm,
    jurisdiction: Jurisdiction,
    year: int,
) -> HttpResponse:
    cards = list(card_list_for_run(run=run)) if run is not None else []
    codes = [entry["code"] for entry in run.scheme["indicators"]] if run is not None else []
    rows = [(card, [card.indicator(code) for code in codes]) for card in cards]
    context = {
        "form": form,
        "jurisdiction": jurisdiction,
        "year": year,
        "run": run,
        "columns": [(code, indicator_label(code)) for code in codes],
        "rows": rows,
        "runs": run_list_for_user(user=user).filter(jurisdiction=jurisdiction)[:20],
        "can_compute": user.role == Role.DIRECTOR,
    }
    return render(request, "scorecards/ranking.html", context)


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    user = signed_in_user(request)
    run = run_get_for_user(user=user, run_id=run_id)
    form = RankingFilterForm({"year": run.year, "jurisdiction": run.jurisdiction_id})
    form.is_valid()
    return _ranking_page(
        request, user=user, run=run, form=form, jurisdiction=run.jurisdiction, year=run.year
    )


@login_required
@require_POST
def run_compute(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = RankingFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year."))
        return redirect("scorecards:ranking")
    jurisdiction = score_jurisdiction_for_user(
        user=user, jurisdiction_id=form.cleaned_data.get("jurisdiction")
    )
    try:
        run, _created = score_run_compute(
            jurisdiction=jurisdiction, year=form.cleaned_data["year"], actor=user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("scorecards:ranking")
    messages.success(request, _("Scores computed."))
    return redirect("scorecards:run", run_id=run.pk)


@login_required
def card_detail(request: HttpRequest, card_id: int) -> HttpResponse:
    user = signed_in_user(request)
    card = card_get_for_user(user=user, card_id=card_id)
    indicators = [{**item, "label": indicator_label(str(item["code"]))} for item in card.indicators]
    return render(
        request, "scorecards/card.html", {"card": card, "run": card.run, "indicators": indicators}
    )


@login_required
def run_export(request: HttpRequest, run_id: int, fmt: str) -> HttpResponse:
    user = signed_in_user(request)
    run = run_get_for_user(user=user, run_id=run_id)
    cards = list(card_list_for_run(run=run))
    name = f"scores-{run.jurisdiction_id}-{run.year}-{run.pk}"
    response: HttpResponse
    if fmt == "csv":
        streamed = StreamingHttpResponse(
            exports.ranking_csv(run, cards), content_type="text/csv; charset=utf-8"
        )
        streamed["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return streamed  # type: ignore[return-value]
    if fmt == "xlsx":
        response = HttpResponse(
            exports.ranking_xlsx(run, cards),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "pdf":
        response = HttpResponse(exports.ranking_pdf(run, cards), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
