"""Filtering, search, sorting and counting over a loaded :class:`Collection`. Pure: no I/O.

User input is resolved to canonical values *forgivingly* where that is safe (case and
accents, spaces for hyphens, a unique prefix, a documented alias or the Indonesian title)
and *strictly* where it is not: a value that names nothing raises :class:`UsageError`
naming the closest valid values, so a typo never looks like "none found".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from inovasi_cli.core.text import fold
from inovasi_cli.query.resolve import (
    labelled,
    resolve_award,
    resolve_innovation,
    resolve_region,
    resolve_tag,
    resolve_vocabulary,
    resolve_year,
    split_values,
)
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Visit

# -- the filter ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InnovationFilter:
    """Which innovations to keep. Values are canonical (see :func:`build_filter`).

    Within one field any value matches (``sectors={"kesehatan", "sosial"}`` keeps both);
    across fields all must match. An empty field does not filter.
    """

    regions: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()
    awards: frozenset[str] = frozenset()  # "iga" (any year) or "iga-2019"
    stages: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    unit_types: frozenset[str] = frozenset()
    digital: bool | None = None
    years: frozenset[int] = frozenset()
    tags: frozenset[str] = frozenset()
    query: str | None = None

    def matches(self, innovation: Innovation) -> bool:
        fields: tuple[tuple[frozenset[str], str | None], ...] = (
            (self.regions, innovation.region),
            (self.sectors, innovation.sector),
            (self.stages, innovation.stage),
            (self.forms, innovation.form),
            (self.unit_types, innovation.unit_type),
        )
        if any(wanted and value not in wanted for wanted, value in fields):
            return False
        if self.awards and not _has_award(innovation, self.awards):
            return False
        if self.years and not self.years.intersection(innovation.years):
            return False
        if self.tags and not self.tags.intersection(innovation.tags):
            return False
        if self.digital is not None and innovation.digital is not self.digital:
            return False
        return not self.query or matches_text(innovation, self.query)

    @property
    def active(self) -> bool:
        """Whether the filter filters anything."""
        return self != InnovationFilter()


def _has_award(innovation: Innovation, awards: frozenset[str]) -> bool:
    return any(c.award in awards or c.key in awards for c in innovation.competitions)


def search_text(innovation: Innovation) -> str:
    """What ``--query`` searches: name, acronym, aliases, summary, unit and tags, folded."""
    parts = [innovation.name, innovation.acronym, *innovation.aliases, innovation.summary]
    parts.append(innovation.unit)
    return fold(" ".join([p for p in parts if p] + [t.replace("-", " ") for t in innovation.tags]))


def matches_text(innovation: Innovation, query: str) -> bool:
    """Every word of the query appears (case- and accent-insensitively)."""
    haystack = search_text(innovation)
    return all(word in haystack for word in fold(query).split())


def select(
    collection: Collection,
    criteria: InnovationFilter,
    *,
    sort: SortKey | str = "id",
    limit: int | None = None,
) -> list[Innovation]:
    """The innovations matching ``criteria``, sorted (id order by default), at most ``limit``."""
    found = [i for i in collection.innovations.values() if criteria.matches(i)]
    found = sort_innovations(found, SortKey(sort))
    return found if limit is None else found[:limit]


# -- sorting ---------------------------------------------------------------------------------


class SortKey(StrEnum):
    """Orders for ``inovasi list --sort``; ties keep id order."""

    ID = "id"
    NAME = "name"
    REGION = "region"
    SECTOR = "sector"
    YEAR = "year"
    STAGE = "stage"
    UNIT = "unit"


def _missing_last(value: str | None) -> tuple[bool, str]:
    return (value is None, fold(value) if value else "")


_SORTERS: dict[SortKey, Callable[[Innovation], Any]] = {
    SortKey.ID: lambda i: i.id,
    SortKey.NAME: lambda i: fold(i.name),
    SortKey.REGION: lambda i: i.region,
    SortKey.SECTOR: lambda i: _missing_last(i.sector),
    SortKey.YEAR: lambda i: (not i.years, i.years[0] if i.years else 0),
    SortKey.STAGE: lambda i: _missing_last(i.stage),
    SortKey.UNIT: lambda i: _missing_last(i.unit),
}


def sort_innovations(innovations: Iterable[Innovation], key: SortKey) -> list[Innovation]:
    by_id = sorted(innovations, key=lambda i: i.id)
    return sorted(by_id, key=_SORTERS[key])


def build_filter(
    collection: Collection,
    *,
    regions: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    awards: Iterable[str] | None = None,
    stages: Iterable[str] | None = None,
    forms: Iterable[str] | None = None,
    unit_types: Iterable[str] | None = None,
    digital: bool | None = None,
    years: Iterable[int] | None = None,
    tags: Iterable[str] | None = None,
    query: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> InnovationFilter:
    """An :class:`InnovationFilter` from user input, each value resolved (or refused).

    ``labels`` maps a field (``regions``...) to the caller's name for it (``--region``),
    which then opens the message of a value it refuses."""
    known_years = {y for i in collection.innovations.values() for y in i.years}
    field = _Fields(labels)
    return InnovationFilter(
        regions=field("regions", regions, lambda v: resolve_region(collection, v)),
        sectors=field("sectors", sectors, lambda v: resolve_vocabulary("sector", v)),
        awards=field("awards", awards, lambda v: resolve_award(collection, v)),
        stages=field("stages", stages, lambda v: resolve_vocabulary("stage", v)),
        forms=field("forms", forms, lambda v: resolve_vocabulary("form", v)),
        unit_types=field("unit_types", unit_types, lambda v: resolve_vocabulary("unit type", v)),
        digital=digital,
        years=field.numbers("years", years, lambda y: resolve_year(y, known_years)),
        tags=field("tags", tags, lambda v: resolve_tag(collection, v)),
        query=query.strip() if query and query.strip() else None,
    )


class _Fields:
    """Resolves each value of a field, errors labelled with the caller's name for it."""

    def __init__(self, labels: Mapping[str, str] | None) -> None:
        self.labels = labels or {}

    def __call__(
        self, name: str, values: Iterable[str] | None, resolve: Callable[[str], str]
    ) -> frozenset[str]:
        with labelled(self.labels.get(name)):
            return frozenset(resolve(v) for v in split_values(values))

    def numbers(
        self, name: str, values: Iterable[int] | None, resolve: Callable[[int], int]
    ) -> frozenset[int]:
        with labelled(self.labels.get(name)):
            return frozenset(resolve(v) for v in values or ())


# -- visits ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VisitFilter:
    """Which visits to keep; fields combine like :class:`InnovationFilter`'s."""

    hosts: frozenset[str] = frozenset()
    visitors: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    innovations: frozenset[str] = frozenset()

    def matches(self, visit: Visit) -> bool:
        if self.hosts and visit.host not in self.hosts:
            return False
        if self.visitors and not self.visitors.intersection(visit.visitor_regions):
            return False
        if self.years and visit.year not in self.years:
            return False
        return not self.innovations or bool(self.innovations.intersection(visit_innovations(visit)))


def visit_innovations(visit: Visit) -> set[str]:
    """Innovations a visit is about: those studied and those replicated after it."""
    studied = {s.innovation for s in visit.studied if s.innovation}
    return studied | {o.innovation for o in visit.outcomes}


def build_visit_filter(
    collection: Collection,
    *,
    hosts: Iterable[str] | None = None,
    visitors: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
    innovations: Iterable[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> VisitFilter:
    """A :class:`VisitFilter` from user input; ``labels`` as for :func:`build_filter`."""
    known_years = {v.year for v in collection.visits.values() if v.year is not None}
    field = _Fields(labels)
    return VisitFilter(
        hosts=field("hosts", hosts, lambda v: resolve_region(collection, v)),
        visitors=field("visitors", visitors, lambda v: resolve_region(collection, v)),
        years=field.numbers("years", years, lambda y: resolve_year(y, known_years, "visit")),
        innovations=field("innovations", innovations, lambda v: resolve_innovation(collection, v)),
    )


def select_visits(
    collection: Collection, criteria: VisitFilter, *, limit: int | None = None
) -> list[Visit]:
    found = [v for v in collection.visits.values() if criteria.matches(v)]
    return found if limit is None else found[:limit]


# -- regions ---------------------------------------------------------------------------------


class RegionSortKey(StrEnum):
    """Orders for ``inovasi regions --sort``; counts sort largest first, ties by id."""

    ID = "id"
    NAME = "name"
    INNOVATIONS = "innovations"
    VISITS_RECEIVED = "visits-received"
    VISITS_MADE = "visits-made"


def sort_regions(collection: Collection, key: RegionSortKey | str = "id") -> list[Region]:
    counts: dict[RegionSortKey, dict[str, list[Any]]] = {
        RegionSortKey.INNOVATIONS: dict(collection.innovations_by_region),
        RegionSortKey.VISITS_RECEIVED: dict(collection.visits_by_host),
        RegionSortKey.VISITS_MADE: dict(collection.visits_by_visitor),
    }
    chosen = RegionSortKey(key)
    regions = list(collection.regions.values())
    if chosen is RegionSortKey.NAME:
        return sorted(regions, key=lambda r: (fold(r.name), r.id))
    if chosen in counts:
        index = counts[chosen]
        return sorted(regions, key=lambda r: (-len(index.get(r.id, ())), r.id))
    return regions
