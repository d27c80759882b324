"""Writers for the tidy tables of :mod:`inovasi_cli.export.tables`: a csv folder (with a
Frictionless ``datapackage.json``), json, jsonl and SQLite with primary and foreign keys.

Every writer is atomic (built beside the target, then renamed into place) and refuses to
replace an existing output unless ``force``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from inovasi_cli.core.errors import InovasiError, OutputError, OutputExistsError
from inovasi_cli.core.json_text import json_text
from inovasi_cli.core.writes import (
    cannot_write,
    check_target,
    create_temporary,
    create_temporary_folder,
    temporary_name,
    write_atomic,
)
from inovasi_cli.export.tables import Table, tables
from inovasi_cli.output.formats import spreadsheet_cell
from inovasi_cli.records.collection import Collection


class ExportFormat(StrEnum):
    CSV = "csv"  # a folder: one <table>.csv per table and datapackage.json
    JSON = "json"  # one object: {"<table>": [rows]}
    JSONL = "jsonl"  # one row per line: {"table": "<table>", ...row}
    SQLITE = "sqlite"  # one database file, tables with primary and foreign keys
    XLSX = "xlsx"  # one workbook: a sheet per table


def to_json(tables_: Sequence[Table]) -> str:
    return json_text({t.name: t.rows for t in tables_}, indent=2) + "\n"


def to_jsonl(tables_: Sequence[Table]) -> str:
    return "".join(json_text({"table": t.name, **row}) + "\n" for t in tables_ for row in t.rows)


def table_csv(table: Table) -> str:
    """One table as csv; text cells that would run as spreadsheet formulas are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.rows:
        writer.writerow([_csv_value(row[c]) for c in table.column_names])
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return spreadsheet_cell(value)


_FRICTIONLESS = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}


def datapackage(tables_: Sequence[Table]) -> dict[str, Any]:
    """A Frictionless Data Package describing the csv folder: columns, keys and links."""
    return {
        "name": "inovasi",
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "description": t.description,
                "schema": {
                    "fields": [{"name": n, "type": _FRICTIONLESS[kind]} for n, kind in t.columns],
                    "primaryKey": list(t.primary_key),
                    "foreignKeys": [
                        {"fields": col, "reference": {"resource": ref, "fields": ref_col}}
                        for col, ref, ref_col in t.foreign_keys
                    ],
                },
            }
            for t in tables_
        ],
    }


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_statements(table: Table) -> list[str]:
    columns = [f"{_quote(n)} {kind}" for n, kind in table.columns]
    key = ", ".join(_quote(c) for c in table.primary_key)
    constraints = [f"PRIMARY KEY ({key})"] + [
        f"FOREIGN KEY ({_quote(col)}) REFERENCES {_quote(ref)} ({_quote(ref_col)})"
        for col, ref, ref_col in table.foreign_keys
    ]
    body = ",\n  ".join(columns + constraints)
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  {body}\n)"]
    statements += [
        f"CREATE INDEX {_quote(f'{table.name}_{col}')} ON {_quote(table.name)} ({_quote(col)})"
        for col, _, _ in table.foreign_keys
        if col != table.primary_key[0]
    ]
    return statements


def write_sqlite(tables_: Sequence[Table], path: Path, *, force: bool = False) -> Path:
    """Build the database in a temporary file beside ``path``, then rename it into place:
    a failure or an interruption leaves any old file intact and no temporary file (nor
    its journal) behind; an existing file is kept unless ``force``."""
    import sqlite3

    check_target(path, force=force)
    tmp: Path | None = None
    try:
        tmp = temporary_name(path)  # named before it exists: see core.writes
        os.close(create_temporary(tmp))  # sqlite opens the (empty) file itself
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            _fill(db, tables_)
        _usual_mode(tmp)
        check_target(path, force=force)  # something may have appeared meanwhile
        tmp.replace(path)
    except sqlite3.Error as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    finally:
        if tmp is not None:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
    return path


def _fill(db: Any, tables_: Sequence[Table]) -> None:
    db.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
    for table in tables_:
        for statement in create_statements(table):
            db.execute(statement)
        columns = ", ".join(_quote(c) for c in table.column_names)
        marks = ", ".join("?" for _ in table.columns)
        db.executemany(
            f"INSERT INTO {_quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608
            [tuple(_sql_value(row[c]) for c in table.column_names) for row in table.rows],
        )
    db.commit()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _usual_mode(path: Path, *, folder: bool = False) -> None:
    """Temporary files are private (0600); the finished export gets the usual mode."""
    path.chmod((0o777 if folder else 0o666) & ~_umask())


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return str(value)  # beyond SQLite's 64-bit INTEGER: kept exactly, as text
    return value


_EXPORT_FILES = (".csv", ".json")


def write_csv_folder(tables_: Sequence[Table], path: Path, *, force: bool = False) -> Path:
    """One ``<table>.csv`` per table and a ``datapackage.json``, in a new folder ``path``.

    The folder is built beside ``path`` and renamed into place. With ``force`` an existing
    export (a folder of only regular .csv/.json files) is replaced; any other folder, and
    anything that is not a folder, is refused. A failure or an interruption leaves the old
    export in place and no temporary folder behind.
    """
    check_target(path, force=force, folder=True)
    try:
        own = not path.exists() or _own_export(path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    if not own:
        raise OutputExistsError(
            f"{path} holds files that are not part of an export; refusing to replace it"
        )
    tmp: Path | None = None
    old: Path | None = None
    try:
        tmp = temporary_name(path)  # named before it exists: see core.writes
        create_temporary_folder(tmp)
        for table in tables_:
            (tmp / f"{table.name}.csv").write_text(table_csv(table), encoding="utf-8")
        (tmp / "datapackage.json").write_text(
            json_text(datapackage(tables_), indent=2) + "\n", encoding="utf-8"
        )
        _usual_mode(tmp, folder=True)
        if path.exists():
            check_target(path, force=force, folder=True)
            old = path.with_name(f".{path.name}.old-{tmp.name}")
            path.rename(old)
        tmp.rename(path)
        tmp = None
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    finally:
        _tidy_csv(path, tmp, old)
    return path


def _own_export(path: Path) -> bool:
    """A folder holding nothing but regular .csv and .json files (links do not count)."""
    with os.scandir(path) as entries:
        return all(
            e.is_file(follow_symlinks=False) and Path(e.name).suffix in _EXPORT_FILES
            for e in entries
        )


def _tidy_csv(path: Path, tmp: Path | None, old: Path | None) -> None:
    """After the csv export, whatever happened: the previous export back in place if the
    new one did not arrive, and no temporary folder left."""
    if old is not None:
        if path.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(path)  # put the previous export back
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)


def write(
    collection: Collection, fmt: ExportFormat, path: Path, *, force: bool = False
) -> list[Table]:
    """Export ``collection`` to ``path`` in ``fmt``; return the tables written."""
    tables_ = tables(collection)
    if fmt is ExportFormat.SQLITE:
        write_sqlite(tables_, path, force=force)
    elif fmt is ExportFormat.CSV:
        write_csv_folder(tables_, path, force=force)
    elif fmt is ExportFormat.XLSX:
        from inovasi_cli.export.xlsx import export_bytes

        write_atomic(path, export_bytes(tables_), force=force)
        _usual_mode(path)
    else:
        write_atomic(path, render_text(tables_, fmt), force=force)
        _usual_mode(path)
    return tables_


def render_text(tables_: Sequence[Table], fmt: ExportFormat) -> str:
    """The json or jsonl export as text (for ``--output -``)."""
    if fmt is ExportFormat.JSON:
        return to_json(tables_)
    if fmt is ExportFormat.JSONL:
        return to_jsonl(tables_)
    raise InovasiError(f"{fmt} export is not text")


def iter_counts(tables_: Sequence[Table]) -> Iterator[tuple[str, int]]:
    for table in tables_:
        yield table.name, len(table.rows)
