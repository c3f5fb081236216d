"""Which department a grievance goes to: a routing rule for the place or the nearest area above
it, else the category's default kind of department nearest the place, else the nearest
complaints office."""

from __future__ import annotations

from django.utils.translation import gettext as _

from redress.cases.models import Category, RoutingRule
from redress.core.errors import DomainError
from redress.core.refcache import reference_cache
from redress.orgs.models import Department, DepartmentKind, Jurisdiction


def route_department(*, category: Category, jurisdiction: Jurisdiction) -> Department:
    return _route(
        category_id=category.pk,
        default_kind=category.default_department_kind,
        ancestor_ids=tuple(jurisdiction.ancestor_ids()),
    )


@reference_cache()
def _route(*, category_id: int, default_kind: str, ancestor_ids: tuple[int, ...]) -> Department:
    nearness = {jurisdiction_id: index for index, jurisdiction_id in enumerate(ancestor_ids)}

    rules = list(
        RoutingRule.objects.filter(
            category_id=category_id, jurisdiction_id__in=ancestor_ids, department__is_active=True
        ).select_related("department")
    )
    if rules:
        nearest_rule = min(rules, key=lambda rule: nearness[rule.jurisdiction_id])
        return nearest_rule.department

    departments = list(
        Department.objects.filter(
            jurisdiction_id__in=ancestor_ids,
            is_active=True,
            kind__in=[default_kind, DepartmentKind.COMPLAINTS_OFFICE],
        )
    )
    for wanted_kind in (default_kind, DepartmentKind.COMPLAINTS_OFFICE):
        candidates = [d for d in departments if d.kind == wanted_kind]
        if candidates:
            return min(candidates, key=lambda d: (nearness[d.jurisdiction_id], d.pk))
    raise DomainError(
        _("No department can take this grievance: configure a complaints office for this area."),
        field="jurisdiction",
        code="no_route",
    )
