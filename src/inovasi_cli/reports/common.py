"""What every report shares: the report kinds and their context type, the views of records
a template shows (vocabulary resolved in the report's language, sources numbered), and
:class:`ViewBuilder`, which makes them.

Pure: no I/O, no printing, no Jinja. Record text is passed through as written; escaping is
the templates' job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar

from inovasi_cli.core.text import fold
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import (
    Fact,
    Innovation,
    Person,
    Region,
    Replication,
    Visit,
)
from inovasi_cli.reports.charts import Edge
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.parts import Count as Count
from inovasi_cli.reports.parts import Coverage as Coverage
from inovasi_cli.reports.parts import SourceEntry as SourceEntry
from inovasi_cli.reports.parts import SourceIndex, SourceRef
from inovasi_cli.reports.parts import Vocab as Vocab
from inovasi_cli.reports.parts import counts as counts
from inovasi_cli.reports.parts import coverage as coverage
from inovasi_cli.reports.parts import field_counts as field_counts


class ReportKind(StrEnum):
    """The reports ``inovasi report`` renders; each has a template ``<kind>.<suffix>.j2``."""

    AWARD = "award"
    VISITS = "visits"
    REGION = "region"
    YEARLY = "yearly"


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a report's template is given: one frozen dataclass per kind, its fields the
    template's names (``render.template_mapping``)."""

    kind: ClassVar[ReportKind]


# --- Shared views --------------------------------------------------------------------


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
class InnovationView:
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
    classified: Mapping[str, str]  # field -> the curator's basis; other values are stated


@dataclass(frozen=True, slots=True)
class VisitorView:
    name: str
    region: str | None
    institution: str | None
    unit: str | None
    leader: Person | None
    participants: int | None
    purpose: str | None


@dataclass(frozen=True, slots=True)
class StudiedView:
    name: str  # innovation display name, or the topic as written
    innovation: str | None  # the innovation id, when it is one
    region: str | None  # the innovation's region name
    note: str | None
    note_lang: str | None = None


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
    classified: Mapping[str, str]  # field -> the curator's basis


# --- Helpers -------------------------------------------------------------------------


def anchor(prefix: str, record_id: str) -> str:
    return f"{prefix}-{record_id.replace('/', '-')}"


def by_name(innovations: Iterable[Innovation]) -> list[Innovation]:
    return sorted(innovations, key=lambda i: (fold(i.display_name), i.id))


def competition_label(vocab: Vocab, award: str, year: int) -> str:
    """``IGA 2019``: the award's short name (its title when it has none) and the year."""
    short = "IGA" if award == "iga" else vocab.title("award", award) or award
    return f"{short} {year}"


def innovation_name(collection: Collection, innovation_id: str) -> str:
    """The innovation's display name; the id when the collection does not hold it."""
    found = collection.innovations.get(innovation_id)
    return found.display_name if found else innovation_id


def edges(replications: Sequence[ReplicationView]) -> tuple[Edge, ...]:
    """The replication diagram's edges: original region to adopter, named by the
    innovation (and the adopter's name for it, when different)."""
    return tuple(
        Edge(
            r.origin,
            r.adopter,
            f"{r.innovation} → {r.adopted_as}"
            if r.adopted_as and r.adopted_as != r.innovation
            else r.innovation,
        )
        for r in replications
    )


class ViewBuilder:
    """Makes the shared views for one report: holds the collection, the vocabulary in the
    report's language and the report's source list (numbered in order of citation)."""

    def __init__(self, collection: Collection, lang: Lang) -> None:
        self.collection = collection
        self.vocab = Vocab(lang)
        self.sources = SourceIndex(collection, self.vocab)

    def source_entries(self) -> tuple[SourceEntry, ...]:
        return tuple(self.sources.entries)

    def region_type(self, region: Region) -> str | None:
        return self.vocab.title("region_type", region.type)

    def replication(self, replication: Replication) -> ReplicationView:
        origin = replication.innovation.partition("/")[0]
        adopted = replication.name
        if adopted is None and replication.adopted_as:
            adopted = innovation_name(self.collection, replication.adopted_as)
        visit = self.collection.visits.get(replication.visit or "")
        return ReplicationView(
            replication=replication,
            innovation=innovation_name(self.collection, replication.innovation),
            origin=self.collection.region_name(origin),
            adopter=self.collection.region_name(replication.adopter),
            adopted_as=adopted,
            visit=self.visitor_names(visit) if visit else None,
        )

    def replications(self, replications: Iterable[Replication]) -> tuple[ReplicationView, ...]:
        return tuple(self.replication(r) for r in replications)

    def _replicates(self, innovation: Innovation) -> str | None:
        """``Name (Region)`` of the innovation this one replicates, when recorded."""
        if not innovation.replication_of:
            return None
        name = innovation_name(self.collection, innovation.replication_of)
        if innovation.replication_of not in self.collection.innovations:
            return name
        region = self.collection.region_name(innovation.replication_of.partition("/")[0])
        return f"{name} ({region})"

    def profile(self, innovation: Innovation, number: int) -> InnovationView:
        vocab = self.vocab
        return InnovationView(
            innovation=innovation,
            number=number,
            anchor=anchor("inovasi", innovation.id),
            name=innovation.display_name,
            region=self.collection.region_name(innovation.region),
            sector=vocab.title("sector", innovation.sector),
            other_sectors=tuple(vocab.title("sector", s) or s for s in innovation.other_sectors),
            unit_type=vocab.title("unit_type", innovation.unit_type),
            form=vocab.title("form", innovation.form),
            stage=vocab.title("stage", innovation.stage),
            initiator=vocab.title("initiator", innovation.initiator),
            competitions=tuple(
                competition_label(vocab, c.award, c.year) + (f" ({c.result})" if c.result else "")
                for c in sorted(innovation.competitions, key=lambda c: (c.year, c.award))
            ),
            replicated_by=self.replications(self.collection.replications_of(innovation.id)),
            replicates=self._replicates(innovation),
            sources=self.sources.cite(innovation.sources),
            classified=MappingProxyType(dict(innovation.classified)),
        )

    def profiles(self, innovations: Iterable[Innovation]) -> tuple[InnovationView, ...]:
        """Profiles numbered from 1, in the order given."""
        return tuple(self.profile(i, n) for n, i in enumerate(innovations, 1))

    def fact(self, fact: Fact) -> FactView:
        return FactView(
            fact, self.vocab.title("fact_kind", fact.kind), self.sources.cite(fact.sources)
        )

    def visitor_names(self, visit: Visit) -> str:
        names = [
            v.institution or self.collection.region_name(v.region or "") for v in visit.visitors
        ]
        return ", ".join(dict.fromkeys(names))

    def _studied(self, visit: Visit) -> tuple[StudiedView, ...]:
        studied = []
        for item in visit.studied:
            if item.innovation:
                region = self.collection.region_name(item.innovation.partition("/")[0])
                name = innovation_name(self.collection, item.innovation)
                studied.append(
                    StudiedView(name, item.innovation, region, item.note, item.note_lang)
                )
            else:
                studied.append(StudiedView(item.topic or "", None, None, item.note, item.note_lang))
        return tuple(studied)

    def visit(self, visit: Visit, number: int) -> VisitView:
        visitors = tuple(
            VisitorView(
                name=v.institution or self.collection.region_name(v.region or ""),
                region=v.region,
                institution=v.institution,
                unit=v.unit,
                leader=v.leader,
                participants=v.participants,
                purpose=v.purpose,
            )
            for v in visit.visitors
        )
        return VisitView(
            visit=visit,
            number=number,
            anchor=anchor("kunjungan", visit.id),
            kind=self.vocab.title("visit_kind", visit.kind),
            host=self.collection.region_name(visit.host),
            who=self.visitor_names(visit),
            visitors=visitors,
            size=visit.delegation_size,
            studied=self._studied(visit),
            replications=self.replications(visit.outcomes),
            sources=self.sources.cite(visit.sources),
            classified=MappingProxyType(dict(visit.classified)),
        )

    def visits(self, visits: Iterable[Visit]) -> tuple[VisitView, ...]:
        """Dated visits first, in date order; then the undated ones by id."""
        ordered = sorted(visits, key=lambda v: (v.date is None, v.date or "", v.id))
        return tuple(self.visit(v, n) for n, v in enumerate(ordered, 1))
