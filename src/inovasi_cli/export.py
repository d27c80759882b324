"""The whole collection as tidy tables whose keys join, and writers for csv, json, jsonl
and SQLite.

Tables (primary key; foreign keys):

- ``regions`` (id)
- ``region_facts`` (id = ``<region>:<n>``; region -> regions)
- ``innovations`` (id; region -> regions, replication_of -> innovations): the scalar keys
  of the innovation JSON shape, same names and values; list fields joined
- ``innovation_tags`` (innovation, tag; innovation -> innovations)
- ``innovation_outcomes`` (innovation, position; innovation -> innovations)
- ``competitions`` (innovation, award, year; innovation -> innovations): entries, e.g. IGA 2019
- ``visits`` (id; host -> regions)
- ``visitors`` (visit, position; visit -> visits, region -> regions)
- ``visit_innovations`` (visit, position; visit -> visits, innovation -> innovations): what a
  visit studied, an innovation or a topic
- ``replications`` (innovation, adopter; innovation -> innovations, adopter -> regions,
  adopted_as -> innovations, visit -> visits)
- ``sources`` (record_type, record_id, position): every source, of every record and fact

Rows come in a stable order (primary-key order; facts by region and position), so two
exports of the same data are identical.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from inovasi_cli.collection import Collection
from inovasi_cli.errors import InovasiError, OutputExistsError
from inovasi_cli.formats import json_text, spreadsheet_cell
from inovasi_cli.model import Source
from inovasi_cli.output import write_atomic

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Table:
    """A tidy table: typed columns, a primary key, foreign keys and its rows."""

    name: str
    columns: Sequence[tuple[str, str]]  # (name, SQLite type: TEXT, INTEGER, REAL)
    primary_key: Sequence[str]
    foreign_keys: Sequence[tuple[str, str, str]] = ()  # (column, table, column)
    rows: list[Row] = field(default_factory=list)
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


def _lines(values: Sequence[str]) -> str | None:
    return "\n".join(values) or None


def _joined(values: Sequence[str]) -> str | None:
    return "; ".join(values) or None


def _source_rows(record_type: str, record_id: str, sources: Sequence[Source]) -> list[Row]:
    return [
        {
            "record_type": record_type,
            "record_id": record_id,
            "position": n,
            "file": s.file,
            "title": s.title,
            "publisher": s.publisher,
            "author": s.author,
            "url": s.url,
            "published": s.published,
            "note": s.note,
        }
        for n, s in enumerate(sources, 1)
    ]


_TYPES = {"": "TEXT", "int": "INTEGER", "real": "REAL"}


def _columns(spec: str) -> list[tuple[str, str]]:
    """'id year:int index:real' -> [('id', 'TEXT'), ('year', 'INTEGER'), ('index', 'REAL')]"""
    return [
        (name, _TYPES[kind]) for name, _, kind in (word.partition(":") for word in spec.split())
    ]


def tables(collection: Collection) -> list[Table]:
    """The collection as tables, in an order where every foreign key points backwards."""
    regions = Table(
        "regions",
        _columns("id name type province code capital aliases path"),
        ["id"],
        description="Regions (kabupaten, kota, provinsi); aliases joined with '; '.",
    )
    facts = Table(
        "region_facts",
        _columns(
            "id region position:int kind statement year:int rank:int top:int category grade "
            "predicate index:real count:int"
        ),
        ["id"],
        [("region", "regions", "id")],
        description="Facts about regions (IGA results, SAKIP grades...); id is region:n.",
    )
    innovations = Table(
        "innovations",
        _columns(
            "id name acronym region sector other_sectors unit unit_type form digital:int "
            "stage initiator trial_date implementation_date replication_of summary goals "
            "benefits results path"
        ),
        ["id"],
        [("region", "regions", "id"), ("replication_of", "innovations", "id")],
        description="Innovations; other_sectors joined with '; ', goals/benefits/results "
        "one per line; digital 1/0.",
    )
    tags = Table(
        "innovation_tags",
        _columns("innovation tag"),
        ["innovation", "tag"],
        [("innovation", "innovations", "id")],
    )
    outcomes = Table(
        "innovation_outcomes",
        _columns("innovation position:int indicator before:real after:real unit note"),
        ["innovation", "position"],
        [("innovation", "innovations", "id")],
    )
    competitions = Table(
        "competitions",
        _columns("innovation award year:int key result note"),
        ["innovation", "award", "year"],
        [("innovation", "innovations", "id")],
        description="Competition entries, e.g. IGA 2019 (key iga-2019).",
    )
    visits = Table(
        "visits",
        _columns(
            "id date year:int kind host host_unit received_by_name received_by_title "
            "participants:int delegation_size:int purpose places path"
        ),
        ["id"],
        [("host", "regions", "id")],
        description="Study visits; places joined with '; '; participants as stated, "
        "delegation_size stated or summed from the visitors.",
    )
    visitors = Table(
        "visitors",
        _columns(
            "visit position:int region institution unit leader_name leader_title participants:int"
        ),
        ["visit", "position"],
        [("visit", "visits", "id"), ("region", "regions", "id")],
        description="Who came on each visit: a region or another institution.",
    )
    links = Table(
        "visit_innovations",
        _columns("visit position:int innovation topic note"),
        ["visit", "position"],
        [("visit", "visits", "id"), ("innovation", "innovations", "id")],
        description="What each visit studied: an innovation, or a topic when no record exists.",
    )
    replications = Table(
        "replications",
        _columns("innovation adopter adopted_as name note visit"),
        ["innovation", "adopter"],
        [
            ("innovation", "innovations", "id"),
            ("adopter", "regions", "id"),
            ("adopted_as", "innovations", "id"),
            ("visit", "visits", "id"),
        ],
        description="Innovation adopted by another region (from visits and replication_of).",
    )
    sources = Table(
        "sources",
        _columns(
            "record_type record_id position:int file title publisher author url published note"
        ),
        ["record_type", "record_id", "position"],
        description="Sources of every record; record_type is region, region_fact, "
        "innovation or visit, record_id the id in that table.",
    )

    for region in collection.regions.values():
        regions.rows.append(
            {
                "id": region.id,
                "name": region.name,
                "type": region.type,
                "province": region.province,
                "code": region.code,
                "capital": region.capital,
                "aliases": _joined(region.aliases),
                "path": region.path,
            }
        )
        sources.rows.extend(_source_rows("region", region.id, region.sources))
        for n, fact in enumerate(region.facts, 1):
            fact_id = f"{region.id}:{n}"
            facts.rows.append(
                {
                    "id": fact_id,
                    "region": region.id,
                    "position": n,
                    "kind": fact.kind,
                    "statement": fact.statement,
                    "year": fact.year,
                    "rank": fact.rank,
                    "top": fact.top,
                    "category": fact.category,
                    "grade": fact.grade,
                    "predicate": fact.predicate,
                    "index": fact.index,
                    "count": fact.count,
                }
            )
            sources.rows.extend(_source_rows("region_fact", fact_id, fact.sources))

    for innovation in collection.innovations.values():
        innovations.rows.append(
            {
                "id": innovation.id,
                "name": innovation.name,
                "acronym": innovation.acronym,
                "region": innovation.region,
                "sector": innovation.sector,
                "other_sectors": _joined(innovation.other_sectors),
                "unit": innovation.unit,
                "unit_type": innovation.unit_type,
                "form": innovation.form,
                "digital": innovation.digital,
                "stage": innovation.stage,
                "initiator": innovation.initiator,
                "trial_date": innovation.trial_date,
                "implementation_date": innovation.implementation_date,
                "replication_of": innovation.replication_of,
                "summary": innovation.summary,
                "goals": _lines(innovation.goals),
                "benefits": _lines(innovation.benefits),
                "results": _lines(innovation.results),
                "path": innovation.path,
            }
        )
        tags.rows.extend({"innovation": innovation.id, "tag": t} for t in sorted(innovation.tags))
        outcomes.rows.extend(
            [
                {
                    "innovation": innovation.id,
                    "position": n,
                    "indicator": o.indicator,
                    "before": o.before,
                    "after": o.after,
                    "unit": o.unit,
                    "note": o.note,
                }
                for n, o in enumerate(innovation.outcomes, 1)
            ]
        )
        competitions.rows.extend(
            [
                {
                    "innovation": innovation.id,
                    "award": c.award,
                    "year": c.year,
                    "key": c.key,
                    "result": c.result,
                    "note": c.note,
                }
                for c in sorted(innovation.competitions, key=lambda c: (c.award, c.year))
            ]
        )
        sources.rows.extend(_source_rows("innovation", innovation.id, innovation.sources))

    for visit in collection.visits.values():
        visits.rows.append(
            {
                "id": visit.id,
                "date": visit.date,
                "year": visit.year,
                "kind": visit.kind,
                "host": visit.host,
                "host_unit": visit.host_unit,
                "received_by_name": visit.received_by.name if visit.received_by else None,
                "received_by_title": visit.received_by.title if visit.received_by else None,
                "participants": visit.participants,
                "delegation_size": visit.delegation_size,
                "purpose": visit.purpose,
                "places": _joined(visit.places),
                "path": visit.path,
            }
        )
        visitors.rows.extend(
            [
                {
                    "visit": visit.id,
                    "position": n,
                    "region": v.region,
                    "institution": v.institution,
                    "unit": v.unit,
                    "leader_name": v.leader.name if v.leader else None,
                    "leader_title": v.leader.title if v.leader else None,
                    "participants": v.participants,
                }
                for n, v in enumerate(visit.visitors, 1)
            ]
        )
        links.rows.extend(
            [
                {
                    "visit": visit.id,
                    "position": n,
                    "innovation": s.innovation,
                    "topic": s.topic,
                    "note": s.note,
                }
                for n, s in enumerate(visit.studied, 1)
            ]
        )
        sources.rows.extend(_source_rows("visit", visit.id, visit.sources))

    replications.rows.extend(
        [
            {
                "innovation": r.innovation,
                "adopter": r.adopter,
                "adopted_as": r.adopted_as,
                "name": r.name,
                "note": r.note,
                "visit": r.visit,
            }
            for r in collection.replications
        ]
    )
    sources.rows.sort(key=lambda r: (r["record_type"], r["record_id"], r["position"]))
    return [
        regions,
        facts,
        innovations,
        tags,
        outcomes,
        competitions,
        visits,
        visitors,
        links,
        replications,
        sources,
    ]


# -- writers ---------------------------------------------------------------------------------


class ExportFormat(StrEnum):
    CSV = "csv"  # a folder: one <table>.csv per table and datapackage.json
    JSON = "json"  # one object: {"<table>": [rows]}
    JSONL = "jsonl"  # one row per line: {"table": "<table>", ...row}
    SQLITE = "sqlite"  # one database file, tables with primary and foreign keys


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
    a failure leaves any old file intact; an existing file is kept unless ``force``."""
    import sqlite3

    _check_target(path, force=force)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)  # sqlite opens the (empty) file itself
    tmp = Path(name)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
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
        _usual_mode(tmp)
        if not force and path.exists():
            raise OutputExistsError(f"{path} exists; use --force to overwrite it")
        tmp.replace(path)
    except sqlite3.Error as exc:
        raise InovasiError(f"cannot write {path}: {exc}") from exc
    except OSError as exc:
        raise InovasiError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _usual_mode(path: Path, *, folder: bool = False) -> None:
    """Temporary files are private (0600); the finished export gets the usual mode."""
    path.chmod((0o777 if folder else 0o666) & ~_umask())


def _sql_value(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def _check_target(path: Path, *, force: bool) -> None:
    if path.is_dir():
        raise OutputExistsError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputExistsError(f"{path.parent}: no such folder")


_EXPORT_FILES = (".csv", ".json")


def write_csv_folder(tables_: Sequence[Table], path: Path, *, force: bool = False) -> Path:
    """One ``<table>.csv`` per table and a ``datapackage.json``, in a new folder ``path``.

    The folder is built beside ``path`` and renamed into place. With ``force`` an existing
    export (a folder of only .csv/.json files) is replaced; any other folder is refused.
    """
    if path.exists() and not path.is_dir():
        raise OutputExistsError(f"{path} is a file; the csv export is a folder")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to replace it")
    if path.exists() and any(
        not p.is_file() or p.suffix not in _EXPORT_FILES for p in path.iterdir()
    ):
        raise OutputExistsError(
            f"{path} holds files that are not part of an export; refusing to replace it"
        )
    if not path.parent.is_dir():
        raise OutputExistsError(f"{path.parent}: no such folder")
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    old: Path | None = None
    try:
        for table in tables_:
            (tmp / f"{table.name}.csv").write_text(table_csv(table), encoding="utf-8")
        (tmp / "datapackage.json").write_text(
            json_text(datapackage(tables_), indent=2) + "\n", encoding="utf-8"
        )
        _usual_mode(tmp, folder=True)
        if path.exists():
            if not force:
                raise OutputExistsError(f"{path} exists; use --force to replace it")
            old = path.with_name(f".{path.name}.old-{tmp.name}")
            path.rename(old)
        tmp.rename(path)
    except OSError as exc:
        if old is not None and not path.exists():
            old.rename(path)  # put the previous export back
            old = None
        raise InovasiError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return path


def write(
    collection: Collection, fmt: ExportFormat, path: Path, *, force: bool = False
) -> list[Table]:
    """Export ``collection`` to ``path`` in ``fmt``; return the tables written."""
    tables_ = tables(collection)
    if fmt is ExportFormat.SQLITE:
        write_sqlite(tables_, path, force=force)
    elif fmt is ExportFormat.CSV:
        write_csv_folder(tables_, path, force=force)
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
