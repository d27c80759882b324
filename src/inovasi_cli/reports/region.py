"""The region report (``report region``): a region's profile, its innovations by sector,
visits received and made, replications, award history and other facts, and its score when
the caller computed one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from inovasi_cli.core.errors import UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region
from inovasi_cli.reports.charts import Edge
from inovasi_cli.reports.common import (
    Count,
    Coverage,
    FactView,
    InnovationView,
    ReplicationView,
    ReportContext,
    ReportKind,
    SourceEntry,
    ViewBuilder,
    VisitView,
    Vocab,
    by_name,
    competition_label,
    coverage,
    edges,
    field_counts,
)
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.score import ScoreView, score_view
from inovasi_cli.scoring.assessment import is_result

if TYPE_CHECKING:
    from inovasi_cli.scoring.compute import RegionScore


@dataclass(frozen=True, slots=True)
class SectorGroup:
    count: Count
    profiles: tuple[InnovationView, ...]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One award and year of the region's history: the facts its sources state about
    it and how many of its innovations the collection records as entered. The one
    source of both the history section and its "nothing recorded" line."""

    award: str  # the vocabulary value, e.g. iga
    year: int | None  # None: a fact about the award that gives no year
    label: str  # IGA 2019
    entries: int  # the region's innovations recorded as entered
    facts: tuple[FactView, ...]


@dataclass(frozen=True, slots=True)
class RegionContext(ReportContext):
    kind: ClassVar[ReportKind] = ReportKind.REGION

    region: Region
    region_type: str | None
    profiles: tuple[InnovationView, ...]  # by name, numbered from 1
    sector_groups: tuple[SectorGroup, ...]  # the profiles by sector, largest first
    by_sector: tuple[Count, ...]
    coverage: Coverage  # what the sources state (urusan, digital), apart from classifications
    received: tuple[VisitView, ...]
    made: tuple[VisitView, ...]
    replications: tuple[ReplicationView, ...]  # of its innovations and by it
    edges: tuple[Edge, ...]
    history: tuple[HistoryEntry, ...]  # awards and competitions, by award and year
    other_facts: tuple[FactView, ...]
    official: tuple[FactView, ...]  # official results the facts record (rank, index...)
    score: ScoreView | None
    sources: tuple[SourceEntry, ...]


def award_kinds() -> frozenset[str]:
    """The fact kinds that are awards an innovation can be entered in (``iga``)."""
    from inovasi_cli.records.vocabulary import vocabulary

    return frozenset(t.value for t in vocabulary("innovation", "award"))


def history(
    innovations: Sequence[Innovation], facts: Sequence[FactView], vocab: Vocab
) -> tuple[HistoryEntry, ...]:
    """The region's awards and competitions: every award fact and every competition entry
    of its innovations, grouped by award and year (undated facts after the years)."""
    entered = Counter((c.award, c.year) for i in innovations for c in i.competitions)
    kinds = award_kinds()
    stated: dict[tuple[str, int | None], list[FactView]] = {}
    for view in facts:
        if view.fact.kind in kinds:
            stated.setdefault((view.fact.kind, view.fact.year), []).append(view)
    keys = sorted({*entered, *stated}, key=lambda k: (k[0], k[1] is None, k[1] or 0))
    return tuple(
        HistoryEntry(
            award=award,
            year=year,
            label=competition_label(vocab, award, year)
            if year is not None
            else competition_label(vocab, award, 0).rsplit(" ", 1)[0],
            entries=entered.get((award, year), 0) if year is not None else 0,
            facts=tuple(stated.get((award, year), ())),
        )
        for award, year in keys
    )


def _sector_groups(
    by_sector: Sequence[Count], profiles: Sequence[InnovationView]
) -> tuple[SectorGroup, ...]:
    return tuple(
        SectorGroup(c, tuple(p for p in profiles if (p.innovation.sector or "") == c.value))
        for c in by_sector
    )


def build_region(
    collection: Collection, region: str, lang: Lang, score: RegionScore | None = None
) -> RegionContext:
    """Everything recorded about region ``region`` (an id), and its score when the caller
    computed one (``scoring.compute.score_region``); ``UsageError`` when nothing is
    recorded about it but its name."""
    found = collection.regions[region]
    builder = ViewBuilder(collection, lang)
    innovations = by_name(collection.innovations_by_region.get(found.id, []))
    received = collection.visits_by_host.get(found.id, [])
    made = collection.visits_by_visitor.get(found.id, [])
    if not innovations and not received and not made and not found.facts:
        raise UsageError(
            f"nothing is recorded about {found.name} ({found.id}) beyond its name: "
            "no innovations, visits or facts"
        )
    # Facts, profiles, visits received, visits made: the sources are numbered in that order.
    facts = [builder.fact(f) for f in found.facts]
    kinds = award_kinds()
    profiles = builder.profiles(innovations)
    by_sector = field_counts(innovations, "sector", builder.vocab)
    replications = builder.replications(
        r
        for r in collection.replications
        if r.innovation.partition("/")[0] == found.id or r.adopter == found.id
    )
    return RegionContext(
        region=found,
        region_type=builder.region_type(found),
        profiles=profiles,
        sector_groups=_sector_groups(by_sector, profiles),
        by_sector=by_sector,
        coverage=coverage(innovations),
        received=builder.visits(received),
        made=builder.visits(made),
        replications=replications,
        edges=edges(replications),
        history=history(innovations, facts, builder.vocab),
        other_facts=tuple(f for f in facts if f.fact.kind not in kinds),
        official=tuple(
            sorted(
                (f for f in facts if is_result(f.fact)),
                key=lambda f: (f.fact.year is None, f.fact.year or 0),
            )
        ),
        score=score_view(score, collection, lang) if score is not None else None,
        sources=builder.source_entries(),
    )
