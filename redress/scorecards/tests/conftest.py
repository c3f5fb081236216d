from __future__ import annotations

import pytest

from redress.cases.models import Case
from redress.cases.services import case_accept
from redress.cases.testing import local_time, submit_case
from redress.core import clock


@pytest.fixture
def accepted_cases(cast) -> list[Case]:  # type: ignore[no-untyped-def]
    """Four wage grievances in township A received and accepted in March 2025."""
    cases = []
    for day in range(3, 7):
        with clock.frozen_at(local_time(2025, 3, day, 9)):
            case = submit_case(jurisdiction=cast.village_a, title=f"欠薪 {day}")
        with clock.frozen_at(local_time(2025, 3, day, 15)):
            cases.append(case_accept(case=case, actor=cast.a_handler))
    return cases


@pytest.fixture
def api_as(db):  # type: ignore[no-untyped-def]
    from django.test import Client

    from redress.api.services import api_token_issue
    from redress.api.tests.conftest import ApiCaller

    def caller(user):  # type: ignore[no-untyped-def]
        return ApiCaller(Client(), api_token_issue(user=user, name="tests")[1])

    return caller
