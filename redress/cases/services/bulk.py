"""Writing checked records as cases in bulk: what case_submit writes for one grievance (the
case routed and on its acceptance clock, its first holding, the submitted event, the contact
in the vault), thousands at a time. On PostgreSQL the rows go in by COPY; elsewhere by
bulk_create. The caller holds the transaction. (The import app parses, maps and batches the
records; this is where they become cases, as every write to a case is in this app.)

Speed comes from doing per kind of record what case_submit does per grievance: records that
share a category, place and urgency share a template (an unsaved case routed once, its event
and holding built once by the same functions case_submit calls); each record then only sets
what is its own (text, times, tracking code), starts the clock on the template and reads the
values off. A million records never make a million model instances.

On PostgreSQL the server's share (the rows, their index entries, the foreign-key checks) runs
while this thread builds the next chunk, so the two overlap: the server works on another core.
This thread also encodes each chunk for COPY, to bytes; a thread of its own on the import's
connection only sends them and waits for the server, on the socket, without the GIL. (When that
thread encoded the rows itself, it took turns with this one for the GIL, and the server waited
for data while this thread built.)"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from django.db import connection
from django.db.models import JSONField, Model
from django.utils import timezone
from psycopg.copy import Copy, LibpqWriter, Writer
from psycopg.types.json import Jsonb

from redress.cases.models import (
    Case,
    CaseEvent,
    CaseHolding,
    CaseStatus,
    Category,
    ClockStage,
    EventKind,
    RoutingRule,
)
from redress.cases.services.clock import clock_start
from redress.cases.services.events import event_build
from redress.cases.services.routing import route_department
from redress.cases.services.submission import ContactDetails
from redress.cases.tracking import new_tracking_codes
from redress.clocks.calendar import CalendarCache, WorkingCalendar
from redress.clocks.models import Stage
from redress.clocks.policies import Duration, duration_for
from redress.contacts.models import ComplainantContact
from redress.contacts.services import contact_build, contact_seal
from redress.core import clock
from redress.orgs.models import Department, Jurisdiction, User

# Tracking codes are drawn this many at a time.
CODES_AHEAD = 5000
# The COPY thread needs the GIL only to hand libpq its bytes, to take up the socket again when
# the server has read what was sent, and to start the next table's COPY; the building thread
# holds the GIL the rest of the time. At Python's switch interval (5 ms), the server waited for
# data about a fifth of the time (pg_stat_activity: ClientRead); 1 ms while an import runs.
SWITCH_INTERVAL = 0.001
# Bytes handed to libpq before waiting for them to reach the server (psycopg's default, 1 MB,
# waits several times a table): a chunk's table at once.
FLUSH_BYTES = 64 * 1024 * 1024


class BulkSource(Protocol):
    """Where the records come from (an import batch): its id goes on each submitted event."""

    @property
    def pk(self) -> Any: ...
    @property
    def channel(self) -> str: ...
    @property
    def source_name(self) -> str: ...


class BulkRecord(Protocol):
    """One checked record, as the import's parser makes it."""

    @property
    def key(self) -> str: ...
    @property
    def received_at(self) -> dt.datetime: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def category(self) -> Category: ...
    @property
    def jurisdiction(self) -> Jurisdiction: ...
    @property
    def urgency(self) -> str: ...
    @property
    def location_text(self) -> str: ...
    @property
    def people_affected(self) -> int: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def contact_name(self) -> str: ...
    @property
    def contact_phone(self) -> str: ...


class _Plan:
    """One model's columns in a fixed order, and how an instance's values are read off:
    attributes as they are, then (for COPY) JSON encoded and auto_now stamped as save() does
    (one moment for a chunk: its rows go in by one statement)."""

    def __init__(self, model: type[Model], *, with_pk: bool) -> None:
        self.model = model
        self.fields = [
            field for field in model._meta.local_concrete_fields if with_pk or not field.primary_key
        ]
        self.attnames = [field.attname for field in self.fields]
        self.read = operator.attrgetter(*self.attnames)
        self.json = [
            (index, field)
            for index, field in enumerate(self.fields)
            if isinstance(field, JSONField)
        ]
        self.stamped = [
            index
            for index, field in enumerate(self.fields)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        self.index = {name: index for index, name in enumerate(self.attnames)}
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(field.column)) for field in self.fields)
        # Binary: the server reads numbers and times as they are instead of parsing text.
        self.copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN (FORMAT BINARY)"
        self._encoded: dict[int, tuple[Any, Jsonb]] = {}

    def values(self, instance: Model) -> list[Any]:
        return list(self.read(instance))

    def copy_row(self, row: list[Any], stamp: dt.datetime) -> list[Any]:
        """The row ready for COPY, in place."""
        for index, field in self.json:
            row[index] = self._json(field, row[index])
        for index in self.stamped:
            row[index] = stamp
        return row

    def _json(self, field: JSONField, value: Any) -> Jsonb:
        """The value encoded as the field encodes it; a template's one dict is encoded once."""
        hit = self._encoded.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        text = json.dumps(value, cls=field.encoder, ensure_ascii=False)
        encoded = Jsonb(text, dumps=_already_encoded)
        if len(self._encoded) > 100_000:
            self._encoded.clear()
        self._encoded[id(value)] = (value, encoded)
        return encoded

    def column_types(self, cursor: Any) -> list[int]:
        """The columns' type oids, which binary COPY needs to encode the values."""
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute"
            " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [self.model._meta.db_table],
        )
        oids = dict(cursor.fetchall())
        return [oids[field.column] for field in self.fields]

    def instance(self, values: list[Any]) -> Model:
        return self.model(**dict(zip(self.attnames, values, strict=True)))


def _already_encoded(text: str) -> str:
    return text


@functools.cache
def _plan(model: type[Model], *, with_pk: bool) -> _Plan:
    return _Plan(model, with_pk=with_pk)


@dataclass
class _Template:
    """What records of one category, place and urgency share."""

    case: Case
    event: CaseEvent
    holding: CaseHolding
    duration: Duration


@dataclass(frozen=True)
class _Clock:
    """A clock started on one day, its moments with their UTC offsets in the office's zone."""

    at: dt.datetime
    due_at: dt.datetime
    next_action_at: dt.datetime | None
    offsets: tuple[dt.timedelta | None, ...]


@dataclass
class _Built:
    """One record's rows, as value lists in each model's plan order."""

    case: list[Any]
    children: list[tuple[type[Model], list[Any]]]


class CaseWriter:
    """Builds and writes one chunk of records at a time. Use it as a context manager inside
    the import's transaction: leaving it writes the last chunk and waits for its COPY."""

    def __init__(self, *, batch: BulkSource, actor: User) -> None:
        self.batch = batch
        self.actor = actor
        self.calendars = CalendarCache()
        self.copy = connection.vendor == "postgresql"
        self._routes: dict[tuple[int, tuple[int, ...]], Department] = {}
        self._routing_places = _routing_places()
        self._chains: dict[int, tuple[int, ...]] = {}
        self._templates: dict[tuple[int, int, str], _Template] = {}
        self._durations: dict[tuple[int, str], Duration] = {}
        self._calendar_keys: dict[object, int] = {}
        self._calendar_ids: dict[int, int] = {}
        self._clocks: dict[tuple[int, int, str, dt.date], _Clock] = {}
        self.zone = timezone.get_current_timezone()
        self.case_plan = _plan(Case, with_pk=self.copy)
        self.plans: dict[type[Model], _Plan] = {
            model: _plan(model, with_pk=model is ComplainantContact)
            for model in (CaseHolding, ComplainantContact, CaseEvent)
        }
        self._contact: list[Any] | None = None
        self._codes: list[str] = []
        self._stamp = clock.now()
        self._copier: ThreadPoolExecutor | None = None
        self._copying: Future[None] | None = None
        self._types: dict[_Plan, list[int]] = {}
        # The chunk encoded last, waiting for the COPY thread: each table's COPY and its data.
        self._encoded: list[tuple[str, bytes]] | None = None
        self._encoder: Any = None
        self._switch: float | None = None

    def __enter__(self) -> CaseWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if error is None:
                self._send()
                self._wait()
            elif self._copying is not None and self._copying.exception() is not None:
                # (exception() lets the COPY under way end before the transaction rolls back.)
                # A failed COPY aborts the transaction, and this thread's next query then
                # fails for that reason alone: the COPY's error is the one to report.
                self._wait()
        finally:
            if self._copier is not None:
                self._copier.shutdown()
            if self._switch is not None:
                sys.setswitchinterval(self._switch)

    def _department(self, record: BulkRecord) -> Department:
        # Routing looks at the place's chain of areas, nearest first, for rules and
        # departments. Areas with neither (most villages) cannot change the answer, so places
        # whose chains agree on the others share one routing.
        place = record.jurisdiction
        chain = self._chains.get(place.pk)
        if chain is None:
            chain = tuple(pk for pk in place.ancestor_ids() if pk in self._routing_places)
            self._chains[place.pk] = chain
        key = (record.category.pk, chain)
        department = self._routes.get(key)
        if department is None:
            department = route_department(
                category=record.category, jurisdiction=record.jurisdiction
            )
            self._routes[key] = department
        return department

    def _template(self, record: BulkRecord) -> _Template:
        department = self._department(record)
        key = (record.category.pk, department.pk, record.urgency)
        template = self._templates.get(key)
        if template is not None:
            return template
        # As case_submit's _create builds the case, less what each record sets for itself.
        case = Case(
            category=record.category,
            jurisdiction=record.jurisdiction,
            jurisdiction_path=record.jurisdiction.path,
            department=department,
            status=CaseStatus.RECEIVED,
            urgency=record.urgency,
            channel=self.batch.channel,
            extra_fields={},
            created_by=self.actor,
            source_system=self.batch.source_name,
        )
        event = event_build(
            case,
            kind=EventKind.SUBMITTED,
            actor=self.actor,
            data={
                "channel": case.channel,
                "department": department.pk,
                "department_name": department.name_zh,
                "department_name_en": department.name_en,
                "import_batch": self.batch.pk,
            },
        )
        duration = self._duration(case)
        calendar = self.calendars.for_path(case.jurisdiction_path)
        # The template's clock, as clock_start sets it; each record then moves its moments.
        clock_start(
            case,
            stage=ClockStage.ACCEPTANCE,
            at=record.received_at,
            calendar=calendar,
            duration=duration,
        )
        holding = CaseHolding(case=case, department=department)
        template = _Template(case, event, holding, duration)
        self._templates[key] = template
        return template

    def build(self, record: BulkRecord) -> _Built:
        """The record's rows, the case's id left to the COPY (which allocates them)."""
        template = self._template(record)
        case = template.case
        contact = ContactDetails(name=record.contact_name, phone=record.contact_phone)
        anonymous = contact.is_empty()
        now = record.received_at
        # The id alone (what the row holds): the descriptor's checks cost more than the rest.
        case.jurisdiction_id = record.jurisdiction.pk
        case.jurisdiction_path = record.jurisdiction.path
        if not self._codes:
            self._codes = new_tracking_codes(CODES_AHEAD)
        case.tracking_code = self._codes.pop()
        case.title = record.title
        case.description = record.description
        case.location_text = record.location_text
        case.latitude = record.latitude
        case.longitude = record.longitude
        case.people_affected = record.people_affected
        case.is_anonymous = anonymous
        case.submitted_at = now
        case.source_record_id = record.key
        self._clock_start(template, now)
        template.holding.started_at = now
        template.event.at = now
        plans = self.plans
        children: list[tuple[type[Model], list[Any]]] = [
            (CaseHolding, plans[CaseHolding].values(template.holding)),
            (CaseEvent, plans[CaseEvent].values(template.event)),
        ]
        if not anonymous:
            children.append((ComplainantContact, self._sealed(case, contact)))
        return _Built(self.case_plan.values(case), children)

    def _sealed(self, case: Case, contact: ContactDetails) -> list[Any]:
        """The contact row as contact_build makes it: built once, then per record only the
        sealed details and the moment change (a model instance per row costs more than the
        encryption)."""
        plan = self.plans[ComplainantContact]
        if self._contact is None:
            built = contact_build(case=case, details=ContactDetails(), consent=False)
            self._contact = plan.values(built)
        values = list(self._contact)
        values[plan.index["ciphertext"]] = contact_seal(details=contact)
        values[plan.index["created_at"]] = self._stamp
        return values

    def _duration(self, case: Case) -> Duration:
        key = (case.category_id, case.urgency)
        duration = self._durations.get(key)
        if duration is None:
            duration = duration_for(
                stage=Stage.ACCEPTANCE, category_id=case.category_id, urgency=case.urgency
            )
            self._durations[key] = duration
        return duration

    def _calendar_key(self, calendar: WorkingCalendar) -> int:
        """Places whose calendars have the same days off share a number."""
        known = self._calendar_ids.get(id(calendar))
        if known is None:
            content = (tuple(sorted(calendar.exceptions.items())), calendar.weekend_days)
            known = self._calendar_keys.setdefault(content, len(self._calendar_keys))
            # The calendar cache keeps each calendar alive, so its id stays its own.
            self._calendar_ids[id(calendar)] = known
        return known

    def _clock_start(self, template: _Template, at: dt.datetime) -> None:
        """clock_start on the template's case. Its deadlines keep the local time of day of
        `at` (working days, calendar days or hours later), so for another moment of the same
        local day they move by the same amount, as long as the UTC offset is the same at both
        ends (always, but across a daylight-saving change): then that is used instead of
        running the calendar again."""
        case = template.case
        calendar = self.calendars.for_path(case.jurisdiction_path)
        duration = template.duration
        local = at.astimezone(self.zone)
        day_key = (self._calendar_key(calendar), duration.amount, duration.unit, local.date())
        known = self._clocks.get(day_key)
        if known is not None:
            shift = at - known.at
            due_at = known.due_at + shift
            next_action_at = (
                known.next_action_at + shift if known.next_action_at is not None else None
            )
            if self._offsets(local, due_at, next_action_at) == known.offsets:
                # The template's case already has the rest of the clock (its stage, unit and
                # ladder position) from clock_start; only the moments differ.
                case.clock_started_at = at
                case.due_at = due_at
                case.next_action_at = next_action_at
                return
        clock_start(
            case,
            stage=ClockStage.ACCEPTANCE,
            at=at,
            calendar=calendar,
            duration=duration,
        )
        if case.due_at is not None:
            offsets = self._offsets(local, case.due_at, case.next_action_at)
            self._clocks[day_key] = _Clock(at, case.due_at, case.next_action_at, offsets)

    def _offsets(
        self, local: dt.datetime, due_at: dt.datetime, next_action_at: dt.datetime | None
    ) -> tuple[dt.timedelta | None, ...]:
        """The office's UTC offsets at a clock's start (given in local time), deadline and
        next action."""
        zone = self.zone
        return (
            local.utcoffset(),
            due_at.astimezone(zone).utcoffset(),
            next_action_at.astimezone(zone).utcoffset() if next_action_at is not None else None,
        )

    def write(self, records: Sequence[BulkRecord]) -> None:
        if not records:
            return
        self._stamp = clock.now()
        if not self.copy:
            self._bulk_create(records)
            return
        # The chunk before this one goes to the COPY thread only now, once the caller has run
        # this chunk's queries (which wait their turn on the connection): this chunk is then
        # built while that one is written.
        self._wait()
        ids = self._next_ids(len(records))
        self._send()
        built = [self.build(record) for record in records]
        self._encoded = self._encode(built, ids, self._stamp)

    def _next_ids(self, count: int) -> list[int]:
        """Ids for a chunk's cases, on the connection while no COPY runs on it."""
        with connection.cursor() as cursor:
            if self._copier is None:
                # Foreign keys are checked as each chunk goes in, not all at COMMIT: the server
                # then queues one chunk's checks instead of a million rows'.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                self._types = {
                    plan: plan.column_types(cursor)
                    for plan in (self.case_plan, *self.plans.values())
                }
                self._copier = ThreadPoolExecutor(1, thread_name_prefix="import-copy")
                self._switch = sys.getswitchinterval()
                sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))
                # Never runs a statement: it only lends COPY its adapters, to encode rows here.
                self._encoder = connection.connection.cursor()
            return _next_ids(cursor, count)

    def _encode(
        self, built: list[_Built], ids: list[int], stamp: dt.datetime
    ) -> list[tuple[str, bytes]]:
        """Each table's rows of the chunk, encoded for binary COPY."""
        plan = self.case_plan
        key = plan.index["id"]
        rows = []
        for each, pk in zip(built, ids, strict=True):
            each.case[key] = pk
            rows.append(plan.copy_row(each.case, stamp))
        encoded = [self._encode_rows(plan, rows)]
        for model, plan in self.plans.items():
            rows = [plan.copy_row(values, stamp) for values in _linked(built, model, plan, ids)]
            if rows:
                encoded.append(self._encode_rows(plan, rows))
        return encoded

    def _encode_rows(self, plan: _Plan, rows: list[list[Any]]) -> tuple[str, bytes]:
        """COPY's own encoding (psycopg's Copy with a writer that keeps the bytes)."""
        kept = _Kept()
        with Copy(self._encoder, binary=True, writer=kept) as copy:
            copy.set_types(self._types[plan])
            for row in rows:
                copy.write_row(row)
        return plan.copy_sql, b"".join(kept.parts)

    def _send(self) -> None:
        """Hands the chunk encoded last to the COPY thread once it is done with the one before."""
        if self._encoded is None:
            return
        encoded, self._encoded = self._encoded, None
        self._wait()
        assert self._copier is not None
        # The COPY thread works on this thread's connection (psycopg's own, which takes turns
        # by its lock), inside the same transaction; Django's wrapper stays with this thread.
        self._copying = self._copier.submit(_copy, connection.connection, encoded)

    def _wait(self) -> None:
        if self._copying is not None:
            copying, self._copying = self._copying, None
            with connection.wrap_database_errors:
                copying.result()

    def _bulk_create(self, records: Sequence[BulkRecord]) -> None:
        built = [self.build(record) for record in records]
        cases = [self.case_plan.instance(each.case) for each in built]
        Case.objects.bulk_create(cases)  # type: ignore[arg-type]
        ids = [case.pk for case in cases]
        for model, plan in self.plans.items():
            children = [plan.instance(values) for values in _linked(built, model, plan, ids)]
            if children:
                model._default_manager.bulk_create(children)


def _routing_places() -> frozenset[int]:
    """The areas that have a routing rule or an active department."""
    return frozenset(
        RoutingRule.objects.values_list("jurisdiction_id", flat=True).distinct()
    ) | frozenset(
        Department.objects.filter(is_active=True)
        .values_list("jurisdiction_id", flat=True)
        .distinct()
    )


def _next_ids(cursor: Any, count: int) -> list[int]:
    """Ids for the chunk's cases, ahead of the COPY, in order (btree appends are cheap)."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [Case._meta.db_table, count],
    )
    return [pk for (pk,) in cursor.fetchall()]


def _linked(
    built: list[_Built], model: type[Model], plan: _Plan, ids: Sequence[int]
) -> Iterator[list[Any]]:
    """The chunk's rows of one model beside the case, each given its case's id."""
    link = plan.index["case_id"]
    for each, pk in zip(built, ids, strict=True):
        for child_model, values in each.children:
            if child_model is model:
                values[link] = pk
                yield values


class _Kept(Writer):
    """Keeps what COPY would send."""

    def __init__(self) -> None:
        self.parts: list[Any] = []

    def write(self, data: Any) -> None:
        self.parts.append(data)


def _copy(raw: Any, encoded: list[tuple[str, bytes]]) -> None:
    """Runs in the COPY thread: each table's encoded rows, sent as they are."""
    with raw.cursor() as cursor:
        for sql, data in encoded:
            writer = LibpqWriter(cursor, flush_threshold=FLUSH_BYTES)
            with cursor.copy(sql, writer=writer) as copy:
                copy.write(memoryview(data))
