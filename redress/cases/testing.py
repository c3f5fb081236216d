"""Helpers for tests that need a case in a given state."""

from __future__ import annotations

from redress.cases.models import Case, Category
from redress.cases.services import ContactDetails, GrievanceInput, case_submit
from redress.orgs.models import Jurisdiction


def submit_case(
    *,
    jurisdiction: Jurisdiction,
    category_code: str = "wage-arrears",
    title: str = "工地拖欠工资三个月",
    contact: ContactDetails | None = None,
    idempotency_key: str | None = None,
) -> Case:
    case, _ = case_submit(
        data=GrievanceInput(
            title=title,
            description="东村建筑工地二十名工人已三个月未领到工资，包工头失联。",
            category=Category.objects.get(code=category_code),
            jurisdiction=jurisdiction,
            people_affected=20,
            contact=contact or ContactDetails(),
            consent_to_contact=contact is not None,
        ),
        idempotency_key=idempotency_key,
    )
    return case
