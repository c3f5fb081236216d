"""Helpers for tests that need counts or alerts."""

from __future__ import annotations

import datetime as dt

import numpy as np

from redress.cases.models import Category
from redress.earlywarning.models import Alert, DailyCount
from redress.earlywarning.services import alert_record_surge
from redress.orgs.models import Jurisdiction


def counts_with_surge(
    *,
    area: Jurisdiction,
    category: Category,
    last_day: dt.date,
    days: int = 150,
    surge_days: int = 3,
    seed: int = 0,
) -> None:
    """A quiet Poisson(2) history for one area and category, then a surge of 15 a day."""
    rng = np.random.default_rng(seed)
    rows = []
    for index in range(days):
        day = last_day - dt.timedelta(days=days - 1 - index)
        count = 15 if index >= days - surge_days else int(rng.poisson(2.0))
        if count:
            rows.append(
                DailyCount(
                    jurisdiction=area,
                    jurisdiction_path=area.path,
                    category=category,
                    date=day,
                    count=count,
                    people_affected=count,
                )
            )
    DailyCount.objects.bulk_create(rows)


def surge_alert(*, area: Jurisdiction, category: Category, day: dt.date) -> Alert:
    alert_record_surge(
        jurisdiction_id=area.pk,
        category_id=category.pk,
        day=day,
        expected=4.0,
        observed=30.0,
        window_days=2,
        score=9.0,
        areas=[area.pk],
    )
    return Alert.objects.get(jurisdiction=area, category=category, end_date=day)
