"""Completeness and timeliness per post and area, and the scoping of posts and reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from redress.cases.testing import local_time
from redress.core import clock
from redress.liaison.models import LiaisonPost
from redress.liaison.selectors import (
    completeness_area_for_user,
    liaison_completeness,
    post_list_for_user,
    report_get_for_user,
)
from redress.liaison.services import weekly_report_file
from redress.orgs.models import Role, User

pytestmark = pytest.mark.django_db


def test_completeness_counts_due_weeks_filed_and_on_time(cast, post):
    # Three weeks: one on time, one late, one missing.
    for week, moment in (
        (dt.date(2026, 1, 5), (2026, 1, 9)),
        (dt.date(2026, 1, 12), (2026, 1, 20)),
    ):
        with clock.frozen_at(local_time(*moment)):
            weekly_report_file(
                post=post, actor=cast.liaison, week_start=week, nothing_to_report=True, matters=[]
            )
    figures = liaison_completeness(
        jurisdiction=cast.county,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 1, 31),
        now=local_time(2026, 1, 27, 12, 1),
    )
    row = figures.posts[0]
    assert (row.due, row.filed, row.on_time, row.missing, row.late) == (3, 2, 1, 1, 1)
    assert [week.status for week in row.weeks] == ["on_time", "late", "missing"]
    assert figures.areas[0].area == cast.village_a and figures.total.completeness == pytest.approx(
        2 / 3
    )
    assert figures.total.timeliness == pytest.approx(1 / 3)


def test_posts_are_scoped(cast, post):
    other_liaison = User.objects.create_user(
        "other_liaison", role=Role.LIAISON, jurisdiction=cast.village_b
    )
    LiaisonPost.objects.create(
        user=other_liaison, area=cast.village_b, starts_on=dt.date(2026, 1, 5)
    )
    assert list(post_list_for_user(user=cast.liaison)) == [post]
    assert list(post_list_for_user(user=cast.a_director)) == [post]
    assert post_list_for_user(user=cast.county_director).count() == 2
    assert post_list_for_user(user=cast.b_director).count() == 1
    assert post_list_for_user(user=cast.a_handler).count() == 0
    with clock.frozen_at(local_time(2026, 1, 9)):
        report, _ = weekly_report_file(
            post=post,
            actor=cast.liaison,
            week_start=dt.date(2026, 1, 5),
            nothing_to_report=True,
            matters=[],
        )
    with pytest.raises(Http404):
        report_get_for_user(user=cast.b_director, report_id=report.pk)
    with pytest.raises(Http404):
        completeness_area_for_user(user=cast.a_director, jurisdiction_id=cast.township_b.pk)
    with pytest.raises(Http404):
        completeness_area_for_user(user=cast.liaison, jurisdiction_id=None)
