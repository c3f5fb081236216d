"""Reads of cases, always through the user's scope."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from redress.cases.models import OPEN_STATUSES, Case, CaseEvent, Category, EventKind
from redress.orgs.models import Role, User


def case_scope_filter(user: User) -> Q | None:
    """The cases a user may see, as a filter; None when the role sees no cases at all.

    - director, operator: every case located in their jurisdiction or below;
    - handler: the cases their department holds now;
    - leader: cases in their area that were escalated, i.e. addressed to the level they lead.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role in (Role.DIRECTOR, Role.OPERATOR) and user.jurisdiction is not None:
        return Q(jurisdiction_path__startswith=user.jurisdiction.path)
    if user.role == Role.HANDLER and user.department_id is not None:
        return Q(department_id=user.department_id)
    if user.role == Role.LEADER and user.jurisdiction is not None:
        return Q(jurisdiction_path__startswith=user.jurisdiction.path, escalation_step__gte=2)
    return None


def case_list_for_user(*, user: User) -> QuerySet[Case]:
    scope = case_scope_filter(user)
    if scope is None:
        return Case.objects.none()
    return Case.objects.filter(scope)


def case_get_for_user(*, user: User, case_id: int) -> Case:
    """The one way a request fetches a case: 404 unless the user's unit and role cover it."""
    try:
        return (
            case_list_for_user(user=user)
            .select_related("category", "jurisdiction", "department__jurisdiction", "assignee")
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such case.")) from None


def case_get_by_tracking_code(*, tracking_code: str) -> Case | None:
    """For the public: the case behind a tracking code, following merges to the surviving case
    is left to the caller (it still shows the complainant's own code)."""
    from redress.cases.tracking import normalize_tracking_code

    code = normalize_tracking_code(tracking_code)
    if code is None:
        return None
    return (
        Case.objects.select_related("category", "jurisdiction", "department", "merged_into")
        .filter(tracking_code=code)
        .first()
    )


def case_queue(
    *,
    user: User,
    statuses: frozenset[str] | None = None,
    category_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Case]:
    """The staff work queue: open cases in scope, soonest due first."""
    queryset = case_list_for_user(user=user).filter(status__in=statuses or OPEN_STATUSES)
    if category_id:
        queryset = queryset.filter(category_id=category_id)
    return list(
        queryset.select_related("category", "jurisdiction", "department").order_by("due_at", "id")[
            offset : offset + limit
        ]
    )


def case_timeline(*, case: Case, public_only: bool = False) -> QuerySet[CaseEvent]:
    events = case.events.select_related("actor")
    if public_only:
        events = events.filter(is_public=True)
    return events.order_by("at", "id")


# What the public reads in place of an answer the office did not make public: which kind of
# answer was given, and nothing of what it says (answers often name people, sums and homes).
_GENERIC_ANSWERS: dict[str, str] = {
    EventKind.RE_REVIEWED: gettext_noop("The re-review has been answered."),
    EventKind.REVIEWED: gettext_noop("The review has been answered."),
    EventKind.RESOLVED: gettext_noop("The case has been answered."),
    EventKind.DECLINED: gettext_noop("The case was not accepted; the complainant was told why."),
}


def case_public_answer(*, case: Case) -> str:
    """The latest written answer as anyone may read it (Open311's status_notes): its text where
    the office made the case's answer public, otherwise a generic sentence. The complainant's
    own tracking page shows the text itself."""
    for kind, text in (
        (EventKind.RE_REVIEWED, case.re_review_answer),
        (EventKind.REVIEWED, case.review_answer),
        (EventKind.RESOLVED, case.answer),
        (EventKind.DECLINED, case.decline_reason),
    ):
        if text:
            return text if case.answer_is_public else _(_GENERIC_ANSWERS[kind])
    return ""


def event_public_note(*, event: CaseEvent) -> str:
    """A public step's note as anyone may read it (Open311's updates): a public comment as
    posted, an answer's text only where the office made the case's answer public, and for every
    other step only its name. The text of a dispute, a review request or an extension is the
    complainant's or the office's own words, which may name people; the complainant reads them
    on their tracking page. Reads event.case (select_related it for a list)."""
    if event.kind == EventKind.COMMENT:
        return event.note
    generic = _GENERIC_ANSWERS.get(event.kind)
    if generic is None:
        return str(event.get_kind_display())
    return event.note if event.case.answer_is_public else _(generic)


def category_list_active() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).order_by("sort_order", "code")


QUEUE_SORTS = {
    "due": ("due_at", "id"),
    "-due": ("-due_at", "-id"),
    "submitted": ("submitted_at", "id"),
    "-submitted": ("-submitted_at", "-id"),
    "people": ("-people_affected", "due_at"),
}


def case_search(
    *,
    user: User,
    q: str = "",
    statuses: frozenset[str] | None = None,
    category_id: int | None = None,
    area_path: str | None = None,
    department_id: int | None = None,
    due: str = "",
    sort: str = "due",
) -> QuerySet[Case]:
    """The work queue's query: the user's scope, then every filter the page offers.

    Text search matches each word (Chinese needs no spaces: a word is any run of characters)
    in the title or description, or a whole tracking code."""
    from redress.cases.models import STAFF_CLOCK_STAGES
    from redress.cases.tracking import normalize_tracking_code
    from redress.core import clock

    cases = case_list_for_user(user=user)
    if statuses:
        cases = cases.filter(status__in=statuses)
    if category_id:
        cases = cases.filter(category_id=category_id)
    if area_path:
        cases = cases.filter(jurisdiction_path__startswith=area_path)
    if department_id:
        cases = cases.filter(department_id=department_id)
    now = clock.now()
    if due == "overdue":
        cases = cases.filter(
            due_at__lt=now, clock_stage__in=STAFF_CLOCK_STAGES, paused_at__isnull=True
        )
    elif due == "week":
        cases = cases.filter(
            due_at__lt=now + dt.timedelta(days=7), clock_stage__in=STAFF_CLOCK_STAGES
        )
    elif due == "paused":
        cases = cases.filter(paused_at__isnull=False)
    for term in q.split()[:8]:
        code = normalize_tracking_code(term)
        match = Q(title__icontains=term) | Q(description__icontains=term)
        if code is not None:
            match |= Q(tracking_code=code)
        cases = cases.filter(match)
    return cases.select_related("category", "jurisdiction", "department").order_by(
        *QUEUE_SORTS.get(sort, QUEUE_SORTS["due"])
    )
