"""The building blocks every app's API schemas share: ids, moments, strict inputs, paging and
the small references to people and places."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Protocol

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Header, Schema
from pydantic import AfterValidator, ConfigDict, Field

# Ids are 64-bit integers in the database; larger numbers cannot name anything.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PAGE_MAX = 200
OFFSET_MAX = 10_000_000


def _bounded_moment(value: dt.datetime) -> dt.datetime:
    """Aware, and within years the database and the calendar code can convert."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    try:
        in_utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("The date is out of range.") from None
    if not 1900 <= in_utc.year <= 2999:
        raise ValueError("The date must fall between the years 1900 and 2999.")
    return value


Moment = Annotated[dt.datetime, AfterValidator(_bounded_moment)]


class InputSchema(Schema):
    # A misspelt field is an error that names it, not a value silently ignored.
    model_config = ConfigDict(extra="forbid")


# Every create takes one; the API marks it required in the OpenAPI document.
IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_DESCRIPTION = (
    "Required. A retry with the same key answers 200 with what the first attempt made."
)


def idempotency_header(description: str = IDEMPOTENCY_DESCRIPTION) -> Any:
    """The Idempotency-Key header of every create: printable ASCII, at most 200 characters.
    Declared as optional so that a missing key is the endpoint's own 400 naming the header."""
    return Header(
        None,
        alias=IDEMPOTENCY_HEADER,
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description=description,
    )


# Outputs ---------------------------------------------------------------------------------


class JurisdictionRef(Schema):
    id: int
    name_zh: str
    name_en: str


class DepartmentRef(Schema):
    id: int
    name_zh: str
    name_en: str


class StaffRef(Schema):
    id: int
    display_name: str

    @staticmethod
    def resolve_display_name(obj: Any) -> str:
        return str(obj)


# Inputs ----------------------------------------------------------------------------------


class PageParams(InputSchema):
    limit: int = Field(50, ge=1, le=PAGE_MAX, description=f"At most {PAGE_MAX}.")
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


class Paged(Protocol):
    limit: int
    offset: int


def page_of(queryset: QuerySet[Any], *, page: Paged) -> dict[str, Any]:
    """The shape of every list answer: the total count, the limit and offset asked for, and
    that page of the items."""
    return {
        "count": queryset.count(),
        "limit": page.limit,
        "offset": page.offset,
        "items": list(queryset[page.offset : page.offset + page.limit]),
    }
