"""`inovasi import results`: the ministry's published IID results as region facts."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from inovasi_cli.records.loader import load_bytes

RESULTS = (
    "Tahun,Kode,Daerah,Nilai,Predikat,Peringkat Nasional,Peringkat,Klaster,Jumlah Inovasi,"
    "Nomor Keputusan,Tanggal Keputusan\n"
    '2024,72.01,Kabupaten Banggai,"59,81",Inovatif,72,40,Kabupaten,45,'
    "400.10.11-4898 Tahun 2024,10/12/2024\n"
    '2024,,sumedang,"65,2",SANGAT INOVATIF,30,15,kabupaten,80,400.10.11-4898 Tahun 2024,'
    "2024-12-10\n"
)


def _data(root: Path, path: str) -> dict:
    return load_bytes((root / path).read_bytes(), path).data


def test_results_become_facts_citing_their_decree(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "hasil-iid-2024.csv"
    sheet.write_text(RESULTS, encoding="utf-8")
    banggai = (collection / "data/regions/banggai.yaml").read_text(encoding="utf-8")
    result = run("--root", str(collection), "import", "results", str(sheet))
    assert "2 result(s) from hasil-iid-2024.csv: 1 region(s) changed, 1 added" in result.stderr
    fact = _data(collection, "data/regions/banggai.yaml")["facts"][-1]
    assert fact == {
        "kind": "iga",
        "year": 2024,
        "statement": "Kabupaten Banggai memperoleh Indeks Inovasi Daerah 2024 sebesar 59,81 "
        "dengan predikat Inovatif; peringkat 72 nasional dan peringkat 40 kabupaten; "
        "45 inovasi (Kepmendagri 400.10.11-4898 Tahun 2024).",
        "rank": 40,
        "national_rank": 72,
        "category": "kabupaten",
        "predicate": "Inovatif",
        "index": 59.81,
        "count": 45,
        "sources": [
            {
                "source": "kepmendagri-400-10-11-4898-tahun-2024",
                "locator": "lampiran: Kabupaten Banggai",
            }
        ],
    }
    after = (collection / "data/regions/banggai.yaml").read_text(encoding="utf-8")
    assert after.startswith(banggai.split("sources:")[0].rstrip("\n"))  # the rest is kept
    sumedang = _data(collection, "data/regions/sumedang.yaml")
    assert (sumedang["name"], sumedang["province"], sumedang["code"]) == (
        "Kabupaten Sumedang",
        "Jawa Barat",
        "32.11",
    )
    assert sumedang["facts"][0]["predicate"] == "Sangat Inovatif"
    decree = _data(collection, "data/sources/kepmendagri-400-10-11-4898-tahun-2024.yaml")
    assert (decree["kind"], decree["published"]) == ("peraturan", "2024-12-10")
    assert (collection / "data/sources/kepmendagri-kode-wilayah-2025.yaml").is_file()
    run("--root", str(collection), "validate", code=0)
    shown = json.loads(run("--root", str(collection), "regions", "--format", "json").stdout)
    facts = next(r for r in shown if r["id"] == "banggai")["facts"]
    assert facts[-1]["national_rank"] == 72
    # the same results again are findings, and nothing changes
    again = run("--root", str(collection), "import", "results", str(sheet), code=1)
    assert again.stdout.count("already records this result") == 2


def test_bad_rows_are_named_and_nothing_is_written(run, collection: Path, tmp_path: Path) -> None:
    path = tmp_path / "hasil.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "IID"
    sheet.append(["Tahun", "Daerah", "Nilai", "Predikat", "Nomor Keputusan"])
    sheet.append([2024, "Bogor", 50, "Inovatif", "400.10.11-1"])
    sheet.append([2024, "Kabupaten Banggai", 150, "Inovatif", "400.10.11-1"])
    sheet.append([2024, "Kabupaten Banggai Laut", 40, "Hebat", "400.10.11-1"])
    sheet.append([2024, "Garutt", 40, "Inovatif", "400.10.11-1"])
    book.save(path)
    before = {p: p.read_bytes() for p in (collection / "data").rglob("*.yaml")}
    out = run("--root", str(collection), "import", "results", str(path), code=1).stdout
    lines = out.splitlines()
    assert lines[0].startswith("hasil.xlsx!IID!B2: error unknown-region Daerah: 'Bogor' could be")
    assert "hasil.xlsx!IID!C3: error" in out and "100" in out  # the schema's maximum
    assert "hasil.xlsx!IID!D4: error unknown-value Predikat: 'Hebat' is not a predikat" in out
    assert "did you mean Kabupaten Garut (32.05, Jawa Barat)?" in out
    assert {p: p.read_bytes() for p in (collection / "data").rglob("*.yaml")} == before
