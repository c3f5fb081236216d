"""What text from outside may hold: the one check every door runs on what it was sent.

PostgreSQL refuses NUL in text and jsonb, and XML 1.0 cannot carry the other C0 control
characters, unpaired surrogates or U+FFFE/U+FFFF at all: one such character stored in a
description would later break every Open311 XML answer and every XLSX export that includes it.
So a door refuses them on the way in, naming the field, and the renderers that read data stored
before this check existed pass what they find through `xml_safe`. Tab, line feed and carriage
return are ordinary text and stay."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Everything XML 1.0's Char production leaves out, which also covers what PostgreSQL refuses.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

UNSTORABLE_MESSAGE = _(
    "Text may not contain control characters (such as NUL) or invalid code points."
)


class UnstorableText(ValueError):
    """Raised by `text_check`; `field` names the input that held the character."""

    def __init__(self, *, field: str, position: int, character: str) -> None:
        self.field = field
        self.position = position
        self.character = character
        super().__init__(f"{field}: {UNSTORABLE_MESSAGE} (U+{ord(character):04X} at {position})")


def unstorable_position(text: str) -> int | None:
    """Index of the first character that cannot be stored or sent as XML, or None."""
    match = _UNSTORABLE.search(text)
    return None if match is None else match.start()


def is_storable(text: str) -> bool:
    return _UNSTORABLE.search(text) is None


def text_check(text: str, *, field: str) -> str:
    """`text` unchanged if it holds nothing unstorable, else UnstorableText naming `field`."""
    match = _UNSTORABLE.search(text)
    if match is not None:
        raise UnstorableText(field=field, position=match.start(), character=match.group())
    return text


def validate_storable(value: object) -> None:
    """The same check as a Django validator, for form and model fields."""
    if isinstance(value, str) and _UNSTORABLE.search(value):
        raise ValidationError(UNSTORABLE_MESSAGE, code="unstorable")


def xml_safe(text: str) -> str:
    """`text` with each unstorable character replaced by U+FFFD, for output only."""
    return _UNSTORABLE.sub("\ufffd", text)
