"""Reads of score runs and cards, scoped: the directors, leaders and auditors of a
jurisdiction (or of one above it) see its runs; anyone else gets 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.orgs.models import Jurisdiction, Role, User
from redress.scorecards.models import ScoreCard, ScoreRun

SCORE_ROLES = frozenset({Role.DIRECTOR, Role.LEADER, Role.AUDITOR})


def _scope_path(user: User) -> str | None:
    if (
        not user.is_authenticated
        or not user.is_active
        or user.role not in SCORE_ROLES
        or user.jurisdiction is None
    ):
        return None
    return user.jurisdiction.path


def run_list_for_user(*, user: User) -> QuerySet[ScoreRun]:
    path = _scope_path(user)
    if path is None:
        return ScoreRun.objects.none()
    return ScoreRun.objects.filter(jurisdiction__path__startswith=path).select_related(
        "jurisdiction", "computed_by"
    )


def run_get_for_user(*, user: User, run_id: int) -> ScoreRun:
    try:
        return run_list_for_user(user=user).get(pk=run_id)
    except (ScoreRun.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such score run.")) from None


def run_latest_for_user(*, user: User, jurisdiction: Jurisdiction, year: int) -> ScoreRun | None:
    return run_list_for_user(user=user).filter(jurisdiction=jurisdiction, year=year).first()


def card_list_for_run(*, run: ScoreRun) -> QuerySet[ScoreCard]:
    return run.cards.select_related("unit").order_by("rank")


def card_get_for_user(*, user: User, card_id: int) -> ScoreCard:
    try:
        return (
            ScoreCard.objects.filter(run__in=run_list_for_user(user=user))
            .select_related("unit", "run__jurisdiction")
            .get(pk=card_id)
        )
    except (ScoreCard.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such score card.")) from None


def score_jurisdiction_for_user(*, user: User, jurisdiction_id: int | None) -> Jurisdiction:
    """A jurisdiction whose scores the user may see: their own or one below it."""
    path = _scope_path(user)
    if path is None:
        raise Http404(_("No such jurisdiction."))
    assert user.jurisdiction is not None
    if jurisdiction_id is None:
        return user.jurisdiction
    try:
        return Jurisdiction.objects.get(pk=jurisdiction_id, path__startswith=path)
    except (Jurisdiction.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such jurisdiction.")) from None
