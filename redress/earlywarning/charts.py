"""The alert chart as hand-written SVG: observed daily counts as bars, the expectation as a
line, the alert's days shaded. No library, no CDN."""

from __future__ import annotations

import datetime as dt
from html import escape

from redress.earlywarning.selectors import Series

WIDTH, HEIGHT, PAD = 720, 220, 30


def series_svg(*, series: Series, start: dt.date, end: dt.date, title: str) -> str:
    count = len(series.dates)
    if not count:
        return ""
    top = max([*series.observed, *series.expected, 1.0]) * 1.1
    step = (WIDTH - 2 * PAD) / count

    def x(index: float) -> float:
        return PAD + index * step

    def y(value: float) -> float:
        return HEIGHT - PAD - value / top * (HEIGHT - 2 * PAD)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="alert-chart" preserveAspectRatio="xMidYMid meet" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    ]
    for index, day in enumerate(series.dates):
        if start <= day <= end:
            parts.append(
                f'<rect x="{x(index):.1f}" y="{PAD}" width="{step:.1f}" '
                f'height="{HEIGHT - 2 * PAD}" fill="#fde2cf"/>'
            )
    for index, value in enumerate(series.observed):
        parts.append(
            f'<rect x="{x(index) + step * 0.1:.1f}" y="{y(value):.1f}" width="{step * 0.8:.1f}" '
            f'height="{HEIGHT - PAD - y(value):.1f}" fill="#1f5fa8"><title>'
            f"{series.dates[index].isoformat()}: {value:.0f}</title></rect>"
        )
    points = " ".join(
        f"{x(index + 0.5):.1f},{y(value):.1f}" for index, value in enumerate(series.expected)
    )
    parts.append(f'<polyline points="{points}" fill="none" stroke="#a3261b" stroke-width="2"/>')
    parts.append(
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#8a96a6"/>'
    )
    for value in (0, top / 2, top / 1.1):
        parts.append(
            f'<text x="{PAD - 4}" y="{y(value) + 4:.1f}" font-size="10" text-anchor="end">'
            f"{value:.0f}</text>"
        )
    for index, anchor in ((0, "start"), (count // 2, "middle"), (count - 1, "end")):
        parts.append(
            f'<text x="{x(index + 0.5):.1f}" y="{HEIGHT - PAD + 14}" font-size="10" '
            f'text-anchor="{anchor}">{series.dates[index].isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
