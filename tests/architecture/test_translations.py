"""The Welsh catalogue is complete: every string translated, nothing fuzzy, nothing missing."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[dict]:
    """Parse a .po file into entries: id, context, fuzzy flag and translated values."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if block.lstrip().startswith("#~"):
            continue  # obsolete
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries.append(
                {
                    "id": fields["msgid"],
                    "context": fields.get("msgctxt", ""),
                    "fuzzy": "#, fuzzy" in block,
                    "values": [v for k, v in fields.items() if k.startswith("msgstr")],
                }
            )
    return entries


def test_every_welsh_entry_is_translated_and_not_fuzzy():
    entries = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert entries, "the catalogue has entries"
    untranslated = [e["id"] for e in entries if not e["values"] or not all(e["values"])]
    fuzzy = [e["id"] for e in entries if e["fuzzy"]]
    assert not untranslated, f"untranslated Welsh entries: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy Welsh entries: {fuzzy[:10]}"


def test_placeholders_survive_translation():
    for entry in _entries(CATALOGUE.read_text(encoding="utf-8")):
        wanted = sorted(set(re.findall(r"%\(\w+\)[sd]", entry["id"])))
        for value in filter(None, entry["values"]):
            assert sorted(set(re.findall(r"%\(\w+\)[sd]", value))) == wanted, entry["id"]


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_makemessages_finds_no_new_strings(tmp_path, settings, monkeypatch):
    """Every marked string in the code is already in the catalogue (run `make messages`).

    makemessages writes next to the sources, so it runs on a copy of them, never the real tree.
    """
    base = Path(settings.BASE_DIR)
    for folder in ("aln", "templates", "locale"):
        shutil.copytree(base / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", locale=["cy"], no_location=True, verbosity=0)
    copy = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    before = {(e["context"], e["id"]) for e in _entries(CATALOGUE.read_text(encoding="utf-8"))}
    after = {(e["context"], e["id"]) for e in _entries(copy.read_text(encoding="utf-8"))}
    missing = sorted(after - before)
    assert not missing, f"strings missing from the catalogue (run make messages): {missing[:10]}"
