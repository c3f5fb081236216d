"""Encryption at rest for the vault, with keys from the environment (rotatable)."""

from __future__ import annotations

import functools
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _cipher() -> MultiFernet:
    return _cipher_for(tuple(settings.REDRESS_VAULT_KEYS))


@functools.lru_cache(maxsize=4)
def _cipher_for(keys: tuple[str, ...]) -> MultiFernet:
    # Cached: decoding the keys costs as much as sealing a contact, on every grievance.
    if not keys:
        raise ImproperlyConfigured(
            "REDRESS_VAULT_KEYS is not set: the contact vault cannot encrypt. "
            "`make run` writes a local key to var/local.env."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"REDRESS_VAULT_KEYS holds a malformed key: {error}") from None


def seal(details: dict[str, str]) -> bytes:
    return _cipher().encrypt(json.dumps(details, ensure_ascii=False).encode("utf-8"))


def unseal(token: bytes | memoryview) -> dict[str, str]:
    try:
        details: dict[str, str] = json.loads(_cipher().decrypt(bytes(token)).decode("utf-8"))
        return details
    except InvalidToken:
        raise ImproperlyConfigured(
            "A contact record cannot be decrypted with the configured vault keys."
        ) from None


def reseal(token: bytes | memoryview) -> bytes | None:
    """The token sealed again with the first key, or None if the first key already opens it.

    Trying the first key alone is what makes a rotation resumable and safe to repeat: a row
    done by an earlier (perhaps interrupted) run is recognised without rewriting it."""
    token = bytes(token)
    keys = tuple(settings.REDRESS_VAULT_KEYS)
    _cipher()  # the same error as sealing when no key is configured
    try:
        _primary_for(keys).decrypt(token)
        return None
    except InvalidToken:
        pass
    try:
        return _cipher().rotate(token)
    except InvalidToken:
        raise ImproperlyConfigured(
            "A contact record cannot be decrypted with the configured vault keys."
        ) from None


@functools.lru_cache(maxsize=4)
def _primary_for(keys: tuple[str, ...]) -> Fernet:
    return Fernet(keys[0])


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")
