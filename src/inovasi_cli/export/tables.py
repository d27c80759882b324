"""The whole collection as tidy tables whose keys join (what ``inovasi export`` writes).

Tables (primary key; foreign keys):

- ``sources`` (id): the bibliography, each source document once
- ``regions`` (id)
- ``region_facts`` (id = ``<region>:<n>``; region -> regions)
- ``fact_people`` (fact, position; fact -> region_facts, region -> regions)
- ``fact_amounts`` (fact, position; fact -> region_facts)
- ``innovations`` (id; region -> regions, replication_of -> innovations): the scalar keys
  of the innovation JSON shape, same names and values; list fields joined
- ``innovation_tags`` (innovation, tag; innovation -> innovations)
- ``innovation_outcomes`` (innovation, position; innovation -> innovations)
- ``innovation_amounts`` (innovation, position; innovation -> innovations)
- ``competitions`` (innovation, award, year; innovation -> innovations): entries, e.g. IGA 2019
- ``visits`` (id; host -> regions)
- ``visitors`` (visit, position; visit -> visits, region -> regions)
- ``visit_innovations`` (visit, position; visit -> visits, innovation -> innovations): what a
  visit studied, an innovation or a topic
- ``replications`` (innovation, adopter; innovation -> innovations, adopter -> regions,
  adopted_as -> innovations, visit -> visits)
- ``citations`` (record_type, record_id, position; source -> sources): every citation of
  every record and fact, with its locator
- ``classifications`` (record_type, record_id, field): the values a curator assigned, with
  the basis; every other value of a classifiable field is stated by the sources

Rows come in a stable order (primary-key order; facts by region and position), so two
exports of the same data are identical.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.export import rows as build
from inovasi_cli.records.collection import Collection

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
        "sources",
        "id title title_supplied:int kind language publisher author published url note path",
        ("id",),
        description="The bibliography: each source document once (data/sources/<id>.yaml); "
        "title_supplied 1 when the document shows no title and the curator described it.",
    ),
    _Spec(
        "regions",
        "id name type province code capital aliases path",
        ("id",),
        description="Regions (kabupaten, kota, provinsi); aliases joined with '; '.",
    ),
    _Spec(
        "region_facts",
        "id region position:int kind statement year:int date place rank:int national_rank:int "
        "top:int "
        "category grade predicate index:real count:int",
        ("id",),
        (("region", "regions", "id"),),
        "Facts about regions (IGA results, SAKIP grades, events...); id is region:n; "
        "year as written, else the year of date.",
    ),
    _Spec(
        "fact_people",
        "fact position:int name title role region",
        ("fact", "position"),
        (("fact", "region_facts", "id"), ("region", "regions", "id")),
        "People a fact names: position (title) and their part in it (role).",
    ),
    _Spec(
        "fact_amounts",
        "fact position:int what value:real minimum:real maximum:real unit note",
        ("fact", "position"),
        (("fact", "region_facts", "id"),),
        "Numbers a fact gives, with units: a value, or a range (minimum, maximum).",
    ),
    _Spec(
        "innovations",
        "id name acronym aliases region sector other_sectors unit unit_type form "
        "digital:int stage initiator trial_date implementation_date replication_of "
        "summary goals benefits results path",
        ("id",),
        (("region", "regions", "id"), ("replication_of", "innovations", "id")),
        "Innovations; aliases and other_sectors joined with '; ', goals/benefits/results "
        "one per line; digital 1/0. Which values are classifications: see "
        "classifications.",
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
        "innovation_amounts",
        "innovation position:int what value:real minimum:real maximum:real unit note",
        ("innovation", "position"),
        (("innovation", "innovations", "id"),),
        "Numbers the sources give about an innovation, with units.",
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
        "visit position:int region institution unit leader_name leader_title "
        "participants:int purpose",
        ("visit", "position"),
        (("visit", "visits", "id"), ("region", "regions", "id")),
        "Who came on each visit: a region or another institution, and what for.",
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
        "citations",
        "record_type record_id position:int source locator note",
        ("record_type", "record_id", "position"),
        (("source", "sources", "id"),),
        "Every citation of every record and fact: record_type is region, region_fact, "
        "innovation or visit, record_id the id in that table; source -> sources.",
    ),
    _Spec(
        "classifications",
        "record_type record_id field basis",
        ("record_type", "record_id", "field"),
        description="Values a curator assigned rather than the sources stating them, "
        "with the basis (record_type innovation or visit). A classifiable value not "
        "listed here is stated by the record's sources.",
    ),
)


def tables(collection: Collection) -> list[Table]:
    """The collection as tables, in an order where every foreign key points backwards."""
    built = {spec.name: spec.table() for spec in SPECS}
    rows = {name: table.rows for name, table in built.items()}
    rows["sources"].extend(build.source_row(s) for s in collection.sources.values())
    for region in collection.regions.values():
        build.region_rows(region, rows)
    for innovation in collection.innovations.values():
        build.innovation_rows(innovation, rows)
    for visit in collection.visits.values():
        build.visit_rows(visit, rows)
    rows["replications"].extend(build.replication_row(r) for r in collection.replications)
    rows["citations"].extend(build.citation_row(c) for c in collection.citations)
    rows["citations"].sort(key=lambda r: (r["record_type"], r["record_id"], r["position"]))
    rows["classifications"].sort(key=lambda r: (r["record_type"], r["record_id"], r["field"]))
    return list(built.values())
