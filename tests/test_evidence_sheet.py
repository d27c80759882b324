"""`inovasi evidence template|import`: the IID self-assessment through a worksheet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO

COMMENTED = "# kept: a curator's comment\n"


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    root = tmp_path / "c"
    shutil.copytree(REPO / "data", root / "data")
    return root


def _template(run, root: Path, out: Path, *args: str) -> openpyxl.Workbook:
    run("--root", str(root), "evidence", "template", "-r", "banggai", "-o", str(out), *args)
    return openpyxl.load_workbook(out)


def _fill(book: openpyxl.Workbook, values: dict[tuple[str, str], tuple[object, object]]) -> None:
    sheet = book["Bukti"]
    for row in sheet.iter_rows(min_row=2):
        key = (row[1].value, row[5].value)
        if key in values:
            row[9].value, row[10].value = values[key]


def _score(run, root: Path, *args: str) -> dict:
    out = run("--root", str(root), "score", *args, "--format", "json").stdout
    return json.loads(out)


def test_the_template_holds_a_row_per_indicator_with_a_drop_down(run, shipped: Path) -> None:
    book = _template(run, shipped, shipped / "bukti.xlsx")
    sheet = book["Bukti"]
    header = [c.value for c in sheet[1]]
    assert header == [
        "Model",
        "ID",
        "Nama",
        "Tahun",
        "No. indikator",
        "Indikator",
        "Nama indikator",
        "Bobot",
        "Pilihan tingkat (arti)",
        "Tingkat",
        "Dokumen pendukung",
        "Catatan",
    ]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 15 + 28 * 20  # region indicators, then innovations x indicators
    assert rows[0][:6] == ("iid-2026", "banggai", "Kabupaten Banggai", 2026, 1, "visi-misi-inovasi")
    regulasi = next(
        r for r in rows if r[1] == "banggai/pinasa" and r[5] == "regulasi-inovasi-daerah"
    )
    assert regulasi[7] == 3 and regulasi[8] == "1 = SK; 2 = Perkada; 3 = Perda"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"1,2,3"' and str(validation.sqref) == f"J2:J{len(rows) + 1}"
    assert sheet.freeze_panes == "A2" and "Petunjuk" in book.sheetnames


def test_a_filled_worksheet_changes_the_score(run, shipped: Path) -> None:
    before = _score(run, shipped, "--explain", "pinasa")
    pinasa = shipped / "data/innovations/banggai/pinasa.yaml"
    pinasa.write_text(COMMENTED + pinasa.read_text(encoding="utf-8"), encoding="utf-8")
    original = pinasa.read_text(encoding="utf-8")
    out = shipped / "bukti.xlsx"
    book = _template(run, shipped, out)
    _fill(
        book,
        {
            ("banggai/pinasa", "regulasi-inovasi-daerah"): (
                3,
                "Perda Kabupaten Banggai No. 5/2020",
            ),
            ("banggai", "visi-misi-inovasi"): (2, "RPJMD Kabupaten Banggai 2021-2026"),
        },
    )
    book.save(out)
    result = run("--root", str(shipped), "evidence", "import", str(out))
    assert result.stdout.splitlines() == [
        str(shipped / "data/regions/banggai.yaml"),
        str(shipped / "data/innovations/banggai/pinasa.yaml"),
    ]
    assert "2 added; 2 file(s) changed" in result.stderr
    after = _score(run, shipped, "--explain", "pinasa")
    assert float(after["score"]) == float(before["score"]) + 9  # weight 3 x level 3
    text = pinasa.read_text(encoding="utf-8")
    assert text.startswith(COMMENTED)  # only the evidence key changed
    assert (
        text.replace(
            "evidence:\n  - model: iid-2026\n    indicator: regulasi-inovasi-daerah\n    level: 3\n"
            "    document:\n      title: Perda Kabupaten Banggai No. 5/2020\n",
            "",
        )
        == original
    )
    run("--root", str(shipped), "validate", code=0)
    # the same worksheet again changes nothing; emptied, the level is removed
    again = run("--root", str(shipped), "evidence", "import", str(out))
    assert "unchanged" in again.stderr and again.stdout == ""
    _fill(book, {("banggai/pinasa", "regulasi-inovasi-daerah"): (None, None)})
    book.save(out)
    removed = run("--root", str(shipped), "evidence", "import", str(out))
    assert "1 removed" in removed.stderr
    assert pinasa.read_text(encoding="utf-8") == original


def test_bad_levels_are_named_by_cell_and_nothing_is_written(run, shipped: Path) -> None:
    out = shipped / "bukti.xlsx"
    book = _template(run, shipped, out)
    _fill(
        book,
        {
            ("banggai/pinasa", "bimtek"): (4, "Laporan bimtek"),
            ("banggai/pinasa", "jejaring"): (2, None),
            ("banggai/pinasa", "sosialisasi"): ("dua", "x"),
        },
    )
    book.save(out)
    before = {p: p.read_bytes() for p in (shipped / "data").rglob("*.yaml")}
    result = run("--root", str(shipped), "evidence", "import", str(out), code=1)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("bukti.xlsx!Bukti!J")
    assert (
        "unknown-level Tingkat: level 4 is not a level of 20 bimtek in iid-2026; levels: 1 = "
        in lines[0]
    )
    assert (
        "bad-value Tingkat: 'dua' is not a level; choose 1, 2 or 3 from the list" in result.stdout
    )
    assert "!K" in result.stdout and "in 'Dokumen pendukung'" in result.stdout
    assert {p: p.read_bytes() for p in (shipped / "data").rglob("*.yaml")} == before


def test_a_worksheet_naming_what_the_collection_lacks(run, shipped: Path) -> None:
    out = shipped / "bukti.xlsx"
    book = _template(run, shipped, out)
    sheet = book["Bukti"]
    sheet["B2"] = "banggaii"
    sheet["J2"] = 1
    sheet["K2"] = "x"
    sheet["F3"] = "visi-misi"
    book.save(out)
    out_text = run("--root", str(shipped), "evidence", "import", str(out), code=1).stdout
    assert (
        "bukti.xlsx!Bukti!B2: error unknown-record ID: 'banggaii' is not a valid region" in out_text
    )
    assert "did you mean 'banggai'?" in out_text
    assert "bukti.xlsx!Bukti!F3: error unknown-indicator Indikator" in out_text


def test_the_template_follows_the_output_rules(run, shipped: Path) -> None:
    """One --output convention: no stdout, no other extension, no replacing without
    --force (and the refusals come before any work)."""
    base = ("--root", str(shipped), "evidence", "template", "-r", "banggai")
    assert "give a .xlsx file" in run(*base, "-o", "-", code=2).stderr
    assert "is an .xlsx workbook" in run(*base, "-o", "bukti.csv", code=2).stderr
    assert "empty output path" in run(*base, "-o", "", code=2).stderr
    out = shipped / "bukti.xlsx"
    out.write_bytes(b"mine")
    assert "exists" in run(*base, "-o", str(out), code=2).stderr
    assert out.read_bytes() == b"mine"
    run(*base, "-o", str(out), "--force")
    assert openpyxl.load_workbook(out)["Bukti"].max_row > 1
