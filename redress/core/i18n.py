"""Data that carries both languages (names of units, categories) shows the active one."""

from __future__ import annotations

from django.utils.translation import get_language


def pick(zh: str, en: str) -> str:
    language = (get_language() or "zh-hans").lower()
    if language.startswith("en"):
        return en or zh
    return zh or en
