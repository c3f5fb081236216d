"""Fixtures shared by every test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet

from redress.orgs.testing import Cast, build_cast

TEST_VAULT_KEY = Fernet.generate_key().decode("ascii")


@pytest.fixture(autouse=True)
def _vault_key(settings: Any) -> None:
    settings.REDRESS_VAULT_KEYS = [TEST_VAULT_KEY]
    # The standard cast creates ten users per test; real password hashing would dominate.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    # The cast has ten users; the production hasher costs about 0.6 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_reference_caches() -> Iterator[None]:
    # Tests change reference rows freely (also with queryset.update(), which sends no signal)
    # and roll them back; the per-process reference caches would carry stale rows across.
    # redress/core/tests/test_refcache.py turns them on to test them.
    from redress.core.refcache import set_reference_caches_enabled

    set_reference_caches_enabled(False)
    yield
    set_reference_caches_enabled(True)


@pytest.fixture
def reference_caches_on() -> Iterator[None]:
    """For the tests of the reference caches themselves (and of what must bypass them)."""
    from redress.core.refcache import set_reference_caches_enabled

    set_reference_caches_enabled(True)
    yield
    set_reference_caches_enabled(False)


@pytest.fixture(autouse=True)
def _default_categories_on_transactional_db(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        from redress.cases.testing import ensure_default_categories

        ensure_default_categories()


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture
def category(db: None):  # type: ignore[no-untyped-def]
    from redress.cases.models import Category

    return Category.objects.get(code="wage-arrears")
