"""Fixtures for the API tests: a token per member of the standard cast, and a client that
sends it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from redress.api.services import api_token_issue
from redress.orgs.models import User

BASE = "/api/v1"


@dataclass
class ApiCaller:
    """A test client that sends one user's bearer token on every request."""

    client: Client
    token: str

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **(headers or {})}

    def get(self, path: str, params: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.get(BASE + path, params or {}, headers=self._headers(headers))

    def post(self, path: str, body: Any = None, *, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            BASE + path,
            json.dumps({} if body is None else body),
            content_type="application/json",
            headers=self._headers(headers),
        )


@pytest.fixture
def token_for(db: None):
    def issue(user: User) -> str:
        return api_token_issue(user=user, name="tests")[1]

    return issue


@pytest.fixture
def api_as(token_for):
    def caller(user: User) -> ApiCaller:
        return ApiCaller(Client(), token_for(user))

    return caller
