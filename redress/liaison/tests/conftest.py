from __future__ import annotations

import datetime as dt

import pytest

from redress.liaison.models import LiaisonPost


@pytest.fixture
def post(cast):  # type: ignore[no-untyped-def]
    return LiaisonPost.objects.create(
        user=cast.liaison, area=cast.village_a, title="东村信息员", starts_on=dt.date(2026, 1, 5)
    )


@pytest.fixture
def api_as(db):  # type: ignore[no-untyped-def]
    from django.test import Client

    from redress.api.services import api_token_issue
    from redress.api.tests.conftest import ApiCaller

    def caller(user):  # type: ignore[no-untyped-def]
        return ApiCaller(Client(), api_token_issue(user=user, name="tests")[1])

    return caller
