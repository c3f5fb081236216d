from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime

from redress.cases.models import CaseEvent, EventKind
from redress.core.i18n import pick

register = template.Library()

# Steps whose written reason the complainant sees on the public timeline. Answers are shown in
# their own sections; staff notes on other steps stay inside the office.
PUBLIC_NOTE_KINDS = frozenset(
    {
        EventKind.DECLINED,
        EventKind.EXTENDED,
        EventKind.PAUSED,
        EventKind.DISPUTED,
        EventKind.COMMENT,
        EventKind.REVIEW_REQUESTED,
        EventKind.RE_REVIEW_REQUESTED,
    }
)


@register.simple_tag
def event_department(event: CaseEvent) -> str:
    if event.kind not in (EventKind.SUBMITTED, EventKind.ASSIGNED, EventKind.TRANSFERRED):
        return ""
    data = event.data or {}
    return pick(str(data.get("department_name", "")), str(data.get("department_name_en", "")))


@register.filter
def iso_date(value: Any) -> str:
    moment = parse_datetime(str(value)) if value else None
    if moment is None:
        return ""
    return str(formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT"))


@register.filter
def shows_public_note(event: CaseEvent) -> bool:
    return bool(event.note) and event.kind in PUBLIC_NOTE_KINDS
