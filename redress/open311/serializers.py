"""The door's one place for shapes: GeoReport v2 parameters read and checked on the way in,
cases, categories and timeline events in GeoReport shapes (dicts in spec order) on the way out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from redress.cases.models import Case, CaseEvent, CaseStatus, Category, EventKind, FieldType
from redress.cases.selectors import case_public_answer, event_public_note
from redress.core import clock
from redress.core.ids import id_parse
from redress.core.text import UNSTORABLE_MESSAGE, is_storable

_ATTRIBUTE = re.compile(r"^attribute\[([A-Za-z0-9_\-]{1,40})\](\[\])?$")


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def params_check(params: QueryDict | Mapping[str, str]) -> None:
    """Every parameter's name and values storable (no NUL or other control character), so that
    no lookup or write further in meets one: PostgreSQL refuses NUL with a 500."""
    for name in params:
        if not is_storable(name):
            raise Open311Error(400, f"Parameter {name!r}: {UNSTORABLE_MESSAGE}")
        values = params.getlist(name) if isinstance(params, QueryDict) else [params[name]]
        if not all(is_storable(value) for value in values):
            raise Open311Error(400, f"{name}: {UNSTORABLE_MESSAGE}")


def datetime_param(params: QueryDict, name: str) -> dt.datetime | None:
    """A date parameter: ISO 8601 with its zone (Z or an offset). A moment without a zone is
    refused rather than read in the office's zone, which a client abroad would not expect."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if "T" in raw:
        raw = raw.replace(" ", "+")  # an unescaped + in a query string arrives as a space
    try:
        moment = clock.iso_datetime_parse(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        first, last = clock.YEARS_ACCEPTED.start, clock.YEARS_ACCEPTED.stop - 1
        raise Open311Error(
            400, f"{name} must be a real ISO 8601 date and time between {first} and {last}."
        ) from None
    if timezone.is_naive(moment):
        raise Open311Error(400, f"{name} needs a time zone (Z or an offset such as +08:00).")
    return moment


def request_ids_param(params: QueryDict, limit: int) -> list[int] | None:
    """service_request_id's comma-separated ids; parts that cannot be an id match nothing, as
    ids that do not exist match nothing. None when the parameter is absent."""
    parts = [part for part in params.get("service_request_id", "").split(",") if part.strip()]
    if not parts:
        return None
    if len(parts) > limit:
        raise Open311Error(400, f"service_request_id may list at most {limit} ids.")
    return [found for part in parts if (found := id_parse(part)) is not None]


def attributes_param(params: QueryDict) -> dict[str, object]:
    """attribute[code]=... answers. A repeated attribute (attribute[code]=x&attribute[code]=y,
    or attribute[code][]=...) is a list; empty values are absent, as unanswered."""
    values: dict[str, object] = {}
    for key in params:
        match = _ATTRIBUTE.match(key)
        if match is None:
            if key.startswith("attribute"):
                raise Open311Error(400, f"{key} is not a valid attribute parameter.")
            continue
        code = match.group(1)
        given = [value for value in params.getlist(key) if value.strip()]
        if not given:
            continue
        previous = values.get(code)
        if previous is not None:
            given = [*(previous if isinstance(previous, list) else [previous]), *given]
        values[code] = given if len(given) > 1 or match.group(2) else given[0]
    return values


# Open311 knows two statuses. A case counts as closed once it has its answer (or was merged
# or declined); review and dispute reopen it.
CLOSED_STATUSES = frozenset(
    {
        CaseStatus.RESOLVED,
        CaseStatus.CONFIRMED,
        CaseStatus.DECLINED,
        CaseStatus.REVIEWED,
        CaseStatus.RE_REVIEWED,
        CaseStatus.CLOSED,
        CaseStatus.MERGED,
    }
)

_DATATYPE_HELP = {
    FieldType.STRING: "A short line of text",
    FieldType.NUMBER: "A number",
    FieldType.DATETIME: "An ISO 8601 date and time",
    FieldType.TEXT: "Text",
    FieldType.SINGLE_CHOICE: "One of the listed values",
    FieldType.MULTI_CHOICE: "One or more of the listed values",
}


def iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def open311_status(status: str) -> str:
    return "closed" if status in CLOSED_STATUSES else "open"


def service_item(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": f"{category.name_zh} / {category.name_en}",
        "description": category.description_zh or category.description_en or category.name_en,
        "metadata": bool(list(category.fields.all())),
        "type": "realtime",
        "keywords": ",".join(category.keywords.split()),
        "group": category.get_default_department_kind_display(),
    }


def service_definition(category: Category) -> dict[str, Any]:
    attributes = []
    for field in category.fields.all().order_by("order", "code"):
        attributes.append(
            {
                "variable": True,
                "code": field.code,
                "datatype": field.datatype,
                "required": field.required,
                "datatype_description": _DATATYPE_HELP.get(FieldType(field.datatype), ""),
                "order": field.order,
                "description": f"{field.label_zh} / {field.label_en}".strip(" /"),
                "values": [
                    {
                        "key": str(choice.get("key")),
                        "name": str(choice.get("name_zh") or choice.get("name_en") or ""),
                    }
                    for choice in field.choices or []
                ],
            }
        )
    return {"service_code": category.code, "attributes": attributes}


def status_notes(case: Case) -> str:
    return case_public_answer(case=case)


# Public answers place a grievance to about a kilometre: enough to see where problems are,
# not enough to point at someone's door (a demolition dispute is often about a home).
PUBLIC_COORDINATE_DIGITS = 2


def _coarse(value: float | None) -> float | None:
    return None if value is None else round(value, PUBLIC_COORDINATE_DIGITS)


def request_item(case: Case) -> dict[str, Any]:
    """Public fields only: never contact details. The description is the case's one-line
    title and the address the village or community, so that personal detail in a long
    account or a street address stays inside the office."""
    return {
        "service_request_id": str(case.pk),
        "status": open311_status(case.status),
        "status_notes": status_notes(case),
        "service_name": f"{case.category.name_zh} / {case.category.name_en}",
        "service_code": case.category.code,
        "description": case.title,
        "agency_responsible": f"{case.department.name_zh}",
        "service_notice": case.get_status_display(),
        "requested_datetime": iso(case.submitted_at),
        "updated_datetime": iso(case.updated_at),
        "expected_datetime": iso(case.due_at) if case.status not in CLOSED_STATUSES else None,
        "address": case.jurisdiction.name_zh,
        "address_id": None,
        "zipcode": None,
        "lat": _coarse(case.latitude),
        "long": _coarse(case.longitude),
        "media_url": case.media_url or None,
    }


def update_item(event: CaseEvent) -> dict[str, Any]:
    """FixMyStreet's request_update: an update id, the request, status after it, and what
    the public may read about it."""
    description = (
        event_public_note(event=event)
        if event.kind in _PUBLIC_TEXT_KINDS
        else event.get_kind_display()
    )
    return {
        "update_id": str(event.pk),
        "service_request_id": str(event.case_id),
        "status": open311_status(event.to_status or event.case.status).upper(),
        "updated_datetime": iso(event.at),
        "description": description,
        "media_url": None,
    }


_PUBLIC_TEXT_KINDS = frozenset(
    {
        EventKind.RESOLVED,
        EventKind.DECLINED,
        EventKind.REVIEWED,
        EventKind.RE_REVIEWED,
        EventKind.COMMENT,
        EventKind.EXTENDED,
        EventKind.DISPUTED,
    }
)
