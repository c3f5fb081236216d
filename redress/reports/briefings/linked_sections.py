"""Briefing parts drawn from the other apps' work: supervision letters (and, as they join,
alerts and liaison reporting). Each builder returns None when the week gave it nothing to
report, so a quiet part is left out rather than printed empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext, ngettext

from redress.reports.briefings.sections import briefing_section_register

if TYPE_CHECKING:
    from redress.reports.briefings.build import BriefingFigures

LISTED = 8


def letters_section(*, figures: BriefingFigures) -> Mapping[str, Any] | None:
    """Letters to the units of the area: issued and closed in the week, and those overdue at
    its end, longest overdue first."""
    from redress.supervision.models import Letter
    from redress.supervision.obligations import ANSWERABLE_STATUSES, ObligationStatus

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


def briefing_linked_sections_register() -> None:
    briefing_section_register(
        "letters", letters_section, "reports/briefings/section_letters.html", order=60
    )
