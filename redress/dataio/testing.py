"""Helpers for tests of imports: a CSV file from rows, and a count of every table's rows."""

from __future__ import annotations

import csv
import io

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.testing import local_time
from redress.dataio.models import ImportBatch
from redress.dataio.services.batches import batch_map, batch_upload
from redress.orgs.models import User

# The moment every dataio test runs at (redress/dataio/tests/conftest.py).
NOW = local_time(2026, 3, 10, 10)
HEADERS = ["编号", "来电时间", "诉求内容", "类别", "乡镇", "村", "地址", "紧急程度", "姓名", "电话"]
# The dataio tables hold the import's own report, which a dry run does write.
REPORT_TABLES = {"dataio_importbatch", "dataio_importproblem"}


def csv_bytes(rows: list[list[str]], headers: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers or HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def hotline_row(
    number: int,
    *,
    received: str = "2026-03-02 09:30",
    description: str = "东村建筑工地二十名工人已三个月未领到工资，包工头失联。",
    category: str = "欠薪",
    township: str = "东镇",
    village: str = "东村",
    urgency: str = "",
    name: str = "",
    phone: str = "",
) -> list[str]:
    return [
        f"RX{number:06d}",
        received,
        description,
        category,
        township,
        village,
        "东村工地",
        urgency,
        name,
        phone,
    ]


def upload(
    *,
    user: User,
    data: bytes,
    name: str = "records.csv",
    source: str = "12345 hotline",
    mapping: dict[str, str] | None = None,
) -> ImportBatch:
    batch = batch_upload(
        user=user,
        upload=SimpleUploadedFile(name, data),
        name=name,
        source_name=source,
        channel="hotline",
    )
    return batch_map(batch=batch, mapping=mapping if mapping is not None else dict(batch.mapping))


def table_counts() -> dict[str, int]:
    """Rows in every table of the project, but the import's own report."""
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table not in REPORT_TABLES and model._meta.managed
    }
