"""inovasi export: tidy tables whose keys join, and safe writers."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO
from inovasi_cli.core.errors import OutputExistsError
from inovasi_cli.export import writers as export
from inovasi_cli.export.tables import Table, tables
from inovasi_cli.export.writers import ExportFormat
from inovasi_cli.records.collection import Collection
from inovasi_cli.validation.pipeline import load_collection


@pytest.fixture(scope="module")
def small() -> Collection:
    return load_collection(EXAMPLES / "valid").collection


@pytest.fixture(scope="module")
def shipped() -> Collection:
    return load_collection(REPO).collection


@pytest.fixture
def db(tmp_path: Path, shipped: Collection) -> Iterator[sqlite3.Connection]:
    path = tmp_path / "inovasi.db"
    export.write(shipped, ExportFormat.SQLITE, path)
    with closing(sqlite3.connect(path)) as connection:
        yield connection


def by_name(collection: Collection) -> dict[str, Table]:
    return {t.name: t for t in tables(collection)}


@pytest.mark.parametrize("which", ["small", "shipped"])
def test_table_names_and_keys(which: str, request: pytest.FixtureRequest) -> None:
    found = by_name(request.getfixturevalue(which))
    assert list(found) == [
        "sources",
        "regions",
        "region_facts",
        "fact_people",
        "fact_amounts",
        "innovations",
        "innovation_tags",
        "innovation_outcomes",
        "innovation_amounts",
        "competitions",
        "visits",
        "visitors",
        "visit_innovations",
        "replications",
        "citations",
        "classifications",
    ]
    for table in found.values():
        keys = [tuple(row[k] for k in table.primary_key) for row in table.rows]
        assert len(keys) == len(set(keys)), f"{table.name}: primary key repeats"
        order = ("region", "position") if table.name == "region_facts" else table.primary_key
        ordered = [tuple(row[k] for k in order) for row in table.rows]
        if table.name in {"fact_people", "fact_amounts"}:  # facts in their region's order
            ordered = [(f.partition(":")[0], int(f.partition(":")[2]), n) for f, n in ordered]
        assert ordered == sorted(ordered), f"{table.name}: rows not in a stable order"
        for row in table.rows:
            assert list(row) == table.column_names


def test_foreign_keys_point_at_existing_rows(small: Collection) -> None:
    found = by_name(small)
    for table in found.values():
        for column, target, target_column in table.foreign_keys:
            existing = {row[target_column] for row in found[target].rows}
            for row in table.rows:
                assert row[column] is None or row[column] in existing, (table.name, column, row)


def test_rows_of_the_small_collection(small: Collection) -> None:
    found = by_name(small)
    assert len(found["innovations"].rows) == 3
    assert found["competitions"].rows == [
        {
            "innovation": "banggai/pinasa",
            "award": "iga",
            "year": 2019,
            "key": "iga-2019",
            "result": None,
            "note": None,
        }
    ]
    assert [r["innovation"] or r["topic"] for r in found["visit_innovations"].rows] == [
        "banggai/pinasa",
        "SAKIP",
    ]
    assert found["replications"].rows[0]["adopted_as"] == "parigi-moutong/kukusa"
    assert found["visitors"].rows[0]["leader_name"] == "Contoh Pemimpin"
    kinds = {r["record_type"] for r in found["citations"].rows}
    assert kinds == {"region", "region_fact", "innovation", "visit"}
    assert {r["source"] for r in found["citations"].rows} == {"fixture"}
    assert [r["id"] for r in found["sources"].rows] == ["fixture"]


def test_sqlite_innovations_match_list_and_visits_join(
    db: sqlite3.Connection, shipped: Collection
) -> None:
    (count,) = db.execute("SELECT count(*) FROM innovations").fetchone()
    assert count == len(shipped.innovations)
    # visits -> regions (host) and -> innovations (through visit_innovations)
    joined = db.execute(
        """
        SELECT v.id, r.name, i.name
        FROM visits v
        JOIN regions r ON r.id = v.host
        JOIN visit_innovations vi ON vi.visit = v.id
        JOIN innovations i ON i.id = vi.innovation
        WHERE v.id = 'parigi-moutong-ke-banggai'
        """
    ).fetchall()
    assert joined == [("parigi-moutong-ke-banggai", "Kabupaten Banggai", "Gerakan Moral PINASA")]
    (to_banggai,) = db.execute("SELECT count(*) FROM visits WHERE host = 'banggai'").fetchone()
    assert to_banggai == 8
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_sqlite_declares_primary_and_foreign_keys(db: sqlite3.Connection) -> None:
    columns = db.execute("PRAGMA table_info(innovations)").fetchall()
    assert [c[1] for c in columns if c[5]] == ["id"]  # the primary key
    links = db.execute("PRAGMA foreign_key_list(visit_innovations)").fetchall()
    assert {(row[2], row[3], row[4]) for row in links} == {
        ("visits", "visit", "id"),
        ("innovations", "innovation", "id"),
    }
    (iga,) = db.execute(
        "SELECT count(*) FROM competitions c JOIN innovations i ON i.id = c.innovation "
        "WHERE i.region = 'banggai' AND c.key = 'iga-2019'"
    ).fetchone()
    assert iga == 24


def test_sqlite_refuses_to_overwrite(tmp_path: Path, small: Collection) -> None:
    path = tmp_path / "out.db"
    path.write_text("keep me")
    with pytest.raises(OutputExistsError, match="--force"):
        export.write(small, ExportFormat.SQLITE, path)
    assert path.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out.db"]  # no temp files left
    export.write(small, ExportFormat.SQLITE, path, force=True)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM regions").fetchone() == (2,)


def test_csv_folder_with_datapackage(tmp_path: Path, small: Collection) -> None:
    out = tmp_path / "csv"
    export.write(small, ExportFormat.CSV, out)
    names = sorted(p.name for p in out.iterdir())
    assert "innovations.csv" in names
    assert "datapackage.json" in names
    rows = list(csv.DictReader(io.StringIO((out / "innovations.csv").read_text())))
    assert [r["id"] for r in rows] == list(small.innovations)
    assert rows[0]["digital"] == "0"
    package = json.loads((out / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["visits"]["schema"]["primaryKey"] == ["id"]
    assert {"fields": "host", "reference": {"resource": "regions", "fields": "id"}} in resources[
        "visits"
    ]["schema"]["foreignKeys"]


def test_csv_folder_no_clobber_and_force(tmp_path: Path, small: Collection) -> None:
    out = tmp_path / "csv"
    export.write(small, ExportFormat.CSV, out)
    with pytest.raises(OutputExistsError, match="--force"):
        export.write(small, ExportFormat.CSV, out)
    (out / "regions.csv").write_text("stale")
    export.write(small, ExportFormat.CSV, out, force=True)
    assert (out / "regions.csv").read_text().startswith("id,name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]  # no temp or old folders


def test_csv_force_never_replaces_a_folder_that_is_not_an_export(
    tmp_path: Path, small: Collection
) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "thesis.docx").write_text("precious")
    with pytest.raises(OutputExistsError, match="not part of an export"):
        export.write(small, ExportFormat.CSV, out, force=True)
    assert (out / "thesis.docx").read_text() == "precious"


def test_json_and_jsonl(tmp_path: Path, small: Collection) -> None:
    export.write(small, ExportFormat.JSON, tmp_path / "x.json")
    data = json.loads((tmp_path / "x.json").read_text())
    assert [r["id"] for r in data["innovations"]] == list(small.innovations)
    assert data["innovations"][0]["digital"] is False
    export.write(small, ExportFormat.JSONL, tmp_path / "x.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert sum(1 for line in lines if line["table"] == "innovations") == 3
    with pytest.raises(OutputExistsError):
        export.write(small, ExportFormat.JSON, tmp_path / "x.json")


def test_export_is_deterministic(tmp_path: Path, small: Collection) -> None:
    assert export.to_json(tables(small)) == export.to_json(tables(small))


def test_csv_export_neutralises_formulas() -> None:
    table = Table("t", [("id", "TEXT"), ("n", "INTEGER")], ["id"])
    table.rows.extend([{"id": "=HYPERLINK(1)", "n": -3}])
    assert export.table_csv(table) == "id,n\n'=HYPERLINK(1),-3\n"
