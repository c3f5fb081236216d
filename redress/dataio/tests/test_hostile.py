"""Imports of files made to hurt: impossible dates, control characters, zip and XML bombs,
malformed sheets, huge lines. Each is a row or file error for the importer, never a 500, and a
refused import writes no case."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from redress.cases.models import Case
from redress.core.errors import DomainError
from redress.dataio.models import ImportBatch, ImportStatus
from redress.dataio.services.batches import (
    batch_check,
    batch_commit,
    imports_claimable,
)
from redress.dataio.testing import HEADERS, NOW, csv_bytes, hotline_row, table_counts, upload
from redress.orgs.testing import Cast


def xlsx_bytes(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_with(member: str, content: bytes, *, base: bytes | None = None) -> bytes:
    """A valid workbook with one member's content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(base or xlsx_bytes([hotline_row(1)])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
        target.writestr(member, content)
    return buffer.getvalue()


def _problems(batch: ImportBatch) -> set[tuple[int, str, str]]:
    return {(p.line, p.column, p.code) for p in batch.problems.all()}


# 1. Impossible and extreme dates and numbers are row errors naming the row and column.
@pytest.mark.parametrize(
    ("received", "code"),
    [
        ("2026-03-02 09:30+24:00", "bad_date"),
        ("2026-03-02T09:30-2400", "bad_date"),
        ("inf", "bad_date"),
        ("1e400", "bad_date"),
        ("2026-02-30 09:30", "bad_date"),
        ("2026年2月30日", "bad_date"),
        ("0001-01-01 00:00", "bad_date"),
        ("0001-01-01T00:00:00+14:00", "bad_date"),
        ("9999-12-31 23:59", "future_date"),
    ],
)
def test_impossible_dates_are_row_errors(cast: Cast, received: str, code: str) -> None:
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(1, received=received)]))
    before = table_counts()
    result = batch_check(batch=batch)
    assert result.bad == 1
    assert _problems(batch) == {(2, "来电时间", code)}
    with pytest.raises(DomainError):
        batch_commit(batch=batch)
    assert table_counts() == before


@pytest.mark.parametrize("people", ["inf", "1e400", "-inf", "nan", "9" * 400])
def test_extreme_numbers_are_row_errors(cast: Cast, people: str) -> None:
    headers = [*HEADERS, "涉及人数"]
    data = csv_bytes([[*hotline_row(1), people]], headers=headers)
    batch = upload(user=cast.a_operator, data=data)
    batch_check(batch=batch)
    assert _problems(batch) == {(2, "涉及人数", "bad_number")}


def test_extreme_dates_in_xlsx_cells_are_row_errors(cast: Cast) -> None:
    import datetime as dt
    import re

    def received(number: int, value: Any) -> list[Any]:
        row: list[Any] = hotline_row(number)
        row[1] = value
        return row

    rows = [
        hotline_row(1),
        received(2, dt.datetime(1, 1, 1)),
        received(3, 0.5),  # a number, made 1e400 below
        received(4, dt.datetime(2026, 1, 1)),  # a date cell, its serial made 1e20 below
    ]
    base = xlsx_bytes(rows)
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'(<c r="B4"[^>]*><v>)[^<]*', r"\g<1>1e400", sheet)
    sheet = re.sub(r'(<c r="B5"[^>]*><v>)[^<]*', r"\g<1>1e20", sheet)
    data = xlsx_with("xl/worksheets/sheet1.xml", sheet.encode(), base=base)
    batch = upload(user=cast.a_operator, data=data, name="records.xlsx")
    result = batch_check(batch=batch)
    assert (result.total, result.bad) == (4, 3)
    assert _problems(batch) == {(n, "来电时间", "bad_date") for n in (3, 4, 5)}


# 2. Control characters are row errors in the dry run, and the commit writes nothing.
@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe"])
def test_control_characters_are_row_errors(cast: Cast, character: str) -> None:
    rows = [
        hotline_row(1),
        hotline_row(2, description=f"工资{character}未付"),
        hotline_row(3, name=f"王{character}"),
    ]
    batch = upload(user=cast.a_operator, data=csv_bytes(rows))
    before = table_counts()
    result = batch_check(batch=batch)
    assert (result.total, result.bad) == (3, 2)
    assert _problems(batch) == {(3, "诉求内容", "unstorable"), (4, "姓名", "unstorable")}
    with pytest.raises(DomainError):
        batch_commit(batch=batch)
    assert table_counts() == before


def test_a_commit_without_a_dry_run_refuses_control_characters_and_writes_nothing(
    cast: Cast,
) -> None:
    rows = [hotline_row(n) for n in range(1, 5)] + [hotline_row(5, description="a\x00b")]
    batch = upload(user=cast.a_operator, data=csv_bytes(rows))
    before = table_counts()
    with pytest.raises(DomainError):
        batch_commit(batch=batch)
    assert table_counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert _problems(batch) == {(6, "诉求内容", "unstorable")}


# 3. Hostile files are file errors: on the upload page (a form error), never a 500.
def _zip_bomb() -> bytes:
    # One member that inflates to 300 MB from about 300 KB.
    return xlsx_with("xl/media/padding.bin", b"\0" * (300 * 1024 * 1024))


def _with_shared_strings(xml: bytes) -> bytes:
    """A workbook whose content types name a shared strings part, which openpyxl then reads
    whole when the workbook opens."""
    base = xlsx_bytes([hotline_row(1)])
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    base = xlsx_with("[Content_Types].xml", types.replace(b"</Types>", override), base=base)
    return xlsx_with("xl/sharedStrings.xml", xml, base=base)


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>&lol9;</t></si></sst>"
    )
    return _with_shared_strings(xml.encode())


def _many_shared_strings() -> bytes:
    strings = b"<si><t>x</t></si>" * 2_000_000
    xml = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        b'main" count="2000000" uniqueCount="2000000">' + strings + b"</sst>"
    )
    return _with_shared_strings(xml)


def _malformed_sheet() -> bytes:
    return xlsx_with("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c r=")


def _malformed_rows() -> bytes:
    # A header that reads, then a row whose XML breaks: the dry run must say so.
    base = xlsx_bytes([hotline_row(1)])
    sheet = zipfile.ZipFile(io.BytesIO(base)).read("xl/worksheets/sheet1.xml")
    broken = sheet.replace(b"</sheetData>", b'<row r="3"><c r="A3" t="s"><v>99999</v></c>')
    return xlsx_with("xl/worksheets/sheet1.xml", broken, base=base)


HOSTILE = {
    "zip_bomb": (_zip_bomb, "records.xlsx"),
    "billion_laughs": (_billion_laughs, "records.xlsx"),
    "many_shared_strings": (_many_shared_strings, "records.xlsx"),
    "malformed_sheet": (_malformed_sheet, "records.xlsx"),
    "png_renamed": (
        lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        "records.xlsx",
    ),
    "huge_line": (lambda: ",".join(HEADERS).encode() + b"\n" + b"x" * (3 << 20), "records.csv"),
    "huge_field": (
        lambda: ",".join(HEADERS).encode() + b'\n"' + b"x" * (1 << 20) + b'"\n',
        "records.csv",
    ),
    "many_columns": (lambda: b",".join([b"h%d" % n for n in range(5000)]) + b"\n", "records.csv"),
    "not_utf8": (lambda: ",".join(HEADERS).encode() + b"\n" + b"\xff\xfe\x00" * 30, "x.csv"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_files_are_file_errors(client: Client, cast: Cast, kind: str) -> None:
    make, name = HOSTILE[kind]
    data = make()
    client.force_login(cast.a_operator)
    before = table_counts()
    batches = ImportBatch.objects.count()
    response = client.post(
        reverse("dataio:batches"),
        {"file": SimpleUploadedFile(name, data), "source_name": "12345", "channel": "hotline"},
    )
    if response.status_code == 302:
        # The header read; the rest of the file fails in the dry run, as a file error.
        batch = ImportBatch.objects.latest("id")
        response = client.post(reverse("dataio:batch", args=[batch.pk]), batch.mapping)
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert errors, kind
    else:
        assert response.status_code == 200
        assert "file" in response.context["form"].errors, kind
        assert ImportBatch.objects.count() == batches
    assert table_counts() == before


def test_openpyxl_parses_with_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_a_broken_row_after_the_header_is_a_file_error_in_the_dry_run(cast: Cast) -> None:
    batch = upload(user=cast.a_operator, data=_malformed_rows(), name="records.xlsx")
    with pytest.raises(DomainError) as error:
        batch_check(batch=batch)
    assert error.value.field == "file"


def test_too_many_rows_is_a_file_error(cast: Cast, settings: Any) -> None:
    settings.REDRESS_IMPORT_MAX_ROWS = 3
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(n) for n in range(1, 5)]))
    with pytest.raises(DomainError) as error:
        batch_check(batch=batch)
    assert error.value.field == "file" and error.value.code == "too_many_rows"


def test_too_wide_a_row_is_a_file_error(cast: Cast, settings: Any) -> None:
    settings.REDRESS_IMPORT_MAX_COLUMNS = 12
    wide = [*hotline_row(2), *["x"] * 5]
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(1), wide]))
    with pytest.raises(DomainError) as error:
        batch_check(batch=batch)
    assert error.value.field == "file" and error.value.code == "too_many_columns"


def test_xlsx_limits_are_read_from_the_zip_directory(cast: Cast, settings: Any) -> None:
    settings.REDRESS_IMPORT_XLSX_MAX_BYTES = 1024
    with pytest.raises(DomainError) as error:
        upload(user=cast.a_operator, data=xlsx_bytes([hotline_row(1)]), name="records.xlsx")
    assert error.value.field == "file" and error.value.code == "too_large"


# 6. The inline commit claims the batch in the same statement that starts it.
def test_the_worker_does_not_claim_an_inline_commit(cast: Cast) -> None:
    batch = upload(user=cast.a_operator, data=csv_bytes([hotline_row(1), hotline_row(2)]))
    batch_check(batch=batch)
    seen: list[list[int]] = []

    def progress(done: int) -> None:
        # The worker's claim query, run while the request's commit is under way.
        seen.append(list(imports_claimable(now=NOW)))

    batch_commit(batch=batch, progress=progress)
    assert seen == [[]]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED and batch.claimed_at is not None
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "source", "field"),
    [("re\x00cords.csv", "12345", "file"), ("records.csv", "12\x01345", "source_name")],
)
def test_control_characters_in_the_upload_names_are_field_errors(
    cast: Cast, name: str, source: str, field: str
) -> None:
    batches = ImportBatch.objects.count()
    with pytest.raises(DomainError) as error:
        upload(user=cast.a_operator, data=csv_bytes([hotline_row(1)]), name=name, source=source)
    assert error.value.field == field
    assert ImportBatch.objects.count() == batches
