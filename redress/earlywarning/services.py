"""Writes: alerts from the detectors and the rule signals, and the alert lifecycle
(new -> verified or dismissed -> actioned -> closed). Each step writes its AlertEvent in the
same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from redress.cases.models import OPEN_STATUSES, Case, CaseStatus
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied, TransitionNotAllowed
from redress.core.registry import Registry, RuleSource
from redress.earlywarning.counts import local_date
from redress.earlywarning.detectors.default import DETECTOR_NAME
from redress.earlywarning.models import (
    OPEN_ALERT_STATUSES,
    Alert,
    AlertEvent,
    AlertEventKind,
    AlertKind,
    AlertStatus,
    DailyCount,
)
from redress.earlywarning.tables import table_build, table_neighbours, table_scan
from redress.orgs.models import Jurisdiction, Role, User, ancestor_ids_from_path

# Rule thresholds (domain.md "Early warning"): a group grievance, repeat grievances about one
# matter, a unit's overdue cases piling up.
GROUP_PEOPLE = 20
REPEAT_LINKS = 3
BACKLOG_OVERDUE = 10
HISTORY_DAYS = 400
DECIDING_ROLES = (Role.DIRECTOR, Role.LEADER)


@dataclass(frozen=True)
class RuleSignal:
    """What a rule function reports: one matter, in one area, worth an alert."""

    kind: str
    jurisdiction_id: int
    category_id: int | None
    key: str
    summary: str
    observed: float = 0.0
    areas: list[int] = field(default_factory=list)


RuleFunction = Callable[..., list[RuleSignal]]
# The daily scan's rules, registered from EarlyWarningConfig.ready(): the built-in ones,
# then the project rule (redress.earlywarning.linked).
rule_signals: Registry[RuleSource] = Registry("rule signal")


def rule_signal_register(name: str, function: RuleFunction) -> None:
    """Adds a rule `function(day=date) -> list[RuleSignal]` to the daily scan: the short
    spelling of `rule_signals.register(RuleSource(name=..., function=...))`."""
    rule_signals.register(RuleSource(name=name, function=function))


def _event(alert: Alert, kind: str, *, actor: User | None = None, reason: str = "") -> None:
    AlertEvent.objects.create(alert=alert, kind=kind, actor=actor, reason=reason)


# ---- detection -------------------------------------------------------------------------


def alerts_scan(*, date_from: dt.date, date_to: dt.date) -> int:
    """Runs the default detector over the stored counts for each day in the range and stores
    its alerts; a surge seen on consecutive days extends one alert. Returns alerts raised."""
    first = date_from - dt.timedelta(days=HISTORY_DAYS)
    rows = DailyCount.objects.filter(date__gte=first, date__lte=date_to).values_list(
        "jurisdiction_id", "category_id", "date", "count"
    )
    table = table_build(
        ((str(j), str(c), day, count) for j, c, day, count in rows),
        until=date_to,
        first_date=first,
    )
    areas = Jurisdiction.objects.filter(pk__in=[int(a) for a in table.areas]).values_list(
        "pk", "parent_id"
    )
    # Areas with the same parent are neighbours (villages of one township).
    by_parent: dict[int | None, list[int]] = {}
    for pk, parent in areas:
        by_parent.setdefault(parent, []).append(pk)
    pairs = [
        (str(a), str(b)) for group in by_parent.values() for a in group for b in group if a < b
    ]
    signals = table_scan(
        table,
        date_from=date_from,
        date_to=date_to,
        neighbours=table_neighbours(table, pairs),
    )
    # Counts exist at every level, so one village's surge also lifts its township and county:
    # an area's signal stands only if none of the areas below it signals the same day, which
    # names the surge where it is and still catches a rise spread thinly over a township.
    paths = dict(
        Jurisdiction.objects.filter(pk__in={int(s.area) for s in signals}).values_list("pk", "path")
    )
    below: set[tuple[str, str, dt.date]] = set()
    for signal in signals:
        for ancestor in ancestor_ids_from_path(paths.get(int(signal.area), ""))[1:]:
            below.add((str(ancestor), signal.category, signal.date))
    raised = 0
    for signal in signals:
        if (signal.area, signal.category, signal.date) in below:
            continue
        raised += alert_record_surge(
            jurisdiction_id=int(signal.area),
            category_id=int(signal.category),
            day=signal.date,
            expected=signal.expected,
            observed=signal.observed,
            window_days=signal.window,
            score=signal.score,
            areas=[int(area) for area in signal.cluster],
        )
    return raised


@transaction.atomic
def alert_record_surge(
    *,
    jurisdiction_id: int,
    category_id: int,
    day: dt.date,
    expected: float,
    observed: float,
    window_days: int,
    score: float,
    areas: list[int],
) -> int:
    """Extends the surge alert of this area and category that ran until the day before (or
    into the window of this day's signal), or raises a new one. Returns 1 if one was raised."""
    current = (
        Alert.objects.select_for_update()
        .filter(
            kind=AlertKind.SURGE,
            jurisdiction_id=jurisdiction_id,
            category_id=category_id,
            # Consecutive days, or a window reaching back into the alert's days: one surge.
            end_date__gte=day - dt.timedelta(days=max(window_days, 1)),
            start_date__lte=day,
        )
        .exclude(status__in=[AlertStatus.CLOSED])
        .first()
    )
    if current is not None:
        if current.end_date >= day:
            return 0
        current.end_date = day
        current.start_date = min(current.start_date, day - dt.timedelta(days=window_days - 1))
        current.area_ids = sorted(set(current.area_ids) | set(areas))
        if score > current.score:
            current.score, current.expected, current.observed = score, expected, observed
            current.window_days = window_days
        current.save()
        _event(current, AlertEventKind.EXTENDED, reason=day.isoformat())
        return 0
    path = Jurisdiction.objects.values_list("path", flat=True).get(pk=jurisdiction_id)
    alert = Alert.objects.create(
        kind=AlertKind.SURGE,
        jurisdiction_id=jurisdiction_id,
        jurisdiction_path=path,
        area_ids=sorted(set(areas)),
        category_id=category_id,
        start_date=day - dt.timedelta(days=window_days - 1),
        end_date=day,
        expected=expected,
        observed=observed,
        window_days=window_days,
        score=score,
        detector=DETECTOR_NAME,
    )
    _event(alert, AlertEventKind.RAISED)
    return 1


def group_signals(*, day: dt.date) -> list[RuleSignal]:
    start = clock.now().replace(year=day.year, month=day.month, day=day.day)
    cases = Case.objects.filter(
        people_affected__gte=GROUP_PEOPLE,
        submitted_at__gte=start - dt.timedelta(days=2),
        submitted_at__lt=start + dt.timedelta(days=1),
    ).values_list("pk", "jurisdiction_id", "category_id", "people_affected", "submitted_at")
    return [
        RuleSignal(
            kind=AlertKind.GROUP,
            jurisdiction_id=jurisdiction_id,
            category_id=category_id,
            key=f"case:{pk}",
            summary=_("One grievance on behalf of %(people)s people.") % {"people": people},
            observed=float(people),
        )
        for pk, jurisdiction_id, category_id, people, submitted_at in cases
        if local_date(submitted_at) == day
    ]


def repeat_signals(*, day: dt.date) -> list[RuleSignal]:
    rows = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .annotate(repeats=Count("links_in", distinct=True) + Count("merged_cases", distinct=True))
        .filter(repeats__gte=REPEAT_LINKS)
        .values_list("pk", "jurisdiction_id", "category_id", "repeats")
    )
    return [
        RuleSignal(
            kind=AlertKind.REPEAT,
            jurisdiction_id=jurisdiction_id,
            category_id=category_id,
            key=f"case:{pk}",
            summary=_("%(count)s further grievances about the same matter.") % {"count": repeats},
            observed=float(repeats),
        )
        for pk, jurisdiction_id, category_id, repeats in rows
    ]


def backlog_signals(*, day: dt.date) -> list[RuleSignal]:
    """A unit whose overdue or disputed open cases pile up: the unit is held to account, so the
    alert names the department's area and counts its cases."""
    piling = Q(due_at__lt=clock.now()) | Q(status=CaseStatus.DISPUTED)
    rows = (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .values("department_id", "department__jurisdiction_id")
        .annotate(piled=Count("pk", filter=piling))
        .filter(piled__gte=BACKLOG_OVERDUE)
    )
    return [
        RuleSignal(
            kind=AlertKind.BACKLOG,
            jurisdiction_id=row["department__jurisdiction_id"],
            category_id=None,
            key=f"department:{row['department_id']}",
            summary=_("%(count)s overdue or disputed open cases in one unit.")
            % {"count": row["piled"]},
            observed=float(row["piled"]),
        )
        for row in rows
    ]


def rules_scan(*, day: dt.date) -> int:
    """Runs every registered rule for `day`; one open alert per rule key."""
    raised = 0
    for rule in rule_signals.entries():
        for signal in rule.function(day=day):
            raised += alert_record_rule(signal=signal, day=day)
    return raised


@transaction.atomic
def alert_record_rule(*, signal: RuleSignal, day: dt.date) -> int:
    if (
        Alert.objects.select_for_update()
        .filter(kind=signal.kind, signal_key=signal.key, status__in=OPEN_ALERT_STATUSES)
        .exists()
    ):
        return 0
    path = Jurisdiction.objects.values_list("path", flat=True).get(pk=signal.jurisdiction_id)
    alert = Alert.objects.create(
        kind=signal.kind,
        jurisdiction_id=signal.jurisdiction_id,
        jurisdiction_path=path,
        area_ids=signal.areas or [signal.jurisdiction_id],
        category_id=signal.category_id,
        start_date=day,
        end_date=day,
        observed=signal.observed,
        detector=f"rule:{signal.kind}",
        signal_key=signal.key,
        summary=signal.summary[:300],
    )
    _event(alert, AlertEventKind.RAISED)
    return 1


# ---- lifecycle -------------------------------------------------------------------------


def _check(alert: Alert, actor: User, allowed: tuple[str, ...], step: str) -> Alert:
    if actor.role not in DECIDING_ROLES or actor.jurisdiction is None:
        raise PermissionDenied(_("Only directors and leaders decide on alerts."))
    if not alert.jurisdiction_path.startswith(actor.jurisdiction.path):
        raise PermissionDenied(_("This alert is outside your jurisdiction."))
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.status not in allowed:
        raise TransitionNotAllowed(
            _("An alert that is %(status)s cannot be %(step)s.")
            % {"status": locked.get_status_display(), "step": step}
        )
    return locked


@transaction.atomic
def alert_verify(*, alert: Alert, actor: User, note: str = "") -> Alert:
    locked = _check(alert, actor, (AlertStatus.NEW,), _("verified"))
    locked.status = AlertStatus.VERIFIED
    locked.save(update_fields=["status", "updated_at"])
    _event(locked, AlertEventKind.VERIFIED, actor=actor, reason=note)
    return locked


@transaction.atomic
def alert_dismiss(*, alert: Alert, actor: User, reason: str) -> Alert:
    if not reason.strip():
        raise DomainError(_("Say why the alert is dismissed."), field="reason", code="required")
    locked = _check(alert, actor, (AlertStatus.NEW, AlertStatus.VERIFIED), _("dismissed"))
    locked.status = AlertStatus.DISMISSED
    locked.dismiss_reason = reason.strip()
    locked.save(update_fields=["status", "dismiss_reason", "updated_at"])
    _event(locked, AlertEventKind.DISMISSED, actor=actor, reason=reason.strip())
    return locked


@transaction.atomic
def alert_mark_actioned(
    *,
    alert: Alert,
    actor: User,
    action_kind: str,
    reference: str = "",
    note: str = "",
    case: Case | None = None,
) -> Alert:
    """Records what was done about a verified alert: a supervision letter (the letter code
    calls this with action_kind="supervision_letter" and the letter's number), or a case
    action. `case` must already have been fetched through the user's scoped getter."""
    if not action_kind.strip():
        raise DomainError(_("Say what was done."), field="action_kind", code="required")
    locked = _check(alert, actor, (AlertStatus.VERIFIED, AlertStatus.ACTIONED), _("actioned"))
    locked.status = AlertStatus.ACTIONED
    locked.action_kind = action_kind.strip()[:40]
    locked.action_reference = reference.strip()[:100]
    locked.action_note = note.strip()
    locked.action_case = case
    locked.save()
    _event(
        locked,
        AlertEventKind.ACTIONED,
        actor=actor,
        reason=" / ".join(part for part in (action_kind, reference, note) if part.strip()),
    )
    return locked


@transaction.atomic
def alert_close(*, alert: Alert, actor: User, note: str) -> Alert:
    if not note.strip():
        raise DomainError(_("Say how the cause was resolved."), field="note", code="required")
    locked = _check(alert, actor, (AlertStatus.ACTIONED,), _("closed"))
    locked.status = AlertStatus.CLOSED
    locked.closed_note = note.strip()
    locked.save(update_fields=["status", "closed_note", "updated_at"])
    _event(locked, AlertEventKind.CLOSED, actor=actor, reason=note.strip())
    return locked


def people_affected_total(*, alert: Alert) -> int:
    """People affected behind a surge alert (sum over its areas and days), a count only."""
    if alert.category_id is None:
        return 0
    total = DailyCount.objects.filter(
        jurisdiction_id__in=alert.area_ids or [alert.jurisdiction_id],
        category_id=alert.category_id,
        date__gte=alert.start_date,
        date__lte=alert.end_date,
    ).aggregate(total=Sum("people_affected"))["total"]
    return int(total or 0)
