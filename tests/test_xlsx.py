"""`inovasi export --format xlsx`, and the round trip export -> import."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import REPO
from inovasi_cli.export.tables import tables
from inovasi_cli.export.xlsx import export_bytes
from inovasi_cli.validation.pipeline import load_collection


def _export(run, root: Path, path: Path, *args: str) -> openpyxl.Workbook:
    run("--root", str(root), "export", "--format", "xlsx", "--output", str(path), *args)
    return openpyxl.load_workbook(path)


def test_every_table_is_a_sheet_and_every_innovation_a_row(run, tmp_path: Path) -> None:
    book = _export(run, REPO, tmp_path / "inovasi.xlsx")
    collection = load_collection(REPO).collection
    assert book.sheetnames == [t.name for t in tables(collection)]
    sheet = book["innovations"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["id", "name", "acronym"]
    ids = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert ids == list(collection.innovations)
    assert sheet.column_dimensions["B"].width > 10
    facts = book["region_facts"]
    header = [c.value for c in facts[1]]
    kinds = {
        header[i]: type(c.value)
        for row in facts.iter_rows(min_row=2)
        for i, c in enumerate(row)
        if c.value is not None
    }
    assert kinds["date"] in {dt.datetime, str}  # full dates are dates, partial ones text
    assert kinds["position"] is int and kinds["year"] is int
    column = header.index("date")
    dated = [
        r[column].value
        for r in facts.iter_rows(min_row=2)
        if isinstance(r[column].value, dt.datetime)
    ]
    assert dated, "a full date is a date cell"


def test_the_same_collection_gives_the_same_bytes(run, tmp_path: Path) -> None:
    run("--root", str(REPO), "export", "-f", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    run("--root", str(REPO), "export", "-f", "xlsx", "-o", str(tmp_path / "b.xlsx"))
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_text_that_looks_like_a_formula_stays_text(run, collection: Path, tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://x.invalid","klik")'
    (collection / "data/innovations/banggai/rumus.yaml").write_text(
        f"name: '@SUM(A1)'\nsummary: '{hostile}'\nsources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    run("--root", str(collection), "validate", code=0)
    out = tmp_path / "x.xlsx"
    book = _export(run, collection, out)
    cells = [c for row in book["innovations"].iter_rows() for c in row]
    summary = next(c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPER"))
    assert summary.data_type == "s"
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_an_existing_file_is_kept_without_force(run, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"mine")
    result = run("--root", str(REPO), "export", "-f", "xlsx", "-o", str(out), code=2)
    assert "exists" in result.stderr and out.read_bytes() == b"mine"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "inovasi.xlsx"
    path.write_bytes(export_bytes(tables(load_collection(REPO).collection)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    first = (tmp_path / "inovasi.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("id,title")  # the first sheet: sources


_COMPARED = [
    "name",
    "acronym",
    "aliases",
    "unit",
    "unit_type",
    "sector",
    "other_sectors",
    "form",
    "digital",
    "stage",
    "initiator",
    "trial_date",
    "implementation_date",
    "summary",
    "goals",
    "benefits",
    "results",
    "replication_of",
    "classified",
]


def test_round_trip_export_then_import_gives_identical_records(run, tmp_path: Path) -> None:
    """Every region's innovations of the shipped collection, exported to a workbook,
    removed, and imported back from it: the same values, the same classifications."""
    root = tmp_path / "c"
    shutil.copytree(REPO / "data", root / "data")
    before = load_collection(root).collection
    workbook = tmp_path / "inovasi.xlsx"
    run("--root", str(root), "export", "-f", "xlsx", "-o", str(workbook))
    shutil.rmtree(root / "data/innovations")
    (root / "data/innovations").mkdir()
    regions = sorted({i.region for i in before.innovations.values()})
    for region in regions:
        for path in (root / "data/visits").glob("*.yaml"):  # visits name innovations
            path.unlink()
        run(
            "--root",
            str(root),
            "import",
            "innovations",
            str(workbook),
            "--region",
            region,
            "--source",
            "studi-banding-ke-banggai",
            code=None,
        )
    after = load_collection(root).collection
    assert list(after.innovations) == list(before.innovations)
    for record_id, original in before.innovations.items():
        imported = after.innovations[record_id]
        for key in _COMPARED:
            if key == "classified":  # a mapping: its order is not the record's
                assert dict(imported.classified) == dict(original.classified), record_id
                continue
            assert getattr(imported, key) == getattr(original, key), (record_id, key)
