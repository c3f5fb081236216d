"""The rendering step: the figures laid out as an HTML fragment (served on the staff page and
stored), and the same fragment printed to an A4 PDF by WeasyPrint with the CJK font embedded."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext

from redress.reports.briefings.build import BriefingFigures
from redress.reports.briefings.charts import comparison_chart, weekly_chart

# WeasyPrint reports every layout step at INFO; the worker's log is for what the office did.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def briefing_charts(figures: BriefingFigures) -> dict[str, str]:
    current, baseline = gettext("This week"), gettext("4-week average")
    return {
        "weekly": weekly_chart(figures),
        "categories": comparison_chart(figures.by_category, current=current, baseline=baseline),
        "areas": comparison_chart(figures.by_area, current=current, baseline=baseline),
    }


CHINESE_NUMERALS = "一二三四五六七八九十"


def section_label(number: int) -> str:
    """ "一、" in Chinese as official documents number their parts, "1." in English."""
    if (get_language() or "").startswith("en") or number > len(CHINESE_NUMERALS):
        return f"{number}. "
    return f"{CHINESE_NUMERALS[number - 1]}、"


def briefing_render_html(figures: BriefingFigures) -> str:
    return render_to_string(
        "reports/briefings/document.html",
        {
            "briefing": figures,
            "charts": briefing_charts(figures),
            "sections": [
                (section_label(number), section)
                for number, section in enumerate(figures.sections, start=1)
            ],
        },
    )


@cache
def _stylesheet() -> str:
    found = finders.find("redress/briefing.css")
    assert isinstance(found, str), "redress/briefing.css is missing from the static files"
    return Path(found).read_text(encoding="utf-8")


def briefing_render_pdf(*, html: str, title: str) -> bytes:
    from weasyprint import HTML  # imported late: it takes a second and only this step needs it

    language = "en" if (get_language() or "").startswith("en") else "zh-CN"
    document = render_to_string(
        "reports/briefings/print.html",
        {"fragment": html, "stylesheet": _stylesheet(), "language": language, "title": title},
    )
    pdf = HTML(string=document).write_pdf()
    assert pdf is not None
    return bytes(pdf)
