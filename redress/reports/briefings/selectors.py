"""Reads of stored briefings, always through the user's scope: directors, leaders and auditors
read the briefings of their own jurisdiction and everything below it; nobody else does (a
briefing lists overdue cases across departments, more than a handler's queue shows)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.orgs.models import Jurisdiction, Level, Role, User
from redress.reports.models import Briefing

READER_ROLES = frozenset({Role.DIRECTOR, Role.LEADER, Role.AUDITOR})
BRIEFING_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP)


def briefing_reader(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role in READER_ROLES
        and user.jurisdiction is not None
    )


def briefing_list_for_user(*, user: User) -> QuerySet[Briefing]:
    if not briefing_reader(user):
        return Briefing.objects.none()
    assert user.jurisdiction is not None
    return Briefing.objects.filter(jurisdiction__path__startswith=user.jurisdiction.path)


def briefing_get_for_user(*, user: User, briefing_id: int) -> Briefing:
    try:
        return briefing_list_for_user(user=user).select_related("jurisdiction").get(pk=briefing_id)
    except (Briefing.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such briefing.")) from None


def briefing_jurisdictions_for_user(*, user: User) -> QuerySet[Jurisdiction]:
    """The offices whose briefings the user reads: their own and those below, down to
    township level (villages have no office that writes a briefing)."""
    if not briefing_reader(user):
        return Jurisdiction.objects.none()
    assert user.jurisdiction is not None
    return Jurisdiction.objects.filter(
        path__startswith=user.jurisdiction.path, level__in=BRIEFING_LEVELS
    ).order_by("path")


def briefing_latest_by_jurisdiction(*, user: User) -> list[tuple[Jurisdiction, Briefing | None]]:
    """For each jurisdiction the user covers, its latest stored briefing (any language)."""
    jurisdictions = list(briefing_jurisdictions_for_user(user=user))
    latest: dict[int, Briefing] = {}
    for briefing in (
        briefing_list_for_user(user=user)
        .defer("html", "pdf")
        .order_by("jurisdiction_id", "-iso_year", "-iso_week", "language")
    ):
        latest.setdefault(briefing.jurisdiction_id, briefing)
    return [(jurisdiction, latest.get(jurisdiction.pk)) for jurisdiction in jurisdictions]
