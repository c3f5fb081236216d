"""The authentication backend both sign-in doors use (the staff page and the admin site):
Django's model backend behind the shared sign-in throttle (redress.orgs.throttle)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from redress.orgs.throttle import client_address, login_blocked, login_failed, login_succeeded


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        # Without a request there is no one at a door to throttle (client.login in tests,
        # management commands).
        if request is None or username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = client_address(request)
        if login_blocked(username=username, address=address):
            # Stops Django from asking any other backend and reports a failed sign-in.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failed(username=username, address=address)
        else:
            login_succeeded(username=username, address=address)
        return user
