"""Demo data: a liaison post in one village of every township (the featured `liaison` login
holds the first), a year of weekly reports with some weeks missing, some late, many with
nothing to report, a few matters turned into cases, and the reminders the worker would have
raised for the last weeks."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from redress.cases.models import Category
from redress.core import clock
from redress.liaison.models import LiaisonPost, ReportMatter, WeeklyReport
from redress.liaison.services import liaison_reminders_run, matter_case_open
from redress.liaison.weeks import week_due_at, week_start_of
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
MISSING_SHARE, LATE_SHARE, NOTHING_SHARE, CASE_SHARE = 0.07, 0.12, 0.45, 0.06


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
    opened = 0
    for matter in ReportMatter.objects.select_related(
        "report__post__area", "report__post__user", "category", "place"
    ).order_by("id"):
        if rng.random() >= CASE_SHARE:
            continue
        director = demo.director_for(matter.report.post.area.parent_id)
        with clock.frozen_at(matter.report.filed_at + dt.timedelta(hours=3)):
            matter_case_open(matter=matter, actor=director)
        opened += 1
    reminders = liaison_reminders_run(now=now)
    return (
        f"{len(posts)} liaison posts, {len(reports)} weekly reports "
        f"({len(posts) * len(weeks) - len(reports)} weeks missing), {len(matters)} matters, "
        f"{opened} turned into cases, {reminders['reminders']} reminders"
    )
