"""A run's ranking as CSV (streamed), XLSX and PDF. Scores of units only: no persons, no
contact details."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from redress.scorecards.indicators import indicator_label
from redress.scorecards.models import ScoreCard, ScoreRun


class _Echo:
    def write(self, value: str) -> str:
        return value


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
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the Chinese names as UTF-8
    yield writer.writerow(_header(run))
    for row in _rows(run, cards):
        yield writer.writerow(row)


def ranking_xlsx(run: ScoreRun, cards: list[ScoreCard]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(run.year)
    sheet.append([f"{run.jurisdiction.name} {run.year}"])
    sheet.append(_header(run))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _rows(run, cards):
        sheet.append(row)
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
