#!/usr/bin/env python3
"""Fill a gettext catalogue from a Python dict of translations, clearing "fuzzy" guesses.

    scripts/po_fill.py redress/locale/zh_Hans/LC_MESSAGES/django.po scripts/po/*.py

The dict file defines T = {msgid: msgstr}; for a plural entry, msgid is the singular and the
translation fills msgstr[0] (Chinese has one form). Entries not in it are left as they are."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def _unquote(lines: list[str]) -> str:
    return "".join(
        bytes(line.strip()[1:-1], "utf-8")
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
        for line in lines
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(po_path: str, translations: dict[str, str]) -> int:
    blocks = Path(po_path).read_text(encoding="utf-8").split("\n\n")
    changed = 0
    out = []
    for block in blocks:
        lines = block.split("\n")
        try:
            start = next(i for i, line in enumerate(lines) if line.startswith("msgid "))
        except StopIteration:
            out.append(block)
            continue
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith('"'))
        msgid = _unquote([lines[start][6:], *lines[start + 1 : end]])
        if msgid in translations:
            head = [line for line in lines[:start] if not line.startswith("#|")]
            head = [line.replace(", fuzzy", "").replace("#, fuzzy", "") for line in head]
            head = [line for line in head if line.strip() not in ("#", "#,")]
            if lines[end].startswith("msgid_plural"):
                # Chinese has one plural form: msgstr[0] serves every count.
                plural_end = next(
                    i for i in range(end + 1, len(lines)) if not lines[i].startswith('"')
                )
                ids = lines[start:plural_end]
                block = "\n".join([*head, *ids, "msgstr[0] " + _quote(translations[msgid])])
            else:
                ids = lines[start:end]
                block = "\n".join([*head, *ids, "msgstr " + _quote(translations[msgid])])
            changed += 1
        out.append(block)
    Path(po_path).write_text("\n\n".join(out), encoding="utf-8")
    return changed


if __name__ == "__main__":
    table: dict[str, str] = {}
    for dict_file in sys.argv[2:]:
        table.update(runpy.run_path(dict_file)["T"])
    print(f"filled {fill(sys.argv[1], table)} entries")
