"""Charts for the briefing, drawn on the server as SVG (the PDF needs no JavaScript). Text is
drawn as outlines in the SVG, so Chinese labels need no font at the reader's end; the
matplotlib font family only has to find the CJK glyphs here."""

from __future__ import annotations

import base64
import io
from contextlib import AbstractContextManager

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from redress.reports.briefings.build import BriefingFigures, CountRow

FONT_FAMILY = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
INK, ACCENT, MUTED, LINE = "#1f2d3d", "#1f5f99", "#9aa8b8", "#d9e0e8"
CHART_ROWS = 10


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=96)
    FigureCanvasSVG(figure)
    return figure


def _style(axes: object) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)  # type: ignore[attr-defined]
    axes.spines["left"].set_color(LINE)  # type: ignore[attr-defined]
    axes.spines["bottom"].set_color(LINE)  # type: ignore[attr-defined]
    axes.tick_params(colors=INK, labelsize=8)  # type: ignore[attr-defined]


def _svg_data_uri(figure: Figure) -> str:
    buffer = io.StringIO()
    with _fonts():
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue().encode()).decode()


def _fonts() -> AbstractContextManager[None]:
    # rc_context without pyplot (pyplot keeps global figures): what the SVG writer reads.
    return matplotlib.rc_context(
        {"font.family": FONT_FAMILY, "svg.fonttype": "none", "svg.hashsalt": "redress"}
    )


def weekly_chart(briefing: BriefingFigures) -> str:
    with _fonts():
        figure = _figure(6.6, 1.8)
        axes = figure.add_subplot()
        labels = [label.split("-")[1] for label, _ in briefing.weekly]
        values = [n for _, n in briefing.weekly]
        colours = [MUTED] * (len(values) - 1) + [ACCENT]
        bars = axes.bar(labels, values, color=colours, width=0.7)
        axes.bar_label(bars, fontsize=7, color=INK, padding=1)
        _style(axes)
        axes.set_yticks([])
        axes.spines["left"].set_visible(False)
    return _svg_data_uri(figure)


def comparison_chart(rows: list[CountRow], *, current: str, baseline: str) -> str:
    """This week's count against the baseline average, one horizontal pair per row; empty
    when no row has anything to draw."""
    rows = [row for row in rows if row.count or row.previous_average][:CHART_ROWS]
    if not rows:
        return ""
    height = 0.8 + 0.28 * max(len(rows), 1)
    with _fonts():
        figure = _figure(6.6, height)
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        axes.barh(
            [p + 0.18 for p in positions],
            [row.previous_average for row in rows],
            height=0.34,
            color=MUTED,
            label=baseline,
        )
        bars = axes.barh(
            [p - 0.18 for p in positions],
            [row.count for row in rows],
            height=0.34,
            color=ACCENT,
            label=current,
        )
        axes.bar_label(bars, fontsize=7, color=INK, padding=2)
        axes.set_yticks(positions, [row.name for row in rows])
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)
        _style(axes)
        axes.legend(fontsize=7, frameon=False, loc="lower right")
    return _svg_data_uri(figure)
