"""Who is calling: a personal API token (`Authorization: Bearer TOKEN`) or, for the pages, the
signed-in session (with Django's CSRF check on unsafe methods)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from redress.api.services import api_token_user
from redress.orgs.models import User


class BearerTokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get(self.header)
        if not header:
            return None
        # A request that sends credentials and gets them wrong is refused outright, rather
        # than falling back to whatever session cookie the client also happens to carry.
        scheme, _, token = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_user(token=token)
        if user is None:
            raise AuthenticationError()
        return user


class SessionCookieAuth(APIKeyCookie):
    """The signed-in user of the pages. Unlike ninja's own session auth, the CSRF check runs
    only when a session actually signs the request in, so that a request with no session
    answers 401, not 403."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: Any) -> User | None:
        user = request.user
        if isinstance(user, User) and user.is_active:
            return user
        return None


def request_user(request: HttpRequest) -> User:
    """The user the request's credentials belong to (set by the auth classes above)."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user
