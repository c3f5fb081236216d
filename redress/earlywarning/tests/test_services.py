"""Counts from cases (incremental == rebuilt), the daily scan, rule signals and the alert
lifecycle with its refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from redress.cases.models import Case, Category
from redress.cases.testing import local_time, submit_case
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.earlywarning import services
from redress.earlywarning.counts import counts_rebuild, counts_update
from redress.earlywarning.models import (
    Alert,
    AlertEvent,
    AlertKind,
    AlertStatus,
    DailyCount,
    ScanState,
)
from redress.earlywarning.services import (
    RuleSignal,
    alert_close,
    alert_dismiss,
    alert_mark_actioned,
    alert_verify,
    alerts_scan,
    rule_signal_register,
    rules_scan,
)
from redress.earlywarning.testing import counts_with_surge, surge_alert
from redress.earlywarning.worker import earlywarning_pass

pytestmark = pytest.mark.django_db


def count_rows() -> set[tuple[int, int, dt.date, int, int]]:
    return set(
        DailyCount.objects.values_list(
            "jurisdiction_id", "category_id", "date", "count", "people_affected"
        )
    )


def test_counts_cover_every_ancestor_and_incremental_equals_rebuilt(cast):
    with clock.frozen_at(local_time(2026, 3, 2, 23, 30)):
        first = submit_case(jurisdiction=cast.village_a)
    with clock.frozen_at(local_time(2026, 3, 3, 0, 30)):
        submit_case(jurisdiction=cast.village_a)
        submit_case(jurisdiction=cast.village_b, category_code="land-compensation")
    assert counts_update(limit=2) == 2
    assert counts_update() == 1
    assert counts_update() == 0
    rows = count_rows()
    wage = first.category_id
    # Local days: the 23:30 case is on the 2nd, the 00:30 one on the 3rd.
    assert (cast.village_a.pk, wage, dt.date(2026, 3, 2), 1, 20) in rows
    assert (cast.township_a.pk, wage, dt.date(2026, 3, 3), 1, 20) in rows
    assert (cast.county.pk, wage, dt.date(2026, 3, 3), 1, 20) in rows
    assert (cast.province.pk, wage, dt.date(2026, 3, 2), 1, 20) in rows
    assert not any(row[0] == cast.village_b.pk and row[1] == wage for row in rows)
    with clock.frozen_at(local_time(2026, 3, 3, 9)):
        submit_case(jurisdiction=cast.village_a)
    counts_update()
    incremental = count_rows()
    assert (cast.county.pk, wage, dt.date(2026, 3, 3), 2, 40) in incremental
    counts_rebuild()
    assert count_rows() == incremental
    assert ScanState.objects.get().last_case_id == Case.objects.order_by("-pk").first().pk


def test_scan_raises_one_alert_for_consecutive_days_of_a_surge(cast, category):
    day = dt.date(2026, 5, 20)
    counts_with_surge(area=cast.village_a, category=category, last_day=day + dt.timedelta(days=1))
    assert alerts_scan(date_from=day - dt.timedelta(days=30), date_to=day) == 1
    assert (
        alerts_scan(date_from=day + dt.timedelta(days=1), date_to=day + dt.timedelta(days=1)) == 0
    )
    alert = Alert.objects.get()
    assert (alert.kind, alert.jurisdiction, alert.category) == (
        AlertKind.SURGE,
        cast.village_a,
        category,
    )
    assert alert.end_date == day + dt.timedelta(days=1)
    assert alert.start_date <= day - dt.timedelta(days=1)
    assert alert.observed > alert.expected * 3
    assert alert.score > 3
    # The surge's three days: raised on the first, extended on each of the next two.
    kinds = list(alert.events.values_list("kind", flat=True))
    assert kinds == ["raised", "extended", "extended"]
    # Scanning the same days again changes nothing.
    assert alerts_scan(date_from=day, date_to=day + dt.timedelta(days=1)) == 0
    assert Alert.objects.count() == 1 and AlertEvent.objects.count() == 3


def test_a_quiet_area_raises_nothing(cast, category):
    counts_with_surge(
        area=cast.village_b, category=category, last_day=dt.date(2026, 5, 20), surge_days=0
    )
    assert alerts_scan(date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 5, 20)) == 0


def test_group_grievance_rule_fires_once(cast):
    with clock.frozen_at(local_time(2026, 3, 2, 10)):
        case = submit_case(jurisdiction=cast.village_a)  # on behalf of 20 people
    assert rules_scan(day=dt.date(2026, 3, 2)) == 1
    assert rules_scan(day=dt.date(2026, 3, 2)) == 0
    alert = Alert.objects.get(kind=AlertKind.GROUP)
    assert alert.signal_key == f"case:{case.pk}"
    assert "20" in alert.summary


def test_extra_rule_functions_plug_in(cast):
    def project_rule(*, day: dt.date) -> list[RuleSignal]:
        return [
            RuleSignal(
                kind=AlertKind.PROJECT,
                jurisdiction_id=cast.township_a.pk,
                category_id=None,
                key="project:7",
                summary="Project 7 (graded medium) drew 4 grievances this week.",
                observed=4,
            )
        ]

    rule_signal_register("test-project", project_rule)
    try:
        assert rules_scan(day=dt.date(2026, 3, 2)) == 1
    finally:
        services.rule_signals.pop("test-project")
    assert Alert.objects.get(kind=AlertKind.PROJECT).signal_key == "project:7"


def test_lifecycle_and_its_refusals(cast, category):
    alert = surge_alert(area=cast.village_a, category=category, day=dt.date(2026, 5, 20))
    with pytest.raises(TransitionNotAllowed):
        alert_close(alert=alert, actor=cast.county_director, note="fixed")
    with pytest.raises(TransitionNotAllowed):
        alert_mark_actioned(alert=alert, actor=cast.county_director, action_kind="letter")
    with pytest.raises(PermissionDenied):
        alert_verify(alert=alert, actor=cast.a_handler)
    with pytest.raises(PermissionDenied):
        alert_verify(alert=alert, actor=cast.auditor)
    with pytest.raises(PermissionDenied):
        alert_verify(alert=alert, actor=cast.b_director)
    with pytest.raises(DomainError) as error:
        alert_dismiss(alert=alert, actor=cast.a_director, reason="  ")
    assert error.value.field == "reason"
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW
    assert list(alert.events.values_list("kind", flat=True)) == ["raised"]

    alert = alert_verify(alert=alert, actor=cast.a_director, note="Checked with the village.")
    case = submit_case(jurisdiction=cast.village_a)
    alert = alert_mark_actioned(
        alert=alert,
        actor=cast.county_director,
        action_kind="supervision_letter",
        reference="督办〔2026〕12号",
        note="Labour bureau to settle the wages.",
        case=case,
    )
    assert (alert.status, alert.action_reference, alert.action_case) == (
        AlertStatus.ACTIONED,
        "督办〔2026〕12号",
        case,
    )
    with pytest.raises(TransitionNotAllowed):
        alert_dismiss(alert=alert, actor=cast.a_director, reason="late")
    alert = alert_close(alert=alert, actor=cast.a_director, note="Wages paid on 1 June.")
    assert alert.status == AlertStatus.CLOSED
    assert list(alert.events.values_list("kind", "actor__username")) == [
        ("raised", None),
        ("verified", "a_director"),
        ("actioned", "county_director"),
        ("closed", "a_director"),
    ]


def test_dismiss_records_the_reason(cast, category):
    alert = surge_alert(area=cast.village_a, category=category, day=dt.date(2026, 5, 20))
    alert = alert_dismiss(alert=alert, actor=cast.county_leader, reason="A data-entry batch.")
    assert (alert.status, alert.dismiss_reason) == (AlertStatus.DISMISSED, "A data-entry batch.")
    with pytest.raises(TransitionNotAllowed):
        alert_verify(alert=alert, actor=cast.a_director)


def test_worker_pass_counts_and_scans_once_a_day(cast, category):
    counts_with_surge(area=cast.village_a, category=category, last_day=dt.date(2026, 5, 20))
    with clock.frozen_at(local_time(2026, 5, 20, 10)):
        submit_case(jurisdiction=cast.village_b)
    now = local_time(2026, 5, 21, 1)
    result = earlywarning_pass(now=now)
    assert result["counted"] == 1
    assert result["alerts"] >= 1
    assert ScanState.objects.get().last_scanned_date == dt.date(2026, 5, 20)
    before = Alert.objects.count()
    assert earlywarning_pass(now=now + dt.timedelta(hours=3)) == {"counted": 0, "alerts": 0}
    assert Alert.objects.count() == before
    assert Category.objects.filter(pk=category.pk).exists()


def test_a_signal_whose_window_reaches_into_an_alert_extends_it(cast, category):
    day = dt.date(2026, 5, 20)
    first = dict(expected=1.0, observed=9.0, score=5.0, areas=[cast.village_a.pk])
    args = dict(jurisdiction_id=cast.village_a.pk, category_id=category.pk)
    assert services.alert_record_surge(**args, **first, day=day, window_days=3) == 1
    # Two quiet days, then a 7-day window that covers the alert's days: the same surge.
    again = dict(first, observed=14.0, score=6.0)
    assert (
        services.alert_record_surge(**args, **again, day=day + dt.timedelta(days=3), window_days=7)
        == 0
    )
    # A surge starting after a full window of quiet is a new alert.
    later = day + dt.timedelta(days=20)
    assert services.alert_record_surge(**args, **first, day=later, window_days=2) == 1
    alerts = list(Alert.objects.order_by("pk").values_list("start_date", "end_date", "score"))
    assert alerts[0] == (day - dt.timedelta(days=3), day + dt.timedelta(days=3), 6.0)
    assert len(alerts) == 2


def test_an_area_signal_yields_to_the_areas_below_it(cast, category):
    """A village's surge also lifts its township's and county's counts; the alert names the
    village only."""
    day = dt.date(2026, 5, 20)
    # The same series for all three, as the village's cases are its ancestors' cases too (a
    # seed from the area's id made the series, and so the outcome, depend on the test order).
    for area in (cast.village_a, cast.township_a, cast.county):
        counts_with_surge(area=area, category=category, last_day=day)
    alerts_scan(date_from=day - dt.timedelta(days=3), date_to=day)
    assert set(Alert.objects.values_list("jurisdiction_id", flat=True)) == {cast.village_a.pk}


def test_rebuild_command_matches_incremental_counts(cast):
    from django.core.management import call_command

    submit_case(jurisdiction=cast.village_a)
    submit_case(jurisdiction=cast.village_b)
    counts_update()
    incremental = count_rows()
    DailyCount.objects.all().delete()
    call_command("earlywarning_rebuild_counts")
    assert count_rows() == incremental


def test_backlog_rule_counts_overdue_and_disputed_cases(cast, monkeypatch):
    monkeypatch.setattr(services, "BACKLOG_OVERDUE", 3)
    cases = [submit_case(jurisdiction=cast.village_a) for _ in range(3)]
    department = cases[0].department
    rules_scan(day=dt.date(2026, 3, 2))
    assert not Alert.objects.filter(kind=AlertKind.BACKLOG).exists()
    Case.objects.filter(pk__in=[c.pk for c in cases[:2]]).update(
        due_at=clock.now() - dt.timedelta(days=1)
    )
    Case.objects.filter(pk=cases[2].pk).update(status="disputed")
    rules_scan(day=dt.date(2026, 3, 2))
    alert = Alert.objects.get(kind=AlertKind.BACKLOG)
    assert alert.signal_key == f"department:{department.pk}"
    assert alert.observed == 3


def test_run_clocks_runs_the_earlywarning_pass(cast, category):
    from django.core.management import call_command

    counts_with_surge(area=cast.village_a, category=category, last_day=dt.date(2026, 5, 20))
    call_command("run_clocks", "--once", "--now", local_time(2026, 5, 21, 2).isoformat())
    assert ScanState.objects.get().last_scanned_date == dt.date(2026, 5, 20)
    assert Alert.objects.filter(kind=AlertKind.SURGE, jurisdiction=cast.village_a).exists()
