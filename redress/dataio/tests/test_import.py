"""Imports: mapping proposal, the dry run's report of every bad row, all-or-nothing commit,
idempotent re-import, and a bulk-imported case equal to one made by case_submit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, IntegrityError

from redress.cases.models import Case, CaseEvent, CaseHolding, Category, ClockStage
from redress.cases.services import ContactDetails, GrievanceInput, bulk, case_submit
from redress.cases.services.contact import contact_read
from redress.cases.testing import local_time
from redress.contacts.models import ComplainantContact
from redress.core import clock
from redress.core.errors import DomainError, PermissionDenied
from redress.dataio.mapping import mapping_clean, mapping_propose
from redress.dataio.models import ImportStatus
from redress.dataio.services.batches import batch_check, batch_commit
from redress.dataio.services.rows import parse_datetime
from redress.dataio.testing import HEADERS, NOW, csv_bytes, hotline_row, table_counts, upload
from redress.dataio.worker import imports_pass as imports_commit_pending
from redress.orgs.testing import Cast


def test_mapping_proposal_reads_chinese_and_english_headers() -> None:
    proposal = mapping_propose(headers=HEADERS)
    assert proposal == {
        "record_id": "编号",
        "received_at": "来电时间",
        "description": "诉求内容",
        "category": "类别",
        "township": "乡镇",
        "village": "村",
        "address": "地址",
        "urgency": "紧急程度",
        "contact_name": "姓名",
        "contact_phone": "电话",
    }
    english = ["Ticket No", "Received", "Description", "Category", "Area", "Caller phone"]
    assert mapping_propose(headers=english) == {
        "record_id": "Ticket No",
        "received_at": "Received",
        "description": "Description",
        "category": "Category",
        "area": "Area",
        "contact_phone": "Caller phone",
    }


SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The common shape, parsed by fromisoformat...
        ("2026-03-02 09:30", dt.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)),
        (" 2026-03-02 09:30:15 ", dt.datetime(2026, 3, 2, 9, 30, 15, tzinfo=SHANGHAI)),
        ("2026-02-30 09:30", None),
        ("2026-03-02 24:00", None),
        ("2026-03-02 09:60", None),
        # ... and the others by the pattern.
        ("2026/3/2 9:30", dt.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)),
        ("2026年3月2日", dt.datetime(2026, 3, 2, tzinfo=SHANGHAI)),
        ("2026-03-02T09:30:00Z", dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)),
        ("2026-03-02 09:30+08:00", dt.datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)),
        ("2026-02-30", None),
        ("yesterday", None),
    ],
)
def test_dates_in_every_shape_read_the_same(text: str, expected: dt.datetime | None) -> None:
    assert parse_datetime(text, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("mapping", "field"),
    [
        ({"received_at": "来电时间", "category": "类别", "township": "乡镇"}, "description"),
        ({"received_at": "来电时间", "description": "诉求内容", "category": "类别"}, "area"),
        ({"received_at": "nope", "description": "诉求内容", "category": "类别"}, "received_at"),
        (
            {
                "received_at": "来电时间",
                "description": "来电时间",
                "category": "类别",
                "area": "村",
            },
            "description",
        ),
    ],
)
def test_mapping_errors_name_the_field(mapping: dict[str, str], field: str) -> None:
    with pytest.raises(DomainError) as error:
        mapping_clean(mapping=mapping, headers=HEADERS)
    assert error.value.field == field


def test_dry_run_reports_every_bad_row_and_writes_nothing(cast: Cast) -> None:
    rows = [
        hotline_row(1),
        hotline_row(2, received="next tuesday"),
        hotline_row(3, received="2027-01-01 08:00"),
        hotline_row(4, category="不存在的类别"),
        hotline_row(5, township="西镇", village="西村"),  # outside East Town
        hotline_row(6, village="无名村"),
        hotline_row(7, description=""),
        hotline_row(8, description="长" * 5001),
        hotline_row(9, urgency="很急"),
        hotline_row(10, phone="call me"),
        hotline_row(11, received="", category=""),  # two problems on one row
    ]
    batch = upload(user=cast.a_operator, data=csv_bytes(rows))
    before = table_counts()
    result = batch_check(batch=batch)
    assert table_counts() == before
    assert (result.total, result.bad) == (11, 10)
    found = {(p.line, p.column, p.code) for p in batch.problems.all()}
    assert found == {
        (3, "来电时间", "bad_date"),
        (4, "来电时间", "future_date"),
        (5, "类别", "unknown_category"),
        (6, "村", "outside_scope"),
        (7, "村", "unknown_area"),
        (8, "诉求内容", "required"),
        (9, "诉求内容", "too_long"),
        (10, "紧急程度", "bad_urgency"),
        (11, "电话", "bad_phone"),
        (12, "来电时间", "required"),
        (12, "类别", "required"),
    }
    assert batch.problems.get(line=9).message == "Too long: at most 5000 characters."
    # A commit of a batch with bad rows is refused and writes nothing.
    with pytest.raises(DomainError):
        batch_commit(batch=batch)
    assert table_counts() == before


def test_commit_imports_every_row_and_a_reimport_adds_nothing(cast: Cast) -> None:
    data = csv_bytes([hotline_row(n, name="王先生", phone="13800000000") for n in range(1, 8)])
    batch = upload(user=cast.a_operator, data=data)
    batch_check(batch=batch)
    result = batch_commit(batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.rows_imported, result.skipped) == (ImportStatus.COMMITTED, 7, 0)
    assert Case.objects.count() == 7
    assert CaseHolding.objects.count() == 7 and CaseEvent.objects.count() == 7
    case = Case.objects.get(source_system="12345 hotline", source_record_id="RX000001")
    assert case.channel == "hotline" and not case.is_anonymous
    # Contact details went to the vault, not to the case.
    assert "王先生" not in case.title + case.description + case.location_text
    assert ComplainantContact.objects.filter(case=case).exists()

    before = table_counts()
    again = upload(user=cast.a_operator, data=data, name="again.csv")
    assert batch_check(batch=again).skipped == 7
    batch_commit(batch=again)
    again.refresh_from_db()
    assert (again.rows_imported, again.rows_skipped) == (0, 7)
    assert table_counts() == before


def test_rows_without_a_record_number_are_known_by_their_content(cast: Cast) -> None:
    rows = [hotline_row(1)[1:], hotline_row(2, description="另一件事：路灯坏了。")[1:]]
    data = csv_bytes([*rows, rows[0]], headers=HEADERS[1:])
    batch = upload(user=cast.a_operator, data=data)
    batch_check(batch=batch)
    assert batch_commit(batch=batch).skipped == 1  # the same row twice in one file
    assert Case.objects.count() == 2
    again = upload(user=cast.a_operator, data=data)
    batch_check(batch=again)
    batch_commit(batch=again)
    assert Case.objects.count() == 2


def test_a_failure_mid_commit_writes_nothing(cast: Cast, monkeypatch: Any) -> None:
    monkeypatch.setattr("redress.dataio.services.batches.CHUNK", 3)
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(n) for n in range(1, 11)]))
    batch_check(batch=batch)
    before = table_counts()
    real_write = bulk.CaseWriter.write
    calls = []

    def failing_write(self: bulk.CaseWriter, records: Any) -> None:
        calls.append(len(records))
        if len(calls) == 3:
            raise DatabaseError("disk full")
        real_write(self, records)

    with mock.patch.object(bulk.CaseWriter, "write", failing_write), pytest.raises(DatabaseError):
        batch_commit(batch=batch)
    assert calls == [3, 3, 3]
    assert table_counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "disk full" in batch.failure


def test_a_database_error_in_a_later_chunk_writes_nothing(cast: Cast, monkeypatch: Any) -> None:
    """The server refuses the second chunk (on PostgreSQL while the next one is being built):
    nothing is written and the batch names the server's reason."""
    monkeypatch.setattr("redress.dataio.services.batches.CHUNK", 3)
    codes = [f"CODE{n:08d}" for n in range(4)] + ["CODE00000001"] * 20
    monkeypatch.setattr(bulk, "new_tracking_codes", lambda count: codes[::-1])
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(n) for n in range(1, 11)]))
    batch_check(batch=batch)
    before = table_counts()
    with pytest.raises(IntegrityError):
        batch_commit(batch=batch)
    assert table_counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "tracking_code" in batch.failure


def test_bulk_case_equals_case_submit(cast: Cast) -> None:
    received = local_time(2026, 3, 6, 16, 45)  # a Friday afternoon: the clock skips the weekend
    batch = upload(
        user=cast.a_operator,
        data=csv_bytes(
            [hotline_row(1, received="2026-03-06 16:45", name="李女士", phone="13900000000")]
        ),
    )
    batch_check(batch=batch)
    batch_commit(batch=batch)
    imported = Case.objects.get()
    with clock.frozen_at(received):
        submitted, _ = case_submit(
            data=GrievanceInput(
                title=imported.title,
                description="东村建筑工地二十名工人已三个月未领到工资，包工头失联。",
                category=Category.objects.get(code="wage-arrears"),
                jurisdiction=cast.village_a,
                channel="hotline",
                location_text="东村工地",
                contact=ContactDetails(name="李女士", phone="13900000000"),
            ),
            actor=cast.a_operator,
        )
    ignored = {"id", "tracking_code", "created_at", "updated_at", "idempotency_fingerprint"}
    # What an import adds: the source record on the case and the batch on its first event.
    assert (imported.source_system, imported.source_record_id) == ("12345 hotline", "RX000001")
    ignored |= {"source_system", "source_record_id"}
    event = imported.events.get()
    assert event.data.pop("import_batch") == batch.pk
    event.save(update_fields=["data"])

    def fields(case: Case) -> dict[str, Any]:
        row = Case.objects.filter(pk=case.pk).values().get()
        return {k: v for k, v in row.items() if k not in ignored}

    assert fields(imported) == fields(submitted)
    assert fields(imported)["due_at"] is not None

    def children(case: Case) -> list[Any]:
        events = list(
            case.events.values(
                "kind", "at", "actor_id", "actor_label", "to_status", "data", "is_public"
            )
        )
        holdings = list(case.holdings.values("department_id", "started_at", "ended_at"))
        return [events, holdings]

    assert children(imported) == children(submitted)
    revealed = contact_read(user=cast.a_director, case=imported, reason="回访核实情况")
    assert revealed is not None and revealed.phone == "13900000000"


def test_a_batch_is_committed_once(cast: Cast) -> None:
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(1)]))
    batch_check(batch=batch)
    stale = type(batch).objects.get(pk=batch.pk)  # a second request, loaded before the first
    batch_commit(batch=batch)
    with pytest.raises(DomainError):
        batch_commit(batch=stale)
    assert Case.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED


def test_only_operators_and_directors_import(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        upload(user=cast.a_handler, data=csv_bytes([hotline_row(1)]))


def test_worker_commits_queued_batches_once(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    from redress.dataio.services.batches import batch_queue

    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(n) for n in range(1, 4)]))
    batch_check(batch=batch)
    batch_queue(batch=batch)
    idle = upload(user=cast.a_operator, data=csv_bytes([hotline_row(9)]))
    path = Path(batch.file.path)
    counts = {"imports_committed": 1, "imports_failed": 0, "imports_expired": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert imports_commit_pending(now=NOW) == counts
    counts = {"imports_committed": 0, "imports_failed": 0, "imports_expired": 0}
    assert imports_commit_pending(now=NOW) == counts
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED and batch.progress_percent == 100
    assert Case.objects.count() == 3
    # The uploaded files (contact details outside the vault) go: once imported, or unused.
    assert not path.exists() and not batch.file
    idle_path = Path(idle.file.path)
    later = NOW + dt.timedelta(days=8)
    assert imports_commit_pending(now=later)["imports_expired"] == 1
    idle.refresh_from_db()
    assert idle.status == ImportStatus.FAILED and not idle_path.exists()
    with pytest.raises(DomainError) as error:
        batch_check(batch=idle)
    assert error.value.field == "file"


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin"])
def test_the_writers_clocks_equal_clock_start(cast: Cast, settings: Any, zone: str) -> None:
    """The writer reuses a day's clock for other moments of the day; it must give what
    clock_start gives, also across a daylight-saving change."""
    import datetime as dt
    import random

    from django.utils import timezone

    from redress.cases.services.clock import clock_start
    from redress.clocks.calendar import calendar_for_jurisdiction_ids
    from redress.dataio.models import ImportBatch
    from redress.dataio.services.rows import Record

    settings.TIME_ZONE = zone
    timezone.activate(zone)
    try:
        batch = ImportBatch(channel="hotline", source_name="s")
        writer = bulk.CaseWriter(batch=batch, actor=cast.a_operator)
        category = Category.objects.get(code="work-safety")  # urgent: a clock in hours
        rng = random.Random(4)
        start = dt.datetime(2026, 3, 27, tzinfo=timezone.get_current_timezone())
        for urgency in ("urgent", "normal"):
            for _ in range(100):
                at = start + dt.timedelta(minutes=rng.randrange(4 * 24 * 60))
                record = Record(
                    line=2, key="k", received_at=at, title="t", description="d",
                    category=category, jurisdiction=cast.village_a, urgency=urgency,
                    location_text="", people_affected=1, latitude=None, longitude=None,
                    contact_name="", contact_phone="",
                )  # fmt: skip
                writer.build(record)
                case = writer._template(record).case
                expected = Case(
                    category=category, urgency=urgency, jurisdiction_path=cast.village_a.path
                )
                calendar = calendar_for_jurisdiction_ids(cast.village_a.ancestor_ids())
                clock_start(expected, stage=ClockStage.ACCEPTANCE, at=at, calendar=calendar)
                fields = ("clock_stage", "clock_started_at", "clock_unit", "due_at")
                fields += ("next_action_at", "escalation_step", "paused_at")
                for name in fields:
                    assert getattr(case, name) == getattr(expected, name), (name, at)
    finally:
        timezone.deactivate()


def test_gb18030_csv_from_excel_is_read(cast: Cast) -> None:
    data = csv_bytes([hotline_row(1)]).decode("utf-8").encode("gb18030")
    batch = upload(user=cast.a_operator, data=data)
    assert batch.headers[:3] == ["编号", "来电时间", "诉求内容"]
    assert batch_check(batch=batch).bad == 0
    batch_commit(batch=batch)
    assert Case.objects.get().location_text == "东村工地"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_is_written_beside_the_batch_row(cast: Cast) -> None:
    """The progress writer (a second connection on PostgreSQL) leaves the batch row alone:
    the import's foreign-key checks lock it."""
    from django.db import connection

    from redress.dataio.models import ImportBatch, ImportProgress
    from redress.dataio.services.batches import ProgressWriter

    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(1)]))
    before = ImportBatch.objects.values_list("updated_at", "progress_done").get(pk=batch.pk)
    progress = ProgressWriter(batch)
    try:
        progress(5000)
    finally:
        progress.close()
    after = ImportBatch.objects.values_list("updated_at", "progress_done").get(pk=batch.pk)
    assert after == before
    written = ImportProgress.objects.filter(batch=batch).values_list("done", flat=True).first()
    assert written == (5000 if connection.vendor == "postgresql" else None)


def test_an_import_leaves_the_switch_interval_as_it_was(cast: Cast) -> None:
    """The writer shortens Python's thread switch interval while its COPY thread runs."""
    import sys

    before = sys.getswitchinterval()
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(n) for n in range(1, 4)]))
    batch_check(batch=batch)
    batch_commit(batch=batch)
    assert Case.objects.count() == 3
    assert sys.getswitchinterval() == before
