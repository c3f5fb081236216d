"""Making and storing briefings (the Monday worker pass is in redress.reports.worker)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import translation

from redress.orgs.models import Jurisdiction, User
from redress.reports.briefings.build import BriefingFigures, briefing_build
from redress.reports.briefings.render import briefing_render_html, briefing_render_pdf
from redress.reports.briefings.weeks import IsoWeek
from redress.reports.models import Briefing, BriefingLanguage

logger = logging.getLogger(__name__)


def briefing_core_section(*, figures: BriefingFigures) -> Mapping[str, Any]:
    """The built-in sections (registered from ReportsConfig.ready(), through the same registry
    as the others) print the core figures and need no context of their own."""
    return {}


def briefing_fields_make(
    *, jurisdiction: Jurisdiction, week: IsoWeek, language: str, now: dt.datetime
) -> dict[str, Any]:
    """The stored fields of a freshly built and rendered briefing."""
    if language not in BriefingLanguage.values:
        raise ValueError(f"unknown briefing language {language!r}")
    with translation.override(language):
        figures = briefing_build(jurisdiction=jurisdiction, week=week, now=now)
        html = briefing_render_html(figures)
        pdf = briefing_render_pdf(html=html, title=f"{figures.office_name} {week}")
    return {
        "html": html,
        "pdf": pdf,
        "summary": " ".join(figures.summary),
        "new_total": figures.new_total,
        "generated_at": now,
    }


def briefing_generate(
    *,
    jurisdiction: Jurisdiction,
    week: IsoWeek,
    language: str = BriefingLanguage.CHINESE,
    now: dt.datetime,
    source: str,
    user: User | None = None,
) -> Briefing:
    """Build, render and store one briefing, replacing an earlier one of the same
    jurisdiction, week and language (a director may regenerate after late corrections)."""
    fields = briefing_fields_make(jurisdiction=jurisdiction, week=week, language=language, now=now)
    with transaction.atomic():
        briefing, _ = Briefing.objects.update_or_create(
            jurisdiction=jurisdiction,
            iso_year=week.year,
            iso_week=week.week,
            language=language,
            defaults={**fields, "generated_by": user, "source": source},
        )
    return briefing
