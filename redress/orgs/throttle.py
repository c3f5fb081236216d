"""Sign-in throttling: after repeated failures, further attempts are refused for a while, so
passwords cannot be guessed at speed. Both doors (/staff/login/ and /admin/login/) go through
the authentication backend (redress.orgs.backends), so they share one set of counters.

Two counters per failure, each for WINDOW_SECONDS from its first failure:
- the user name from this address, blocked at REDRESS_LOGIN_MAX_FAILURES (5);
- the address, blocked at REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS (50), for one address
  guessing many names.
There is deliberately no counter for the user name alone: with one, anyone could lock a named
officer out by failing on purpose; as it is, the officer still signs in from their own address.

The counters live where every server process sees them: by default a table (LoginThrottle,
incremented with a single UPDATE ... SET failures = failures + 1, so concurrent failures are
all counted); REDRESS_LOGIN_THROTTLE_STORE=cache keeps them in Django's default cache instead
(for a shared cache such as Redis; a per-process cache would multiply the limits by the number
of processes)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from redress.core import clock
from redress.orgs.models import LoginThrottle

WINDOW_SECONDS = 15 * 60


class ThrottleStore(Protocol):
    def failures(self, keys: list[str]) -> int:
        """The highest count among `keys` in their current windows."""

    def add_failure(self, key: str) -> None: ...

    def clear(self, key: str) -> None: ...


class DatabaseStore:
    def failures(self, keys: list[str]) -> int:
        counts = LoginThrottle.objects.filter(key__in=keys, expires_at__gt=clock.now())
        return max(counts.values_list("failures", flat=True), default=0)

    def add_failure(self, key: str) -> None:
        now = clock.now()
        expires_at = now + dt.timedelta(seconds=WINDOW_SECONDS)
        rows = LoginThrottle.objects.filter(key=key)
        # A window that has ended starts again; the condition makes this safe to race.
        rows.filter(expires_at__lte=now).update(failures=0, expires_at=expires_at)
        if rows.update(failures=F("failures") + 1):
            return
        try:
            with transaction.atomic():
                LoginThrottle.objects.create(key=key, failures=1, expires_at=expires_at)
        except IntegrityError:
            # Another process created the row between our UPDATE and INSERT.
            rows.update(failures=F("failures") + 1)
        # Rows a window past their end are of no use to anyone.
        LoginThrottle.objects.filter(
            expires_at__lt=now - dt.timedelta(seconds=WINDOW_SECONDS)
        ).delete()

    def clear(self, key: str) -> None:
        LoginThrottle.objects.filter(key=key).delete()


class CacheStore:
    def failures(self, keys: list[str]) -> int:
        return max((value or 0 for value in cache.get_many(keys).values()), default=0)

    def add_failure(self, key: str) -> None:
        if not cache.add(key, 1, timeout=WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=WINDOW_SECONDS)

    def clear(self, key: str) -> None:
        cache.delete(key)


def _store() -> ThrottleStore:
    if settings.REDRESS_LOGIN_THROTTLE_STORE == "cache":
        return CacheStore()
    return DatabaseStore()


def client_address(request: HttpRequest) -> str:
    # Behind a proxy, have it set REMOTE_ADDR; X-Forwarded-For is trivially forged.
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(*parts: str) -> str:
    return salted_hmac("redress.orgs.throttle", "\0".join(parts), algorithm="sha256").hexdigest()


def _user_key(username: str, address: str) -> str:
    return _key("user", username.strip().lower()[:150], address)


def _address_key(address: str) -> str:
    return _key("address", address)


def login_blocked(*, username: str, address: str) -> bool:
    store = _store()
    user_limit = settings.REDRESS_LOGIN_MAX_FAILURES
    address_limit = settings.REDRESS_LOGIN_MAX_FAILURES_PER_ADDRESS
    return (
        store.failures([_user_key(username, address)]) >= user_limit
        or store.failures([_address_key(address)]) >= address_limit
    )


def login_failed(*, username: str, address: str) -> None:
    store = _store()
    store.add_failure(_user_key(username, address))
    store.add_failure(_address_key(address))


def login_succeeded(*, username: str, address: str) -> None:
    # Only this user's counter from here: the address's stays, or a guesser with an account
    # of their own could reset it between guesses.
    _store().clear(_user_key(username, address))
