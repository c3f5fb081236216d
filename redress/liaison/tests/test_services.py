"""Filing weekly reports, turning matters into cases once, and the major-risk fast lane."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from redress.cases.models import Case, Category, Channel, Urgency
from redress.cases.testing import local_time
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.liaison.models import (
    MajorRiskReport,
    Notification,
    NotificationKind,
    ReportMatter,
    WeeklyReport,
)
from redress.liaison.services import (
    MatterInput,
    major_risk_report_file,
    matter_case_open,
    weekly_report_file,
)

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 1, 5)


def matter(cast, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "category": Category.objects.get(code="wage-arrears"),
        "place": cast.village_a,
        "people_affected": 30,
        "description": "村东砖厂拖欠约三十名工人两个月工资。",
        "place_text": "村东砖厂",
    }
    values.update(overrides)
    return MatterInput(**values)


def file(cast, post, **kwargs):  # type: ignore[no-untyped-def]
    arguments = {
        "post": post,
        "actor": cast.liaison,
        "week_start": WEEK,
        "nothing_to_report": False,
        "matters": [matter(cast)],
    }
    arguments.update(kwargs)
    with clock.frozen_at(local_time(2026, 1, 9, 16)):
        return weekly_report_file(**arguments)


def test_a_report_with_matters_is_filed_on_time(cast, post):
    report, created = file(cast, post, matters=[matter(cast), matter(cast, people_affected=5)])
    assert created
    assert report.due_at == local_time(2026, 1, 12, 12)
    assert not report.is_late
    assert [m.people_affected for m in report.matters.all()] == [30, 5]


def test_nothing_to_report_counts_as_a_report(cast, post):
    report, _ = file(cast, post, nothing_to_report=True, matters=[])
    assert report.nothing_to_report and report.matters.count() == 0


@pytest.mark.parametrize(
    ("nothing", "with_matters", "field"),
    [(True, True, "nothing_to_report"), (False, False, "matters")],
)
def test_matters_and_nothing_to_report_are_exclusive(cast, post, nothing, with_matters, field):
    with pytest.raises(DomainError) as error:
        file(cast, post, nothing_to_report=nothing, matters=[matter(cast)] if with_matters else [])
    assert error.value.field == field
    assert WeeklyReport.objects.count() == 0


def test_a_place_outside_the_area_is_refused_by_field(cast, post):
    with pytest.raises(DomainError) as error:
        file(cast, post, matters=[matter(cast), matter(cast, place=cast.village_b)])
    assert error.value.field == "matters[1].place"
    assert WeeklyReport.objects.count() == 0 and ReportMatter.objects.count() == 0


def test_a_second_report_for_the_week_is_refused_but_a_retry_returns_the_first(cast, post):
    first, _ = file(cast, post, idempotency_key="k1")
    again, created = file(cast, post, idempotency_key="k1")
    assert again == first and not created
    with pytest.raises(DomainError) as error:
        file(cast, post, idempotency_key="k2")
    assert error.value.field == "week_start"


def test_only_the_posts_liaison_files(cast, post):
    with pytest.raises(PermissionDenied):
        file(cast, post, actor=cast.a_director)


def test_a_future_week_or_a_tuesday_is_refused(cast, post):
    with pytest.raises(DomainError) as error:
        file(cast, post, week_start=dt.date(2026, 1, 19))
    assert error.value.field == "week_start"
    with pytest.raises(DomainError):
        file(cast, post, week_start=dt.date(2026, 1, 6))


def test_a_late_report_is_marked_late(cast, post):
    with clock.frozen_at(local_time(2026, 1, 13, 9)):
        report, _ = weekly_report_file(
            post=post, actor=cast.liaison, week_start=WEEK, nothing_to_report=True, matters=[]
        )
    assert report.is_late


def test_a_matter_becomes_a_case_once(cast, post):
    report, _ = file(cast, post)
    item = report.matters.get()
    case, created = matter_case_open(matter=item, actor=cast.a_director)
    again, created_again = matter_case_open(matter=item, actor=cast.a_director)
    assert created and not created_again and again == case
    assert Case.objects.count() == 1
    assert case.channel == Channel.LIAISON
    assert case.jurisdiction == cast.village_a and case.people_affected == 30
    item.refresh_from_db()
    assert item.case == case


def test_a_director_elsewhere_cannot_open_a_case(cast, post):
    report, _ = file(cast, post)
    with pytest.raises(PermissionDenied):
        matter_case_open(matter=report.matters.get(), actor=cast.b_director)
    assert Case.objects.count() == 0


def test_major_risk_opens_an_urgent_case_and_tells_the_director(
    cast, post, django_capture_on_commit_callbacks
):
    cast.a_director.email = "a_director@example.org"
    cast.a_director.save()
    with (
        clock.frozen_at(local_time(2026, 1, 7, 10)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report, created = major_risk_report_file(
            post=post,
            actor=cast.liaison,
            matter=matter(cast, people_affected=200, description="数百名村民聚集在征地现场。"),
            idempotency_key="risk-1",
        )
    assert created
    assert report.case is not None and report.case.urgency == Urgency.URGENT
    notes = Notification.objects.filter(kind=NotificationKind.MAJOR_RISK)
    assert [note.recipient for note in notes] == [cast.a_director]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a_director@example.org"]
    assert report.case.display_code in mail.outbox[0].subject
    with clock.frozen_at(local_time(2026, 1, 7, 10)):
        again, created_again = major_risk_report_file(
            post=post,
            actor=cast.liaison,
            matter=matter(cast, people_affected=200, description="数百名村民聚集在征地现场。"),
            idempotency_key="risk-1",
        )
    assert again == report and not created_again
    assert MajorRiskReport.objects.count() == 1 and Case.objects.count() == 1


def test_a_refused_major_risk_report_writes_and_sends_nothing(cast, post):
    with pytest.raises(DomainError) as error:
        major_risk_report_file(post=post, actor=cast.liaison, matter=matter(cast, description="  "))
    assert error.value.field == "description"
    assert Case.objects.count() == 0 and Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_post_that_ended_midweek_still_files_that_week_but_not_later(cast, post):
    post.ends_on = dt.date(2026, 1, 7)
    post.save()
    report, _ = file(cast, post, nothing_to_report=True, matters=[])
    assert report.week_start == WEEK
    with pytest.raises(DomainError) as error, clock.frozen_at(local_time(2026, 1, 20)):
        weekly_report_file(
            post=post,
            actor=cast.liaison,
            week_start=dt.date(2026, 1, 12),
            nothing_to_report=True,
            matters=[],
        )
    assert error.value.field == "week_start"
