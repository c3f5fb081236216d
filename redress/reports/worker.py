"""The reports app's worker pass: the Monday briefings."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from redress.orgs.models import Jurisdiction, Level, User
from redress.reports.briefings.services import briefing_fields_make
from redress.reports.briefings.weeks import IsoWeek
from redress.reports.models import Briefing, BriefingLanguage, BriefingSource

logger = logging.getLogger(__name__)

WORKER_LEVELS = (Level.COUNTY, Level.TOWNSHIP)


def briefings_pass(*, now: dt.datetime) -> dict[str, int]:
    """On Mondays (office time), the previous week's briefing for every staffed county and
    township office, once: the unique (jurisdiction, week, language) row is the claim, so a
    second run or a second worker finds it taken and moves on."""
    if timezone.localtime(now).isoweekday() != 1:
        return {"briefings": 0}
    week = IsoWeek.of(now).shifted(-1)
    language = BriefingLanguage.CHINESE
    made = skipped = 0
    for jurisdiction in _worker_jurisdictions():
        keys = {
            "jurisdiction": jurisdiction,
            "iso_year": week.year,
            "iso_week": week.week,
            "language": language,
        }
        if Briefing.objects.filter(**keys).exists():
            skipped += 1
            continue
        fields = briefing_fields_make(
            jurisdiction=jurisdiction, week=week, language=language, now=now
        )
        try:
            with transaction.atomic():
                Briefing.objects.create(**keys, **fields, source=BriefingSource.WORKER)
        except IntegrityError:
            skipped += 1  # another worker stored it between our check and our insert
            continue
        made += 1
    if made:
        logger.info("briefings: made %s for %s", made, week)
    return {"briefings": made, "briefings_already_made": skipped}


def _worker_jurisdictions() -> list[Jurisdiction]:
    """County and township offices that have staff: an office nobody works in reads nothing."""
    staffed = User.objects.filter(jurisdiction=OuterRef("pk"), is_active=True).exclude(role="")
    return list(
        Jurisdiction.objects.filter(level__in=WORKER_LEVELS)
        .filter(Exists(staffed))
        .order_by("path")
    )
