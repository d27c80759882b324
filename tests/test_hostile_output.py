"""Hostile text in valid records is inert in every output.

The records of a copy of the example collection are filled with HTML and script, Markdown
pipes and headings, rich markup, ANSI and OSC 8 escape sequences, a bidi override,
spreadsheet formulas and SQL. They stay valid (the control characters are warnings), so
every command shows them; each output must keep them as data: escaped on a terminal, intact
in JSON and SQLite, neutralised in CSV, escaped in Markdown (tables intact, no injected
heading) and HTML (no live script or event handler).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from conftest import REPO
from inovasi_cli.output import tables

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PIPES = "| a | b |"
HEADING = "# heading"
BOLD = "[bold]x[/bold]"
LINK = "[link=file:///etc/passwd]x[/link]"
SHORT_LINK = "[link=file:///x]y[/link]"
ANSI = "\x1b[31mred"
OSC8 = "\x1b]8;;http://evil\x07click\x1b]8;;\x07"
BIDI = "\u202eevil"
FORMULA = "=cmd|' /C calc'!A0"
SQL = "'); DROP TABLE innovations; --"
LINE_SEPARATOR = "\u2028"  # a line break to JavaScript and str.splitlines
INLINE = " ".join(
    [SCRIPT, IMG, PIPES, BOLD, LINK, ANSI, OSC8, BIDI, LINE_SEPARATOR, SQL, "```", "{{ 7 * 7 }}"]
)
NAME = f"{FORMULA} {INLINE}"  # the name of banggai/pinasa
FORMULAS = [FORMULA, "+1", "-1", "@SUM(1)", "\t=1+1"]

# Raw characters no terminal-bound output may carry (rich's own colour codes aside).
_RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile(r"\x1b\[[0-9;]*m")
HAS_SCORING = (REPO / "data" / "scoring").is_dir()


def _edit(path: Path, **changes: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def hostile(collection: Path) -> Path:
    """The example collection, every free-text field hostile; still valid."""
    data = collection / "data"
    _edit(
        data / "innovations/banggai/pinasa.yaml",
        name=NAME,
        acronym="+1",
        unit="-1",
        summary=f"{HEADING}\n{PIPES}\n{INLINE}\n- item\n1. item\n---",
        goals=["@SUM(1)", HEADING, INLINE],
        benefits=[PIPES],
        results=[INLINE],
        classified={"form": f"{INLINE} {PIPES}"},
        amounts=[{"what": HEADING, "value": 192, "unit": "=1+1"}],
        sources=[
            {"source": "fixture"},
            {"source": "hostile", "locator": PIPES, "note": HEADING},
        ],
    )
    (data / "sources/hostile.yaml").write_text(
        yaml.safe_dump(
            {
                "title": INLINE,
                "kind": "berita",
                "language": "id",
                "url": f"https://example.org/?q={SCRIPT}",
                "publisher": "\t=1+1",
                "author": BOLD,
                "note": HEADING,
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    _edit(
        data / "innovations/banggai/poli-lansia.yaml",
        name=HEADING,
        unit=BOLD,
        competitions=[{"award": "iga", "year": 2019}],
        outcomes=[{"indicator": INLINE, "before": 120, "after": 30, "unit": PIPES}],
    )
    _edit(
        data / "innovations/parigi-moutong/kukusa.yaml",
        name=f"{PIPES} {INLINE}",
        acronym=BOLD,
        unit=SHORT_LINK,
    )
    region = yaml.safe_load((data / "regions/banggai.yaml").read_text(encoding="utf-8"))
    region["facts"][0]["statement"] = f"{HEADING} {INLINE}"
    region["facts"][0]["people"] = [{"name": BOLD, "title": PIPES, "role": INLINE}]
    region["facts"][0]["place"] = SHORT_LINK
    _edit(data / "regions/banggai.yaml", capital=INLINE, facts=region["facts"])
    _edit(data / "regions/parigi-moutong.yaml", name=f"Kabupaten Parigi Moutong {SCRIPT}{BIDI}")
    visit = data / "visits/2019-07-parigi-moutong-ke-banggai.yaml"
    record = yaml.safe_load(visit.read_text(encoding="utf-8"))
    record["visitors"][0].update(unit=INLINE, leader={"name": BOLD, "title": OSC8})
    record["studied"][1]["topic"] = INLINE
    record["outcomes"][0].update(name=INLINE, note=HEADING)
    _edit(
        visit,
        purpose=INLINE,
        host_unit=FORMULA,
        received_by={"name": LINK, "title": HEADING},
        places=[PIPES, INLINE],
        visitors=record["visitors"],
        studied=record["studied"],
        outcomes=record["outcomes"],
    )
    if HAS_SCORING:
        shutil.copytree(REPO / "data" / "scoring", data / "scoring")
    return collection


def test_the_hostile_records_are_valid_and_loaded(run, hostile: Path) -> None:
    result = run("--root", str(hostile), "validate", code=0)
    assert "control-character" in result.stdout  # warned about, not refused
    ids = run("--root", str(hostile), "list", "--format", "ids").stdout.split()
    assert ids == ["banggai/pinasa", "banggai/poli-lansia", "parigi-moutong/kukusa"]
    shown = run("--root", str(hostile), "show", "banggai/pinasa", "--format", "json").stdout
    assert json.loads(shown)["name"] == NAME


# --- terminal ------------------------------------------------------------------------------------

READ_COMMANDS = [
    ["list"],
    ["show", "banggai/pinasa"],
    ["show", "banggai/poli-lansia"],
    ["visits"],
    ["regions"],
    ["stats", "--by", "region"],
    ["stats", "--by", "unit-type"],
]
if HAS_SCORING:
    READ_COMMANDS += [
        ["score"],
        ["score", "--by", "region"],
        ["score", "--region", "banggai"],
        ["score", "--explain", "banggai/pinasa"],
    ]


def _assert_inert(text: str, where: str) -> None:
    found = _RAW.search(_SGR.sub("", text))
    assert found is None, f"{where}: raw {found.group()!r}\n{text}"
    assert "\x1b]8" not in text, f"{where}: a terminal hyperlink"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich tables as on a real terminal (colour on), wide enough not to wrap."""
    fake_sys = SimpleNamespace(stdout=SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr(tables, "sys", fake_sys)
    monkeypatch.setenv("COLUMNS", "2000")


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[" ".join(a) for a in READ_COMMANDS])
def test_table_on_a_terminal_is_inert(run, hostile: Path, terminal: None, args: list[str]) -> None:
    result = run("--root", str(hostile), *args, "--format", "table")
    if args[0] in {"list", "visits", "regions", "stats"}:
        assert "\x1b[" in result.stdout, "the table should be coloured: a terminal was forced"
    _assert_inert(result.stdout, "stdout")
    _assert_inert(result.stderr, "stderr")


def test_table_shows_markup_as_text(run, hostile: Path, terminal: None) -> None:
    plain = _SGR.sub("", run("--root", str(hostile), "list", "--format", "table").stdout)
    assert BOLD in plain  # not read as rich markup
    assert SHORT_LINK in plain  # not a hyperlink


@pytest.mark.parametrize("args", READ_COMMANDS, ids=[" ".join(a) for a in READ_COMMANDS])
def test_text_format_is_inert(run, hostile: Path, args: list[str]) -> None:
    result = run("--root", str(hostile), *args, "--format", "text")
    _assert_inert(result.stdout, "stdout")
    _assert_inert(result.stderr, "stderr")


def test_text_format_shows_escapes_not_effects(run, hostile: Path) -> None:
    out = run("--root", str(hostile), "show", "banggai/pinasa", "--format", "text").stdout
    assert "\\x1b[31mred" in out
    assert "\\x1b]8;;http://evil\\x07click" in out
    assert "\\u202eevil" in out
    assert BOLD in out and LINK in out and SCRIPT in out


# --- JSON, YAML ----------------------------------------------------------------------------------


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


JSON_COMMANDS = [
    ["list", "--format", "json"],
    ["show", "banggai/pinasa", "--format", "json"],
    ["visits", "--format", "json"],
    ["regions", "--format", "json"],
    ["export", "--format", "json", "--output", "-"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=[a[0] for a in JSON_COMMANDS])
def test_json_is_valid_and_keeps_the_text(run, hostile: Path, args: list[str]) -> None:
    out = run("--root", str(hostile), *args).stdout
    _assert_inert(out, "json")  # control characters travel as \u escapes
    data = _strict_json(out)
    assert any(INLINE in text for text in _strings(data))  # intact, escapes decoded


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_jsonl_is_one_record_per_line(run, hostile: Path) -> None:
    for args in (["list", "--format", "jsonl"], ["export", "-f", "jsonl", "-o", "-"]):
        out = run("--root", str(hostile), *args).stdout
        lines = out.splitlines()  # splits on U+2028 and friends too: none may be raw
        assert [_strict_json(line) for line in lines]
        assert len(lines) == out.count("\n")


def test_yaml_format_round_trips(run, hostile: Path) -> None:
    as_json = _strict_json(run("--root", str(hostile), "list", "--format", "json").stdout)
    out = run("--root", str(hostile), "list", "--format", "yaml").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert yaml.safe_load(out) == as_json


# --- CSV -----------------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _check_csv(text: str, where: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                assert _NUMBER.fullmatch(cell), f"{where}: live formula cell {cell!r}"
            _assert_inert(cell, where)
    return rows


def test_csv_neutralises_formulas(run, hostile: Path) -> None:
    rows = _check_csv(run("--root", str(hostile), "list", "--format", "csv").stdout, "list")
    cells = {cell for row in rows for cell in row}
    assert any(cell.startswith("'=cmd|") for cell in cells)
    assert "'+1" in cells and "'-1" in cells
    for args in (["visits"], ["regions"], ["stats", "--by", "unit-type"]):
        _check_csv(run("--root", str(hostile), *args, "--format", "csv").stdout, args[0])


def test_csv_export_neutralises_formulas(run, hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    run("--root", str(hostile), "export", "--format", "csv", "--output", str(out))
    cells: set[str] = set()
    for table in sorted(out.glob("*.csv")):
        rows = _check_csv(table.read_text(encoding="utf-8"), table.name)
        cells |= {cell for row in rows for cell in row}
    assert any(cell.startswith("'@SUM(1)") for cell in cells)  # goals, one line each
    assert "'\t=1+1" in cells  # a source's publisher
    assert f"'{FORMULA}" in cells  # the visit's host_unit
    assert any(cell.startswith("'=cmd|") for cell in cells)


# --- SQLite --------------------------------------------------------------------------------------


def test_sqlite_keeps_text_as_data(run, hostile: Path, tmp_path: Path) -> None:
    database = tmp_path / "inovasi.db"
    run("--root", str(hostile), "export", "--format", "sqlite", "--output", str(database))
    with sqlite3.connect(database) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "innovations" in names  # the SQL in the text did not run
        (name,) = db.execute("SELECT name FROM innovations WHERE id = ?", ("banggai/pinasa",))
        assert name == (NAME,)  # stored exactly, formula and escapes included
        visit = db.execute("SELECT purpose, host_unit FROM visits").fetchone()
        assert visit == (INLINE, FORMULA)
    database.unlink()


# --- reports: Markdown and HTML ------------------------------------------------------------------

REPORTS = [
    ["award", "--region", "banggai", "--award", "iga-2019"],
    ["visits", "--host", "banggai"],
    ["visits", "--visitor", "parigi-moutong"],
    ["region", "banggai"],
    ["region", "parigi-moutong"],
    ["yearly", "--year", "2019"],
]
_PIPE = re.compile(r"(?<!\\)\|")


def _check_markdown(text: str, where: str) -> None:
    _assert_inert(text, where)
    table: list[int] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            table.append(len(_PIPE.findall(line)))
        elif table:
            assert len(set(table)) == 1, f"{where}: a table lost its shape: {table}\n{text}"
            table = []
    for line in text.splitlines():
        assert not re.match(r"\s{0,3}#{1,6}\s+heading", line), f"{where}: injected {line!r}"
        assert not re.match(r"\s{0,3}(-|\d+\.)\s+item", line), f"{where}: injected {line!r}"
        assert "```" not in line or line.startswith("```"), f"{where}: a fence in {line!r}"
    assert not re.search(r"(?<!\\)<(script|img)", text), f"{where}: live HTML"


@pytest.mark.parametrize("args", REPORTS, ids=[" ".join(a) for a in REPORTS])
def test_markdown_report_is_inert(run, hostile: Path, args: list[str]) -> None:
    out = run("--root", str(hostile), "report", *args, "--format", "md").stdout
    _check_markdown(out, " ".join(args))
    assert "heading" in out and "alert(1)" in out  # the text is shown, escaped


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.parametrize("args", REPORTS, ids=[" ".join(a) for a in REPORTS])
def test_html_report_is_inert(run, hostile: Path, args: list[str]) -> None:
    out = run("--root", str(hostile), "report", *args, "--format", "html").stdout
    _assert_inert(out, " ".join(args))
    parser = _Tags()
    parser.feed(out)
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "img" not in names
    for tag, attrs in parser.tags:
        for attr, value in attrs:
            assert not attr.startswith("on"), f"<{tag} {attr}=...>: an event handler"
            if value and attr in {"href", "src", "xlink:href", "action"}:
                assert not value.lower().startswith(("javascript:", "file:", "data:")), value
    assert "&lt;script&gt;" in out  # shown as text
    assert any(SCRIPT in chunk for chunk in parser.text)


# --- validation reports (record values echoed in findings) ---------------------------------------

WICKED = f"{INLINE}\n::error file=README.md,line=1::forged"
C1 = "\x9b31m"  # CSI as one C1 byte: a terminal escape without ESC


def test_findings_echoing_record_values_are_inert(run, collection: Path) -> None:
    bad = collection / "data/innovations/banggai/bad.yaml"
    record = {"name": "Satu", "sector": WICKED, "summary": "x", "sources": [{"source": "fixture"}]}
    bad.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    text = run("--root", str(collection), "validate", code=1)
    _assert_inert(text.stdout + text.stderr, "text")
    github = run("--root", str(collection), "validate", "--format", "github", code=1).stdout
    _assert_inert(github, "github")
    lines = github.splitlines()
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert not any("::forged" in line.partition("::")[2].partition("::")[0] for line in lines)
    json_out = run("--root", str(collection), "validate", "-f", "json", code=1).stdout
    _assert_inert(json_out, "validate json")  # U+202E, U+2028, C1 as \u escapes
    report = _strict_json(json_out)
    assert any(WICKED in f["message"] for f in report["findings"])


def test_validate_json_escapes_separators_bidi_and_c1(run, collection: Path) -> None:
    """The JSON class: every raw character a terminal or a JavaScript parser would act on
    leaves as a \\u escape, in validate's report as in list, show and export."""
    bad = collection / "data/innovations/banggai/bad.yaml"
    wicked = f"x{BIDI}{LINE_SEPARATOR}\u2029{C1}"
    record = {"name": "Satu", "sector": wicked, "summary": "x", "sources": [{"file": "f.txt"}]}
    bad.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    out = run("--root", str(collection), "validate", "--format", "json", code=1).stdout
    for raw, escape in [("\u202e", "\\u202e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")]:
        assert raw not in out and escape in out
    assert "\x9b" not in out and "\\u009b" in out
    assert any(wicked in f["message"] for f in _strict_json(out)["findings"])


# --- inovasi review: Markdown for a pull request comment -----------------------------------------


def _git(repo: Path, *args: str) -> None:
    config = ["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *config, *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_review_markdown_is_inert(run, collection: Path, hostile: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(collection.parent / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    base = collection.parent / "base"
    shutil.copytree(REPO / "tests" / "examples" / "valid", base)
    _git(base, "init", "-q", "-b", "main")
    _git(base, "add", "-A")
    _git(base, "commit", "-q", "-m", "base")
    _git(base, "switch", "-q", "-c", "change")
    shutil.rmtree(base / "data")
    shutil.copytree(hostile / "data", base / "data")
    bad = base / "data/innovations/banggai/bad.yaml"
    bad.write_text(yaml.safe_dump({"name": INLINE, "sector": WICKED}), encoding="utf-8")
    _git(base, "add", "-A")
    _git(base, "commit", "-q", "-m", "hostile")
    out = run("--root", str(base), "review", "--base", "main", code=None).stdout
    _check_markdown(out, "review")
    assert "alert(1)" in out  # the hostile name is shown, escaped
    document = run("--root", str(base), "review", "-b", "main", "-f", "json", code=None).stdout
    _assert_inert(document, "review json")  # U+202E, U+2028 and C1 as \u escapes
    assert any(WICKED in f["message"] for f in _strict_json(document)["findings"])
