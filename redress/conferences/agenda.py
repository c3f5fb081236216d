"""The agenda proposed from the data, from a fixed list of sources: each source looks at the
conference's jurisdiction and returns items. The alerts and projects are read with plain
imports: this app sits above earlywarning and assessments, which never import it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count

from redress.assessments.selectors import project_list_risky_open
from redress.cases.models import OPEN_STATUSES, STAFF_CLOCK_STAGES, Case
from redress.conferences.models import ActionItem, Conference
from redress.core import clock
from redress.earlywarning.models import OPEN_ALERT_STATUSES, Alert
from redress.obligations.models import ANSWERABLE_STATUSES

ITEMS_PER_SOURCE = 15


@dataclass(frozen=True)
class ProposedItem:
    source: str
    title: str
    link_kind: str = ""  # "case", "action_item", "alert", "project", ...
    link_id: int | None = None
    note: str = ""


AgendaSource = Callable[..., list[ProposedItem]]


def _case_item(source: str, case: Case, note: str) -> ProposedItem:
    return ProposedItem(
        source=source,
        # No tracking code: it is the complainant's key on the public pages, and an agenda
        # is read by units that may not open the case.
        title=case.title,
        link_kind="case",
        link_id=case.pk,
        note=note,
    )


def overdue_cases(*, conference: Conference) -> list[ProposedItem]:
    path = conference.jurisdiction_path
    cases = (
        Case.objects.filter(
            jurisdiction_path__startswith=path,
            status__in=OPEN_STATUSES,
            clock_stage__in=STAFF_CLOCK_STAGES,
            paused_at__isnull=True,
            due_at__lt=clock.now(),
        )
        .select_related("department")
        .order_by("due_at", "id")[:ITEMS_PER_SOURCE]
    )
    return [
        _case_item("overdue_cases", case, f"{case.department.name} · {case.due_at:%Y-%m-%d}")
        for case in cases
    ]


def cross_department_cases(*, conference: Conference) -> list[ProposedItem]:
    """Open cases that more than one department has held (transferred between departments):
    the matters a joint conference exists for."""
    path = conference.jurisdiction_path
    cases = (
        Case.objects.filter(jurisdiction_path__startswith=path, status__in=OPEN_STATUSES)
        .annotate(units=Count("holdings__department", distinct=True))
        .filter(units__gte=2)
        .order_by("-units", "due_at", "id")[:ITEMS_PER_SOURCE]
    )
    return [_case_item("cross_department_cases", case, str(case.units)) for case in cases]


def overdue_action_items(*, conference: Conference) -> list[ProposedItem]:
    items = (
        ActionItem.objects.filter(
            conference__jurisdiction_id=conference.jurisdiction_id,
            status__in=ANSWERABLE_STATUSES,
            due_at__lt=clock.now(),
        )
        .exclude(conference=conference)
        .select_related("unit")
        .order_by("due_at", "id")[:ITEMS_PER_SOURCE]
    )
    return [
        ProposedItem(
            source="overdue_action_items",
            title=item.required_action[:300],
            link_kind="action_item",
            link_id=item.pk,
            note=item.unit.name,
        )
        for item in items
    ]


def open_alerts(*, conference: Conference) -> list[ProposedItem]:
    """Early-warning alerts of the area still open: a surge is usually several units'
    business, which is what the joint conference is for."""
    alerts = (
        Alert.objects.filter(
            jurisdiction_path__startswith=conference.jurisdiction_path,
            status__in=OPEN_ALERT_STATUSES,
        )
        .select_related("jurisdiction", "category")
        .order_by("-score", "-end_date", "id")[:ITEMS_PER_SOURCE]
    )
    return [
        ProposedItem(
            source="open_alerts",
            title=" · ".join(
                part
                for part in (
                    alert.get_kind_display(),
                    alert.jurisdiction.name,
                    alert.category.name if alert.category else "",
                )
                if part
            ),
            link_kind="alert",
            link_id=alert.pk,
            note=f"{alert.get_status_display()} · {alert.start_date:%Y-%m-%d}",
        )
        for alert in alerts
    ]


def risky_projects(*, conference: Conference) -> list[ProposedItem]:
    """Major projects of the area graded medium or high and not yet approved: the joint
    conference is where the units agree the measures that would let them go ahead."""
    projects = project_list_risky_open(jurisdiction=conference.jurisdiction)[:ITEMS_PER_SOURCE]
    return [
        ProposedItem(
            source="risky_projects",
            title=project.title,
            link_kind="project",
            link_id=project.pk,
            note=f"{project.get_grade_display()} · {project.get_status_display()}",
        )
        for project in projects
    ]


# `function(*, conference) -> list[ProposedItem]` by name, in the agenda's order.
AGENDA_SOURCES: tuple[tuple[str, AgendaSource], ...] = (
    ("overdue_cases", overdue_cases),
    ("cross_department_cases", cross_department_cases),
    ("overdue_action_items", overdue_action_items),
    ("open_alerts", open_alerts),
    ("risky_projects", risky_projects),
)


def conference_agenda_propose(*, conference: Conference) -> list[ProposedItem]:
    proposed: list[ProposedItem] = []
    for _name, source in AGENDA_SOURCES:
        proposed.extend(source(conference=conference))
    return proposed
