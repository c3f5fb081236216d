"""The Simplified Chinese translation: complete, compiled, and served by default.

Adding strings? Re-run `makemessages -l zh_Hans` and `compilemessages` (see the Makefile/README)
and translate the new entries; these tests fail until every msgid has a msgstr."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "redress" / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_FORMAT = re.compile(r"%\((\w+)\)[sd]|\{\w*\}")


def _unquote(token: str) -> str:
    token = token.strip()
    assert token.startswith('"') and token.endswith('"'), token
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])


def parse_po(path: Path) -> list[dict[str, object]]:
    """A small .po reader: one dict per entry with msgid, msgid_plural, msgstr (list) and flags."""
    entries: list[dict[str, object]] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, object] = {"flags": set(), "msgstr": {}}
        current: tuple[str, int] | None = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
                continue
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$", line)
            if match:
                keyword, index, text = match.groups()
                current = (keyword, int(index or 0))
            elif line.startswith('"') and current is not None:
                text = line
            else:
                continue
            keyword, index = current
            if keyword == "msgstr":
                strings = entry["msgstr"]
                assert isinstance(strings, dict)
                strings[index] = strings.get(index, "") + _unquote(text)
            else:
                entry[keyword] = str(entry.get(keyword, "")) + _unquote(text)
        if "msgid" in entry:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[dict[str, object]]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l zh_Hans"
    return parse_po(PO_FILE)


def _messages(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    return [e for e in entries if e["msgid"] != ""]


def test_header_declares_simplified_chinese(po_entries):
    header = next(e for e in po_entries if e["msgid"] == "")
    text = header["msgstr"][0]
    assert "Language: zh_Hans\n" in text
    assert "Content-Type: text/plain; charset=UTF-8\n" in text
    assert "Plural-Forms: nplurals=1; plural=0;\n" in text
    assert "fuzzy" not in header["flags"]


def test_every_msgid_has_a_translation_and_none_is_fuzzy(po_entries):
    messages = _messages(po_entries)
    assert len(messages) > 250
    untranslated = [
        e["msgid"] for e in messages if not all(e["msgstr"].values()) or not e["msgstr"]
    ]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_the_one_chinese_form(po_entries):
    plurals = [e for e in _messages(po_entries) if "msgid_plural" in e]
    assert plurals
    for entry in plurals:
        assert sorted(entry["msgstr"]) == [0], entry["msgid"]


def test_placeholders_survive_translation(po_entries):
    for entry in _messages(po_entries):
        expected = set(_FORMAT.findall(str(entry["msgid"])))
        for text in entry["msgstr"].values():
            assert set(_FORMAT.findall(text)) == expected, entry["msgid"]


def test_compiled_catalog_matches_the_po_file(po_entries):
    """Catches a .po edited without re-running compilemessages."""
    assert MO_FILE.exists(), f"{MO_FILE} is missing: run compilemessages"
    with MO_FILE.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for entry in _messages(po_entries):
        msgid = str(entry["msgid"])
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            assert catalog.ngettext(msgid, str(entry["msgid_plural"]), 2) == entry["msgstr"][0]
        else:
            assert catalog.gettext(msgid) == entry["msgstr"][0], msgid


def test_glossary_terms_are_used():
    with translation.override("zh-hans"):
        assert translation.gettext("Accept") == "受理"
        assert translation.gettext("Decline with a reason") == "不予受理（说明理由）"
        assert translation.gettext("Transfer") == "转办"
        assert translation.gettext("Assign") == "交办"
        assert translation.gettext("Extend the deadline") == "延期"
        assert translation.gettext("Answer and resolve") == "答复办结"
        assert translation.gettext("Tracking code") == "查询码"
        assert translation.gettext("Ask for a review") == "申请复查"
        assert translation.gettext("Ask for a re-review") == "申请复核"
        assert translation.gettext("overdue") == "超期"
        assert translation.gettext("Community liaison") == "信息员"
        # A message the views translate at run time (marked with gettext_noop).
        assert translation.gettext("Transferred.") == "已转办。"
        assert (
            translation.ngettext("%(counter)s case", "%(counter)s cases", 7) % {"counter": 7}
            == "共 7 件"
        )
    with translation.override("en"):
        assert translation.gettext("Accept") == "Accept"


def test_public_pages_speak_chinese_to_a_chinese_browser(client):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert home.status_code == 200
    html = home.content.decode()
    assert 'lang="zh-CN"' in html
    assert "提交诉求" in html
    assert "查询码" in html
    assert "Submit a grievance" not in html

    submit = client.get("/submit/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert submit.status_code == 200
    html = submit.content.decode()
    assert "提交" in html
    assert "查询码" in html
    assert "联系方式（选填）" in html
    assert "Describe the problem" not in html


def test_public_pages_speak_english_to_an_english_browser(client):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert home.status_code == 200
    html = home.content.decode()
    assert 'lang="en"' in html
    assert "Submit a grievance" in html
    assert "Tracking code" in html
    assert "提交诉求" not in html

    submit = client.get("/submit/", HTTP_ACCEPT_LANGUAGE="en")
    assert submit.status_code == 200
    html = submit.content.decode()
    assert "Describe the problem" in html
    assert "tracking code" in html
    assert "查询码" not in html


def test_chinese_is_the_default_without_a_preference(client):
    html = client.get("/submit/").content.decode()
    assert "提交诉求" in html
