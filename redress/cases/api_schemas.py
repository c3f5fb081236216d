"""The case API's typed inputs and outputs. Outputs never carry complainants' contact details: the
one way to read them is the audited POST /cases/{id}/contact."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

from redress.api.schemas import (
    DepartmentRef,
    Id,
    InputSchema,
    JurisdictionRef,
    Moment,
    PageParams,
    StaffRef,
)
from redress.cases.models import (
    Case,
    CaseStatus,
    Channel,
    ClockStage,
    EventKind,
    FieldType,
    Urgency,
)
from redress.cases.services.lifecycle import ANSWER_MAX, REASON_MAX
from redress.cases.services.submission import DESCRIPTION_MAX, TITLE_MAX
from redress.contacts.services import REASON_MAX as CONTACT_REASON_MAX
from redress.contacts.services import REASON_MIN as CONTACT_REASON_MIN
from redress.orgs.models import DepartmentKind, Level

# Outputs ---------------------------------------------------------------------------------


class CategoryRef(Schema):
    code: str
    name_zh: str
    name_en: str


class CaseOut(Schema):
    id: int
    tracking_code: str = Field(description="The tracking code in its display form, XXXX-XXXX-XXXX.")
    title: str
    description: str
    category: CategoryRef
    jurisdiction: JurisdictionRef
    department: DepartmentRef
    assignee: StaffRef | None
    status: CaseStatus
    urgency: Urgency
    channel: Channel
    location_text: str
    latitude: float | None
    longitude: float | None
    people_affected: int
    is_anonymous: bool
    submitted_at: dt.datetime
    due_at: dt.datetime | None
    clock_stage: ClockStage
    is_paused: bool
    is_overdue: bool
    extended: bool
    answer: str
    answer_is_public: bool = Field(
        description="Whether the answer is published beyond the complainant (Open311)."
    )
    decline_reason: str
    merged_into_id: int | None
    extra_fields: dict[str, Any]

    @staticmethod
    def resolve_tracking_code(obj: Case) -> str:
        return obj.display_code


class CasePage(Schema):
    count: int = Field(description="How many cases match the filters in all.")
    limit: int
    offset: int
    items: list[CaseOut]


class EventOut(Schema):
    id: int
    kind: EventKind
    at: dt.datetime
    actor: StaffRef | None
    actor_label: str = Field(description='"public" or "system" when no member of staff acted.')
    from_status: str
    to_status: str
    note: str
    data: dict[str, Any]
    is_public: bool = Field(description="Whether the complainant sees this step.")


class EventList(Schema):
    items: list[EventOut]


class ActionsOut(Schema):
    actions: list[str] = Field(
        description="The steps this user may take on this case now; `read_contact` means the "
        "audited POST /cases/{id}/contact is open to them."
    )


class ContactDetailsOut(Schema):
    name: str
    phone: str
    email: str
    address: str
    consent_to_contact: bool


class ContactOut(Schema):
    contact: ContactDetailsOut | None = Field(
        description="Null when the complainant left no contact details, or they were purged."
    )


class CategoryFieldOut(Schema):
    code: str
    datatype: FieldType
    required: bool
    label_zh: str
    label_en: str
    help_zh: str
    help_en: str
    choices: list[dict[str, Any]]
    order: int


class CategoryOut(Schema):
    code: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    urgency: Urgency
    default_department_kind: DepartmentKind
    fields: list[CategoryFieldOut] = Field(
        description="Extra questions; answers go in a case's `extra_fields` by code."
    )

    @staticmethod
    def resolve_fields(obj: Any) -> list[Any]:
        return list(obj.fields.all())


class JurisdictionOut(Schema):
    id: int
    name_zh: str
    name_en: str
    level: Level
    parent_id: int | None
    code: str
    latitude: float | None
    longitude: float | None


class JurisdictionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[JurisdictionOut]


class DepartmentOut(Schema):
    id: int
    name_zh: str
    name_en: str
    kind: DepartmentKind
    is_active: bool
    jurisdiction: JurisdictionRef


class DepartmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DepartmentOut]


# Inputs ----------------------------------------------------------------------------------


STATUS_FILTERS = ("open", *CaseStatus.values)


def _status_filter(value: str) -> str:
    if value not in STATUS_FILTERS:
        raise ValueError(f"Give one of: {', '.join(STATUS_FILTERS)}.")
    return value


# One string type rather than a union of the status enum and "open", so that an error names
# the parameter and nothing else.
StatusFilter = Annotated[
    str,
    AfterValidator(_status_filter),
    WithJsonSchema({"type": "string", "enum": list(STATUS_FILTERS)}),
]

Ordering = Literal[
    "due_at", "-due_at", "submitted_at", "-submitted_at", "updated_at", "-updated_at", "id", "-id"
]


class CaseFilters(PageParams):
    status: StatusFilter | None = Field(
        None, description='One status, or "open" for every status in which work is owed.'
    )
    category: str | None = Field(None, max_length=40, description="A category code.")
    jurisdiction: Id | None = Field(
        None, description="A jurisdiction id: cases located there or anywhere below it."
    )
    department: Id | None = Field(None, description="The department that holds the case now.")
    due_before: Moment | None = Field(
        None, description="ISO 8601; without an offset, in the office's time zone."
    )
    due_after: Moment | None = Field(
        None, description="ISO 8601; without an offset, in the office's time zone."
    )
    overdue: bool | None = Field(
        None, description="true: only cases past a running staff deadline; false: none of them."
    )
    q: str | None = Field(
        None,
        max_length=200,
        description="Search the title and description. Each space-separated term (up to ten) "
        "must occur, case-insensitively, as a substring, so Chinese needs no word breaks: "
        "工资 拖欠 finds the cases that mention both.",
    )
    ordering: Ordering = Field(
        "due_at", description="Soonest due first by default; cases with no deadline come last."
    )


class DepartmentFilters(PageParams):
    jurisdiction: Id | None = Field(None, description="Only departments of this jurisdiction.")
    kind: DepartmentKind | None = None


class ContactIn(InputSchema):
    """Stored sealed in the contact vault; never returned by any endpoint but the audited one."""

    name: str = Field("", max_length=100)
    phone: str = Field("", max_length=30, pattern=r"^([0-9+()\- ]{5,30})?$")
    email: str = Field("", max_length=200, pattern=r"^([^@\s]{1,64}@[^@\s]+\.[^@\s]+)?$")
    address: str = Field("", max_length=300)


def _extra_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValueError("Give a string, a number, true or false, or a list of strings.")


# Checked by hand rather than as a union of types, so that an error names the answer's code
# and nothing else; the category's own rules are the service's to apply.
ExtraValue = Annotated[
    Any,
    AfterValidator(_extra_value),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "number"},
                {"type": "boolean"},
                {"type": "array", "items": {"type": "string"}},
                {"type": "null"},
            ]
        }
    ),
]


class CaseCreateIn(InputSchema):
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    description: str = Field(min_length=1, max_length=DESCRIPTION_MAX)
    category: str = Field(min_length=1, max_length=40, description="A category code.")
    jurisdiction_id: Id = Field(description="Where the problem is: your area or below it.")
    channel: Literal["hotline", "letter", "visit"] = Field(
        description="How the office received the grievance."
    )
    location_text: str = Field("", max_length=300)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    people_affected: int = Field(1, ge=1, le=1_000_000)
    urgency: Urgency | None = Field(None, description="Default: the category's urgency.")
    extra_fields: dict[Annotated[str, StringConstraints(max_length=40)], ExtraValue] = Field(
        default_factory=dict, description="Answers to the category's extra questions, by code."
    )
    contact: ContactIn | None = None
    consent_to_contact: bool = Field(
        False, description="The complainant agreed to be contacted; required with contact details."
    )


class NoteIn(InputSchema):
    note: str = Field("", max_length=REASON_MAX)


class RequiredNoteIn(InputSchema):
    note: str = Field(min_length=1, max_length=REASON_MAX)


class ReasonIn(InputSchema):
    reason: str = Field(min_length=1, max_length=REASON_MAX)


class PauseIn(InputSchema):
    reason: str = Field(min_length=1, max_length=300)


class AnswerIn(InputSchema):
    answer: str = Field(min_length=1, max_length=ANSWER_MAX)


class ResolveIn(AnswerIn):
    public: bool | None = Field(
        None,
        strict=True,
        description=(
            "Publish the answer beyond the complainant's tracking page (Open311). "
            "Default: the category's setting."
        ),
    )


class ExtendIn(InputSchema):
    days: int = Field(ge=1, le=366, description="Within the policy's limit (30 by default).")
    reason: str = Field(min_length=1, max_length=REASON_MAX)


class TransferIn(InputSchema):
    department_id: Id
    reason: str = Field(min_length=1, max_length=REASON_MAX)


class AssignIn(InputSchema):
    department_id: Id | None = Field(None, description="Default: the department holding it.")
    assignee_id: Id | None = Field(None, description="A handler of that department.")
    note: str = Field("", max_length=REASON_MAX)


class OtherCaseIn(InputSchema):
    other_case_id: Id
    note: str = Field("", max_length=300)


class MergeIn(InputSchema):
    other_case_id: Id = Field(description="The case this one is merged into.")
    reason: str = Field(min_length=1, max_length=300)


class ContactReasonIn(InputSchema):
    reason: str = Field(min_length=CONTACT_REASON_MIN, max_length=CONTACT_REASON_MAX)
