"""Fixtures shared by every test module."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

from redress.orgs.testing import Cast, build_cast

TEST_VAULT_KEY = Fernet.generate_key().decode("ascii")


@pytest.fixture(autouse=True)
def _vault_key(settings: Any) -> None:
    settings.REDRESS_VAULT_KEYS = [TEST_VAULT_KEY]


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture
def category(db: None):  # type: ignore[no-untyped-def]
    from redress.cases.models import Category

    return Category.objects.get(code="wage-arrears")
