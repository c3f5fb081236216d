"""The idle timeout of signed-in sessions without a database write on every request.

A session's expiry (SESSION_COOKIE_AGE, REDRESS_SESSION_IDLE_MINUTES) is pushed forward
only when the session is saved anyway or when its last push is at least REFRESH_SECONDS old,
so an officer's session ends between IDLE - 1 minute and IDLE after their last request, and
a run of requests costs one session write a minute, not one each. Requests that carry no
session (the public pages) are left alone: no session is made for them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
_STAMP = "_redress_refreshed"


class IdleSessionMiddleware:
    """Goes right after SessionMiddleware, so that it sees the response first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        stamp = session.get(_STAMP)
        if session.modified or not isinstance(stamp, int) or now - stamp >= REFRESH_SECONDS:
            session[_STAMP] = now
        return response


def stamp_on_sign_in(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Sign-in saves the new session anyway (also client.login in tests): stamp it then, so
    that the first request after it needs no write of its own."""
    session = getattr(request, "session", None)
    if session is not None:
        session[_STAMP] = int(time.time())
