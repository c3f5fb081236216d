"""Issuing, checking and revoking Open311 API keys."""

from __future__ import annotations

import hashlib
import secrets

from django.core.cache import cache

from redress.core import clock
from redress.open311.models import ApiClient
from redress.orgs.models import Jurisdiction


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_client_create(
    *, name: str, requests_per_minute: int = 120, jurisdiction: Jurisdiction | None = None
) -> tuple[ApiClient, str]:
    """A new client and its key. The key is shown once and never stored."""
    key = secrets.token_urlsafe(30)
    client = ApiClient.objects.create(
        name=name,
        key_prefix=key[:8],
        key_hash=_hash(key),
        requests_per_minute=requests_per_minute,
        jurisdiction=jurisdiction,
    )
    return client, key


def api_client_revoke(*, client: ApiClient) -> None:
    client.is_active = False
    client.revoked_at = clock.now()
    client.save(update_fields=["is_active", "revoked_at"])


def api_client_for_key(key: str) -> ApiClient | None:
    """The active client behind a key, or None. Deliberately not cached: a revocation made
    in any process (or straight in the database) must refuse the very next request, and the
    lookup is one query on a unique index."""
    if not key or len(key) > 100:
        return None
    return ApiClient.objects.filter(key_hash=_hash(key), is_active=True).first()


def rate_limit_exceeded(client: ApiClient) -> bool:
    """A fixed one-minute window per client in the configured cache. With the default local
    memory cache each server process counts on its own; point CACHES at a shared cache to
    count across processes."""
    window = int(clock.now().timestamp() // 60)
    cache_key = f"open311:rate:{client.pk}:{window}"
    if cache.add(cache_key, 1, timeout=90):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:
            cache.set(cache_key, 1, timeout=90)
            count = 1
    return count > client.requests_per_minute
