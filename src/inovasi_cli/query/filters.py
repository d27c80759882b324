"""Filtering, search, sorting and counting over a loaded :class:`Collection`. Pure: no I/O.

User input is resolved to canonical values *forgivingly* where that is safe (case and
accents, spaces for hyphens, a unique prefix, a documented alias or the Indonesian title)
and *strictly* where it is not: a value that names nothing raises :class:`UsageError`
naming the closest valid values, so a typo never looks like "none found".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from inovasi_cli.core.errors import NotFoundError, UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.records.schema import Term, suggest, vocabulary
from inovasi_cli.validation.checks.rules import fold

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
    """What ``--query`` searches: name, acronym, summary, unit and tags, folded."""
    parts = [innovation.name, innovation.acronym, innovation.summary, innovation.unit]
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
    SortKey.SECTOR: lambda i: i.sector,
    SortKey.YEAR: lambda i: (not i.years, i.years[0] if i.years else 0),
    SortKey.STAGE: lambda i: _missing_last(i.stage),
    SortKey.UNIT: lambda i: _missing_last(i.unit),
}


def sort_innovations(innovations: Iterable[Innovation], key: SortKey) -> list[Innovation]:
    by_id = sorted(innovations, key=lambda i: i.id)
    return sorted(by_id, key=_SORTERS[key])


# -- resolving user input --------------------------------------------------------------------


def _norm(value: str) -> str:
    """'Uji Coba' -> 'uji-coba': folded, spaces and underscores as hyphens."""
    return re.sub(r"[\s_]+", "-", fold(value)).strip("-")


def _quote_all(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _unknown(what: str, value: str, close: Sequence[str], valid: Sequence[str]) -> UsageError:
    if close:
        return UsageError(
            f"unknown {what} '{value}'; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        )
    shown = ", ".join(valid[:40]) + (", ..." if len(valid) > 40 else "")
    return UsageError(f"unknown {what} '{value}'; valid values: {shown or '(none)'}")


def resolve_term(what: str, value: str, terms: Sequence[Term]) -> str:
    """One canonical vocabulary value for ``value``.

    Accepts the value itself, an ``x-aliases`` entry or the title in any case, or a unique
    prefix of a value. Ambiguous or unknown input raises :class:`UsageError`.
    """
    text = _norm(value)
    if not text:
        raise UsageError(f"empty {what}")
    for term in terms:
        names = {term.value, *(_norm(a) for a in term.aliases), _norm(term.title)}
        if text in names:
            return term.value
    prefixed = [t.value for t in terms if t.value.startswith(text)]
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise UsageError(f"ambiguous {what} '{value}': could be {_quote_all(prefixed)}")
    close = suggest(text, tuple(terms))
    raise _unknown(what, value, close, [t.value for t in terms])


def region_terms(collection: Collection) -> tuple[Term, ...]:
    """Regions as vocabulary terms: id, official name, name without its type, aliases."""
    terms = []
    for region in collection.regions.values():
        short = re.sub(r"^(kabupaten|kab\.?|kota|provinsi)\s+", "", region.name, flags=re.I)
        aliases = tuple(_norm(a) for a in (*region.aliases, short))
        terms.append(Term(region.id, region.name, region.name, aliases))
    return tuple(terms)


def resolve_region(collection: Collection, value: str) -> str:
    """A region id from its id, name ('Kabupaten Banggai', 'Banggai'), alias or id prefix."""
    return resolve_term("region", value, region_terms(collection))


_VOCABULARIES = {
    "sector": ("innovation", "sector"),
    "stage": ("innovation", "stage"),
    "form": ("innovation", "form"),
    "unit type": ("innovation", "unit_type"),
    "award": ("innovation", "award"),
}


def resolve_vocabulary(what: str, value: str) -> str:
    """A value of a schema vocabulary: ``what`` is sector, stage, form, unit type or award."""
    schema_name, defs_name = _VOCABULARIES[what]
    return resolve_term(what, value, vocabulary(schema_name, defs_name))


_AWARD_YEAR = re.compile(r"^(?P<award>.*?)[-\s_]*(?P<year>(19|20)[0-9]{2})$")


def resolve_award(collection: Collection, value: str) -> str:
    """``iga`` (any year) or ``iga-2019``; the year must be one the collection records."""
    match = _AWARD_YEAR.match(value.strip())
    award = resolve_vocabulary("award", match["award"] if match else value)
    if not match:
        return award
    key = f"{award}-{match['year']}"
    entries = sorted({c.key for i in collection.innovations.values() for c in i.competitions})
    if key not in entries:
        same = [e for e in entries if e.startswith(f"{award}-")]
        raise UsageError(
            f"no innovation in the collection was entered in {key}; "
            f"entries recorded: {', '.join(same or entries) or '(none)'}"
        )
    return key


def resolve_year(value: int, known: Iterable[int], what: str = "innovation") -> int:
    years = sorted(set(known))
    if value not in years:
        shown = ", ".join(map(str, years)) or "(none)"
        raise UsageError(f"no {what} in the collection is dated {value}; years recorded: {shown}")
    return value


def resolve_tag(collection: Collection, value: str) -> str:
    tags = sorted({t for i in collection.innovations.values() for t in i.tags})
    return resolve_term("tag", value, tuple(Term(t, t, t) for t in tags))


def resolve_innovation(collection: Collection, value: str) -> str:
    """An innovation id from its full id, a unique suffix (``e-makam``) or its acronym.

    Raises :class:`UsageError` listing the candidates when ambiguous, and
    :class:`NotFoundError` with suggestions when nothing matches.
    """
    text = value.strip().strip("/")
    if text in collection.innovations:
        return text
    folded = fold(text)
    for innovation_id in collection.innovations:
        if innovation_id == folded:
            return innovation_id
    squeezed = _squeeze(text)
    candidates = [
        i.id
        for i in collection.innovations.values()
        if i.slug == folded
        or i.slug.endswith(f"-{folded}")
        or (squeezed and i.acronym is not None and _squeeze(i.acronym) == squeezed)
    ]
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise UsageError(f"'{value}' could be {_quote_all(candidates)}; give the full id")
    names: dict[str, str] = {}
    for innovation in collection.innovations.values():
        names[innovation.id] = innovation.id
        names.setdefault(innovation.slug, innovation.id)
        if innovation.acronym:
            names.setdefault(fold(innovation.acronym), innovation.id)
    close = difflib.get_close_matches(folded, list(names), n=5, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))[:3]
    if not ids and len(folded) >= 3:  # a word of the slug: 'smart' -> smart-kampung, ...
        ids = [i for i in collection.innovations if folded in i.partition("/")[2]][:5]
    hint = f"; did you mean {' or '.join(repr(i) for i in ids)}?" if ids else ""
    raise NotFoundError(f"no innovation '{value}' in the collection{hint}")


def _squeeze(text: str) -> str:
    """'1 PK 100 KK' and '1-pk-100-kk' compare equal: folded, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def _split(values: Iterable[str] | None) -> list[str]:
    """Repeated options and comma-separated lists both work: --sector a,b --sector c."""
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


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
) -> InnovationFilter:
    """An :class:`InnovationFilter` from user input, each value resolved (or refused)."""
    known_years = {y for i in collection.innovations.values() for y in i.years}
    return InnovationFilter(
        regions=frozenset(resolve_region(collection, v) for v in _split(regions)),
        sectors=frozenset(resolve_vocabulary("sector", v) for v in _split(sectors)),
        awards=frozenset(resolve_award(collection, v) for v in _split(awards)),
        stages=frozenset(resolve_vocabulary("stage", v) for v in _split(stages)),
        forms=frozenset(resolve_vocabulary("form", v) for v in _split(forms)),
        unit_types=frozenset(resolve_vocabulary("unit type", v) for v in _split(unit_types)),
        digital=digital,
        years=frozenset(resolve_year(y, known_years) for y in years or ()),
        tags=frozenset(resolve_tag(collection, v) for v in _split(tags)),
        query=query.strip() if query and query.strip() else None,
    )


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
) -> VisitFilter:
    known_years = {v.year for v in collection.visits.values() if v.year is not None}
    return VisitFilter(
        hosts=frozenset(resolve_region(collection, v) for v in _split(hosts)),
        visitors=frozenset(resolve_region(collection, v) for v in _split(visitors)),
        years=frozenset(resolve_year(y, known_years, "visit") for y in years or ()),
        innovations=frozenset(resolve_innovation(collection, v) for v in _split(innovations)),
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
