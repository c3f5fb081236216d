"""Reads of liaison posts and reports, each scoped to the user, and the completeness and
timeliness figures (with the weeks behind them, for drill-down and for the year-end score)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.core import clock
from redress.liaison.models import (
    LiaisonPost,
    MajorRiskReport,
    Notification,
    ReportMatter,
    WeeklyReport,
)
from redress.liaison.weeks import local_date, week_due_at, week_start_of, weeks_between
from redress.orgs.models import Jurisdiction, Role, User

# Who may read an area's liaison figures (aggregate data about matters and named, open posts).
OVERSIGHT_ROLES = frozenset({Role.DIRECTOR, Role.LEADER, Role.AUDITOR})


def _area_path(user: User) -> str | None:
    if not user.is_authenticated or not user.is_active or user.jurisdiction is None:
        return None
    return user.jurisdiction.path


def post_list_for_user(*, user: User) -> QuerySet[LiaisonPost]:
    """A liaison sees their own posts; a director sees the posts in their area."""
    posts = LiaisonPost.objects.select_related("user", "area")
    path = _area_path(user)
    if path is None:
        return posts.none()
    if user.role == Role.LIAISON:
        return posts.filter(user=user)
    if user.role == Role.DIRECTOR:
        return posts.filter(area__path__startswith=path)
    return posts.none()


def post_get_for_user(*, user: User, post_id: int) -> LiaisonPost:
    try:
        return post_list_for_user(user=user).get(pk=post_id)
    except (LiaisonPost.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such liaison post.")) from None


def post_active_for_user(*, user: User, day: dt.date) -> LiaisonPost | None:
    """The post a liaison files for today (the first active one, if they hold several)."""
    return (
        post_list_for_user(user=user)
        .filter(user=user, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .first()
    )


def report_list_for_user(*, user: User) -> QuerySet[WeeklyReport]:
    return (
        WeeklyReport.objects.filter(post__in=post_list_for_user(user=user))
        .select_related("post__user", "post__area")
        .prefetch_related("matters__category", "matters__place", "matters__case")
    )


def report_get_for_user(*, user: User, report_id: int) -> WeeklyReport:
    try:
        return report_list_for_user(user=user).get(pk=report_id)
    except (WeeklyReport.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such report.")) from None


def matter_get_for_user(*, user: User, matter_id: int) -> ReportMatter:
    try:
        return (
            ReportMatter.objects.filter(report__post__in=post_list_for_user(user=user))
            .select_related("report__post__area", "category", "place", "case")
            .get(pk=matter_id)
        )
    except (ReportMatter.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such matter.")) from None


def major_risk_list_for_user(*, user: User) -> QuerySet[MajorRiskReport]:
    return MajorRiskReport.objects.filter(post__in=post_list_for_user(user=user)).select_related(
        "post__user", "post__area", "category", "place", "case"
    )


def major_risk_get_for_user(*, user: User, report_id: int) -> MajorRiskReport:
    try:
        return major_risk_list_for_user(user=user).get(pk=report_id)
    except (MajorRiskReport.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such report.")) from None


def notification_list_for_user(*, user: User) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_get_for_user(*, user: User, notification_id: int) -> Notification:
    try:
        return notification_list_for_user(user=user).get(pk=notification_id)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such notification.")) from None


def notification_unread_count(*, user: User) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()


def area_directors(*, area: Jurisdiction) -> list[User]:
    """The office directors nearest above (or at) the area: those who answer for it first."""
    candidates = list(
        User.objects.filter(
            role=Role.DIRECTOR,
            is_active=True,
            jurisdiction_id__in=[area.pk, *area.ancestor_ids()],
        ).select_related("jurisdiction")
    )
    if not candidates:
        return []
    deepest = max(len(user.jurisdiction.path) for user in candidates if user.jurisdiction)
    return [
        user
        for user in candidates
        if user.jurisdiction is not None and len(user.jurisdiction.path) == deepest
    ]


def completeness_area_for_user(*, user: User, jurisdiction_id: int | None) -> Jurisdiction:
    """The area whose completeness a user may read: their own or one below it."""
    path = _area_path(user)
    if path is None or user.role not in OVERSIGHT_ROLES:
        raise Http404(_("No such area."))
    assert user.jurisdiction is not None
    if jurisdiction_id is None:
        return user.jurisdiction
    try:
        return Jurisdiction.objects.get(pk=jurisdiction_id, path__startswith=path)
    except (Jurisdiction.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such area.")) from None


# --- Completeness and timeliness ------------------------------------------------------------


class WeekStatus:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"


@dataclass(frozen=True)
class CompletenessWeek:
    week_start: dt.date
    due_at: dt.datetime
    report: WeeklyReport | None

    @property
    def status(self) -> str:
        if self.report is None:
            return WeekStatus.MISSING
        return WeekStatus.LATE if self.report.is_late else WeekStatus.ON_TIME


@dataclass
class Tally:
    due: int = 0
    filed: int = 0
    on_time: int = 0

    def add(self, week: CompletenessWeek) -> None:
        self.due += 1
        if week.report is not None:
            self.filed += 1
            if not week.report.is_late:
                self.on_time += 1

    @property
    def completeness(self) -> float | None:
        """The share of due weeks with a report (a "nothing to report" report counts)."""
        return self.filed / self.due if self.due else None

    @property
    def timeliness(self) -> float | None:
        """The share of due weeks whose report came in by the deadline."""
        return self.on_time / self.due if self.due else None

    @property
    def missing(self) -> int:
        return self.due - self.filed

    @property
    def late(self) -> int:
        return self.filed - self.on_time


@dataclass
class PostCompleteness(Tally):
    post: LiaisonPost | None = None
    weeks: list[CompletenessWeek] = field(default_factory=list)


@dataclass
class AreaCompleteness(Tally):
    area: Jurisdiction | None = None
    posts: int = 0


@dataclass
class Completeness:
    jurisdiction: Jurisdiction
    start: dt.date
    end: dt.date
    posts: list[PostCompleteness]
    areas: list[AreaCompleteness]
    total: Tally


def liaison_completeness(
    *, jurisdiction: Jurisdiction, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> Completeness:
    """Per post and per area, over the weeks that begin between `start` and `end` and whose
    deadline has passed by `now`: how many reports were due, filed, and filed on time."""
    now = now or clock.now()
    posts = list(
        LiaisonPost.objects.filter(area__path__startswith=jurisdiction.path, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .select_related("user", "area")
        .order_by("area__path", "starts_on", "id")
    )
    weeks = [week for week in _weeks_counted(posts, start, end, now) if week_due_at(week) <= now]
    reports = {
        (report.post_id, report.week_start): report
        for report in WeeklyReport.objects.filter(
            post__in=posts, week_start__in=weeks
        ).select_related("post")
    }
    post_rows: list[PostCompleteness] = []
    area_rows: dict[int, AreaCompleteness] = {}
    total = Tally()
    for post in posts:
        row = PostCompleteness(post=post)
        for week in weeks:
            if not _active_in_week(post, week):
                continue
            entry = CompletenessWeek(week, week_due_at(week), reports.get((post.pk, week)))
            row.weeks.append(entry)
            row.add(entry)
            total.add(entry)
            area_row = area_rows.setdefault(post.area_id, AreaCompleteness(area=post.area))
            area_row.add(entry)
        area_rows.setdefault(post.area_id, AreaCompleteness(area=post.area)).posts += 1
        post_rows.append(row)
    return Completeness(
        jurisdiction=jurisdiction,
        start=start,
        end=end,
        posts=post_rows,
        areas=list(area_rows.values()),
        total=total,
    )


def _weeks_counted(
    posts: list[LiaisonPost], start: dt.date, end: dt.date, now: dt.datetime
) -> list[dt.date]:
    """The weeks of start..end that can be due: none begins after today or before the week the
    first post began. Asked for the years up to 9999, the week arithmetic overflowed (a 500);
    asked from year 1, it went through half a million empty weeks."""
    if not posts:
        return []
    start = max(start, week_start_of(min(post.starts_on for post in posts)))
    end = min(end, local_date(now))
    return weeks_between(start, end) if start <= end else []


def _active_in_week(post: LiaisonPost, week_start: dt.date) -> bool:
    week_end = week_start + dt.timedelta(days=6)
    return post.starts_on <= week_end and (post.ends_on is None or post.ends_on >= week_start)
