"""A pass reading by id waits at a gap left by a transaction that has not committed yet, and
passes gaps that were rolled back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from redress.cases.testing import submit_case
from redress.clocks.models import RecordEntryKind, Stage, UnitRecordEntry
from redress.core.watermark import Watermark, _taken, readable_ids
from redress.earlywarning.counts import counts_update
from redress.earlywarning.models import DailyCount, ScanState
from redress.supervision.models import AccountabilityRecord
from redress.supervision.worker import accountability_pass as accountability_run_clocks

needs_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


class Rollback(Exception):
    pass


@pytest.mark.parametrize(
    ("ids", "after", "settled_below", "taken"),
    [
        ([5, 6, 7], 4, 4, 3),  # no gap
        ([5, 7, 8], 4, 4, 1),  # stops before the gap at 6
        ([5, 7, 8], 4, 7, 3),  # the gap lies below what is settled
        ([9, 10], 4, 7, 0),  # 8 is missing and was not seen when the gap was settled
        ([9, 10], 4, 8, 2),
        ([], 4, 4, 0),
    ],
)
def test_ids_are_taken_up_to_the_first_unsettled_gap(ids, after, settled_below, taken):
    assert _taken(ids, after=after, settled_below=settled_below) == taken


@pytest.mark.django_db
def test_without_concurrent_writers_every_gap_is_passed_at_once():
    mark = Watermark(last_id=4)
    assert readable_ids([5, 9, 12], mark) == 3
    assert mark.gap_seen_at is None


@contextmanager
def case_in_open_transaction(jurisdiction, *, commit: bool) -> Iterator[None]:
    """A case inserted by another session whose transaction stays open inside the block, and
    then commits or rolls back."""
    inserted, finish = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            with transaction.atomic():
                submit_case(jurisdiction=jurisdiction, title="晚提交的诉求")
                inserted.set()
                finish.wait(timeout=30)
                if not commit:
                    raise Rollback
        except Rollback:
            pass
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
            inserted.set()
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert inserted.wait(timeout=30)
        yield
    finally:
        finish.set()
        writer.join(timeout=30)
    assert not errors, errors


def counted_total() -> int:
    return sum(
        DailyCount.objects.filter(jurisdiction__parent__isnull=True).values_list("count", flat=True)
    )


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_case_committed_after_a_higher_one_is_still_counted(cast):
    submit_case(jurisdiction=cast.village_a)
    assert counts_update() == 1
    with case_in_open_transaction(cast.village_a, commit=True):
        submit_case(jurisdiction=cast.village_b)  # a higher id, committed first
        assert counts_update() == 0  # waits at the open transaction's id
        assert counts_update() == 0
        assert ScanState.objects.get().gap_seen_at is not None
    assert counts_update() == 2
    assert counted_total() == 3
    assert ScanState.objects.get().gap_seen_at is None


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_gap_left_by_a_rollback_is_passed(cast):
    with case_in_open_transaction(cast.village_a, commit=False):
        submit_case(jurisdiction=cast.village_b)
        assert counts_update() == 0
    assert counts_update() == 1
    assert counted_total() == 1


def warning_entry(case) -> UnitRecordEntry:
    return UnitRecordEntry.objects.create(
        department=case.department,
        case=case,
        kind=RecordEntryKind.WARNING,
        stage=Stage.ACCEPTANCE,
        due_at=case.submitted_at,
    )


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_warning_committed_after_a_higher_one_still_becomes_an_accountability_record(cast):
    case = submit_case(jurisdiction=cast.village_a)
    inserted, finish = threading.Event(), threading.Event()

    def write_late() -> None:
        try:
            with transaction.atomic():
                warning_entry(case)
                inserted.set()
                finish.wait(timeout=30)
        finally:
            inserted.set()
            connection.close()

    writer = threading.Thread(target=write_late)
    writer.start()
    try:
        assert inserted.wait(timeout=30)
        higher = warning_entry(case)
        assert accountability_run_clocks(now=case.submitted_at) == {"records": 0}
    finally:
        finish.set()
        writer.join(timeout=30)
    assert accountability_run_clocks(now=case.submitted_at) == {"records": 2}
    recorded = set(AccountabilityRecord.objects.values_list("unit_record_id", flat=True))
    assert recorded == set(UnitRecordEntry.objects.values_list("pk", flat=True))
    assert higher.pk in recorded
