from __future__ import annotations

from django.db.models import Q

from redress.orgs.models import Jurisdiction, Level


def jurisdiction_choices_for_intake() -> list[tuple[str, list[tuple[int, str]]]]:
    """Places a grievance can be about, grouped by township: the township itself first, then
    its villages. Counties and above come under their own group."""
    places = list(
        Jurisdiction.objects.filter(
            Q(level__in=[Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE])
        ).order_by("path")
    )
    by_id = {place.pk: place for place in places}
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for place in places:
        anchor = place if place.level != Level.VILLAGE else by_id.get(place.parent_id or 0, place)
        _label, options = groups.setdefault(anchor.pk, (anchor.name, []))
        options.append(
            (place.pk, place.name if place is anchor else f"{anchor.name} · {place.name}")
        )
    return list(groups.values())
