"""The clock pass: a weekly report missing at the deadline raises one reminder, once; a
filed report raises none; two days on, the area's director hears of it."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from redress.cases.testing import local_time
from redress.core import clock
from redress.liaison.models import LiaisonReminder, Notification, NotificationKind, ReminderKind
from redress.liaison.services import weekly_report_file

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 1, 5)  # due Monday 12 January 12:00


def run_clocks(moment: dt.datetime) -> str:
    out = StringIO()
    call_command("run_clocks", "--once", "--now", moment.isoformat(), stdout=out)
    return out.getvalue()


def test_a_missing_report_at_the_deadline_raises_one_reminder(cast, post):
    run_clocks(local_time(2026, 1, 12, 11, 59))
    assert LiaisonReminder.objects.count() == 0  # not due yet

    run_clocks(local_time(2026, 1, 12, 12, 1))
    reminder = LiaisonReminder.objects.get()
    assert (reminder.post, reminder.week_start, reminder.kind) == (
        post,
        WEEK,
        ReminderKind.LIAISON,
    )
    note = Notification.objects.get()
    assert note.recipient == cast.liaison and note.kind == NotificationKind.REPORT_MISSING

    run_clocks(local_time(2026, 1, 12, 12, 30))
    assert LiaisonReminder.objects.count() == 1 and Notification.objects.count() == 1


def test_a_filed_report_raises_no_reminder(cast, post):
    with clock.frozen_at(local_time(2026, 1, 9, 17)):
        weekly_report_file(
            post=post, actor=cast.liaison, week_start=WEEK, nothing_to_report=True, matters=[]
        )
    run_clocks(local_time(2026, 1, 12, 12, 1))
    run_clocks(local_time(2026, 1, 15, 9))
    assert LiaisonReminder.objects.count() == 0 and Notification.objects.count() == 0


def test_the_director_hears_two_days_after_the_deadline(cast, post):
    run_clocks(local_time(2026, 1, 12, 12, 1))
    run_clocks(local_time(2026, 1, 14, 12, 1))
    run_clocks(local_time(2026, 1, 14, 13, 0))
    assert set(LiaisonReminder.objects.values_list("kind", flat=True)) == {"liaison", "director"}
    director_notes = Notification.objects.filter(kind=NotificationKind.REPORT_MISSING_AREA)
    assert [note.recipient for note in director_notes] == [cast.a_director]


def test_a_post_that_ended_is_not_chased(cast, post):
    post.ends_on = dt.date(2026, 1, 4)
    post.starts_on = dt.date(2025, 12, 1)
    post.save()
    run_clocks(local_time(2026, 1, 12, 12, 1))
    assert not LiaisonReminder.objects.filter(week_start=WEEK).exists()
