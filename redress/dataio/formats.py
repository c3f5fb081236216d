"""Reading uploaded CSV and XLSX files one row at a time (a million-row file never sits in
memory), with the line numbers a person sees in a spreadsheet program.

An upload is hostile until read: an 84 KB XLSX can unpack to two million shared strings (16 s
and 200 MB before the first row), a CSV can be one 200 MB line, a sheet can claim 16,384
columns that each row is then padded to. So the zip directory is checked against the limits in
settings (REDRESS_IMPORT_*) before any XML is parsed (zipfile never inflates a member past the
size the directory declares), XML is parsed by defusedxml (openpyxl uses it when installed: no
entities, no billion laughs), lines, rows and columns are capped while reading, and anything the
readers raise on a malformed file is a file error for the importer, never a 500."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import logging
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from redress.core.errors import DomainError
from redress.core.text import is_storable
from redress.dataio.models import ImportFormat

Cell = str
logger = logging.getLogger(__name__)
# A physical line of CSV longer than this is no record (a description holds 5,000 characters).
MAX_LINE_CHARS = 1 << 20
HEADER_MAX = 200
# Members this small may compress as well as they like (styles, an empty sheet).
_RATIO_EXEMPT_BYTES = 1 << 20
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
        if not all(is_storable(name) and len(name) <= HEADER_MAX for name in headers):
            raise _file_error(
                _("The header row holds control characters or a name over %(max)s characters.")
                % {"max": HEADER_MAX},
                code="bad_header",
            )
        return headers
    raise DomainError(_("The file has no header row."), field="file", code="empty")


def iter_rows(
    *, path: Path, file_format: str, header: bool = False
) -> Iterator[tuple[int, list[Cell]]]:
    """(line number, cells) for each data row, skipping blank rows; with header=True only the
    header row. Raises DomainError (field "file") on a file that cannot be read or is past the
    limits."""
    max_rows: int = settings.REDRESS_IMPORT_MAX_ROWS
    max_columns: int = settings.REDRESS_IMPORT_MAX_COLUMNS
    rows = _xlsx_rows(path, header, max_columns) if file_format == ImportFormat.XLSX else None
    try:
        for line, row in rows if rows is not None else _csv_rows(path, header):
            if len(row) > max_columns and any(row[max_columns:]):
                raise _file_error(
                    _("Line %(line)s has more than %(max)s columns.")
                    % {"line": line, "max": max_columns},
                    code="too_many_columns",
                )
            if line > max_rows + 1:
                raise _file_error(
                    _("The file has more than %(max)s rows: split it.") % {"max": max_rows},
                    code="too_many_rows",
                )
            yield line, row
    except (UnicodeDecodeError, csv.Error) as error:
        raise _file_error(
            _("The file cannot be read as CSV: %(error)s") % {"error": error}
        ) from None


def _file_error(message: str, *, code: str = "unreadable") -> DomainError:
    return DomainError(message, field="file", code=code)


def _csv_lines(handle: IO[str]) -> Iterable[str]:
    """The file's lines, refusing one too long to be a record before it sits in memory."""
    while line := handle.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise _file_error(
                _("A line of the file is longer than %(max)s characters.")
                % {"max": MAX_LINE_CHARS},
                code="line_too_long",
            )
        yield line


def _csv_rows(path: Path, header: bool) -> Iterator[tuple[int, list[Cell]]]:
    with _open_csv(path) as handle:
        reader = csv.reader(_csv_lines(handle))
        for row in reader:
            if header:
                yield reader.line_num, row
                return
            break
        for row in reader:
            if any(row):
                yield reader.line_num, row


def _xlsx_limits(path: Path) -> None:
    """The zip directory against the limits, before anything is inflated or parsed."""
    max_total: int = settings.REDRESS_IMPORT_XLSX_MAX_BYTES
    max_member: int = settings.REDRESS_IMPORT_XLSX_MAX_MEMBER_BYTES
    max_ratio: int = settings.REDRESS_IMPORT_XLSX_MAX_RATIO
    too_large = _file_error(
        _("The XLSX file unpacks to more than its limit; save it as CSV or split it."),
        code="too_large",
    )
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    if sum(member.file_size for member in members) > max_total:
        raise too_large
    for member in members:
        if member.file_size > max_member:
            raise too_large
        if member.file_size > _RATIO_EXEMPT_BYTES and member.file_size > max_ratio * max(
            member.compress_size, 1
        ):
            raise too_large


def _xlsx_rows(path: Path, header: bool, max_columns: int) -> Iterator[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook

    workbook = None
    try:
        _xlsx_limits(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # One column past the limit, to see a row that goes beyond it; not the sheet's own
        # claimed width, to which every row would be padded.
        values = sheet.iter_rows(values_only=True, max_col=max_columns + 1)
        for number, cells in enumerate(values, start=1):
            row = [_cell(value) for value in cells]
            if number == 1:
                if header:
                    yield number, row
                    return
                continue
            if any(row):
                yield number, row
    except DomainError:
        raise
    except Exception as error:
        # Whatever a malformed workbook makes the reader raise, on opening or on any row
        # (BadZipFile, KeyError, a parse error, defusedxml's refusal of entities, TypeError
        # from a broken part...).
        logger.info("unreadable XLSX upload: %r", error)
        raise _file_error(
            _("The file cannot be read as XLSX: %(error)s") % {"error": error}
        ) from None
    finally:
        if workbook is not None:
            workbook.close()


def count_rows(*, path: Path, file_format: str) -> int:
    # Counting records, not lines: a description may hold line breaks.
    return sum(1 for _row in iter_rows(path=path, file_format=file_format))
