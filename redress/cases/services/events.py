from __future__ import annotations

import datetime as dt
from typing import Any

from redress.cases.models import Case, CaseEvent, EventKind
from redress.core import clock
from redress.orgs.models import User

PUBLIC_ACTOR = "public"
SYSTEM_ACTOR = "system"

# Steps the complainant sees on the public tracking page. Internal steps (reminders,
# escalations, notes, contact readings) stay inside the office.
PUBLIC_KINDS = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.ACCEPTED,
        EventKind.DECLINED,
        EventKind.ASSIGNED,
        EventKind.STARTED,
        EventKind.TRANSFERRED,
        EventKind.EXTENDED,
        EventKind.PAUSED,
        EventKind.RESUMED,
        EventKind.RESOLVED,
        EventKind.CONFIRMED,
        EventKind.DISPUTED,
        EventKind.REVIEW_REQUESTED,
        EventKind.REVIEWED,
        EventKind.RE_REVIEW_REQUESTED,
        EventKind.RE_REVIEWED,
        EventKind.CLOSED,
        EventKind.MERGED,
        EventKind.COMMENT,
    }
)


def event_record(
    case: Case,
    *,
    kind: EventKind,
    actor: User | None = None,
    actor_label: str = "",
    from_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> CaseEvent:
    event = event_build(
        case,
        kind=kind,
        actor=actor,
        actor_label=actor_label,
        from_status=from_status,
        note=note,
        data=data,
        at=at,
    )
    event.save(force_insert=True)
    return event


def event_build(
    case: Case,
    *,
    kind: EventKind,
    actor: User | None = None,
    actor_label: str = "",
    from_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> CaseEvent:
    """The event, unsaved: for a service that writes it together with other rows."""
    return CaseEvent(
        case=case,
        kind=kind,
        at=at or clock.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label or ("" if actor is not None else SYSTEM_ACTOR),
        from_status=from_status,
        to_status=case.status,
        note=note,
        data=data or {},
        is_public=kind in PUBLIC_KINDS,
    )
