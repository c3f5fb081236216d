"""Reads of conferences and action items, through the user's scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from redress.cases.models import Case, Category
from redress.cases.selectors import case_list_for_user
from redress.conferences.agenda import ProposedItem
from redress.conferences.models import (
    ActionItem,
    ActionItemAttachment,
    ActionItemEvent,
    AgendaItem,
    Conference,
    ConferenceMembership,
)
from redress.obligations.permissions import is_active_staff, unit_scope_filter
from redress.orgs.models import Department, Role, User


def conference_list_for_user(*, user: User) -> QuerySet[Conference]:
    """Directors, auditors and leaders: conferences of their jurisdiction and below; handlers:
    conferences their department is a member of or owes an action item to."""
    if not is_active_staff(user):
        return Conference.objects.none()
    if user.role in (Role.DIRECTOR, Role.AUDITOR, Role.LEADER) and user.jurisdiction is not None:
        return Conference.objects.filter(jurisdiction_path__startswith=user.jurisdiction.path)
    if user.role == Role.HANDLER and user.department_id is not None:
        member = ConferenceMembership.objects.filter(
            jurisdiction_id=OuterRef("jurisdiction_id"),
            department_id=user.department_id,
            is_active=True,
        )
        owes = ActionItem.objects.filter(conference=OuterRef("pk"), unit_id=user.department_id)
        return Conference.objects.filter(Q(Exists(member)) | Q(Exists(owes)))
    return Conference.objects.none()


def conference_get_for_user(*, user: User, conference_id: int) -> Conference:
    try:
        return (
            conference_list_for_user(user=user)
            .select_related("jurisdiction", "convened_by")
            .get(pk=conference_id)
        )
    except (Conference.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such conference.")) from None


def action_item_list_for_user(*, user: User) -> QuerySet[ActionItem]:
    if is_active_staff(user) and user.role == Role.LEADER and user.jurisdiction is not None:
        scope: Q | None = Q(conference_path__startswith=user.jurisdiction.path)
    else:
        scope = unit_scope_filter(user, issuer_field="conference_path")
    if scope is None:
        return ActionItem.objects.none()
    return ActionItem.objects.filter(scope)


def action_item_get_for_user(*, user: User, item_id: int) -> ActionItem:
    try:
        return (
            action_item_list_for_user(user=user)
            .select_related("conference__jurisdiction", "unit__jurisdiction", "decided_by")
            .get(pk=item_id)
        )
    except (ActionItem.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such action item.")) from None


def conference_action_items(*, conference: Conference) -> list[ActionItem]:
    """Every item of the conference with its progress: `report_count` and `latest_report`
    set on each (one query for all the reports)."""
    items = list(
        conference.action_items.select_related("unit__jurisdiction")
        .prefetch_related("reports")
        .order_by("due_at", "id")
    )
    for item in items:
        reports = list(item.reports.all())
        item.report_count = len(reports)  # type: ignore[attr-defined]
        item.latest_report = reports[-1] if reports else None  # type: ignore[attr-defined]
    return items


def action_item_timeline(*, item: ActionItem) -> QuerySet[ActionItemEvent]:
    return item.events.select_related("actor").order_by("at", "id")


def action_item_attachment_get(*, item: ActionItem, attachment_id: int) -> ActionItemAttachment:
    found = ActionItemAttachment.objects.filter(report__obligation=item, pk=attachment_id).first()
    if found is None:
        raise Http404(_("No such file."))
    return found


@dataclass(frozen=True)
class HiddenCases:
    """Cases of an agenda the viewer may not open, counted by the unit holding them and
    their category: the conference still sees what is on the table, not whose it is."""

    source: str
    unit: Department
    category: Category
    count: int


@dataclass(frozen=True)
class AgendaView:
    entries: list[ProposedItem | AgendaItem]
    hidden: list[HiddenCases]


def agenda_for_user(*, user: User, entries: Sequence[ProposedItem | AgendaItem]) -> AgendaView:
    """The agenda (proposed or adopted) as this viewer may see it: cases outside their scope
    (the case scope, as on the case page) leave the list and come back as counts."""
    case_ids = {entry.link_id for entry in entries if entry.link_kind == "case" and entry.link_id}
    visible = set(
        case_list_for_user(user=user).filter(pk__in=case_ids).values_list("pk", flat=True)
    )
    hidden_ids = case_ids - visible
    hidden_cases = {
        case.pk: case
        for case in Case.objects.filter(pk__in=hidden_ids).select_related("department", "category")
    }
    shown: list[ProposedItem | AgendaItem] = []
    counts: dict[tuple[str, int, int], int] = {}
    for entry in entries:
        if entry.link_kind != "case" or not entry.link_id or entry.link_id in visible:
            shown.append(entry)
            continue
        case = hidden_cases.get(entry.link_id)
        if case is None:  # gone since the agenda was adopted: nothing to count
            continue
        key = (entry.source, case.department_id, case.category_id)
        counts[key] = counts.get(key, 0) + 1
    by_case = {(case.department_id, case.category_id): case for case in hidden_cases.values()}
    hidden = [
        HiddenCases(
            source=source,
            unit=by_case[unit_id, category_id].department,
            category=by_case[unit_id, category_id].category,
            count=count,
        )
        for (source, unit_id, category_id), count in counts.items()
    ]
    return AgendaView(entries=shown, hidden=hidden)
