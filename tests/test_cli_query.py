"""list, show, visits, regions, stats and export through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from inovasi_cli.validation.pipeline import load_collection

ROOT = ("--root", str(REPO))
FORMATS = ("table", "text", "json", "jsonl", "csv", "yaml", "ids")


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def count(output: str, fmt: str, id_prefix: str) -> int:
    """How many records an output holds, read the way each format is meant to be read."""
    if fmt == "json":
        return len(json.loads(output))
    if fmt == "yaml":
        return len(yaml.safe_load(output))
    if fmt == "jsonl":
        return len([json.loads(line) for line in output.splitlines()])
    if fmt == "csv":
        return len(list(csv.DictReader(io.StringIO(output))))
    if fmt == "ids":
        return len(output.splitlines())
    if fmt == "text":
        return len(output.splitlines()) - 1  # the header line
    # table: one id at the start of each record's first line
    return sum(1 for line in output.splitlines() if line.strip().startswith(id_prefix))


# -- the "done when" checks on the shipped collection ----------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_banggai_iga_2019_is_24_in_every_format(run, fmt: str) -> None:
    result = run(*ROOT, "list", "--region", "banggai", "--award", "iga-2019", "--format", fmt)
    assert count(result.stdout, fmt, "banggai/") == 24


@pytest.mark.parametrize("fmt", FORMATS)
def test_visits_to_banggai_is_8_in_every_format(run, fmt: str) -> None:
    result = run(*ROOT, "visits", "--host", "banggai", "--format", fmt)
    if fmt == "table":  # ids vary; every row shows the host
        assert result.stdout.count(" banggai ") == 8
    else:
        assert count(result.stdout, fmt, "") == 8


def test_health_innovations_agree_across_formats(run) -> None:
    collection = load_collection(REPO).collection
    expected = sorted(i.id for i in collection.innovations.values() if i.sector == "kesehatan")
    assert expected
    ids = run(*ROOT, "list", "--sector", "kesehatan", "--format", "ids").stdout.split()
    assert ids == expected
    records = json.loads(run(*ROOT, "list", "--sector", "kesehatan", "--format", "json").stdout)
    assert [r["id"] for r in records] == expected
    assert {r["sector"] for r in records} == {"kesehatan"}
    rows = csv.DictReader(io.StringIO(run(*ROOT, "list", "-s", "kesehatan", "-f", "csv").stdout))
    assert [r["id"] for r in rows] == expected
    table = run(*ROOT, "list", "--sector", "kesehatan", "--format", "table")
    assert count(table.stdout, "table", "banggai/") == len(expected)
    assert f"{len(expected)} of {len(collection.innovations)} innovation(s)" in table.stderr


def test_misspelt_sector_fails_with_a_suggestion(run) -> None:
    result = run(*ROOT, "list", "--sector", "keshatan", code=2)
    assert result.stdout == ""
    assert "unknown sector 'keshatan'; did you mean 'kesehatan'?" in result.stderr


def test_sqlite_export_matches_list_and_joins(run, tmp_path: Path) -> None:
    path = tmp_path / "inovasi.db"
    result = run(*ROOT, "export", "--format", "sqlite", "--output", str(path))
    assert result.stdout == ""
    assert "innovations" in result.stderr
    listed = run(*ROOT, "list", "--format", "ids").stdout.split()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT count(*) FROM innovations").fetchone() == (len(listed),)
        rows = db.execute(
            "SELECT DISTINCT r.id FROM visits v JOIN regions r ON r.id = v.host "
            "JOIN visit_innovations vi ON vi.visit = v.id "
            "JOIN innovations i ON i.id = vi.innovation"
        ).fetchall()
    assert ("banggai",) in rows
    again = run(*ROOT, "export", "-f", "sqlite", "-o", str(path), code=2)
    assert "exists; use --force" in again.stderr
    run(*ROOT, "export", "-f", "sqlite", "-o", str(path), "--force")


# -- list ------------------------------------------------------------------------------------


def test_filters_combine_and_forgive(run) -> None:
    forgiving = run(
        *ROOT, "list", "-r", "Kabupaten Banggai", "-a", "IGA 2019", "-s", "Kesehatan", "-f", "ids"
    )
    strict = run(*ROOT, "list", "-r", "banggai", "-a", "iga-2019", "-s", "kesehatan", "-f", "ids")
    assert forgiving.stdout == strict.stdout
    assert forgiving.stdout.strip()


def test_query_digital_sort_limit(run, collection: Path) -> None:
    root = ("--root", str(collection))
    assert run(*root, "list", "-q", "gerakan MORAL", "-f", "ids").stdout == "banggai/pinasa\n"
    assert len(run(*root, "list", "-q", "SAMPAH", "-f", "ids").stdout.split()) == 2
    assert run(*root, "list", "--non-digital", "-f", "ids").stdout.split() == [
        "banggai/pinasa",
        "banggai/poli-lansia",
    ]
    by_name = run(*root, "list", "--sort", "name", "-f", "ids").stdout.split()
    assert by_name == ["banggai/pinasa", "parigi-moutong/kukusa", "banggai/poli-lansia"]
    limited = run(*root, "list", "--limit", "1", "-f", "text")
    assert len(limited.stdout.splitlines()) == 2
    assert "3 innovation(s) (showing 1)" in limited.stderr


def test_empty_result_says_so_on_stderr(run, collection: Path) -> None:
    result = run("--root", str(collection), "list", "--sector", "pendidikan", "-f", "json")
    assert json.loads(result.stdout) == []
    assert "no innovation(s) match" in result.stderr


def test_unknown_values_exit_2(run, collection: Path) -> None:
    root = ("--root", str(collection))
    for args, message in [
        (("--region", "banggay"), "did you mean 'banggai'"),
        (("--award", "iga-2020"), "entries recorded: iga-2019"),
        (("--year", "2030"), "years recorded"),
        (("--tag", "sampha"), "did you mean 'sampah'"),
        (("--stage", "zz"), "valid values: inisiatif"),
        (("--format", "xml"), "xml"),
    ]:
        result = run(*root, "list", *args, code=2)
        assert message in result.stderr, args
        assert result.stdout == ""


def test_default_format_is_plain_text_when_piped(run, collection: Path) -> None:
    result = run("--root", str(collection), "list")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "sector", "unit", "awards"]
    assert lines[1].startswith("banggai/pinasa  ")
    assert not any(ch in result.stdout for ch in "─│━\x1b")


# -- show ------------------------------------------------------------------------------------


def test_show_profile_by_acronym(run, collection: Path) -> None:
    result = run("--root", str(collection), "show", "pinasa")
    out = result.stdout
    assert out.startswith("Gerakan moral PINASA\nbanggai/pinasa · Kabupaten Banggai\n")
    assert "sector: Lingkungan Hidup (lingkungan-hidup)" in out
    assert "Kabupaten Parigi Moutong as KUKUSA (parigi-moutong/kukusa)" in out
    assert "2019-07-parigi-moutong-ke-banggai (2019-07): Kabupaten Parigi Moutong" in out
    assert "Test fixture (Lainnya) (source: fixture)" in out  # a citation, not a file
    assert "values: stated by the sources: sector, unit, unit_type, form, digital" in out
    assert "IGA 2019" in out


def test_show_names_the_adopting_innovation_when_the_outcome_gives_only_its_id(
    run, collection: Path
) -> None:
    visit = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace("    name: KUKUSA\n", ""))
    out = run("--root", str(collection), "show", "pinasa").stdout
    name = load_collection(collection).collection.innovations["parigi-moutong/kukusa"].display_name
    assert f"Kabupaten Parigi Moutong as {name} (parigi-moutong/kukusa)" in out
    assert "as (parigi-moutong/kukusa)" not in out


def test_show_json_and_yaml_are_the_list_shape(run, collection: Path) -> None:
    root = ("--root", str(collection))
    shown = json.loads(run(*root, "show", "banggai/pinasa", "--format", "json").stdout)
    listed = json.loads(run(*root, "list", "-q", "pinasa", "--format", "json").stdout)
    assert shown == listed[0]
    assert shown["replications"][0]["adopter"] == "parigi-moutong"
    assert shown["visits"] == ["2019-07-parigi-moutong-ke-banggai"]
    assert yaml.safe_load(run(*root, "show", "PINASA", "-f", "yaml").stdout) == shown
    assert run(*root, "show", "pinasa", "-f", "ids").stdout == "banggai/pinasa\n"


def test_show_on_the_shipped_collection(run) -> None:
    out = run(*ROOT, "show", "e-makam").stdout
    assert out.startswith("Elektronik Makam (E-Makam)\nbanggai/e-makam")


def test_show_ambiguous_and_unknown(run, collection: Path) -> None:
    twin = collection / "data/innovations/parigi-moutong/pinasa.yaml"
    twin.write_text("name: Lain\nsector: sosial\nsummary: s.\nsources:\n  - source: fixture\n")
    root = ("--root", str(collection))
    ambiguous = run(*root, "show", "pinasa", code=2)
    assert "'banggai/pinasa', 'parigi-moutong/pinasa'" in ambiguous.stderr
    unknown = run(*root, "show", "poli-lansa", code=2)
    assert "did you mean 'banggai/poli-lansia'" in unknown.stderr


# -- visits, regions, stats ------------------------------------------------------------------


def test_visits_filters(run) -> None:
    by_innovation = run(*ROOT, "visits", "--innovation", "PINASA", "-f", "ids").stdout.split()
    assert by_innovation == ["parigi-moutong-ke-banggai"]
    by_visitor = run(*ROOT, "visits", "--visitor", "Polman", "-f", "json").stdout
    assert [v["id"] for v in json.loads(by_visitor)] == ["2019-07-polewali-mandar-ke-banggai"]
    none = run(*ROOT, "visits", "--host", "banyuwangi", "--visitor", "gorontalo", "-f", "ids")
    assert none.stdout == ""
    assert "no visit(s) match" in none.stderr
    run(*ROOT, "visits", "--host", "banggay", code=2)


def test_visit_shape(run, collection: Path) -> None:
    (visit,) = json.loads(run("--root", str(collection), "visits", "-f", "json").stdout)
    assert visit["host"] == "banggai"
    assert visit["host_name"] == "Kabupaten Banggai"
    assert visit["visitors"][0]["region_name"] == "Kabupaten Parigi Moutong"
    assert visit["delegation_size"] == 20
    assert visit["studied"][1] == {
        "innovation": None,
        "topic": "SAKIP",
        "note": None,
        "note_lang": None,
    }


def test_regions_counts(run) -> None:
    records = {r["id"]: r for r in json.loads(run(*ROOT, "regions", "-f", "json").stdout)}
    assert records["banggai"]["visits_received"] == 8
    assert records["parigi-moutong"]["visits_made"] >= 1
    assert records["banggai"]["innovation_count"] >= 24
    top = run(*ROOT, "regions", "--sort", "visits-received", "--limit", "1", "-f", "ids")
    assert top.stdout == "banggai\n"


def test_stats(run, collection: Path) -> None:
    root = ("--root", str(collection))
    text = run(*root, "stats", "--by", "unit-type").stdout.splitlines()
    assert text[0].split() == ["unit-type", "label", "count", "classified", "share"]
    assert text[-2].split() == ["(not", "recorded)", "(not", "recorded)", "1", "0", "33.3%"]
    assert text[-1] == "3 innovation(s)"
    rows = json.loads(run(*root, "stats", "--by", "sector", "-f", "json").stdout)
    assert [(r["value"], r["count"], r["classified"], r["share"]) for r in rows] == [
        ("lingkungan-hidup", 2, 1, 0.6667),  # KUKUSA's urusan is a classification
        ("kesehatan", 1, 0, 0.3333),
    ]
    by_region = run(*root, "stats", "--by", "region").stdout.splitlines()
    assert "classified" not in by_region[0]  # nothing to classify about a region
    table = run(*root, "stats", "--by", "sector", "--region", "banggai", "-f", "table").stdout
    assert "█" in table
    assert "50.0%" in table


# -- hostile record text ---------------------------------------------------------------------

HOSTILE_YAML = (
    'name: "[bold]x[/bold] \\e[31mred =HYPERLINK(\\"http://evil\\")"\n'
    "sector: kesehatan\n"
    'summary: "=HYPERLINK(\\"http://evil\\",\\"klik\\")"\n'
    'unit: "@SUM(1+1)"\n'
    "sources:\n  - source: fixture\n"
)


@pytest.fixture
def hostile(collection: Path) -> tuple[str, str]:
    (collection / "data/innovations/banggai/hostile.yaml").write_text(HOSTILE_YAML)
    return ("--root", str(collection))


@pytest.mark.parametrize("fmt", ["table", "text", "csv", "json", "jsonl", "yaml", "ids"])
def test_hostile_text_is_inert(run, hostile: tuple[str, str], fmt: str) -> None:
    out = run(*hostile, "list", "-q", "hyperlink", "--format", fmt).stdout
    assert "\x1b" not in out
    if fmt in {"table", "text"}:
        assert "[bold]x[/bold] \\x1b[31mred" in out  # shown literally, not styled
    if fmt == "csv":
        (row,) = csv.DictReader(io.StringIO(out))
        assert row["summary"].startswith("'=HYPERLINK")
        assert row["unit"] == "'@SUM(1+1)"
    if fmt == "json":
        (record,) = json.loads(out)
        assert record["name"] == '[bold]x[/bold] \x1b[31mred =HYPERLINK("http://evil")'


def test_hostile_text_in_show(run, hostile: tuple[str, str]) -> None:
    for fmt in ("table", "text"):
        out = run(*hostile, "show", "hostile", "-f", fmt).stdout
        assert "\x1b" not in out
        assert "[bold]x[/bold]" in out


def test_hostile_text_in_csv_export(run, hostile: tuple[str, str], tmp_path: Path) -> None:
    run(*hostile, "export", "-f", "csv", "-o", str(tmp_path / "out"))
    text = (tmp_path / "out" / "innovations.csv").read_text()
    assert "\x1b" not in text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["banggai/hostile"]["summary"].startswith("'=")


# -- export ----------------------------------------------------------------------------------


def test_export_jsonl_to_stdout(run, collection: Path) -> None:
    out = run("--root", str(collection), "export", "-f", "jsonl", "-o", "-").stdout
    tables = {json.loads(line)["table"] for line in out.splitlines()}
    assert {"innovations", "regions", "visits", "visit_innovations"} <= tables


def test_export_usage_errors(run, collection: Path, tmp_path: Path) -> None:
    root = ("--root", str(collection))
    assert "json and jsonl" in run(*root, "export", "-f", "csv", "-o", "-", code=2).stderr
    missing = tmp_path / "no" / "such" / "x.json"
    assert "no such folder" in run(*root, "export", "-f", "json", "-o", str(missing), code=2).stderr
    run(*root, "export", "-f", "parquet", "-o", str(tmp_path / "x"), code=2)


def test_every_query_command_has_help(run) -> None:
    for command in ("list", "show", "visits", "regions", "stats", "export"):
        result = run(command, "--help")
        assert "--format" in result.stdout, command


def test_readme_documents_every_query_command_with_an_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in ("list", "show", "visits", "regions", "stats", "export"):
        assert f"\n$ inovasi {command} " in readme, command
