"""Reads of organisations, scoped to the user where a request asks for one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.core.ids import id_parse
from redress.core.refcache import reference_cache
from redress.orgs.models import Department, Jurisdiction, User


def jurisdiction_list_for_user(*, user: User) -> QuerySet[Jurisdiction]:
    """Staff see their own jurisdiction, everything below it and the chain above it (to
    transfer upwards); the tree itself is public knowledge, so this is about focus, not
    secrecy."""
    if not user.is_authenticated or user.jurisdiction is None:
        return Jurisdiction.objects.none()
    above = user.jurisdiction.ancestor_ids()
    return Jurisdiction.objects.filter(path__startswith=user.jurisdiction.path) | (
        Jurisdiction.objects.filter(pk__in=above)
    )


def jurisdiction_get_for_user(*, user: User, jurisdiction_id: int) -> Jurisdiction:
    try:
        return jurisdiction_list_for_user(user=user).get(pk=jurisdiction_id)
    except (Jurisdiction.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such jurisdiction.")) from None


def department_list_for_user(*, user: User) -> QuerySet[Department]:
    return Department.objects.filter(
        jurisdiction__in=jurisdiction_list_for_user(user=user)
    ).select_related("jurisdiction")


def department_get_for_user(*, user: User, department_id: int) -> Department:
    try:
        return department_list_for_user(user=user).get(pk=department_id)
    except (Department.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such department.")) from None


@reference_cache()
def jurisdiction_by_public_id(public_id: str) -> Jurisdiction | None:
    """Open311's jurisdiction_id: the division code where one is set, else the id."""
    public_id = (public_id or "").strip()
    if not public_id or len(public_id) > 40:
        return None
    found = Jurisdiction.objects.filter(code=public_id).first()
    if found is None and (pk := id_parse(public_id)) is not None:
        found = Jurisdiction.objects.filter(pk=pk, code="").first()
    return found


def jurisdiction_named_in(*, text: str, within: Jurisdiction) -> Jurisdiction | None:
    """The most specific place inside `within` whose name a free-text address contains. A name
    found only as part of a longer name found too does not count (东村 inside 东村镇); of the
    rest the deepest place wins, then the longest name, so "示范县东镇东村" is the village.
    One-character names would match by accident and are skipped."""
    folded = text.casefold()
    found = [
        (depth, name, pk)
        for pk, depth, names in _names_within(within_path=within.path)
        for name in names
        if len(name) > 1 and name in folded
    ]
    found = [e for e in found if not any(e[1] != o[1] and e[1] in o[1] for o in found)]
    if not found:
        return None
    best = max(found, key=lambda entry: (entry[0], len(entry[1]), -entry[2]))
    return Jurisdiction.objects.get(pk=best[2])


@reference_cache()
def _names_within(*, within_path: str) -> list[tuple[int, int, tuple[str, ...]]]:
    rows = Jurisdiction.objects.filter(path__startswith=within_path).values_list(
        "pk", "path", "name_zh", "name_en"
    )
    return [
        (pk, path.count("/"), tuple(n.casefold() for n in (name_zh, name_en) if n.strip()))
        for pk, path, name_zh, name_en in rows
    ]
