"""`inovasi import innovations`: the profile form's columns from .csv and .xlsx, all or
nothing, findings on rows and cells, hostile workbooks."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from inovasi_cli.records import sheets
from inovasi_cli.records.loader import load_bytes

FORM = (
    "Nama Inovasi,Tahapan,Inisiator,Jenis,Bentuk,Urusan Utama,Urusan Beririsan,"
    "Waktu Uji Coba,Waktu Penerapan,Rancang Bangun,Tujuan,Manfaat,Hasil Inovasi,Anggaran\n"
)
GOOD = (
    "Layanan Antrean Daring,Uji Coba,OPD,Non Digital,Inovasi Pelayanan Publik,Kesehatan,"
    '"Sosial; Pendidikan",2023-01-10,10/01/2024,Pasien mengambil nomor antrean dari rumah.,'
    '"Mengurangi antrean\nMempercepat layanan",Hemat waktu,Antrean berkurang,'
    '"Rp 150.000.000"\n'
    "SEKOLAH RAMAH,penerapan,Kepala Daerah,Digital,pelayanan,pendidikan,,2022,"
    "Januari 2023,Sekolah ramah anak.,,,,\n"
)


def _import(run, root: Path, *args: str, code: int = 0):
    return run("--root", str(root), "import", "innovations", *args, code=code)


def _data(root: Path, record: str) -> dict:
    path = root / f"data/innovations/{record}.yaml"
    return load_bytes(path.read_bytes(), str(path)).data


def _innovation_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "data").rglob("*.yaml"))


def test_a_csv_with_the_forms_columns_imports_into_valid_records(
    run, collection: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "inovasi-banggai-2024.csv"
    sheet.write_text(FORM + GOOD, encoding="utf-8")
    result = _import(run, collection, str(sheet), "--region", "Kabupaten Banggai")
    assert result.stdout.splitlines() == [
        str(collection / "data/innovations/banggai/layanan-antrean-daring.yaml"),
        str(collection / "data/innovations/banggai/sekolah-ramah.yaml"),
        str(collection / "data/sources/lembar-kerja-inovasi-banggai-2024.yaml"),
    ]
    assert "wrote 2 innovation(s) of banggai" in result.stderr
    first = _data(collection, "banggai/layanan-antrean-daring")
    assert first == {
        "name": "Layanan Antrean Daring",
        "sector": "kesehatan",
        "other_sectors": ["sosial", "pendidikan"],
        "form": "pelayanan-publik",
        "digital": False,
        "stage": "uji-coba",
        "initiator": "perangkat-daerah",
        "trial_date": "2023-01-10",
        "implementation_date": "2024-01-10",
        "summary": "Pasien mengambil nomor antrean dari rumah.",
        "goals": ["Mengurangi antrean", "Mempercepat layanan"],
        "benefits": ["Hemat waktu"],
        "results": ["Antrean berkurang"],
        "amounts": [{"what": "anggaran", "value": 150000000, "unit": "rupiah"}],
        "sources": [{"source": "lembar-kerja-inovasi-banggai-2024", "locator": "row 2"}],
    }
    second = _data(collection, "banggai/sekolah-ramah")
    assert (second["stage"], second["digital"], second["trial_date"]) == ("penerapan", True, "2022")
    assert second["implementation_date"] == "2023-01"
    assert "classified" not in first and "classified" not in second  # stated by the sheet
    run("--root", str(collection), "validate", code=0)
    source = (collection / "data/sources/lembar-kerja-inovasi-banggai-2024.yaml").read_text()
    assert "kind: lembar-kerja" in source and "title_supplied: true" in source


def test_one_bad_row_writes_nothing_and_is_named(run, collection: Path, tmp_path: Path) -> None:
    before = _innovation_files(collection)
    sheet = tmp_path / "salah.csv"
    sheet.write_text(
        "Nama Inovasi,Urusan Utama,Waktu Uji Coba,Jenis,Rancang Bangun\n"
        "Satu,Kesehatan,2023-01-10,Digital,Satu.\n"
        "Dua,Kesehatan,2023,Digital,Dua.\n"
        "Tiga,Keshatan,31/02/2023,Mungkin,Tiga.\n",
        encoding="utf-8",
    )
    result = _import(run, collection, str(sheet), "-r", "banggai", code=1)
    assert result.stdout.splitlines() == [
        "salah.csv:4: error bad-date Waktu Uji Coba: '2023-02-31' is not a calendar date "
        "(day is out of range for month)",
        "salah.csv:4: error bad-value Jenis: 'Mungkin' is not a jenis; write Digital or Non "
        "Digital",
        "salah.csv:4: error unknown-value Urusan Utama: 'Keshatan' is not a known value; did "
        "you mean 'kesehatan'?",
    ]
    assert "nothing written" in result.stderr
    assert _innovation_files(collection) == before


def test_a_missing_summary_names_the_forms_column(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("Nama Inovasi,Rancang Bangun\nSatu,\n", encoding="utf-8")
    out = _import(run, collection, str(sheet), "-r", "banggai", code=1).stdout
    assert out == (
        "x.csv:2: error missing-field Rancang Bangun: required field 'summary' is missing; "
        "fill 'Rancang Bangun' in this row\n"
    )


def test_never_overwrites_nor_shadows_a_record(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text(
        "nama inovasi,RANCANG BANGUN\nGerakan Moral PINASA,x\nPoli Lansia,y\nBaru,z\nbaru,w\n",
        encoding="utf-8",
    )
    pinasa = (collection / "data/innovations/banggai/pinasa.yaml").read_bytes()
    result = _import(run, collection, str(sheet), "-r", "banggai", "--source", "fixture", code=1)
    codes = [line.split()[2] for line in result.stdout.splitlines()]
    assert codes == ["exists", "exists", "exists"]
    assert "x.csv:2" in result.stdout and "x.csv:5" in result.stdout
    assert "row 4 already gives the innovation banggai/baru" in result.stdout
    assert (collection / "data/innovations/banggai/pinasa.yaml").read_bytes() == pinasa
    assert not (collection / "data/innovations/banggai/baru.yaml").exists()


def test_dry_run_lists_and_writes_nothing(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text(FORM + GOOD, encoding="utf-8")
    before = _innovation_files(collection)
    result = _import(run, collection, str(sheet), "-r", "banggai", "--dry-run")
    assert result.stdout.splitlines() == [
        "data/innovations/banggai/layanan-antrean-daring.yaml",
        "data/innovations/banggai/sekolah-ramah.yaml",
        "data/sources/lembar-kerja-x.yaml",
    ]
    assert "nothing written" in result.stderr
    assert _innovation_files(collection) == before


def test_english_field_names_semicolons_and_a_bom(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_bytes(
        "\ufeffname;stage;digital;summary;trial_date\nSatu;trial;1;Satu.;44936\n".encode()
    )
    _import(run, collection, str(sheet), "-r", "banggai", "--source", "fixture")
    data = _data(collection, "banggai/satu")
    assert (data["stage"], data["digital"], data["trial_date"]) == ("uji-coba", True, "2023-01-10")


def test_a_csv_that_is_not_utf8_is_refused_clearly_unless_its_encoding_is_named(
    run, collection: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_bytes("Nama Inovasi,Rancang Bangun\nCaf\u00e9 Inovasi,x\n".encode("cp1252"))
    result = _import(run, collection, str(sheet), "-r", "banggai", code=2)
    assert result.stderr == (
        "inovasi: error: x.csv:2: not UTF-8 (byte 0xe9); save it as 'CSV UTF-8' (Excel, "
        "LibreOffice), or name its encoding with --encoding, e.g. cp1252\n"
    )
    _import(run, collection, str(sheet), "-r", "banggai", "--encoding", "cp1252")
    assert _data(collection, "banggai/cafe-inovasi")["name"] == "Caf\u00e9 Inovasi"


def _workbook(path: Path, rows: list[list[object]], title: str = "Inovasi") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["Daftar inovasi Kabupaten Banggai"])  # a title row above the header
    for row in rows:
        sheet.append(row)
    book.save(path)
    return book


HEADER = ["Nama Inovasi", "Tahapan", "Urusan Utama", "Waktu Uji Coba", "Jenis", "Rancang Bangun"]


def test_xlsx_findings_name_the_cell(run, collection: Path, tmp_path: Path) -> None:
    path = tmp_path / "bukti.xlsx"
    _workbook(
        path,
        [
            HEADER,
            ["Satu", "Uji Coba", "Kesehatan", dt.datetime(2023, 1, 10), "Digital", "Satu."],
            ["Dua", "Penerapan", "Kesehatan", 44936, "Non Digital", "Dua."],
            ["Tiga", "selesai", "Kesehatan", "2023", "Digital", "Tiga."],
            ["Empat", "Penerapan", "Kesehatan", "2023", "Digital", "=1+1"],
        ],
    )
    book = openpyxl.load_workbook(path)
    book["Inovasi"]["A7"] = "Lima"
    book["Inovasi"]["F7"] = "Lima."
    book["Inovasi"].merge_cells("C6:C7")
    book.save(path)
    out = _import(run, collection, str(path), "-r", "banggai", code=1).stdout.splitlines()
    assert out == [
        "bukti.xlsx!Inovasi!B5: error unknown-value Tahapan: 'selesai' is not a known value; "
        "one of: inisiatif, uji-coba, penerapan",
        "bukti.xlsx!Inovasi!C6: error merged-cells: cells C6:C7 are merged across rows: each "
        "row needs its own value; unmerge them and fill every cell",
        "bukti.xlsx!Inovasi!F6: error formula Rancang Bangun: the cell holds a formula (=1+1); "
        "the import takes values only; copy the cells and paste them as values",
    ]


def test_xlsx_dates_and_serials(run, collection: Path, tmp_path: Path) -> None:
    path = tmp_path / "bukti.xlsx"
    _workbook(
        path,
        [
            HEADER,
            ["Satu", "Uji Coba", "Kesehatan", dt.datetime(2023, 1, 10), "Digital", "Satu."],
            ["Dua", "Penerapan", "Kesehatan", 44937, "Non Digital", "Dua."],
            ["Tiga", "Penerapan", "Kesehatan", 2021, "Digital", "Tiga."],
        ],
    )
    _import(run, collection, str(path), "-r", "banggai", "--source", "fixture")
    assert _data(collection, "banggai/satu")["trial_date"] == "2023-01-10"
    assert _data(collection, "banggai/dua")["trial_date"] == "2023-01-11"
    assert _data(collection, "banggai/tiga")["trial_date"] == "2021"
    assert _data(collection, "banggai/satu")["sources"] == [
        {"source": "fixture", "locator": "Inovasi, row 3"}
    ]


@pytest.mark.parametrize(
    ("setting", "value", "content", "message"),
    [
        ("MAX_ROWS", 3, "csv", "more than 3 rows; split the file"),
        ("MAX_BYTES", 10, "csv", "is more than 10; split the sheet"),
        ("MAX_UNPACKED", 1000, "xlsx", "refused as a possible zip bomb"),
        ("MAX_CELLS", 8, "xlsx", "x.xlsx!Inovasi: more than 8 filled cells; split it"),
        ("MAX_COLUMNS", 5, "xlsx", "x.xlsx!Inovasi: more than 5 columns"),
        ("MAX_ROWS", 0, "xlsx", "x.xlsx!Inovasi: more than 0 rows; split it"),
    ],
)
def test_huge_sheets_are_refused(
    run,
    collection: Path,
    tmp_path: Path,
    monkeypatch,
    setting: str,
    value: int,
    content: str,
    message: str,
) -> None:
    monkeypatch.setattr(sheets, setting, value)
    path = tmp_path / f"x.{content}"
    if content == "csv":
        path.write_text(FORM + GOOD * 3, encoding="utf-8")
    else:
        _workbook(path, [HEADER, ["Satu", "", "", "", "", "x"]])
    result = _import(run, collection, str(path), "-r", "banggai", code=2)
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_broken_and_wrong_files_are_one_line(run, collection: Path, tmp_path: Path) -> None:
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert (
        "not an .xlsx workbook"
        in _import(run, collection, str(broken), "-r", "banggai", code=2).stderr
    )
    text = tmp_path / "x.txt"
    text.write_text("x")
    assert (
        "not a .csv or .xlsx file"
        in _import(run, collection, str(text), "-r", "banggai", code=2).stderr
    )
    path = tmp_path / "y.xlsx"
    _workbook(path, [HEADER])
    result = _import(run, collection, str(path), "-r", "banggai", "--sheet", "Lain", code=2)
    assert "y.xlsx has no sheet 'Lain'; sheets: Inovasi" in result.stderr


def test_an_xml_bomb_is_not_expanded(run, collection: Path, tmp_path: Path) -> None:
    """defusedxml is what openpyxl parses with: an entity declaration is refused."""
    path = tmp_path / "bomb.xlsx"
    _workbook(path, [HEADER, ["Satu", "", "", "", "", "x"]])
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    body = sheet.split("?>", 1)[1] if sheet.startswith("<?xml") else sheet
    parts["xl/worksheets/sheet1.xml"] = (bomb + body).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = _import(run, collection, str(path), "-r", "banggai", code=2)
    assert "cannot read the workbook" in result.stderr


def test_json_findings(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("Nama Inovasi,Tahapan,Rancang Bangun\nSatu,selesai,x\n", encoding="utf-8")
    out = _import(run, collection, str(sheet), "-r", "banggai", "-f", "json", code=1).stdout
    (found,) = json.loads(out)["findings"]
    assert (found["path"], found["field"], found["code"]) == ("x.csv:2", "Tahapan", "unknown-value")


def test_a_sheet_without_the_forms_header(run, collection: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("a,b\n1,2\n", encoding="utf-8")
    out = _import(run, collection, str(sheet), "-r", "banggai", code=1).stdout
    assert "no-header: no header row: no column named 'Nama Inovasi', 'name'" in out


def test_a_closed_stdout_is_one_error_and_writes_nothing(collection: Path, tmp_path: Path) -> None:
    """What an import writes is named on stdout: with stdout closed it refuses before
    the work (one line, exit 2) rather than write files nobody is told of."""
    from conftest import inovasi

    sheet = tmp_path / "inovasi.csv"
    sheet.write_text(FORM + GOOD, encoding="utf-8")
    before = _innovation_files(collection)
    args = ("--root", str(collection), "import", "innovations", str(sheet), "-r", "banggai")
    done = inovasi(*args, stdout=None, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "stdout is closed" in lines[0], lines
    assert _innovation_files(collection) == before


def test_a_workbook_is_counted_before_it_is_loaded(
    run, collection: Path, tmp_path: Path, monkeypatch
) -> None:
    """Every sheet is loaded, so every sheet counts: cells hidden in a second sheet, a
    lone cell far below (a sheet of a million rows), and more texts than cells allowed
    are refused before openpyxl loads anything."""
    import openpyxl.reader.excel

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was loaded")

    path = tmp_path / "x.xlsx"
    book = _workbook(path, [HEADER, ["Satu", "", "", "", "", "x"]])
    book.create_sheet("Tersembunyi").append(list(range(50)))
    book.save(path)
    monkeypatch.setattr(sheets, "MAX_CELLS", 40)
    monkeypatch.setattr(openpyxl.reader.excel.ExcelReader, "read_worksheets", never)
    result = _import(run, collection, str(path), "-r", "banggai", code=2)
    assert (
        result.stderr == "inovasi: error: x.xlsx!Tersembunyi: more than 40 filled cells; split it\n"
    )
    monkeypatch.setattr(sheets, "MAX_CELLS", 300_000)
    book = _workbook(path, [HEADER])
    book.active["A1000000"] = "x"
    book.save(path)
    result = _import(run, collection, str(path), "-r", "banggai", code=2)
    assert "x.xlsx!Inovasi: more than 20,000 rows; split it" in result.stderr
    _workbook(path, [HEADER])
    _with_shared_strings(path, [f"teks {n}" for n in range(10)])
    monkeypatch.setattr(sheets, "MAX_CELLS", 5)
    result = _import(run, collection, str(path), "-r", "banggai", code=2)
    assert result.stderr == "inovasi: error: x.xlsx: more than 5 distinct texts; split it\n"


def _with_shared_strings(path: Path, texts: list[str]) -> None:
    """Give an openpyxl workbook (which writes its texts inline) the shared-strings
    part Excel and LibreOffice write."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    ).encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}" /></Types>'.encode(),
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_1904_workbooks_serials_count_from_1904(run, collection: Path, tmp_path: Path) -> None:
    """Old Mac Excel counts serial dates from 1904: the same serial is four years and a
    day later there."""
    path = tmp_path / "mac.xlsx"
    book = _workbook(path, [HEADER, ["Dua", "Penerapan", "Kesehatan", 43476, "Digital", "Dua."]])
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.save(path)
    _import(run, collection, str(path), "-r", "banggai", "--source", "fixture")
    assert _data(collection, "banggai/dua")["trial_date"] == "2023-01-12"  # 1900: 2019-01-11
