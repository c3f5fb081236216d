"""The liaison's pages: the weekly report with its matter rows, the history, the major-risk
fast lane; the directors' view of the area's reports; completeness; notifications."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from redress.core import clock
from redress.core.errors import DomainError
from redress.core.redirects import safe_redirect_target
from redress.liaison import services
from redress.liaison.forms import (
    CompletenessFilterForm,
    MajorRiskForm,
    MatterFormSet,
    WeeklyReportForm,
)
from redress.liaison.models import LiaisonPost, WeeklyReport
from redress.liaison.selectors import (
    completeness_area_for_user,
    liaison_completeness,
    matter_get_for_user,
    notification_get_for_user,
    notification_list_for_user,
    post_active_for_user,
    report_get_for_user,
    report_list_for_user,
)
from redress.liaison.weeks import local_date, week_start_of
from redress.orgs.http import signed_in_user
from redress.orgs.models import Role, User

HISTORY_SIZE = 30
WEEKS_OFFERED = 4


def _open_weeks(post: LiaisonPost, today: dt.date) -> list[dt.date]:
    """The recent weeks the post may still file for, most pressing (last week) first."""
    this_week = week_start_of(today)
    candidates = [this_week - dt.timedelta(days=7 * back) for back in range(1, WEEKS_OFFERED)]
    candidates.append(this_week)
    filed = set(
        WeeklyReport.objects.filter(post=post, week_start__in=candidates).values_list(
            "week_start", flat=True
        )
    )
    return [
        week
        for week in candidates
        if week not in filed and post.is_active_on(min(week + dt.timedelta(days=6), today))
    ]


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.role == Role.DIRECTOR:
        return _director_home(request, user)
    if user.role != Role.LIAISON:
        raise Http404
    today = local_date(clock.now())
    post = post_active_for_user(user=user, day=today)
    reports = report_list_for_user(user=user)[:HISTORY_SIZE]
    if post is None:
        return render(request, "liaison/home.html", {"post": None, "reports": reports})
    weeks = _open_weeks(post, today)
    form = WeeklyReportForm(request.POST or None, weeks=weeks)
    formset = MatterFormSet(request.POST or None, post=post, prefix="matters")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        matters = [matter_form.to_input() for matter_form in formset.filled_forms()]
        try:
            report, _created = services.weekly_report_file(
                post=post,
                actor=user,
                week_start=form.cleaned_data["week_start"],
                nothing_to_report=form.cleaned_data["nothing_to_report"],
                matters=matters,
                idempotency_key=form.cleaned_data.get("idempotency_key"),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Report filed for %(week)s.") % {"week": report.week_label})
            return redirect("liaison:report", report_id=report.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "post": post,
        "form": form,
        "formset": formset,
        "reports": reports,
        "idempotency_key": _fresh_key(),
    }
    return render(request, "liaison/home.html", context, status=status)


def _fresh_key() -> str:
    import secrets

    return secrets.token_hex(16)


def _director_home(request: HttpRequest, user: User) -> HttpResponse:
    reports = report_list_for_user(user=user)[:HISTORY_SIZE]
    return render(request, "liaison/area.html", {"reports": reports})


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    user = signed_in_user(request)
    report = report_get_for_user(user=user, report_id=report_id)
    return render(request, "liaison/report.html", {"report": report})


@login_required
@require_POST
def matter_case(request: HttpRequest, matter_id: int) -> HttpResponse:
    user = signed_in_user(request)
    matter = matter_get_for_user(user=user, matter_id=matter_id)
    try:
        case, created = services.matter_case_open(matter=matter, actor=user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("liaison:report", report_id=matter.report_id)
    if created:
        messages.success(request, _("Case %(code)s opened.") % {"code": case.display_code})
    return redirect("liaison:report", report_id=matter.report_id)


@login_required
@require_http_methods(["GET", "POST"])
def major_risk(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.role != Role.LIAISON:
        raise Http404
    post = post_active_for_user(user=user, day=local_date(clock.now()))
    if post is None:
        raise Http404
    form = MajorRiskForm(request.POST or None, post=post, initial={"idempotency_key": _fresh_key()})
    if request.method == "POST" and form.is_valid():
        try:
            report, _created = services.major_risk_report_file(
                post=post,
                actor=user,
                matter=form.to_input(),
                idempotency_key=form.cleaned_data.get("idempotency_key"),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            assert report.case is not None
            messages.success(
                request,
                _("Major-risk report sent to the office director; urgent case %(code)s opened.")
                % {"code": report.case.display_code},
            )
            return redirect("liaison:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "liaison/major_risk.html", {"form": form, "post": post}, status=status)


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    root = completeness_area_for_user(user=user, jurisdiction_id=None)
    form = CompletenessFilterForm(request.GET or None, root=root)
    today = local_date(clock.now())
    area, start, end = root, today.replace(month=1, day=1), today
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("area") is not None:
            area = completeness_area_for_user(
                user=user, jurisdiction_id=form.cleaned_data["area"].pk
            )
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    elif form.is_bound:
        return render(
            request, "liaison/completeness.html", {"form": form, "result": None}, status=400
        )
    result = liaison_completeness(jurisdiction=area, start=start, end=end)
    return render(request, "liaison/completeness.html", {"form": form, "result": result})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    items = notification_list_for_user(user=user)[:100]
    return render(request, "liaison/notifications.html", {"items": items})


@login_required
@require_POST
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    user = signed_in_user(request)
    notification = notification_get_for_user(user=user, notification_id=notification_id)
    services.notification_mark_read(notification=notification)
    return redirect(
        safe_redirect_target(request, notification.url, default=reverse("liaison:notifications"))
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=signed_in_user(request))
    return redirect("liaison:notifications")
