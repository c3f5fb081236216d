"""A run's ranking as CSV (streamed), XLSX and PDF. Scores of units only: no persons, no
contact details."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from redress.core.spreadsheet import csv_stream, row_values
from redress.scorecards.indicators import indicator_label
from redress.scorecards.models import ScoreCard, ScoreRun


def _header(run: ScoreRun) -> list[str]:
    codes = [entry["code"] for entry in run.scheme["indicators"]]
    return [_("Rank"), _("Unit"), _("Score"), _("Veto"), *[indicator_label(code) for code in codes]]


def _rows(run: ScoreRun, cards: list[ScoreCard]) -> Iterator[list[object]]:
    codes = [entry["code"] for entry in run.scheme["indicators"]]
    for card in cards:
        cells: list[object] = [card.rank, card.unit.name, round(card.score, 2)]
        cells.append(_("failed") if card.failed else (_("capped") if card.vetoed else ""))
        for code in codes:
            item = card.indicator(code) or {}
            points = item.get("points")
            cells.append(round(float(points), 2) if isinstance(points, (int, float)) else _("n/a"))
        yield cells


def ranking_csv(run: ScoreRun, cards: list[ScoreCard]) -> Iterator[str]:
    # Names as text, never formulas (redress.core.spreadsheet), after a byte-order mark.
    return csv_stream(itertools.chain([_header(run)], _rows(run, cards)))


def ranking_xlsx(run: ScoreRun, cards: list[ScoreCard]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(run.year)
    sheet.append(row_values([f"{run.jurisdiction.name} {run.year}"]))
    sheet.append(row_values(_header(run)))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _rows(run, cards):
        sheet.append(row_values(row))
    sheet.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ranking_pdf(run: ScoreRun, cards: list[ScoreCard]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "scorecards/ranking_pdf.html",
        {"run": run, "header": _header(run), "rows": list(_rows(run, cards))},
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
