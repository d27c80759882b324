"""The whole collection as tidy tables whose keys join (what ``inovasi export`` writes).

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

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.output.shapes import fact_shape
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Source, Visit

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


@dataclass(frozen=True, slots=True)
class _Spec:
    """A table's declaration: what :func:`tables` fills."""

    name: str
    columns: str  # 'id year:int index:real'
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    description: str = ""

    def table(self) -> Table:
        return Table(
            self.name,
            _columns(self.columns),
            list(self.primary_key),
            list(self.foreign_keys),
            description=self.description,
        )


# In an order where every foreign key points backwards.
SPECS = (
    _Spec(
        "regions",
        "id name type province code capital aliases path",
        ("id",),
        description="Regions (kabupaten, kota, provinsi); aliases joined with '; '.",
    ),
    _Spec(
        "region_facts",
        "id region position:int kind statement year:int rank:int top:int category grade "
        "predicate index:real count:int",
        ("id",),
        (("region", "regions", "id"),),
        "Facts about regions (IGA results, SAKIP grades...); id is region:n.",
    ),
    _Spec(
        "innovations",
        "id name acronym region sector other_sectors unit unit_type form digital:int "
        "stage initiator trial_date implementation_date replication_of summary goals "
        "benefits results path",
        ("id",),
        (("region", "regions", "id"), ("replication_of", "innovations", "id")),
        "Innovations; other_sectors joined with '; ', goals/benefits/results "
        "one per line; digital 1/0.",
    ),
    _Spec(
        "innovation_tags",
        "innovation tag",
        ("innovation", "tag"),
        (("innovation", "innovations", "id"),),
    ),
    _Spec(
        "innovation_outcomes",
        "innovation position:int indicator before:real after:real unit note",
        ("innovation", "position"),
        (("innovation", "innovations", "id"),),
    ),
    _Spec(
        "competitions",
        "innovation award year:int key result note",
        ("innovation", "award", "year"),
        (("innovation", "innovations", "id"),),
        "Competition entries, e.g. IGA 2019 (key iga-2019).",
    ),
    _Spec(
        "visits",
        "id date year:int kind host host_unit received_by_name received_by_title "
        "participants:int delegation_size:int purpose places path",
        ("id",),
        (("host", "regions", "id"),),
        "Study visits; places joined with '; '; participants as stated, "
        "delegation_size stated or summed from the visitors.",
    ),
    _Spec(
        "visitors",
        "visit position:int region institution unit leader_name leader_title participants:int",
        ("visit", "position"),
        (("visit", "visits", "id"), ("region", "regions", "id")),
        "Who came on each visit: a region or another institution.",
    ),
    _Spec(
        "visit_innovations",
        "visit position:int innovation topic note",
        ("visit", "position"),
        (("visit", "visits", "id"), ("innovation", "innovations", "id")),
        "What each visit studied: an innovation, or a topic when no record exists.",
    ),
    _Spec(
        "replications",
        "innovation adopter adopted_as name note visit",
        ("innovation", "adopter"),
        (
            ("innovation", "innovations", "id"),
            ("adopter", "regions", "id"),
            ("adopted_as", "innovations", "id"),
            ("visit", "visits", "id"),
        ),
        "Innovation adopted by another region (from visits and replication_of).",
    ),
    _Spec(
        "sources",
        "record_type record_id position:int file title publisher author url published note",
        ("record_type", "record_id", "position"),
        description="Sources of every record; record_type is region, region_fact, "
        "innovation or visit, record_id the id in that table.",
    ),
)


def tables(collection: Collection) -> list[Table]:
    """The collection as tables, in an order where every foreign key points backwards."""
    built = {spec.name: spec.table() for spec in SPECS}
    rows = {name: table.rows for name, table in built.items()}
    for region in collection.regions.values():
        _region_rows(region, rows)
    for innovation in collection.innovations.values():
        _innovation_rows(innovation, rows)
    for visit in collection.visits.values():
        _visit_rows(visit, rows)
    rows["replications"].extend(
        {
            "innovation": r.innovation,
            "adopter": r.adopter,
            "adopted_as": r.adopted_as,
            "name": r.name,
            "note": r.note,
            "visit": r.visit,
        }
        for r in collection.replications
    )
    rows["sources"].sort(key=lambda r: (r["record_type"], r["record_id"], r["position"]))
    return list(built.values())


def _region_rows(region: Region, rows: dict[str, list[Row]]) -> None:
    rows["regions"].append(
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
    rows["sources"].extend(_source_rows("region", region.id, region.sources))
    for n, fact in enumerate(region.facts, 1):
        fact_id = f"{region.id}:{n}"
        shape = fact_shape(fact)  # the same fields as in JSON; sources get their table
        del shape["sources"]
        rows["region_facts"].append({"id": fact_id, "region": region.id, "position": n, **shape})
        rows["sources"].extend(_source_rows("region_fact", fact_id, fact.sources))


def _innovation_rows(innovation: Innovation, rows: dict[str, list[Row]]) -> None:
    rows["innovations"].append(
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
    record = innovation.id
    rows["innovation_tags"].extend(
        {"innovation": record, "tag": t} for t in sorted(innovation.tags)
    )
    rows["innovation_outcomes"].extend(
        {
            "innovation": record,
            "position": n,
            "indicator": o.indicator,
            "before": o.before,
            "after": o.after,
            "unit": o.unit,
            "note": o.note,
        }
        for n, o in enumerate(innovation.outcomes, 1)
    )
    rows["competitions"].extend(
        {
            "innovation": record,
            "award": c.award,
            "year": c.year,
            "key": c.key,
            "result": c.result,
            "note": c.note,
        }
        for c in sorted(innovation.competitions, key=lambda c: (c.award, c.year))
    )
    rows["sources"].extend(_source_rows("innovation", record, innovation.sources))


def _visit_rows(visit: Visit, rows: dict[str, list[Row]]) -> None:
    received_by = visit.received_by
    rows["visits"].append(
        {
            "id": visit.id,
            "date": visit.date,
            "year": visit.year,
            "kind": visit.kind,
            "host": visit.host,
            "host_unit": visit.host_unit,
            "received_by_name": received_by.name if received_by else None,
            "received_by_title": received_by.title if received_by else None,
            "participants": visit.participants,
            "delegation_size": visit.delegation_size,
            "purpose": visit.purpose,
            "places": _joined(visit.places),
            "path": visit.path,
        }
    )
    rows["visitors"].extend(
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
    )
    rows["visit_innovations"].extend(
        {
            "visit": visit.id,
            "position": n,
            "innovation": s.innovation,
            "topic": s.topic,
            "note": s.note,
        }
        for n, s in enumerate(visit.studied, 1)
    )
    rows["sources"].extend(_source_rows("visit", visit.id, visit.sources))
