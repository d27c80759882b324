"""The records as frozen dataclasses, built from schema-valid data.

Identity comes from the file path (``data/innovations/banggai/e-makam.yaml`` is the
innovation ``banggai/e-makam`` of the region ``banggai``), never from a field.
``raw`` keeps the record as written, for ``show --format yaml`` and for fields that later
features read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.records.values import (
    Amount,
    Citation,
    Classified,
    Evidence,
    FactPerson,
    Person,
    Source,
    amounts,
    citations,
    classified,
    evidence,
)

__all__ = [
    "Amount",
    "Citation",
    "Competition",
    "Evidence",
    "Fact",
    "FactPerson",
    "Innovation",
    "Outcome",
    "Person",
    "Region",
    "Replication",
    "Source",
    "Studied",
    "Visit",
    "Visitor",
]


def _tuple(data: Mapping[str, Any], key: str) -> tuple[Any, ...]:
    return tuple(data.get(key) or ())


@dataclass(frozen=True, slots=True)
class Fact:
    """Something a source says about a region: an award result, a grade, an event (with
    its ``date``, ``place`` and ``people``), with the numbers it gives (``amounts``).
    ``year`` is the one written, else the year of ``date``."""

    kind: str
    statement: str
    year: int | None = None
    date: str | None = None
    place: str | None = None
    rank: int | None = None  # in its category (kabupaten, kota, provinsi) when one is given
    national_rank: int | None = None
    top: int | None = None
    category: str | None = None
    grade: str | None = None
    predicate: str | None = None
    index: float | None = None
    count: int | None = None
    people: tuple[FactPerson, ...] = ()
    amounts: tuple[Amount, ...] = ()
    sources: tuple[Citation, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fact:
        date = data.get("date")
        year = data.get("year")
        if year is None and isinstance(date, str) and date[:4].isdigit():
            year = int(date[:4])
        return cls(
            kind=data["kind"],
            statement=data["statement"],
            year=year,
            date=date,
            place=data.get("place"),
            rank=data.get("rank"),
            national_rank=data.get("national_rank"),
            top=data.get("top"),
            category=data.get("category"),
            grade=data.get("grade"),
            predicate=data.get("predicate"),
            index=data.get("index"),
            count=data.get("count"),
            people=tuple(FactPerson.from_dict(p) for p in data.get("people") or ()),
            amounts=amounts(data),
            sources=citations(data),
        )


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    type: str
    province: str | None = None
    code: str | None = None
    capital: str | None = None
    aliases: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    sources: tuple[Citation, ...] = ()
    path: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    evidence: tuple[Evidence, ...] = ()  # region-indicator levels, per model and year

    @classmethod
    def from_dict(cls, region_id: str, data: Mapping[str, Any], path: str = "") -> Region:
        return cls(
            id=region_id,
            name=data["name"],
            type=data["type"],
            province=data.get("province"),
            code=data.get("code"),
            capital=data.get("capital"),
            aliases=_tuple(data, "aliases"),
            facts=tuple(Fact.from_dict(f) for f in data.get("facts") or ()),
            sources=citations(data),
            path=path,
            raw=data,
            evidence=evidence(data),
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    indicator: str
    before: float | None = None
    after: float | None = None
    unit: str | None = None
    note: str | None = None
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Outcome:
        return cls(
            data["indicator"],
            data.get("before"),
            data.get("after"),
            data.get("unit"),
            data.get("note"),
            data.get("note_lang"),
        )


@dataclass(frozen=True, slots=True)
class Competition:
    award: str
    year: int
    result: str | None = None
    note: str | None = None
    note_lang: str | None = None

    @property
    def key(self) -> str:
        """``iga-2019``: how filters and reports name an entry."""
        return f"{self.award}-{self.year}"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Competition:
        return cls(
            data["award"], data["year"], data.get("result"), data.get("note"), data.get("note_lang")
        )


@dataclass(frozen=True, slots=True)
class Innovation:
    id: str
    region: str
    slug: str
    name: str
    summary: str
    sector: str | None = None
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    unit_type: str | None = None
    other_sectors: tuple[str, ...] = ()
    form: str | None = None
    digital: bool | None = None
    stage: str | None = None
    initiator: str | None = None
    trial_date: str | None = None
    implementation_date: str | None = None
    goals: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    results: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    amounts: tuple[Amount, ...] = ()
    tags: tuple[str, ...] = ()
    competitions: tuple[Competition, ...] = ()
    replication_of: str | None = None
    sources: tuple[Citation, ...] = ()
    path: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    evidence: tuple[Evidence, ...] = ()  # innovation-indicator levels, per model
    classified: Classified = ()  # (field, basis): values a curator assigned

    @classmethod
    def from_dict(cls, innovation_id: str, data: Mapping[str, Any], path: str = "") -> Innovation:
        region, _, slug = innovation_id.partition("/")
        return cls(
            id=innovation_id,
            region=region,
            slug=slug,
            name=data["name"],
            summary=data["summary"],
            sector=data.get("sector"),
            acronym=data.get("acronym"),
            aliases=_tuple(data, "aliases"),
            unit=data.get("unit"),
            unit_type=data.get("unit_type"),
            other_sectors=_tuple(data, "other_sectors"),
            form=data.get("form"),
            digital=data.get("digital"),
            stage=data.get("stage"),
            initiator=data.get("initiator"),
            trial_date=data.get("trial_date"),
            implementation_date=data.get("implementation_date"),
            goals=_tuple(data, "goals"),
            benefits=_tuple(data, "benefits"),
            results=_tuple(data, "results"),
            outcomes=tuple(Outcome.from_dict(o) for o in data.get("outcomes") or ()),
            amounts=amounts(data),
            tags=_tuple(data, "tags"),
            competitions=tuple(Competition.from_dict(c) for c in data.get("competitions") or ()),
            replication_of=data.get("replication_of"),
            sources=citations(data),
            path=path,
            raw=data,
            evidence=evidence(data),
            classified=classified(data),
        )

    def basis(self, field_name: str) -> str | None:
        """The curator's basis for the value of ``field_name``; None when it is stated."""
        return dict(self.classified).get(field_name)

    @property
    def display_name(self) -> str:
        """``Pilah Sampah (PINASA)`` when the acronym is not already in the name."""
        if self.acronym and self.acronym.lower() not in self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    def years(self) -> tuple[int, ...]:
        """Years the innovation is dated to: competition years and its own dates."""
        found = {c.year for c in self.competitions}
        for date in (self.trial_date, self.implementation_date):
            if date:
                found.add(int(date[:4]))
        return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class Visitor:
    region: str | None = None
    institution: str | None = None
    unit: str | None = None
    leader: Person | None = None
    participants: int | None = None
    purpose: str | None = None  # what this visitor came for, in its own words

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Visitor:
        return cls(
            region=data.get("region"),
            institution=data.get("institution"),
            unit=data.get("unit"),
            leader=Person.from_dict(data.get("leader")),
            participants=data.get("participants"),
            purpose=data.get("purpose"),
        )


@dataclass(frozen=True, slots=True)
class Studied:
    innovation: str | None = None
    topic: str | None = None
    note: str | None = None
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Studied:
        return cls(**{k: data.get(k) for k in cls.__slots__})


@dataclass(frozen=True, slots=True)
class Replication:
    """Innovation ``innovation`` adopted by region ``adopter`` (as ``adopted_as``)."""

    innovation: str
    adopter: str
    adopted_as: str | None = None
    name: str | None = None
    note: str | None = None
    visit: str | None = None  # the visit that recorded it, if any
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], visit: str | None = None) -> Replication:
        return cls(
            innovation=data["innovation"],
            adopter=data["adopter"],
            adopted_as=data.get("as"),
            name=data.get("name"),
            note=data.get("note"),
            visit=visit,
            note_lang=data.get("note_lang"),
        )


@dataclass(frozen=True, slots=True)
class Visit:
    id: str
    host: str
    visitors: tuple[Visitor, ...]
    date: str | None = None
    kind: str | None = None
    host_unit: str | None = None
    received_by: Person | None = None
    participants: int | None = None
    purpose: str | None = None
    places: tuple[str, ...] = ()
    studied: tuple[Studied, ...] = ()
    outcomes: tuple[Replication, ...] = ()
    sources: tuple[Citation, ...] = ()
    path: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    classified: Classified = ()  # (field, basis): values a curator assigned

    @classmethod
    def from_dict(cls, visit_id: str, data: Mapping[str, Any], path: str = "") -> Visit:
        return cls(
            id=visit_id,
            host=data["host"],
            visitors=tuple(Visitor.from_dict(v) for v in data["visitors"]),
            date=data.get("date"),
            kind=data.get("kind"),
            host_unit=data.get("host_unit"),
            received_by=Person.from_dict(data.get("received_by")),
            participants=data.get("participants"),
            purpose=data.get("purpose"),
            places=_tuple(data, "places"),
            studied=tuple(Studied.from_dict(s) for s in data.get("studied") or ()),
            outcomes=tuple(Replication.from_dict(o, visit_id) for o in data.get("outcomes") or ()),
            sources=citations(data),
            path=path,
            raw=data,
            classified=classified(data),
        )

    def basis(self, field_name: str) -> str | None:
        """The curator's basis for the value of ``field_name``; None when it is stated."""
        return dict(self.classified).get(field_name)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    @property
    def visitor_regions(self) -> tuple[str, ...]:
        return tuple(v.region for v in self.visitors if v.region)

    @property
    def delegation_size(self) -> int | None:
        """The stated total, else the sum of the visitors' sizes when all are known."""
        if self.participants is not None:
            return self.participants
        sizes = [v.participants for v in self.visitors]
        if sizes and all(s is not None for s in sizes):
            return sum(s for s in sizes if s is not None)
        return None
