"""Report builders: a ``Collection`` plus options in, the context a template needs out.

Pure functions: no I/O, no printing, no Jinja. They choose and order the records, resolve
vocabulary values to titles in the report's language, number the sources, and raise
``UsageError`` when the selection is unknown or empty (an empty report is never rendered).
Record text is passed through as written; escaping is the templates' job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.text import fold
from inovasi_cli.records import vocabulary
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import (
    Fact,
    Innovation,
    Person,
    Region,
    Replication,
    Source,
    Visit,
)
from inovasi_cli.reports.charts import Edge
from inovasi_cli.reports.formats import Lang

if TYPE_CHECKING:
    from inovasi_cli.scoring.compute import RegionScore

KINDS = ("award", "visits", "region", "yearly")


class Vocab:
    """Vocabulary titles in the report's language: ``records.vocabulary.title`` bound to
    one language (``title`` in Indonesian, ``title_en`` in English)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def title(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        return vocabulary.title(name, value, "en" if self.lang is Lang.EN else "id")


# --- Shared views --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """One row of a count table: ``title`` is None when the value was not recorded."""

    value: str
    title: str | None
    count: int


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citation: the number of an entry in the report's source list, and its note."""

    number: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SourceEntry:
    number: int
    source: Source  # without its note: notes belong to the citation


@dataclass
class SourceIndex:
    """Numbers sources in order of first citation; the same document cited with different
    notes is one entry."""

    entries: list[SourceEntry] = field(default_factory=list)
    _numbers: dict[Source, int] = field(default_factory=dict)

    def cite(self, sources: Iterable[Source]) -> tuple[SourceRef, ...]:
        refs: list[SourceRef] = []
        for source in sources:
            bare = Source(
                file=source.file,
                title=source.title,
                publisher=source.publisher,
                author=source.author,
                url=source.url,
                published=source.published,
            )
            number = self._numbers.get(bare)
            if number is None:
                number = self._numbers[bare] = len(self.entries) + 1
                self.entries.append(SourceEntry(number, bare))
            ref = SourceRef(number, source.note)
            if ref not in refs:
                refs.append(ref)
        return tuple(refs)


@dataclass(frozen=True, slots=True)
class FactView:
    fact: Fact
    kind: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class ReplicationView:
    replication: Replication
    innovation: str  # the original's display name
    origin: str  # the original's region name
    adopter: str  # the adopting region's name
    adopted_as: str | None  # the adopter's name for it, when recorded
    visit: str | None  # who visited whom, when the replication came from a visit


@dataclass(frozen=True, slots=True)
class Profile:
    """An innovation as a report shows it: vocabulary resolved, sources numbered."""

    innovation: Innovation
    number: int
    anchor: str
    name: str
    region: str
    sector: str | None
    other_sectors: tuple[str, ...]
    unit_type: str | None
    form: str | None
    stage: str | None
    initiator: str | None
    competitions: tuple[str, ...]
    replicated_by: tuple[ReplicationView, ...]
    replicates: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class VisitorView:
    name: str
    region: str | None
    institution: str | None
    unit: str | None
    leader: Person | None
    participants: int | None


@dataclass(frozen=True, slots=True)
class StudiedView:
    name: str  # innovation display name, or the topic as written
    innovation: str | None  # the innovation id, when it is one
    region: str | None  # the innovation's region name
    note: str | None


@dataclass(frozen=True, slots=True)
class VisitView:
    visit: Visit
    number: int
    anchor: str
    kind: str | None
    host: str
    who: str  # visitors' names joined
    visitors: tuple[VisitorView, ...]
    size: int | None
    studied: tuple[StudiedView, ...]
    replications: tuple[ReplicationView, ...]
    sources: tuple[SourceRef, ...]


# --- Helpers -------------------------------------------------------------------------


def _counts(values: Iterable[str | None], vocab: Vocab, name: str) -> list[Count]:
    tally = Counter(values)
    rows = [
        Count(value or "", vocab.title(name, value) if value else None, count)
        for value, count in tally.items()
    ]
    return sorted(rows, key=lambda c: (-c.count, c.title is None, fold(c.title or ""), c.value))


def _anchor(prefix: str, record_id: str) -> str:
    return f"{prefix}-{record_id.replace('/', '-')}"


def _by_name(innovations: Iterable[Innovation]) -> list[Innovation]:
    return sorted(innovations, key=lambda i: (fold(i.display_name), i.id))


def _competition_label(vocab: Vocab, award: str, year: int) -> str:
    short = "IGA" if award == "iga" else vocab.title("award", award) or award
    return f"{short} {year}"


class _Builder:
    """What every report shares: the collection, the vocabulary and the source list."""

    def __init__(self, collection: Collection, lang: Lang) -> None:
        self.collection = collection
        self.vocab = Vocab(lang)
        self.sources = SourceIndex()

    def innovation_name(self, innovation_id: str) -> str:
        found = self.collection.innovations.get(innovation_id)
        return found.display_name if found else innovation_id

    def replication(self, replication: Replication) -> ReplicationView:
        origin = replication.innovation.partition("/")[0]
        adopted = replication.name
        if adopted is None and replication.adopted_as:
            adopted = self.innovation_name(replication.adopted_as)
        visit = self.collection.visits.get(replication.visit or "")
        return ReplicationView(
            replication=replication,
            innovation=self.innovation_name(replication.innovation),
            origin=self.collection.region_name(origin),
            adopter=self.collection.region_name(replication.adopter),
            adopted_as=adopted,
            visit=self.visitor_names(visit) if visit else None,
        )

    @staticmethod
    def edges(replications: Sequence[ReplicationView]) -> list[Edge]:
        return [
            Edge(
                r.origin,
                r.adopter,
                f"{r.innovation} → {r.adopted_as}"
                if r.adopted_as and r.adopted_as != r.innovation
                else r.innovation,
            )
            for r in replications
        ]

    def profile(self, innovation: Innovation, number: int) -> Profile:
        vocab = self.vocab
        replicates = None
        if innovation.replication_of:
            original = self.collection.innovations.get(innovation.replication_of)
            name = self.innovation_name(innovation.replication_of)
            region = self.collection.region_name(innovation.replication_of.partition("/")[0])
            replicates = f"{name} ({region})" if original else name
        return Profile(
            innovation=innovation,
            number=number,
            anchor=_anchor("inovasi", innovation.id),
            name=innovation.display_name,
            region=self.collection.region_name(innovation.region),
            sector=vocab.title("sector", innovation.sector),
            other_sectors=tuple(vocab.title("sector", s) or s for s in innovation.other_sectors),
            unit_type=vocab.title("unit_type", innovation.unit_type),
            form=vocab.title("form", innovation.form),
            stage=vocab.title("stage", innovation.stage),
            initiator=vocab.title("initiator", innovation.initiator),
            competitions=tuple(
                _competition_label(vocab, c.award, c.year) + (f" ({c.result})" if c.result else "")
                for c in sorted(innovation.competitions, key=lambda c: (c.year, c.award))
            ),
            replicated_by=tuple(
                self.replication(r) for r in self.collection.replications_of(innovation.id)
            ),
            replicates=replicates,
            sources=self.sources.cite(innovation.sources),
        )

    def fact(self, fact: Fact) -> FactView:
        return FactView(
            fact, self.vocab.title("fact_kind", fact.kind), self.sources.cite(fact.sources)
        )

    def visitor_names(self, visit: Visit) -> str:
        names = [
            v.institution or self.collection.region_name(v.region or "") for v in visit.visitors
        ]
        return ", ".join(dict.fromkeys(names))

    def visit(self, visit: Visit, number: int) -> VisitView:
        visitors = tuple(
            VisitorView(
                name=v.institution or self.collection.region_name(v.region or ""),
                region=v.region,
                institution=v.institution,
                unit=v.unit,
                leader=v.leader,
                participants=v.participants,
            )
            for v in visit.visitors
        )
        studied = []
        for item in visit.studied:
            if item.innovation:
                region = self.collection.region_name(item.innovation.partition("/")[0])
                name = self.innovation_name(item.innovation)
                studied.append(StudiedView(name, item.innovation, region, item.note))
            else:
                studied.append(StudiedView(item.topic or "", None, None, item.note))
        return VisitView(
            visit=visit,
            number=number,
            anchor=_anchor("kunjungan", visit.id),
            kind=self.vocab.title("visit_kind", visit.kind),
            host=self.collection.region_name(visit.host),
            who=self.visitor_names(visit),
            visitors=visitors,
            size=visit.delegation_size,
            studied=tuple(studied),
            replications=tuple(self.replication(r) for r in visit.outcomes),
            sources=self.sources.cite(visit.sources),
        )

    def visits(self, visits: Iterable[Visit]) -> list[VisitView]:
        ordered = sorted(visits, key=lambda v: (v.date is None, v.date or "", v.id))
        return [self.visit(v, n) for n, v in enumerate(ordered, 1)]

    def region_view(self, region: Region) -> dict[str, Any]:
        return {
            "region": region,
            "region_type": self.vocab.title("region_type", region.type),
        }


# --- The four reports ----------------------------------------------------------------


def build_award(
    collection: Collection, region: str, award: str, year: int, lang: Lang
) -> dict[str, Any]:
    """``award --region R --award iga-2019``: the innovations region ``R`` (an id)
    entered in ``award`` (a vocabulary value) in ``year``."""
    found = collection.regions[region]
    key = f"{award}-{year}"
    entries = [
        i
        for i in collection.innovations_by_region.get(found.id, [])
        if any(c.key == key for c in i.competitions)
    ]
    if not entries:
        recorded = sorted(
            {
                c.key
                for i in collection.innovations_by_region.get(found.id, [])
                for c in i.competitions
            }
        )
        hint = (
            "entries recorded for it: " + ", ".join(recorded)
            if recorded
            else "it has no competition entries recorded"
        )
        raise UsageError(f"{found.name} ({found.id}) has no innovations entered in {key}; {hint}")
    builder = _Builder(collection, lang)
    vocab = builder.vocab
    facts = [builder.fact(f) for f in found.facts if f.kind == award and f.year == year]
    innovations = _by_name(entries)
    profiles = [builder.profile(i, n) for n, i in enumerate(innovations, 1)]
    award_title = vocab.title("award", award) or award
    award_short = _competition_label(vocab, award, year).rsplit(" ", 1)[0]
    if award_short != award_title and f"({award_short})" not in award_title:
        award_title = f"{award_title} ({award_short})"
    return {
        "kind": "award",
        **builder.region_view(found),
        "award": award,
        "award_title": award_title,
        "award_short": award_short,
        "year": year,
        "facts": facts,
        "profiles": profiles,
        "by_sector": _counts((i.sector for i in innovations), vocab, "sector"),
        "by_unit_type": _counts((i.unit_type for i in innovations), vocab, "unit_type"),
        "by_form": _counts((i.form for i in innovations), vocab, "form"),
        "digital": sum(1 for i in innovations if i.digital),
        "sources": builder.sources.entries,
    }


def build_visits(
    collection: Collection, region_id: str, *, received: bool, lang: Lang
) -> dict[str, Any]:
    """``visits --host R`` (``received``: the visits R received) or ``--visitor R``
    (the visits R made); ``region_id`` is R's id."""
    builder = _Builder(collection, lang)
    region = collection.regions[region_id]
    if received:
        chosen = collection.visits_by_host.get(region.id, [])
        replications = [
            r for r in collection.replications if r.innovation.partition("/")[0] == region.id
        ]
        direction = "host"
    else:
        chosen = collection.visits_by_visitor.get(region.id, [])
        replications = [r for r in collection.replications if r.adopter == region.id]
        direction = "visitor"
    if not chosen:
        side = "to" if direction == "host" else "made by"
        raise UsageError(f"no visits {side} {region.name} ({region.id}) are recorded")
    visits = builder.visits(chosen)
    views = [builder.replication(r) for r in replications]
    others = {
        name
        for v in visits
        for name in ((v.host,) if direction == "visitor" else (x.name for x in v.visitors))
    }
    studied = {s.innovation for v in visits for s in v.studied if s.innovation}
    return {
        "kind": "visits",
        "direction": direction,
        **builder.region_view(region),
        "visits": visits,
        "counterparts": len(others),
        "participants": sum(v.size or 0 for v in visits),
        "sized": sum(1 for v in visits if v.size is not None),
        "dated": sum(1 for v in visits if v.visit.date),
        "studied_innovations": len(studied),
        "replications": views,
        "edges": builder.edges(views),
        "sources": builder.sources.entries,
    }


@dataclass(frozen=True, slots=True)
class SectorGroup:
    count: Count
    profiles: tuple[Profile, ...]


@dataclass(frozen=True, slots=True)
class CompetitionYear:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class ScoredInnovation:
    name: str
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreView:
    """A region's Indeks Inovasi Daerah as the region report shows it (from
    ``scoring.score_region``): every figure of the breakdown, None where the model cannot
    give it, and why (``gaps``, as the scoring module words them)."""

    model_id: str
    model_name: str
    provenance: str  # official, reported, reconstruction, unknown
    year: int
    spd: Decimal | None
    region_indicators: int
    region_evidence: int
    n: int
    innovation_sum: Decimal | None
    divisor_minimum: int | None
    divisor: int | None
    shortfall: int
    innovation_part: Decimal | None
    count_per_innovation: Decimal | None
    count_cap: int | None
    count_before_gate: Decimal | None
    count_score: Decimal | None
    gate_known: bool
    gate_met: bool | None
    gate_required: int
    gate_minimum: int | None
    gate_covered: int
    gate_missing: tuple[str, ...]  # sector titles
    sid: Decimal | None
    total: Decimal | None
    maximum: Decimal | None
    index: Decimal | None
    predicate: str | None
    predicate_minimum: Decimal | None
    predicate_maximum: Decimal | None
    gaps: tuple[str, ...]
    with_points: tuple[ScoredInnovation, ...]  # best first


def score_view(result: RegionScore, collection: Collection, lang: Lang) -> ScoreView:
    """The template's view of a region score computed by ``inovasi_cli.scoring.compute``."""
    from inovasi_cli.scoring.compute import Origin

    vocab = Vocab(lang)
    model = result.model
    band = result.predicate
    return ScoreView(
        model_id=model.id,
        model_name=model.name,
        provenance=str(model.provenance.status),
        year=result.year,
        spd=result.spd,
        region_indicators=len(result.region_rows),
        region_evidence=sum(1 for r in result.region_rows if r.origin is Origin.EVIDENCE),
        n=result.n,
        innovation_sum=result.innovation_sum,
        divisor_minimum=model.divisor.minimum,
        divisor=result.divisor,
        shortfall=result.shortfall,
        innovation_part=result.innovation_part,
        count_per_innovation=model.count_score.per_innovation,
        count_cap=model.count_score.cap,
        count_before_gate=result.count_before_gate,
        count_score=result.count_score,
        gate_known=result.gate.known,
        gate_met=result.gate.met,
        gate_required=len(result.gate.required),
        gate_minimum=result.gate.minimum,
        gate_covered=len(result.gate.covered),
        gate_missing=tuple(vocab.title("sector", s) or s for s in result.gate.uncovered),
        sid=result.sid,
        total=result.total,
        maximum=result.maximum,
        index=result.index,
        predicate=band.name if band else None,
        predicate_minimum=band.minimum if band else None,
        predicate_maximum=band.maximum if band else None,
        gaps=result.gaps,
        with_points=tuple(
            ScoredInnovation(_innovation_name(collection, s.innovation), s.score)
            for s in result.innovations
            if s.score
        ),
    )


def _innovation_name(collection: Collection, innovation_id: str) -> str:
    found = collection.innovations.get(innovation_id)
    return found.display_name if found else innovation_id


def build_region(
    collection: Collection, region: str, lang: Lang, score: RegionScore | None = None
) -> dict[str, Any]:
    """``region R``: profile, innovations by sector, visits both ways, replications, facts,
    and the region's score when the caller computed one (``scoring.score_region``)."""
    found = collection.regions[region]
    builder = _Builder(collection, lang)
    vocab = builder.vocab
    innovations = _by_name(collection.innovations_by_region.get(found.id, []))
    received = collection.visits_by_host.get(found.id, [])
    made = collection.visits_by_visitor.get(found.id, [])
    if not innovations and not received and not made and not found.facts:
        raise UsageError(
            f"nothing is recorded about {found.name} ({found.id}) beyond its name: "
            "no innovations, visits or facts"
        )
    region_facts = [builder.fact(f) for f in found.facts]
    profiles = [builder.profile(i, n) for n, i in enumerate(innovations, 1)]
    by_sector = _counts((i.sector for i in innovations), vocab, "sector")
    groups = [
        SectorGroup(c, tuple(p for p in profiles if p.innovation.sector == c.value))
        for c in by_sector
    ]
    entered = Counter((c.year, c.award) for i in innovations for c in i.competitions)
    competitions = [
        CompetitionYear(_competition_label(vocab, award, year), count)
        for (year, award), count in sorted(entered.items())
    ]
    own = [
        r
        for r in collection.replications
        if r.innovation.partition("/")[0] == found.id or r.adopter == found.id
    ]
    replications = [builder.replication(r) for r in own]
    return {
        "kind": "region",
        **builder.region_view(found),
        "profiles": profiles,
        "sector_groups": groups,
        "by_sector": by_sector,
        "digital": sum(1 for i in innovations if i.digital),
        "received": builder.visits(received),
        "made": builder.visits(made),
        "replications": replications,
        "edges": builder.edges(replications),
        "award_facts": sorted(
            (f for f in region_facts if f.fact.kind == "iga"),
            key=lambda f: f.fact.year or 0,
        ),
        "other_facts": [f for f in region_facts if f.fact.kind != "iga"],
        "competitions": competitions,
        "score": score_view(score, collection, lang) if score is not None else None,
        "sources": builder.sources.entries,
    }


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: Region
    profiles: tuple[Profile, ...]
    # innovation id -> why it is dated to the year: ("competition", "IGA 2019"),
    # ("trial", "2019-03") or ("implementation", "2019")
    reasons: dict[str, tuple[tuple[str, str], ...]]


def build_yearly(collection: Collection, year: int, lang: Lang) -> dict[str, Any]:
    """``yearly --year Y``: innovations dated to the year (competitions, trial or
    implementation dates) and visits of that year, across all regions."""
    dated = [i for i in collection.innovations.values() if year in i.years]
    visits_of_year = [v for v in collection.visits.values() if v.year == year]
    if not dated and not visits_of_year:
        years = sorted(
            {y for i in collection.innovations.values() for y in i.years}
            | {v.year for v in collection.visits.values() if v.year is not None}
        )
        hint = "years with records: " + ", ".join(map(str, years)) if years else "nothing is dated"
        raise UsageError(f"--year {year}: no innovations or visits are dated to it; {hint}")
    builder = _Builder(collection, lang)
    vocab = builder.vocab
    number = 0
    groups: list[RegionGroup] = []
    for region_id in sorted(
        {i.region for i in dated}, key=lambda r: fold(collection.region_name(r))
    ):
        members = _by_name(i for i in dated if i.region == region_id)
        profiles = []
        reasons: dict[str, tuple[tuple[str, str], ...]] = {}
        for innovation in members:
            number += 1
            profiles.append(builder.profile(innovation, number))
            why = [
                ("competition", _competition_label(vocab, c.award, c.year))
                for c in sorted(innovation.competitions, key=lambda c: c.award)
                if c.year == year
            ]
            for kind, date in (
                ("trial", innovation.trial_date),
                ("implementation", innovation.implementation_date),
            ):
                if date and date.startswith(str(year)):
                    why.append((kind, date))
            reasons[innovation.id] = tuple(why)
        region = collection.regions.get(region_id) or Region(region_id, region_id, "kabupaten")
        groups.append(RegionGroup(region, tuple(profiles), reasons))
    visits = builder.visits(visits_of_year)
    replications = [
        builder.replication(r)
        for r in collection.replications
        if r.visit is not None and r.visit in {v.visit.id for v in visits}
    ]
    by_region = sorted(
        (Count(g.region.id, g.region.name, len(g.profiles)) for g in groups),
        key=lambda c: (-c.count, fold(c.title or "")),
    )
    return {
        "kind": "yearly",
        "year": year,
        "groups": groups,
        "innovation_count": len(dated),
        "by_region": by_region,
        "by_sector": _counts((i.sector for i in dated), vocab, "sector"),
        "visits": visits,
        "replications": replications,
        "edges": builder.edges(replications),
        "sources": builder.sources.entries,
    }
