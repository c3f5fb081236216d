"""The weekly briefing: figures checked against numbers computed independently from the cases
the test makes, the PDF read back with poppler (pdftotext, pdftoppm, pdffonts), the command's
validation, the Monday worker pass and the scoped pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from redress.cases import services
from redress.cases.models import Case
from redress.cases.testing import local_time, submit_case
from redress.core.clock import frozen_at
from redress.orgs.testing import PASSWORD
from redress.reports.briefings.build import briefing_build
from redress.reports.briefings.sections import (
    briefing_section_register,
    briefing_section_unregister,
)
from redress.reports.briefings.services import briefing_generate
from redress.reports.briefings.weeks import IsoWeek, WeekFormatError
from redress.reports.models import Briefing, BriefingSource
from redress.reports.worker import briefings_pass as briefings_weekly_pass

pytestmark = pytest.mark.django_db

WEEK = IsoWeek(2026, 47)  # Monday 16 to Sunday 22 November 2026
NOW = local_time(2026, 11, 23, 10)  # the Monday after
FAR = local_time(2027, 6, 1)
NAMES = {"wage-arrears": "Wage arrears", "pollution": "Environmental pollution"}
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


class Township:
    """East Town's grievances over six weeks, with what happened to each, kept in plain lists
    so the expected figures are computed here and not by the code under test."""

    def __init__(self, cast) -> None:  # type: ignore[no-untyped-def]
        self.cast = cast
        self.made: list[dict[str, object]] = []

    def case(
        self, at: dt.datetime, *, category: str = "wage-arrears", where=None, people: int = 3
    ) -> Case:  # type: ignore[no-untyped-def]
        where = where or self.cast.village_a
        with frozen_at(at):
            case = submit_case(jurisdiction=where, category_code=category)
        Case.objects.filter(pk=case.pk).update(people_affected=people, due_at=FAR)
        case.refresh_from_db()
        self.made.append(
            {"case": case, "at": at, "category": category, "where": where, "people": people}
        )
        return case

    def answer(self, case: Case, at: dt.datetime) -> Case:
        with frozen_at(at):
            case = services.case_accept(case=case, actor=self.cast.a_handler)
            case = services.case_assign(case=case, actor=self.cast.a_director)
            case = services.case_start(case=case, actor=self.cast.a_handler)
            return services.case_resolve(
                case=case, actor=self.cast.a_handler, answer="已协调支付。"
            )


def _build_township(cast) -> tuple[Township, dict[str, object]]:  # type: ignore[no-untyped-def]
    town = Township(cast)
    monday = WEEK.monday
    for weeks_back, per_week in ((1, 2), (2, 3), (3, 1), (4, 2)):
        for n in range(per_week):
            day = monday - dt.timedelta(weeks=weeks_back) + dt.timedelta(days=n)
            town.case(local_time(day.year, day.month, day.day, 10))
    old = local_time(2026, 10, 26, 9)  # week 44, baseline
    town.case(old, category="pollution")
    for n in range(6):
        town.case(local_time(2026, 11, 16 + n % 5, 9 + n), people=25 if n == 0 else 2)
    for n in range(3):
        town.case(local_time(2026, 11, 18, 14 + n), category="pollution")
    town.case(local_time(2026, 11, 22, 23, 30), where=cast.township_a)  # Sunday night counts
    town.case(local_time(2026, 11, 23, 0, 30))  # Monday after: next week
    for _ in range(4):  # West Town is not East Town's business
        town.case(local_time(2026, 11, 17, 9), where=cast.village_b)

    # Overdue at the week's end: three of the earlier cases, due before Monday.
    earlier = [m["case"] for m in town.made if m["at"] < WEEK.start][:6]
    for case in earlier[:3]:
        Case.objects.filter(pk=case.pk).update(due_at=local_time(2026, 11, 20))
    # Answers: two in week 46 (one disputed in 46, one in 47), three in week 47.
    answered_46 = [town.answer(case, local_time(2026, 11, 10, 15)) for case in earlier[3:5]]
    with frozen_at(local_time(2026, 11, 12, 9)):
        services.case_dispute(case=answered_46[0], reason="没有解决。")
    with frozen_at(local_time(2026, 11, 19, 9)):
        services.case_dispute(case=answered_46[1], reason="没有解决。")
    this_week = [m["case"] for m in town.made if WEEK.start <= m["at"] < WEEK.end]
    answered_47 = [town.answer(case, local_time(2026, 11, 20, 10)) for case in this_week[1:4]]
    with frozen_at(local_time(2026, 11, 21, 9)):
        services.case_confirm(case=answered_47[0])
        services.case_confirm(case=answered_47[1])
        services.case_close(case=Case.objects.get(pk=answered_47[0].pk), actor=None)
    for case in earlier[:3]:
        case.refresh_from_db()

    # The expected figures, by plain counting over what was made.
    in_east = [m for m in town.made if m["where"] in (cast.village_a, cast.township_a)]

    def week_of(moment: dt.datetime) -> IsoWeek:
        from django.utils import timezone

        year, week, _ = timezone.localtime(moment).isocalendar()
        return IsoWeek(year, week)

    this = [m for m in in_east if week_of(m["at"]) == WEEK]  # type: ignore[arg-type]
    baseline = [
        m
        for m in in_east
        if week_of(m["at"]) in {WEEK.shifted(-n) for n in range(1, 5)}  # type: ignore[arg-type]
    ]
    expected = {
        "new": len(this),
        "baseline_average": len(baseline) / 4,
        "by_category": Counter(m["category"] for m in this),
        "baseline_by_category": Counter(m["category"] for m in baseline),
        "groups": sum(1 for m in this if m["people"] >= 20),  # type: ignore[operator]
        "overdue": 3,
        "disputed": 2,
        "resolved": 3,
        "confirmed": 2,
        "disputed_in_week": 1,
        "closed": 1,
    }
    return town, expected


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_figures_match_the_cases(cast):
    _, expected = _build_township(cast)
    from django.utils import translation

    with translation.override("en"):
        figures = briefing_build(jurisdiction=cast.township_a, week=WEEK, now=NOW)
    assert figures.new_total == expected["new"] == 10
    assert figures.previous_average == expected["baseline_average"] == 2.25
    counts = {row.key: row.count for row in figures.by_category}
    assert counts == {k: v for k, v in expected["by_category"].items()}
    assert figures.groups_total == expected["groups"] == 1
    assert figures.overdue_total == expected["overdue"]
    assert figures.disputed_total == expected["disputed"]
    assert (figures.resolved, figures.confirmed, figures.disputed_in_week, figures.closed) == (
        expected["resolved"],
        expected["confirmed"],
        expected["disputed_in_week"],
        expected["closed"],
    )
    areas = {row.name: row.count for row in figures.by_area}
    assert areas == {"East Village": 9, "East Town (itself)": 1}
    assert figures.weekly[-1] == ("2026-W47", 10)


@needs_poppler
def test_briefing_pdf_has_the_numbers_renders_and_embeds_cjk_fonts(cast, tmp_path):
    town, expected = _build_township(cast)
    change = round(
        100 * (expected["new"] - expected["baseline_average"]) / expected["baseline_average"]
    )
    out = tmp_path / "east-en.pdf"
    with frozen_at(NOW):
        call_command(
            "briefing",
            jurisdiction=str(cast.township_a.pk),
            week="2026-W47",
            out=str(out),
            lang="en",
        )
    text = _pdf_text(out)
    flat = " ".join(text.split())
    assert f"This week {expected['new']} new grievances, {change}% more than the average" in flat
    assert "(2.3)" in flat  # 2.25, one decimal rounded half up
    wage_now = expected["by_category"]["wage-arrears"]
    wage_before = expected["baseline_by_category"]["wage-arrears"] / 4  # 8 / 4
    assert re.search(rf"Wage arrears\s+{wage_now}\s+{wage_before:.1f}", text)
    pollution_now = expected["by_category"]["pollution"]
    assert re.search(rf"Environmental pollution\s+{pollution_now}\s+0\.3", text)
    assert f"Overdue at the week's end: {expected['overdue']}" in flat
    assert f"awaiting review: {expected['disputed']}" in flat
    assert re.search(rf"Answered in the week\s+{expected['resolved']}", text)
    assert re.search(rf"Answers confirmed by the complainant\s+{expected['confirmed']}", text)
    assert re.search(r"Satisfaction \(confirmed of all verdicts\)\s+67%", text)  # 2 of 3
    assert "Reviewed and signed" in flat and "prepared by redress" in flat
    # Cases are listed by internal number; the tracking code is the complainant's key.
    group = next(m["case"] for m in town.made if m["people"] == 25)
    assert re.search(rf"^\s*{group.pk}\s", text, re.M)
    assert not any(m["case"].tracking_code in text for m in town.made)  # type: ignore[attr-defined]

    zh = tmp_path / "east-zh.pdf"
    with frozen_at(NOW):
        call_command("briefing", jurisdiction=str(cast.township_a.pk), week="2026-W47", out=str(zh))
    assert "东镇" in _pdf_text(zh)
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(zh)], capture_output=True, text=True).stdout,
        ).group(1)  # type: ignore[union-attr]
    )
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(zh), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert pages >= 2 and len(images) == pages
    assert all(image.stat().st_size > 1000 for image in images)
    fonts = subprocess.run(["pdffonts", str(zh)], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # emb column
    stored = Briefing.objects.get(jurisdiction=cast.township_a, language="zh-hans")
    assert stored.source == BriefingSource.COMMAND and bytes(stored.pdf) == zh.read_bytes()


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"week": "2026-W60"}, "--week"),
        ({"week": "2026-47"}, "--week"),
        ({"week": "2027-W10"}, "--week"),  # not begun
        ({"jurisdiction": "no-such-code"}, "--jurisdiction"),
        ({"out": "/nonexistent-folder/briefing.pdf"}, "--out"),
        ({"out": "/proc/briefing.pdf"}, "--out"),
        ({"lang": "fr"}, "--lang"),
    ],
)
def test_command_refuses_bad_options_naming_them(cast, tmp_path, options, field):
    arguments = {
        "jurisdiction": str(cast.township_a.pk),
        "week": "2026-W47",
        "out": str(tmp_path / "b.pdf"),
        **options,
    }
    with frozen_at(NOW), pytest.raises(CommandError, match=f"^{field}"):
        call_command("briefing", **arguments)
    assert not Briefing.objects.exists()


def test_week_parsing():
    assert IsoWeek.parse("2026-W47") == WEEK
    assert WEEK.start == local_time(2026, 11, 16, 0) and WEEK.end == local_time(2026, 11, 23, 0)
    assert str(IsoWeek.parse("2026-W53")) == "2026-W53"
    for bad in ("2026-W60", "2026-47", "2025-W53", "", "2026-W4"):
        with pytest.raises(WeekFormatError):
            IsoWeek.parse(bad)


def test_worker_makes_last_weeks_briefings_on_monday_once(cast):
    submit_case(jurisdiction=cast.village_a)
    offices = {cast.county.pk, cast.township_a.pk, cast.township_b.pk}
    assert briefings_weekly_pass(now=local_time(2026, 11, 24, 3))["briefings"] == 0  # Tuesday
    with frozen_at(NOW):
        call_command("run_clocks", once=True, now=NOW.isoformat())
    made = Briefing.objects.filter(iso_year=2026, iso_week=47, source=BriefingSource.WORKER)
    assert set(made.values_list("jurisdiction_id", flat=True)) == offices
    assert made.filter(language="zh-hans").count() == 3
    with frozen_at(NOW):
        result = briefings_weekly_pass(now=NOW + dt.timedelta(hours=1))
    assert result == {"briefings": 0, "briefings_already_made": 3}
    assert Briefing.objects.count() == 3


def test_registered_section_joins_the_briefing(cast):
    def alerts(*, figures):  # type: ignore[no-untyped-def]
        return {"summary": f"ALERTS for {figures.week}", "n": 7}

    briefing_section_register("alerts", alerts, "reports/briefings/section_resolved.html", order=50)
    try:
        figures = briefing_build(jurisdiction=cast.township_a, week=WEEK, now=NOW)
    finally:
        briefing_section_unregister("alerts")
    assert [s.key for s in figures.sections] == ["new", "matters", "backlog", "resolved", "alerts"]
    assert figures.summary[-1] == "ALERTS for 2026-W47"


def test_pages_are_scoped_and_directors_generate(client, cast):
    with frozen_at(NOW):
        east = briefing_generate(
            jurisdiction=cast.township_a, week=WEEK, now=NOW, source=BriefingSource.WORKER
        )
        west = briefing_generate(
            jurisdiction=cast.township_b, week=WEEK, now=NOW, source=BriefingSource.WORKER
        )
    client.login(username="a_director", password=PASSWORD)
    page = client.get(reverse("reports:briefings"))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("reports:briefing", args=[east.pk]) in body
    assert reverse("reports:briefing", args=[west.pk]) not in body
    assert client.get(reverse("reports:briefing", args=[east.pk])).status_code == 200
    pdf = client.get(reverse("reports:briefing_pdf", args=[east.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("reports:briefing", args=[west.pk])).status_code == 404
    assert client.get(reverse("reports:briefing_pdf", args=[west.pk])).status_code == 404

    # Generate now: a bad week is refused by name and writes nothing; a good one stores.
    bad = client.post(
        reverse("reports:briefing_generate"),
        {"jurisdiction": cast.township_a.pk, "week": "2026-W60", "language": "en"},
    )
    assert bad.status_code == 400 and "2026-W47" in bad.content.decode()
    foreign = client.post(
        reverse("reports:briefing_generate"),
        {"jurisdiction": cast.township_b.pk, "week": "2026-W46", "language": "en"},
    )
    assert foreign.status_code == 400
    assert Briefing.objects.count() == 2
    with frozen_at(NOW):
        made = client.post(
            reverse("reports:briefing_generate"),
            {"jurisdiction": cast.township_a.pk, "week": "2026-W46", "language": "en"},
        )
    assert made.status_code == 302
    stored = Briefing.objects.get(iso_week=46)
    assert stored.generated_by == cast.a_director and stored.language == "en"

    # The county director sees both townships; a handler sees no briefings at all.
    client.login(username="county_director", password=PASSWORD)
    assert client.get(reverse("reports:briefing", args=[west.pk])).status_code == 200
    client.login(username="a_handler", password=PASSWORD)
    assert client.get(reverse("reports:briefings")).status_code == 404
    assert client.get(reverse("reports:briefing", args=[east.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("reports:briefings")).status_code == 302


def test_list_page_queries_do_not_grow_with_briefings(client, cast, django_assert_max_num_queries):
    client.login(username="county_director", password=PASSWORD)
    for jurisdiction in (cast.county, cast.township_a, cast.township_b):
        for week in (45, 46, 47):
            Briefing.objects.create(
                jurisdiction=jurisdiction,
                iso_year=2026,
                iso_week=week,
                html="<p>x</p>",
                pdf=b"%PDF",
                generated_at=NOW,
                source=BriefingSource.WORKER,
            )
    with django_assert_max_num_queries(12):
        page = client.get(reverse("reports:briefings"))
    assert page.status_code == 200
    assert page.content.decode().count("2026-W47") >= 3
