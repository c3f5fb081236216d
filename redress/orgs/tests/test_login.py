import pytest
from django.core.cache import cache
from django.urls import reverse

from redress.orgs.testing import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_sign_in_works(client, cast):
    response = client.post(reverse("cases:login"), {"username": "a_handler", "password": PASSWORD})
    assert response.status_code == 302


def test_repeated_failures_are_throttled_even_with_the_right_password(client, cast):
    for _ in range(5):
        response = client.post(
            reverse("cases:login"), {"username": "a_handler", "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(reverse("cases:login"), {"username": "a_handler", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttle_counts_per_address_across_user_names(client, cast, settings):
    settings.REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS = 5
    for number in range(5):
        client.post(reverse("cases:login"), {"username": f"guess{number}", "password": "x"})
    response = client.post(reverse("cases:login"), {"username": "a_director", "password": PASSWORD})
    assert response.status_code == 429


def test_pages_carry_a_content_security_policy(client, cast):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
