"""An alert in words a director understands."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from redress.earlywarning.models import Alert, AlertKind
from redress.orgs.models import Jurisdiction


def _odds(score: float) -> str:
    odds = 10.0**score
    if odds >= 1_000_000:
        return _("less than one in a million")
    return _("about one in %(n)s") % {"n": f"{round(odds, -1 if odds > 100 else 0):,.0f}"}


def alert_sentence(*, alert: Alert, areas: list[Jurisdiction]) -> str:
    names = "、".join(area.name for area in areas) or alert.jurisdiction.name
    if alert.kind != AlertKind.SURGE:
        return f"{names}: {alert.summary}"
    days = ngettext("%(n)s day", "%(n)s days", alert.window_days) % {"n": alert.window_days}
    return _(
        "%(areas)s, %(category)s: %(observed)s grievances in the %(days)s to %(end)s, where "
        "about %(expected)s were expected. A rise like this happens by chance %(odds)s."
    ) % {
        "areas": names,
        "category": alert.category.name if alert.category else "",
        "observed": f"{alert.observed:.0f}",
        "days": days,
        "end": date_format(alert.end_date, "SHORT_DATE_FORMAT"),
        "expected": f"{alert.expected:.1f}",
        "odds": _odds(alert.score),
    }
