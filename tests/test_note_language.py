"""Record notes carry their language (``note_lang``, default ``id``): a report shows a note
only in a report that can carry it, the schema checks the tags, and the shipped notes say
their language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.parts import shown_note

ENGLISH_NOTE = "The visiting unit is named in the photo caption"
INDONESIAN_NOTE = "Unit yang berkunjung disebut dalam keterangan foto"
# Function words that tell the two languages apart in a short curator's note.
ENGLISH_WORDS = {"the", "of", "is", "and", "from", "in", "names", "not", "a", "its", "on"}
INDONESIAN_WORDS = {"yang", "dan", "di", "dari", "dalam", "untuk", "oleh", "tidak", "ke"}


def notes(data: object) -> list[tuple[str, str | None]]:
    """Every (note, note_lang) in a record, however deep."""
    found: list[tuple[str, str | None]] = []
    if isinstance(data, dict):
        if isinstance(data.get("note"), str):
            found.append((data["note"], data.get("note_lang")))
        for value in data.values():
            found += notes(value)
    elif isinstance(data, list):
        for value in data:
            found += notes(value)
    return found


def test_the_rule() -> None:
    assert shown_note("catatan", None, Lang.ID) == ("catatan", "id")
    assert shown_note("note", "en", Lang.ID) is None  # never English in Indonesian
    assert shown_note("note", "en-GB", Lang.EN) == ("note", "en-GB")
    assert shown_note("catatan", "id", Lang.EN) == ("catatan", "id")  # record text as written
    assert shown_note("cathetan", "jv", Lang.ID) is None
    assert shown_note(None, "en", Lang.EN) is None


def test_every_shipped_note_says_its_language() -> None:
    """A note without note_lang reads as Indonesian; one marked en reads as English."""
    for path in sorted(REPO.glob("data/*/**/*.yaml")):
        if "scoring" in path.parts:
            continue
        for note, lang in notes(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words = set(re.findall(r"[a-z]+", note.lower()))
            english, indonesian = len(words & ENGLISH_WORDS), len(words & INDONESIAN_WORDS)
            if lang is None:
                assert english <= indonesian, f"{path}: reads as English: {note!r}"
            elif lang == "en":
                assert english >= indonesian, f"{path}: marked en: {note!r}"


@pytest.fixture
def noted(collection: Path) -> Path:
    """The example collection with an English and an Indonesian citation note on the
    visit, and an English note on what it studied."""
    path = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["sources"] = [
        {"source": "fixture", "locator": "no. 1", "note": ENGLISH_NOTE, "note_lang": "en"},
        {"source": "fixture", "locator": "no. 2", "note": INDONESIAN_NOTE},
    ]
    data["studied"][0]["note"] = "Studied on the second day"
    data["studied"][0]["note_lang"] = "en"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return collection


def test_an_indonesian_report_shows_no_english_note(run, noted: Path) -> None:
    root = ("--root", str(noted))
    run(*root, "validate")
    for fmt in ("md", "html"):
        page = run(*root, "report", "visits", "--host", "banggai", "-f", fmt).stdout
        assert ENGLISH_NOTE not in page and "second day" not in page, fmt
        assert INDONESIAN_NOTE in page, fmt
        english = run(*root, "report", "visits", "--host", "banggai", "-f", fmt, "--lang", "en")
        assert ENGLISH_NOTE in english.stdout and "second day" in english.stdout
        assert INDONESIAN_NOTE in english.stdout  # record text stays as written
    html = run(*root, "report", "visits", "--host", "banggai", "-f", "html", "--lang", "en")
    assert f'<span lang="id">{INDONESIAN_NOTE}</span>' in html.stdout
    shown = json.loads(run(*root, "visits", "--host", "banggai", "-f", "json").stdout)
    assert [s["note_lang"] for s in shown[0]["sources"]] == ["en", "id"]


def test_no_shipped_english_note_reaches_an_indonesian_report(run) -> None:
    english = [
        note
        for path in REPO.glob("data/*/**/*.yaml")
        for note, lang in notes(yaml.safe_load(path.read_text(encoding="utf-8")))
        if lang == "en"
    ]
    assert english
    pages = [
        run("--root", str(REPO), *args, "-f", fmt).stdout
        for args in (
            ("report", "region", "banggai"),
            ("report", "region", "balangan"),
            ("report", "visits", "--host", "banggai"),
            ("report", "award", "--region", "banggai", "--award", "iga-2019"),
            ("report", "yearly", "--year", "2018"),
        )
        for fmt in ("md", "html")
    ]
    for note in english:
        fragment = " ".join(note.split())[:40]
        assert not any(fragment in " ".join(page.split()) for page in pages), fragment


@pytest.mark.parametrize("tag", ["EN", "english", "e", "en_US", ""])
def test_a_bad_language_tag_is_a_finding(run, collection: Path, tag: str) -> None:
    path = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"][0]["note"] = "catatan"
    data["sources"][0]["note_lang"] = tag
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--root", str(collection), "validate", "-f", "json", code=1)
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["field"] == "sources.0.note_lang"
    assert "BCP 47" in finding["message"] + (finding["hint"] or "") or tag in finding["message"]


def test_a_language_without_a_note_is_a_finding(run, collection: Path) -> None:
    path = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sources"][0].pop("note", None)
    data["sources"][0]["note_lang"] = "en"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--root", str(collection), "validate", code=1)
    assert "note" in result.stdout and "note_lang" in result.stdout
