"""Tracking codes: 12 characters of Crockford base32, 60 random bits, so they cannot be guessed
and read well over the phone (no I, L, O or U)."""

from __future__ import annotations

import base64
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
# base32 (RFC 4648) to Crockford's alphabet, character for character.
_FROM_BASE32 = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET.encode("ascii"))
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_tracking_code() -> str:
    # One draw of 60 random bits, read five at a time: the same uniform code as choosing each
    # character with secrets.choice, at a seventh of the cost (intake makes one per grievance).
    bits = secrets.randbits(5 * LENGTH)
    return "".join(ALPHABET[(bits >> (5 * index)) & 31] for index in range(LENGTH))


def new_tracking_codes(count: int) -> list[str]:
    """`count` codes as new_tracking_code draws them, for bulk imports: 15 random bytes are
    two codes' 120 bits, which base32 reads five at a time in one call."""
    pairs = (count + 1) // 2
    text = base64.b32encode(secrets.token_bytes(15 * pairs)).translate(_FROM_BASE32).decode()
    return [text[start : start + LENGTH] for start in range(0, LENGTH * count, LENGTH)]


def normalize_tracking_code(raw: str) -> str | None:
    """Upper-case, drop spaces and dashes, map look-alike letters; None if not a valid code."""
    code = re.sub(r"[\s\-]", "", (raw or "").upper()).translate(_CONFUSABLE)
    return code if _VALID.match(code) else None
