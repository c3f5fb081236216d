"""Demo data: a liaison post in one village of every township (the featured `liaison` login
holds the first), a year of weekly reports with some weeks missing, some late, many with
nothing to report, matters linked to the grievances of the year they concern), and the
reminders the worker would have raised for the last weeks."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db.models import Q
from django.utils import timezone

from redress.cases.models import Case, Category, Channel
from redress.core import clock
from redress.liaison.models import LiaisonPost, ReportMatter, WeeklyReport
from redress.liaison.weeks import week_due_at, week_start_of
from redress.liaison.worker import liaison_reminders_pass
from redress.orgs.models import Role, User

# What liaisons report, by category: matters, never persons.
MATTERS: dict[str, tuple[str, ...]] = {
    "wage-arrears": (
        "村口工地的工人反映两个月未发工资，约{n}人。",
        "砖厂停工，工人工资尚未结清，涉及约{n}人。",
    ),
    "pollution": (
        "村东小河出现异味，下游农田灌溉受影响，涉及约{n}户。",
        "石料厂夜间作业粉尘大，附近约{n}户反映。",
    ),
    "land-compensation": (
        "道路拓宽征地补偿标准有争议，涉及约{n}户。",
        "土地流转租金延期支付，约{n}户反映。",
    ),
    "public-services": (
        "自来水连续三天停水，约{n}户受影响。",
        "村道塌方未修复，约{n}人出行不便。",
    ),
    "housing-property": ("安置小区电梯长期故障，约{n}户反映。",),
    "work-safety": ("废弃厂房外墙开裂，临近道路有安全隐患，约{n}人经过。",),
    "social-insurance": ("部分老人养老金发放延迟，约{n}人反映。",),
}
MISSING_SHARE, LATE_SHARE, NOTHING_SHARE = 0.07, 0.12, 0.45
GROUP_SIZE = 5


def seed_demo_extension(*, demo: Any, seed: int) -> str:
    rng = random.Random(seed + 5)
    now = clock.now()
    today = timezone.localtime(now).date()
    starts_on = week_start_of(today - dt.timedelta(days=364))
    categories = {item.code: item for item in Category.objects.filter(code__in=MATTERS)}
    featured = demo.staff["liaison"]
    posts = [
        LiaisonPost.objects.create(
            user=featured, area=featured.jurisdiction, title="上湾村信息员", starts_on=starts_on
        )
    ]
    villages_per_township: dict[int, list[Any]] = {}
    for village in demo.villages:
        villages_per_township.setdefault(village.parent_id, []).append(village)
    for township in demo.townships:
        sample = [
            v for v in villages_per_township.get(township.pk, []) if v != featured.jurisdiction
        ]
        for village in rng.sample(sample, k=min(1, len(sample))):
            user = User.objects.create(
                username=f"liaison-{village.code or village.pk}",
                password=featured.password,
                role=Role.LIAISON,
                jurisdiction=village,
                display_name=f"{village.name_zh}信息员",
            )
            posts.append(
                LiaisonPost.objects.create(
                    user=user, area=village, title=f"{village.name_zh}信息员", starts_on=starts_on
                )
            )
    weeks = []
    week = starts_on
    while week_due_at(week) <= now:
        weeks.append(week)
        week += dt.timedelta(days=7)
    reports: list[WeeklyReport] = []
    for post in posts:
        for index, week in enumerate(weeks):
            recent = index >= len(weeks) - 2
            # The featured liaison has last week to file; elsewhere some weeks go missing.
            if (post.user_id == featured.pk and recent) or rng.random() < MISSING_SHARE:
                continue
            due = week_due_at(week)
            if rng.random() < LATE_SHARE:
                filed = due + dt.timedelta(hours=rng.uniform(2, 72))
            else:
                filed = due - dt.timedelta(hours=rng.uniform(1, 70))
            reports.append(
                WeeklyReport(
                    post=post,
                    week_start=week,
                    nothing_to_report=rng.random() < NOTHING_SHARE,
                    due_at=due,
                    filed_at=filed,
                    filed_by=post.user,
                )
            )
    WeeklyReport.objects.bulk_create(reports, batch_size=500)
    matters: list[ReportMatter] = []
    for report in WeeklyReport.objects.filter(post__in=posts, nothing_to_report=False):
        for position in range(1, rng.choice((1, 1, 1, 2, 3)) + 1):
            code = rng.choice(sorted(categories))
            people = rng.choice((3, 5, 8, 12, 20, 30, 60))
            matters.append(
                ReportMatter(
                    report=report,
                    position=position,
                    category=categories[code],
                    place=report.post.area,
                    people_affected=people,
                    description=rng.choice(MATTERS[code]).format(n=people),
                )
            )
    ReportMatter.objects.bulk_create(matters, batch_size=500)
    opened = _link_liaison_cases(posts)
    reminders = liaison_reminders_pass(now=now)
    return (
        f"{len(posts)} liaison posts, {len(reports)} weekly reports "
        f"({len(posts) * len(weeks) - len(reports)} weeks missing), {len(matters)} matters, "
        f"{opened} of them cases, {reminders['reminders']} reminders"
    )


def _link_liaison_cases(posts: list[LiaisonPost]) -> int:
    """The grievances of the year that came in through the liaison, and the group grievances
    of the posts' villages (which a liaison hears of), appear as a matter in the report of the
    week before, linked to their case. No case is made here: the demo keeps its number of
    grievances."""
    linked = 0
    reports = {
        (report.post.area_id, report.week_start): report
        for report in WeeklyReport.objects.filter(post__in=posts).select_related("post")
    }
    cases = (
        Case.objects.filter(jurisdiction_id__in=[post.area_id for post in posts])
        .filter(Q(channel=Channel.LIAISON) | Q(people_affected__gte=GROUP_SIZE))
        .select_related("category")
    )
    for case in cases.order_by("submitted_at"):
        week = week_start_of(timezone.localtime(case.submitted_at).date()) - dt.timedelta(days=7)
        report = reports.get((case.jurisdiction_id, week))
        if report is None:
            continue
        if report.nothing_to_report:
            report.nothing_to_report = False
            report.save(update_fields=["nothing_to_report"])
        ReportMatter.objects.create(
            report=report,
            position=report.matters.count() + 1,
            category=case.category,
            place_id=case.jurisdiction_id,
            people_affected=case.people_affected,
            description=case.description[:2000],
            case=case,
        )
        linked += 1
    return linked
