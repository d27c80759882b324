"""Output formats: the registry, each formatter, and hostile record text made inert."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from inovasi_cli.output import formats, tables
from inovasi_cli.output.formats import (
    FORMATTERS,
    Column,
    Listing,
    OutputFormat,
    RecordProfile,
    Section,
    default_format,
)

HOSTILE = '[bold]x[/bold] \x1b[31mred\x1b[0m =HYPERLINK("http://evil","klik")'


def listing(*names: str) -> Listing:
    records = [
        {"id": f"banggai/r{n}", "name": name, "count": n, "digital": n % 2 == 0, "tags": ["a"]}
        for n, name in enumerate(names)
    ]
    return Listing(
        records=records,
        columns=(Column("id", "id"), Column("name", "name"), Column("count", "n", numeric=True)),
        csv_keys=("id", "name", "count", "digital", "tags"),
    )


def test_registry_covers_every_format() -> None:
    assert set(FORMATTERS) == set(OutputFormat)
    sample = listing("Satu", "Dua")
    for fmt in OutputFormat:
        assert isinstance(FORMATTERS[fmt](sample), str)


def test_default_is_table_on_a_terminal_and_text_otherwise() -> None:
    assert default_format(None, terminal=True) is OutputFormat.TABLE
    assert default_format(None, terminal=False) is OutputFormat.TEXT
    assert default_format(OutputFormat.CSV, terminal=True) is OutputFormat.CSV


def test_text_is_aligned_plain_columns() -> None:
    out = formats.format_text(listing("Satu", "Dua panjang"))
    assert out.splitlines() == [
        "id          name         n",
        "banggai/r0  Satu         0",
        "banggai/r1  Dua panjang  1",
    ]
    assert not any(ch in out for ch in "─│┃━")


def test_json_jsonl_yaml_ids_round_trip() -> None:
    sample = listing("Satu", "Dua")
    assert json.loads(formats.format_json(sample)) == list(sample.records)
    lines = formats.format_jsonl(sample).splitlines()
    assert [json.loads(line) for line in lines] == list(sample.records)
    assert yaml.safe_load(formats.format_yaml(sample)) == list(sample.records)
    assert formats.format_ids(sample) == "banggai/r0\nbanggai/r1\n"


def test_empty_listing() -> None:
    empty = listing()
    assert json.loads(formats.format_json(empty)) == []
    assert formats.format_jsonl(empty) == ""
    assert formats.format_ids(empty) == ""
    assert yaml.safe_load(formats.format_yaml(empty)) == []
    assert formats.format_csv(empty) == "id,name,count,digital,tags\n"


def test_csv_flattens_and_keeps_numbers() -> None:
    rows = list(csv.reader(io.StringIO(formats.format_csv(listing("Satu")))))
    assert rows == [
        ["id", "name", "count", "digital", "tags"],
        ["banggai/r0", "Satu", "0", "true", "a"],
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_formula_cells(start: str) -> None:
    rows = list(csv.reader(io.StringIO(formats.format_csv(listing(f"{start}1+1")))))
    assert rows[1][1].startswith("'")


def test_csv_leaves_numbers_alone() -> None:
    assert formats.spreadsheet_cell(-5) == -5
    assert formats.spreadsheet_cell("-5") == "'-5"


def test_hostile_text_is_inert_in_every_format() -> None:
    sample = listing(HOSTILE)
    for fmt in OutputFormat:
        out = FORMATTERS[fmt](sample)
        assert "\x1b[31mred" not in out, fmt
    table = formats.format_table(sample)
    # Markup is shown, not applied: the brackets reach the output as text.
    assert "[bold]x[/bold]" in table
    assert "\\x1b[31m" in table
    assert "[bold]x[/bold] \\x1b[31mred" in formats.format_text(sample)
    cell = list(csv.reader(io.StringIO(formats.format_csv(listing(f"=cmd {HOSTILE}")))))[1][1]
    assert cell.startswith("'=cmd")
    assert json.loads(formats.format_json(sample))[0]["name"] == HOSTILE  # data kept exactly
    assert yaml.safe_load(formats.format_yaml(sample))[0]["name"] == HOSTILE


def test_table_on_a_colour_terminal_still_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = formats.format_table(listing(HOSTILE))
    assert "\x1b[1m" in out  # rich's own styling is on (bold headers)...
    assert "\x1b[31mred" not in out  # ...the record's escape sequence is not
    assert "\\x1b[31mred" in out


def test_json_escapes_c1_controls_and_bidi_overrides() -> None:
    text = "a\x9bb\u202ec"
    out = formats.json_text({"t": text})
    assert "\x9b" not in out
    assert "\u202e" not in out
    assert json.loads(out) == {"t": text}


def test_table_only_columns_stay_out_of_text_and_csv() -> None:
    bars = Listing(
        records=[{"id": "x", "bar": "███"}],
        columns=(Column("id", "id"), Column("bar", "", table_only=True)),
    )
    assert "█" in formats.format_table(bars)
    assert "█" not in formats.format_text(bars)
    assert formats.format_csv(bars) == "id\nx\n"


def test_profile_text_and_table_escape_record_text() -> None:
    profile = RecordProfile(
        title=HOSTILE,
        subtitle="banggai/x · Kabupaten Banggai",
        sections=(
            Section("Profile", (("sector", "kesehatan"), ("empty", ""), ("tags", []))),
            Section("Design", (("goals", ["Satu", f"Dua {HOSTILE}"]),)),
            Section("Nothing", (("none", ""),)),
        ),
    )
    text = formats.profile_text(profile)
    assert "\x1b[31mred" not in text
    assert "  sector: kesehatan" in text
    assert "    - Satu" in text
    assert "empty" not in text
    assert "Nothing" not in text  # sections without values are left out
    table = formats.profile_table(profile)
    assert "\x1b[31mred" not in table
    assert "[bold]x[/bold]" in table


def test_format_record_is_one_object() -> None:
    record = {"id": "banggai/x", "name": HOSTILE}
    assert json.loads(formats.format_record(record, OutputFormat.JSON)) == record
    assert yaml.safe_load(formats.format_record(record, OutputFormat.YAML)) == record
