"""Issuing, checking and revoking personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils.translation import gettext as _

from redress.api.models import ApiToken
from redress.core import clock
from redress.core.errors import DomainError
from redress.orgs.models import User

TOKEN_PREFIX = "rdr_"
TOKEN_MAX = 100
NAME_MAX = 100
# Writing last_used_at on every request would turn each read into a write; a minute is enough
# to tell a token in use from a forgotten one.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def api_token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user. The token itself is returned once and never stored."""
    name = (name or "").strip()
    if len(name) > NAME_MAX:
        raise DomainError(
            _("The name is longer than %(max)s characters.") % {"max": NAME_MAX}, field="name"
        )
    if not user.is_active:
        raise DomainError(_("This user is not active."), field="user")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        user=user, name=name, key_prefix=token[:12], key_hash=_hash(token), created_at=clock.now()
    )
    return api_token, token


def api_token_revoke(*, api_token: ApiToken) -> None:
    if api_token.revoked_at is None:
        api_token.revoked_at = clock.now()
        api_token.save(update_fields=["revoked_at"])


def api_token_user(*, token: str) -> User | None:
    """The active user behind a live token, or None."""
    if not token or len(token) > TOKEN_MAX or not token.startswith(TOKEN_PREFIX):
        return None
    api_token = (
        ApiToken.objects.select_related("user__jurisdiction", "user__department")
        .filter(key_hash=_hash(token), revoked_at__isnull=True)
        .first()
    )
    if api_token is None or not api_token.user.is_active:
        return None
    now = clock.now()
    if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return api_token.user
