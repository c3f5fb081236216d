"""Every REDRESS_* setting is declared once, in config/settings.py, with its default, and listed
in the README's table: code reads `settings.REDRESS_...` and never supplies a default of its
own, so a setting's meaning and default live in one place."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
SETTINGS_FILE = ROOT / "config" / "settings.py"
# Read by the test tooling only, never by the product.
TEST_ONLY = {
    "REDRESS_CHROMIUM",
    "REDRESS_TEST_ARTIFACTS",
    "REDRESS_FUZZ_EXAMPLES",
    "REDRESS_FUZZ_RANDOM",
    "REDRESS_PROPERTY_EXAMPLES",
    "REDRESS_PROPERTY_RANDOM",
}


def _product_sources() -> list[Path]:
    return [
        path
        for path in (ROOT / "redress").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_code_reads_only_declared_settings_without_defaults_of_its_own():
    used: set[str] = set()
    defaulted: list[str] = []
    for path in _product_sources():
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"settings\.(REDRESS_[A-Z0-9_]+)", text))
        defaulted += [
            f"{path.relative_to(ROOT)}: {name}"
            for name in re.findall(r"getattr\(\s*settings,\s*\"(REDRESS_[A-Z0-9_]+)\"", text)
        ]
    assert defaulted == []
    assert sorted(name for name in used if not hasattr(settings, name)) == []


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    read = set(re.findall(r"\"(REDRESS_[A-Z0-9_]+)\"", SETTINGS_FILE.read_text(encoding="utf-8")))
    assert sorted(name for name in read - TEST_ONLY if f"`{name}`" not in readme) == []
