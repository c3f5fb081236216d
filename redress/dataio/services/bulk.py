"""Writing checked records as cases in bulk: what case_submit writes for one grievance (the
case routed and on its acceptance clock, its first holding, the submitted event, the contact
in the vault), thousands at a time. On PostgreSQL the rows go in by COPY; elsewhere by
bulk_create. The caller holds the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

from redress.cases.models import (
    Case,
    CaseEvent,
    CaseHolding,
    CaseStatus,
    ClockStage,
    EventKind,
)
from redress.cases.services.events import event_build
from redress.cases.services.routing import route_department
from redress.cases.services.submission import ContactDetails
from redress.cases.tracking import new_tracking_code
from redress.clocks.calendar import CalendarCache
from redress.clocks.deadlines import clock_start
from redress.clocks.models import Stage
from redress.clocks.policies import Duration, duration_for
from redress.contacts.models import ComplainantContact
from redress.contacts.services import contact_build
from redress.dataio.models import ImportBatch, ImportedRecord
from redress.dataio.services.rows import Record
from redress.orgs.models import Department, User


class CaseWriter:
    """Builds and writes one chunk of records at a time; routing, calendars and durations are
    computed once per distinct category, area and urgency."""

    def __init__(self, *, batch: ImportBatch, actor: User) -> None:
        self.batch = batch
        self.actor = actor
        self.calendars = CalendarCache()
        self._routes: dict[tuple[int, int], Department] = {}
        self._durations: dict[tuple[int, str], Duration] = {}
        self._copy = connection.vendor == "postgresql"

    def _department(self, record: Record) -> Department:
        key = (record.category.pk, record.jurisdiction.pk)
        department = self._routes.get(key)
        if department is None:
            department = route_department(
                category=record.category, jurisdiction=record.jurisdiction
            )
            self._routes[key] = department
        return department

    def _duration(self, case: Case) -> Duration:
        key = (case.category_id, case.urgency)
        duration = self._durations.get(key)
        if duration is None:
            duration = duration_for(
                stage=Stage.ACCEPTANCE, category_id=case.category_id, urgency=case.urgency
            )
            self._durations[key] = duration
        return duration

    def build(self, record: Record) -> tuple[Case, list[Model]]:
        """The case and the rows hanging off it, as case_submit makes them (unsaved)."""
        department = self._department(record)
        contact = ContactDetails(name=record.contact_name, phone=record.contact_phone)
        now = record.received_at
        case = Case(
            tracking_code=new_tracking_code(),
            title=record.title,
            description=record.description,
            category=record.category,
            jurisdiction=record.jurisdiction,
            jurisdiction_path=record.jurisdiction.path,
            department=department,
            status=CaseStatus.RECEIVED,
            urgency=record.urgency,
            channel=self.batch.channel,
            location_text=record.location_text,
            latitude=record.latitude,
            longitude=record.longitude,
            people_affected=record.people_affected,
            extra_fields={},
            is_anonymous=contact.is_empty(),
            submitted_at=now,
            created_by=self.actor,
        )
        clock_start(
            case,
            stage=ClockStage.ACCEPTANCE,
            at=now,
            calendar=self.calendars.for_path(case.jurisdiction_path),
            duration=self._duration(case),
        )
        children: list[Model] = [CaseHolding(case=case, department=department, started_at=now)]
        if not contact.is_empty():
            children.append(contact_build(case=case, details=contact, consent=False))
        children.append(
            event_build(
                case,
                kind=EventKind.SUBMITTED,
                actor=self.actor,
                at=now,
                data={
                    "channel": case.channel,
                    "department": department.pk,
                    "department_name": department.name_zh,
                    "department_name_en": department.name_en,
                },
            )
        )
        children.append(
            ImportedRecord(
                case=case,
                batch=self.batch,
                source_system=self.batch.source_name,
                source_record_id=record.key,
            )
        )
        return case, children

    def write(self, records: Sequence[Record]) -> None:
        built = [self.build(record) for record in records]
        cases = [case for case, _ in built]
        if self._copy:
            ids = _next_ids(len(cases))
            for case, pk in zip(cases, ids, strict=True):
                case.pk = pk
                case._state.adding = False
        else:
            Case.objects.bulk_create(cases)
        by_model: dict[type[Model], list[Model]] = {}
        for _, children in built:
            for child in children:
                by_model.setdefault(type(child), []).append(child)
        if self._copy:
            _copy_rows(Case, cases, with_pk=True)
        for model in (CaseHolding, ComplainantContact, CaseEvent, ImportedRecord):
            rows = by_model.get(model, [])
            for child in rows:
                # The case had no id when the child was built.
                child.case_id = child.case.pk  # type: ignore[attr-defined]
            if not rows:
                continue
            if self._copy:
                _copy_rows(model, rows, with_pk=model is ComplainantContact)
            else:
                model._default_manager.bulk_create(rows)  # type: ignore[arg-type]


def _next_ids(count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Case._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _copy_fields(model: type[Model], *, with_pk: bool) -> list[Field[Any, Any]]:
    return [
        field for field in model._meta.local_concrete_fields if with_pk or not field.primary_key
    ]


def _copy_rows(model: type[Model], instances: Sequence[Model], *, with_pk: bool) -> None:
    """COPY the instances into the model's table, values prepared as save() prepares them
    (defaults, auto_now, JSON), so a new column with a default needs nothing here."""
    fields = _copy_fields(model, with_pk=with_pk)
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"COPY {table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for instance in instances:
            copy.write_row(
                [
                    field.get_db_prep_save(field.pre_save(instance, True), connection)
                    for field in fields
                ]
            )
