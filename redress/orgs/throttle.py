"""Sign-in throttling: after repeated failures for one user name or from one address, further
attempts are refused for a while, so passwords cannot be guessed at speed."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(username: str, address: str) -> list[str]:
    return [f"login-fail:user:{username.strip().lower()[:150]}", f"login-fail:ip:{address}"]


def login_blocked(*, username: str, address: str) -> bool:
    limit = getattr(settings, "REDRESS_LOGIN_MAX_FAILURES", MAX_FAILURES)
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def login_failed(*, username: str, address: str) -> None:
    for key in _keys(username, address):
        if not cache.add(key, 1, timeout=WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=WINDOW_SECONDS)


def login_succeeded(*, username: str) -> None:
    cache.delete(_keys(username, "")[0])
