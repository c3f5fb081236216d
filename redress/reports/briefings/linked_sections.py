"""Briefing parts drawn from the other apps' work: early-warning alerts, supervision letters
and liaison reporting. Each builder returns None when the week gave it nothing to
report, so a quiet part is left out rather than printed empty. Registered from
ReportsConfig.ready(); the other apps are imported plainly, as reports sits above them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from redress.earlywarning.models import OPEN_ALERT_STATUSES, Alert
from redress.earlywarning.wording import alert_sentence
from redress.liaison.selectors import liaison_completeness
from redress.obligations.models import ANSWERABLE_STATUSES, ObligationStatus
from redress.orgs.models import Jurisdiction
from redress.supervision.models import Letter

if TYPE_CHECKING:
    from redress.reports.briefings.build import BriefingFigures

LISTED = 8


def letters_section(*, figures: BriefingFigures) -> Mapping[str, Any] | None:
    """Letters to the units of the area: issued and closed in the week, and those overdue at
    its end, longest overdue first."""
    in_area = Letter.objects.filter(unit_path__startswith=figures.jurisdiction.path)
    issued = in_area.filter(created_at__gte=figures.start, created_at__lt=figures.end).count()
    closed = in_area.filter(
        status=ObligationStatus.ACCEPTED, closed_at__gte=figures.start, closed_at__lt=figures.end
    )
    closed_total = closed.count()
    closed_on_time = closed.filter(on_time=True).count()
    overdue = in_area.filter(
        status__in=ANSWERABLE_STATUSES, due_at__lt=figures.end, created_at__lt=figures.end
    ).select_related("unit")
    overdue_total = overdue.count()
    if not (issued or closed_total or overdue_total):
        return None
    rows = [
        {
            "title": letter.title,
            "unit": letter.unit.name,
            "due": letter.due_at,
            "days": max((figures.end - letter.due_at).days, 0),
        }
        for letter in overdue.order_by("due_at", "id")[:LISTED]
    ]
    summary = ngettext(
        "%(issued)d supervision letter was issued to the area's units",
        "%(issued)d supervision letters were issued to the area's units",
        issued,
    ) % {"issued": issued}
    if overdue_total:
        summary += gettext("; %(overdue)d are overdue") % {"overdue": overdue_total}
    return {
        "issued": issued,
        "closed": closed_total,
        "closed_on_time": closed_on_time,
        "overdue_total": overdue_total,
        "overdue": rows,
        "summary": summary + gettext("."),
    }


def alerts_section(*, figures: BriefingFigures) -> Mapping[str, Any] | None:
    """Early-warning alerts in the area: those raised in the week, each in words, and how
    many are still open at its end."""
    in_area = Alert.objects.filter(jurisdiction_path__startswith=figures.jurisdiction.path)
    raised = list(
        in_area.filter(created_at__gte=figures.start, created_at__lt=figures.end)
        .select_related("jurisdiction", "category")
        .order_by("-score", "id")
    )
    still_open = in_area.filter(status__in=OPEN_ALERT_STATUSES, created_at__lt=figures.end).count()
    if not (raised or still_open):
        return None
    area_ids = {area_id for alert in raised for area_id in (alert.area_ids or [])}
    areas = Jurisdiction.objects.in_bulk(area_ids)
    rows = [
        {
            "sentence": alert_sentence(
                alert=alert,
                areas=[areas[i] for i in (alert.area_ids or []) if i in areas],
            ),
            "status": alert.get_status_display(),
        }
        for alert in raised[:LISTED]
    ]
    summary = ngettext(
        "Early warning raised %(n)d alert",
        "Early warning raised %(n)d alerts",
        len(raised),
    ) % {"n": len(raised)}
    summary += gettext("; %(open)d are open") % {"open": still_open}
    return {
        "raised": len(raised),
        "open": still_open,
        "alerts": rows,
        "summary": summary + gettext("."),
    }


def liaison_section(*, figures: BriefingFigures) -> Mapping[str, Any] | None:
    """Liaison reporting over the four weeks up to the briefing's week (those whose deadline
    has passed when the briefing is made): reports due, filed and on time, and the posts
    that missed one."""
    last_week = timezone.localtime(figures.start).date()
    completeness = liaison_completeness(
        jurisdiction=figures.jurisdiction,
        start=last_week - dt.timedelta(weeks=3),
        end=last_week,
        now=figures.now,
    )
    total = completeness.total
    if not total.due:
        return None
    missing: list[dict[str, Any]] = [
        {
            "area": row.post.area.name,
            "liaison": str(row.post.user),
            "missing": row.missing,
            "late": row.late,
        }
        for row in completeness.posts
        if row.post is not None and (row.missing or row.late)
    ]
    share = round(100 * total.filed / total.due)
    return {
        "due": total.due,
        "filed": total.filed,
        "on_time": total.on_time,
        "share": share,
        "missing": sorted(missing, key=lambda row: (-int(row["missing"]), -int(row["late"])))[
            :LISTED
        ],
        "summary": gettext("Liaisons filed %(share)s%% of their weekly reports.")
        % {"share": share},
    }


def _worst_first(row: Mapping[str, Any]) -> tuple[int, int]:
    return (-int(row["missing"]), -int(row["late"]))
