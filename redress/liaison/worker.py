"""The liaison app's worker pass: weekly report reminders to liaisons and their directors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.urls import reverse

from redress.liaison.models import LiaisonPost, LiaisonReminder, NotificationKind, ReminderKind
from redress.liaison.selectors import area_directors
from redress.liaison.services import notifications_send
from redress.liaison.weeks import local_date, week_due_at, week_start_of

# How long after the deadline the area's director hears of a still-missing report.
DIRECTOR_NOTICE_AFTER = dt.timedelta(days=2)
# A worker that was down catches up on this many days of deadlines, no more.
REMINDER_LOOKBACK = dt.timedelta(days=28)


def liaison_reminders_pass(*, now: dt.datetime) -> Mapping[str, int]:
    """At each weekly deadline, remind the liaison of every post without a report for the week;
    two days later, tell the area's director. Once per post, week and kind: the reminder row's
    unique constraint is the claim, so two workers never remind twice."""
    today = local_date(now)
    counts = {"reminders": 0, "director_notices": 0}
    weeks = [week_start_of(today) - dt.timedelta(days=7 * back) for back in range(1, 6)]
    for week in weeks:
        due_at = week_due_at(week)
        if due_at > now or due_at < now - REMINDER_LOOKBACK:
            continue
        kinds = [ReminderKind.LIAISON]
        if due_at + DIRECTOR_NOTICE_AFTER <= now:
            kinds.append(ReminderKind.DIRECTOR)
        for post in _posts_missing(week):
            for kind in kinds:
                if _remind(post=post, week=week, kind=kind, now=now):
                    counts["reminders" if kind == ReminderKind.LIAISON else "director_notices"] += 1
    return counts


def _posts_missing(week: dt.date) -> list[LiaisonPost]:
    week_end = week + dt.timedelta(days=6)
    return list(
        LiaisonPost.objects.filter(starts_on__lte=week_end, user__is_active=True)
        .exclude(ends_on__lt=week)
        .exclude(reports__week_start=week)
        .select_related("user", "area")
    )


def _remind(*, post: LiaisonPost, week: dt.date, kind: str, now: dt.datetime) -> bool:
    year, number, _day = week.isocalendar()
    title = f"{post.area.name_zh} {year}-W{number:02d}"
    try:
        with transaction.atomic():
            _reminder, created = LiaisonReminder.objects.get_or_create(
                post=post, week_start=week, kind=kind, defaults={"at": now}
            )
            if not created:
                return False
            if kind == ReminderKind.LIAISON:
                notifications_send(
                    recipients=[post.user],
                    kind=NotificationKind.REPORT_MISSING,
                    title=title,
                    url=reverse("liaison:home"),
                )
            else:
                notifications_send(
                    recipients=area_directors(area=post.area),
                    kind=NotificationKind.REPORT_MISSING_AREA,
                    title=f"{title} · {post.user}",
                    url=reverse("liaison:completeness") + f"?area={post.area_id}",
                )
    except IntegrityError:
        return False  # another worker claimed it
    return True
