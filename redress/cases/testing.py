"""Helpers for tests that need a case in a given state."""

from __future__ import annotations

import contextlib
import datetime as dt
import struct
import zlib
from collections.abc import Iterator

from django.utils import timezone

from redress.cases.models import Case, Category
from redress.cases.services import ContactDetails, GrievanceInput, case_submit
from redress.orgs.models import Jurisdiction


def submit_case(
    *,
    jurisdiction: Jurisdiction,
    category_code: str = "wage-arrears",
    title: str = "工地拖欠工资三个月",
    contact: ContactDetails | None = None,
    idempotency_key: str | None = None,
) -> Case:
    case, _ = case_submit(
        data=GrievanceInput(
            title=title,
            description="东村建筑工地二十名工人已三个月未领到工资，包工头失联。",
            category=Category.objects.get(code=category_code),
            jurisdiction=jurisdiction,
            people_affected=20,
            contact=contact or ContactDetails(),
            consent_to_contact=contact is not None,
        ),
        idempotency_key=idempotency_key,
    )
    return case


def local_time(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment on the office's wall clock (settings.TIME_ZONE), timezone-aware."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


@contextlib.contextmanager
def unchanged(*cases: Case) -> Iterator[None]:
    """Asserts that the block leaves the cases' rows, their holdings and every timeline as they
    were: a refused step writes nothing."""
    from redress.cases.models import CaseEvent, CaseHolding

    def snapshot() -> tuple[object, ...]:
        return (
            [Case.objects.filter(pk=case.pk).values().get() for case in cases],
            list(CaseHolding.objects.filter(case__in=cases).order_by("pk").values()),
            CaseEvent.objects.count(),
        )

    before = snapshot()
    yield
    assert snapshot() == before


def ensure_default_categories() -> None:
    """Tests on a transactional database (live server, threads) can find the rows of the data
    migrations flushed by an earlier such test; put the default taxonomy back."""
    import importlib

    from django.apps import apps

    if Category.objects.exists():
        return
    migration = importlib.import_module("redress.cases.migrations.0003_default_categories")
    migration.create_categories(apps, None)


def png_of_zeros(size: tuple[int, int], rows: int | None = None) -> bytes:
    """A PNG of `size`, black, compressed a row at a time (never held whole): the file a
    decompression bomb is. With `rows`, only that many rows of pixel data."""
    width, height = size

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    packer = zlib.compressobj(9)
    line = b"\0" * (1 + 3 * width)
    data = b"".join(packer.compress(line) for _ in range(height if rows is None else rows))
    data += packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
