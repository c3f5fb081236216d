"""Reading a database id from outside text.

`str.isdigit()` is true for "²" and "①", which `int()` then refuses with a ValueError (a 500),
and `int()` itself reads Arabic-Indic and full-width digits. An id from a URL, a form or a query
string is ASCII digits, short enough for a bigint, or it is no id at all."""

from __future__ import annotations

import re

_ID = re.compile(r"[0-9]{1,18}")


def id_parse(text: str | None) -> int | None:
    """The id `text` spells (surrounding spaces allowed), or None."""
    if text is None:
        return None
    text = text.strip()
    return int(text) if _ID.fullmatch(text) else None
