"""Reads of projects and their assessments, always through the user's scope, and the figures
other apps need (conference agendas, year-end scores, early warning)."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from redress.assessments.grading import SurveyFigures, Thresholds
from redress.assessments.models import (
    APPROVED_STATUSES,
    PENDING_STATUSES,
    ConsultationKind,
    Grade,
    GradingScheme,
    MitigationMeasure,
    Project,
    ProjectCaseLink,
    ProjectEvent,
    ProjectStatus,
)
from redress.cases.models import OPEN_STATUSES, Case
from redress.cases.selectors import case_list_for_user
from redress.core import clock
from redress.orgs.models import Jurisdiction, Role, User, ancestor_ids_from_path

# Every staff role with a unit reads the projects of its area; liaisons report on matters in
# their village and administrators configure, so neither needs the register.
READER_ROLES = frozenset({Role.DIRECTOR, Role.HANDLER, Role.OPERATOR, Role.LEADER, Role.AUDITOR})


def project_scope_filter(user: User) -> Q | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role not in READER_ROLES or user.jurisdiction is None:
        return None
    return Q(jurisdiction_path__startswith=user.jurisdiction.path)


def project_list_for_user(*, user: User) -> QuerySet[Project]:
    scope = project_scope_filter(user)
    if scope is None:
        return Project.objects.none()
    return Project.objects.filter(scope)


def project_get_for_user(*, user: User, project_id: int) -> Project:
    """The one way a request fetches a project: 404 unless the user's unit and role cover it."""
    try:
        return (
            project_list_for_user(user=user)
            .select_related("initiator__jurisdiction", "jurisdiction", "graded_by", "reviewed_by")
            .get(pk=project_id)
        )
    except (Project.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(_("No such project.")) from None


def project_search(*, user: User, status: str = "", q: str = "") -> QuerySet[Project]:
    projects = project_list_for_user(user=user)
    if status == "pending":
        projects = projects.filter(status__in=PENDING_STATUSES)
    elif status == "approved_any":
        projects = projects.filter(status__in=APPROVED_STATUSES)
    elif status:
        projects = projects.filter(status=status)
    for term in q.split()[:8]:
        projects = projects.filter(Q(title__icontains=term) | Q(location_text__icontains=term))
    return projects.select_related("initiator", "jurisdiction").order_by("-created_at", "-id")


def project_timeline(*, project: Project) -> QuerySet[ProjectEvent]:
    return project.events.select_related("actor").order_by("at", "id")


def measure_get_for_project(*, project: Project, measure_id: int) -> MitigationMeasure:
    try:
        return project.measures.select_related("owner__jurisdiction").get(pk=measure_id)
    except (MitigationMeasure.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404(_("No such measure.")) from None


def thresholds_for(*, jurisdiction_path: str) -> Thresholds:
    """The grading scheme of the nearest jurisdiction up the tree that has one."""
    ancestors = ancestor_ids_from_path(jurisdiction_path)
    schemes = {
        s.jurisdiction_id: s for s in GradingScheme.objects.filter(jurisdiction_id__in=ancestors)
    }
    for jurisdiction_id in ancestors:
        scheme = schemes.get(jurisdiction_id)
        if scheme is not None:
            return Thresholds(
                coverage_min_percent=scheme.coverage_min_percent,
                high_objection_above_percent=scheme.high_objection_above_percent,
                medium_objection_from_percent=scheme.medium_objection_from_percent,
            )
    return Thresholds()


def survey_figures(*, project: Project) -> SurveyFigures:
    """The household surveys added up. Several rounds of survey reach different households
    (a village at a time), so their counts are summed."""
    totals = project.consultations.filter(kind=ConsultationKind.SURVEY).aggregate(
        reached=Sum("households_reached"),
        support=Sum("support_count"),
        objection=Sum("objection_count"),
        neutral=Sum("neutral_count"),
    )
    return SurveyFigures(
        affected_households=project.affected_households,
        households_reached=totals["reached"] or 0,
        support=totals["support"] or 0,
        objection=totals["objection"] or 0,
        neutral=totals["neutral"] or 0,
    )


# Lists the gate page shows ---------------------------------------------------------------


def project_gate_lists(*, user: User) -> dict[str, QuerySet[Project]]:
    """Pending, blocked, and approved without a reviewed grade. The last must be empty: the
    gate and a database constraint both stand in its way; it is shown so anyone can check."""
    projects = project_list_for_user(user=user).select_related("initiator", "jurisdiction")
    return {
        "pending": projects.filter(status__in=PENDING_STATUSES).order_by("created_at"),
        "blocked": projects.filter(status=ProjectStatus.BLOCKED).order_by("-decided_at"),
        "unassessed_approved": projects.filter(status__in=APPROVED_STATUSES).filter(
            Q(grade="")
            | Q(reviewed_at__isnull=True)
            | Q(graded_at__isnull=True)
            | Q(grade=Grade.HIGH)
            | Q(reviewed_at__gt=F("decided_at"))
        ),
    }


# For other apps ---------------------------------------------------------------------------


def project_list_risky_open(*, jurisdiction: Jurisdiction) -> QuerySet[Project]:
    """Projects in the jurisdiction's area graded medium or high and not yet approved (nor
    blocked for good): for the joint conference's agenda."""
    return (
        Project.objects.filter(
            jurisdiction_path__startswith=jurisdiction.path,
            grade__in=[Grade.MEDIUM, Grade.HIGH],
            status__in=PENDING_STATUSES | {ProjectStatus.BLOCKED},
        )
        .select_related("initiator", "jurisdiction")
        .order_by("-graded_at")
    )


@dataclass(frozen=True)
class AssessedBeforeApproval:
    approved: int  # the denominator
    assessed_before: int  # graded and reviewed before the approval


# A project's assessment was graded and reviewed before the decision to approve it.
ASSESSED_BEFORE_APPROVAL = Q(graded_at__lt=F("decided_at"), reviewed_at__lt=F("decided_at")) & ~Q(
    grade=""
)


def project_list_approved_in(
    *, year: int, jurisdiction: Jurisdiction | None = None
) -> QuerySet[Project]:
    """Projects approved (with or without conditions) in `year`, in the area if one is given."""
    start, end = clock.year_bounds(year)
    projects = Project.objects.filter(
        status__in=APPROVED_STATUSES, decided_at__gte=start, decided_at__lt=end
    )
    if jurisdiction is not None:
        projects = projects.filter(jurisdiction_path__startswith=jurisdiction.path)
    return projects


def assessment_before_approval_counts(
    *, year: int, jurisdiction: Jurisdiction | None = None
) -> dict[int, AssessedBeforeApproval]:
    """For the year-end score, by initiator department id: projects approved in `year`, and of
    them those whose assessment was graded and reviewed before the approval."""
    projects = project_list_approved_in(year=year, jurisdiction=jurisdiction)
    rows = projects.values("initiator_id").annotate(
        approved=Count("id"), assessed=Count("id", filter=ASSESSED_BEFORE_APPROVAL)
    )
    return {
        row["initiator_id"]: AssessedBeforeApproval(row["approved"], row["assessed"])
        for row in rows
    }


def project_grievance_counts(
    *, project_ids: list[int], since: dt.datetime, until: dt.datetime
) -> dict[int, list[tuple[dt.date, int]]]:
    """Linked grievances per project per week (weeks start on Monday, by submission time),
    oldest first. Weeks without grievances are left out."""
    rows = (
        ProjectCaseLink.objects.filter(
            project_id__in=project_ids, case_submitted_at__gte=since, case_submitted_at__lt=until
        )
        .annotate(week=TruncWeek("case_submitted_at"))
        .values("project_id", "week")
        .annotate(count=Count("id"))
        .order_by("project_id", "week")
    )
    counts: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for row in rows:
        week = row["week"]
        if isinstance(week, dt.datetime):
            week = timezone.localdate(week) if timezone.is_aware(week) else week.date()
        counts[row["project_id"]].append((week, row["count"]))
    return dict(counts)


@dataclass(frozen=True)
class ProjectGrievanceSignal:
    """What early warning needs to judge a surge: the numbers, never who complained."""

    project_id: int
    jurisdiction_id: int
    grade: str
    recent: int  # linked grievances submitted in the last `window_days`
    baseline_per_window: float  # the mean over the `baseline_windows` before that


def project_grievance_signals(
    *, now: dt.datetime, window_days: int = 7, baseline_windows: int = 4
) -> list[ProjectGrievanceSignal]:
    """The hook for early warning: approved projects graded medium or high (or approved with
    conditions) with their recent and baseline grievance counts. The detector decides what a
    surge is; this only counts."""
    window = dt.timedelta(days=window_days)
    recent_start = now - window
    baseline_start = recent_start - window * baseline_windows
    projects = Project.objects.filter(status__in=APPROVED_STATUSES).filter(
        Q(grade__in=[Grade.MEDIUM, Grade.HIGH]) | Q(status=ProjectStatus.APPROVED_WITH_CONDITIONS)
    )
    rows = (
        ProjectCaseLink.objects.filter(
            project__in=projects, case_submitted_at__gte=baseline_start, case_submitted_at__lt=now
        )
        .values("project_id", "project__jurisdiction_id", "project__grade")
        .annotate(
            recent=Count("id", filter=Q(case_submitted_at__gte=recent_start)),
            baseline=Count("id", filter=Q(case_submitted_at__lt=recent_start)),
        )
        .order_by("project_id")
    )
    return [
        ProjectGrievanceSignal(
            project_id=row["project_id"],
            jurisdiction_id=row["project__jurisdiction_id"],
            grade=row["project__grade"],
            recent=row["recent"],
            baseline_per_window=row["baseline"] / baseline_windows,
        )
        for row in rows
    ]


# Grievances about a project ---------------------------------------------------------------

SUGGESTION_RADIUS_KM = 3.0


def project_risk_category_codes(*, project: Project) -> set[str]:
    """The grievance categories the project's assessed risk factors show up in."""
    from redress.assessments.models import FACTOR_CATEGORIES

    codes: set[str] = set()
    for factor in project.risk_factors.values_list("factor", flat=True):
        codes.update(FACTOR_CATEGORIES.get(factor, ()))
    return codes


def project_linked_cases(*, user: User, project: Project) -> QuerySet[Case]:
    """The project's grievances that the user may see (others are counted, not shown)."""
    return (
        case_list_for_user(user=user)
        .filter(project_links__project=project)
        .select_related("category", "jurisdiction")
        .order_by("-submitted_at")
    )


def project_grievance_suggestions(*, user: User, project: Project, limit: int = 20) -> list[Case]:
    """Open grievances since the approval, in the project's risk-related categories, located
    in its area or within a few kilometres of its site; not yet linked."""
    if not project.is_approved or project.decided_at is None:
        return []
    codes = project_risk_category_codes(project=project)
    if not codes:
        return []
    place = Q(jurisdiction_path__startswith=project.jurisdiction_path)
    if project.latitude is not None and project.longitude is not None:
        # A box is enough for a suggestion: staff confirm each one.
        lat_span = SUGGESTION_RADIUS_KM / 111.0
        lon_span = SUGGESTION_RADIUS_KM / (
            111.0 * max(math.cos(math.radians(project.latitude)), 0.1)
        )
        place |= Q(
            latitude__range=(project.latitude - lat_span, project.latitude + lat_span),
            longitude__range=(project.longitude - lon_span, project.longitude + lon_span),
        )
    return list(
        case_list_for_user(user=user)
        .filter(
            place,
            status__in=OPEN_STATUSES,
            category__code__in=codes,
            submitted_at__gte=project.decided_at,
        )
        .exclude(project_links__project=project)
        .select_related("category", "jurisdiction")
        .order_by("-submitted_at")[:limit]
    )


def project_grievance_weeks(*, project: Project, weeks: int = 12) -> list[tuple[dt.date, int]]:
    """The project page's grievance count by week, every week shown (zeros too)."""
    now = clock.now()
    today = timezone.localdate(now)
    first = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    since = dt.datetime.combine(first, dt.time(), tzinfo=timezone.get_current_timezone())
    found = dict(
        project_grievance_counts(
            project_ids=[project.pk], since=since, until=now + dt.timedelta(days=1)
        ).get(project.pk, [])
    )
    return [
        (first + dt.timedelta(weeks=n), found.get(first + dt.timedelta(weeks=n), 0))
        for n in range(weeks)
    ]
