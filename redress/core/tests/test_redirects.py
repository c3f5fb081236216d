"""Every `next` a page redirects to stays on this site."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from redress.cases.testing import submit_case
from redress.core.redirects import safe_next
from redress.orgs.testing import PASSWORD

EVIL = "https://evil.example/"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/staff/queue/?page=2", "/staff/queue/?page=2"),
        (EVIL, "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("https://testserver/staff/", "https://testserver/staff/"),
        ("", "/fallback/"),
        ("/\\evil.example", "/fallback/"),
    ],
)
def test_safe_next_keeps_only_this_sites_urls(target, expected):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next(request, default="/fallback/") == expected


@pytest.mark.django_db
@pytest.mark.parametrize("cases", [[], ["not-a-number"]])
def test_bulk_never_redirects_off_site(client, cast, cases):
    submit_case(jurisdiction=cast.village_a)
    assert client.login(username="a_director", password=PASSWORD)
    response = client.post(
        reverse("cases:bulk"), {"cases": cases, "bulk-action": "assign", "next": EVIL}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
