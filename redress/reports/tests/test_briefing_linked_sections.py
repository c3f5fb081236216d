"""The briefing's parts drawn from other apps: supervision letters."""

from __future__ import annotations

import pytest

from redress.cases.testing import local_time
from redress.core.clock import frozen_at
from redress.reports.briefings.build import briefing_build
from redress.reports.briefings.render import briefing_render_html
from redress.reports.briefings.weeks import IsoWeek
from redress.supervision.services import letter_accept, letter_report_completion
from redress.supervision.testing import issued_letter

pytestmark = pytest.mark.django_db

WEEK = IsoWeek(2026, 11)  # Monday 9 to Sunday 15 March 2026
NOW = local_time(2026, 3, 16, 8)


def build(jurisdiction):
    with frozen_at(NOW):
        return briefing_build(jurisdiction=jurisdiction, week=WEEK, now=NOW)


def letters_part(figures):
    return next((s for s in figures.sections if s.key == "letters"), None)


def test_no_letters_no_part(cast):
    assert letters_part(build(cast.township_a)) is None


def test_letters_issued_closed_and_overdue_in_the_week(cast):
    # Due 16 March: not overdue at the week's end (Monday 16 March 00:00).
    on_time = issued_letter(issuer=cast.a_director, unit=cast.a_labour)
    # Issued in the week with one working day: overdue by the week's end.
    late = issued_letter(
        issuer=cast.a_director,
        unit=cast.a_environment,
        at=local_time(2026, 3, 10),
        working_days=1,
        title="关于工地夜间噪声的督办函",
    )
    with frozen_at(local_time(2026, 3, 11)):
        letter_report_completion(actor=cast.a_handler, letter=on_time, text="已支付欠薪。")
        letter_accept(actor=cast.a_director, letter=on_time)
    issued_letter(issuer=cast.b_director, unit=cast.b_labour, at=local_time(2026, 3, 10))

    part = letters_part(build(cast.township_a))
    assert part is not None
    # Only the one issued on 10 March falls in the week; the other township's is not counted.
    assert (part.context["issued"], part.context["closed"], part.context["closed_on_time"]) == (
        1,
        1,
        1,
    )
    assert part.context["overdue_total"] == 1
    assert [row["title"] for row in part.context["overdue"]] == [late.title]
    html = briefing_render_html(build(cast.township_a))
    assert "关于工地夜间噪声的督办函" in html


def part(figures, key):
    return next((s for s in figures.sections if s.key == key), None)


def test_alerts_raised_in_the_week_are_told_in_words(cast, category):
    from redress.earlywarning.testing import surge_alert

    assert part(build(cast.township_a), "alerts") is None
    with frozen_at(local_time(2026, 3, 11)):
        surge_alert(area=cast.village_a, category=category, day=local_time(2026, 3, 11).date())
    with frozen_at(local_time(2026, 3, 12)):
        surge_alert(area=cast.village_b, category=category, day=local_time(2026, 3, 12).date())
    alerts = part(build(cast.township_a), "alerts")
    assert alerts is not None
    assert (alerts.context["raised"], alerts.context["open"]) == (1, 1)
    assert cast.village_a.name in alerts.context["alerts"][0]["sentence"]


def test_liaison_reporting_counts_the_weeks_due(cast):
    import datetime as dt

    from redress.liaison.models import LiaisonPost
    from redress.liaison.services import weekly_report_file

    post = LiaisonPost.objects.create(
        user=cast.liaison, area=cast.village_a, title="东村信息员", starts_on=dt.date(2026, 1, 5)
    )
    # Weeks of 16 Feb to 9 March are the four up to the briefing's week; two filed on time.
    for monday in (dt.date(2026, 2, 16), dt.date(2026, 3, 2)):
        with frozen_at(local_time(2026, monday.month, monday.day + 4)):
            weekly_report_file(
                post=post,
                actor=cast.liaison,
                week_start=monday,
                nothing_to_report=True,
                matters=[],
            )
    liaison = part(build(cast.township_a), "liaison")
    assert liaison is not None
    # The week of 9 March is due on Monday 16 March at 12:00, after the briefing is made.
    assert (liaison.context["due"], liaison.context["filed"], liaison.context["on_time"]) == (
        3,
        2,
        2,
    )
    assert liaison.context["missing"][0]["missing"] == 1
    assert part(build(cast.township_b), "liaison") is None
