"""The loaded collection: records by id, and the indexes queries and reports share."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from inovasi_cli.records.model import Citation, Innovation, Region, Replication, Visit
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.records.sources import SourceRecord


@dataclass(frozen=True, slots=True)
class CitedIn:
    """One citation and the record that makes it: ``record_type`` is region, region_fact,
    innovation or visit, ``record_id`` its id (a fact's is ``<region>:<n>``)."""

    record_type: str
    record_id: str
    position: int  # the citation's place in the record's sources, from 1
    citation: Citation


@dataclass(slots=False)
class Collection:
    """Records keyed by id, in id order. Build with :meth:`from_records`."""

    regions: dict[str, Region] = field(default_factory=dict)
    innovations: dict[str, Innovation] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    scoring_models: dict[str, ScoringModel] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)  # the bibliography

    @classmethod
    def from_records(
        cls,
        regions: Iterable[Region],
        innovations: Iterable[Innovation],
        visits: Iterable[Visit],
        scoring_models: Iterable[ScoringModel] = (),
        *,
        sources: Iterable[SourceRecord] = (),
    ) -> Collection:
        return cls(
            regions={r.id: r for r in sorted(regions, key=lambda r: r.id)},
            innovations={i.id: i for i in sorted(innovations, key=lambda i: i.id)},
            visits={v.id: v for v in sorted(visits, key=lambda v: v.id)},
            scoring_models={m.id: m for m in sorted(scoring_models, key=lambda m: m.id)},
            sources={s.id: s for s in sorted(sources, key=lambda s: s.id)},
        )

    @cached_property
    def innovations_by_region(self) -> dict[str, list[Innovation]]:
        index: dict[str, list[Innovation]] = defaultdict(list)
        for innovation in self.innovations.values():
            index[innovation.region].append(innovation)
        return dict(index)

    @cached_property
    def visits_by_host(self) -> dict[str, list[Visit]]:
        index: dict[str, list[Visit]] = defaultdict(list)
        for visit in self.visits.values():
            index[visit.host].append(visit)
        return dict(index)

    @cached_property
    def visits_by_visitor(self) -> dict[str, list[Visit]]:
        index: dict[str, list[Visit]] = defaultdict(list)
        for visit in self.visits.values():
            for region in dict.fromkeys(visit.visitor_regions):
                index[region].append(visit)
        return dict(index)

    @cached_property
    def replications(self) -> tuple[Replication, ...]:
        """Every replication the collection records, once each.

        From visit outcomes and from innovations that name what they replicate
        (``replication_of``); the same (innovation, adopter) pair stated in both places is
        one replication, keeping the richer visit record.
        """
        found: dict[tuple[str, str], Replication] = {}
        for visit in self.visits.values():
            for outcome in visit.outcomes:
                found.setdefault((outcome.innovation, outcome.adopter), outcome)
        for innovation in self.innovations.values():
            if innovation.replication_of:
                key = (innovation.replication_of, innovation.region)
                if key not in found:
                    found[key] = Replication(
                        innovation.replication_of,
                        innovation.region,
                        adopted_as=innovation.id,
                        name=innovation.name,
                    )
        return tuple(sorted(found.values(), key=lambda r: (r.innovation, r.adopter)))

    @cached_property
    def replications_by_innovation(self) -> dict[str, list[Replication]]:
        index: dict[str, list[Replication]] = defaultdict(list)
        for replication in self.replications:
            index[replication.innovation].append(replication)
        return dict(index)

    def replications_of(self, innovation_id: str) -> list[Replication]:
        return list(self.replications_by_innovation.get(innovation_id, ()))

    def replicating_regions(self, innovation_id: str) -> list[str]:
        """Distinct other regions that adopted the innovation (what IID indicator 31 counts)."""
        origin = innovation_id.partition("/")[0]
        return sorted({r.adopter for r in self.replications_of(innovation_id)} - {origin})

    @cached_property
    def citations(self) -> tuple[CitedIn, ...]:
        """Every citation of every record and fact, in record order."""
        found: list[CitedIn] = []

        def add(record_type: str, record_id: str, cited: Iterable[Citation]) -> None:
            found.extend(CitedIn(record_type, record_id, n, c) for n, c in enumerate(cited, 1))

        for region in self.regions.values():
            add("region", region.id, region.sources)
            for n, fact in enumerate(region.facts, 1):
                add("region_fact", f"{region.id}:{n}", fact.sources)
        for innovation in self.innovations.values():
            add("innovation", innovation.id, innovation.sources)
        for visit in self.visits.values():
            add("visit", visit.id, visit.sources)
        return tuple(found)

    @cached_property
    def cited_by(self) -> dict[str, list[CitedIn]]:
        """Source id -> the citations of it (sources nothing cites are absent)."""
        index: dict[str, list[CitedIn]] = defaultdict(list)
        for cited in self.citations:
            index[cited.citation.source].append(cited)
        return dict(index)

    def region_name(self, region_id: str) -> str:
        region = self.regions.get(region_id)
        return region.name if region else region_id

    def adopted_name(self, replication: Replication) -> str | None:
        """What the adopter calls the innovation: the name the replication records, else
        the display name of the adopter's own record (``as:``), when the collection holds
        it."""
        if replication.name:
            return replication.name
        adopted = self.innovations.get(replication.adopted_as or "")
        return adopted.display_name if adopted else None
