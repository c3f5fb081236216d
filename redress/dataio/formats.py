"""Reading uploaded CSV and XLSX files one row at a time (a million-row file never sits in
memory), with the line numbers a person sees in a spreadsheet program."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from redress.core.errors import DomainError
from redress.dataio.models import ImportFormat

Cell = str
# Offices save CSV from Excel in GB18030 (GBK) as often as in UTF-8.
_SNIFF_BYTES = 1 << 16


def format_from_name(name: str) -> str:
    lowered = name.lower()
    if lowered.endswith(".csv") or lowered.endswith(".txt"):
        return ImportFormat.CSV
    if lowered.endswith(".xlsx"):
        return ImportFormat.XLSX
    raise DomainError(_("Upload a .csv or .xlsx file."), field="file", code="format")


def _csv_encoding(path: Path) -> str:
    with path.open("rb") as raw:
        head = raw.read(_SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if error.start < len(head) - 4:
            return "gb18030"
    return "utf-8"


def _open_csv(path: Path) -> IO[str]:
    return path.open(encoding=_csv_encoding(path), newline="", errors="strict")


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_header(*, path: Path, file_format: str) -> list[str]:
    for _line, row in iter_rows(path=path, file_format=file_format, header=True):
        headers = [cell.strip() for cell in row]
        while headers and not headers[-1]:
            headers.pop()
        if not headers:
            break
        return headers
    raise DomainError(_("The file has no header row."), field="file", code="empty")


def iter_rows(
    *, path: Path, file_format: str, header: bool = False
) -> Iterator[tuple[int, list[Cell]]]:
    """(line number, cells) for each data row, skipping blank rows; with header=True only the
    header row. Raises DomainError on a file that cannot be read."""
    try:
        if file_format == ImportFormat.XLSX:
            yield from _xlsx_rows(path, header)
        else:
            yield from _csv_rows(path, header)
    except (UnicodeDecodeError, csv.Error) as error:
        raise DomainError(
            _("The file cannot be read as CSV: %(error)s") % {"error": error},
            field="file",
            code="unreadable",
        ) from None


def _csv_rows(path: Path, header: bool) -> Iterator[tuple[int, list[Cell]]]:
    with _open_csv(path) as handle:
        reader = csv.reader(handle)
        for row in reader:
            if header:
                yield reader.line_num, row
                return
            break
        for row in reader:
            if any(row):
                yield reader.line_num, row


def _xlsx_rows(path: Path, header: bool) -> Iterator[tuple[int, list[Cell]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DomainError(
            _("The file cannot be read as XLSX: %(error)s") % {"error": error},
            field="file",
            code="unreadable",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            row = [_cell(value) for value in values]
            if number == 1:
                if header:
                    yield number, row
                    return
                continue
            if any(row):
                yield number, row
    finally:
        workbook.close()


def count_rows(*, path: Path, file_format: str) -> int:
    # Counting records, not lines: a description may hold line breaks.
    return sum(1 for _row in iter_rows(path=path, file_format=file_format))
