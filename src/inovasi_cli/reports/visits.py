"""The visits report (``report visits``): the study visits a region received or made, who
came, when, led by whom, how many, what they studied, and what was replicated where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from inovasi_cli.core.errors import UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Region, Replication, Visit
from inovasi_cli.reports.charts import Edge
from inovasi_cli.reports.common import (
    ReplicationView,
    ReportContext,
    ReportKind,
    SourceEntry,
    ViewBuilder,
    VisitView,
    edges,
)
from inovasi_cli.reports.formats import Lang

Direction = Literal["host", "visitor"]


@dataclass(frozen=True, slots=True)
class VisitsContext(ReportContext):
    kind: ClassVar[ReportKind] = ReportKind.VISITS

    direction: Direction  # host: the visits the region received; visitor: those it made
    region: Region
    region_type: str | None
    visits: tuple[VisitView, ...]  # dated first, in date order
    counterparts: int  # regions or institutions on the other side
    participants: int  # people in the delegations, where recorded
    sized: int  # visits with a recorded delegation size
    dated: int  # visits with a recorded date
    studied_innovations: int  # distinct innovations studied
    replications: tuple[ReplicationView, ...]
    edges: tuple[Edge, ...]  # one per replication, in the same order
    sources: tuple[SourceEntry, ...]


def _chosen(
    collection: Collection, region: Region, direction: Direction
) -> tuple[list[Visit], list[Replication]]:
    """The visits on the region's side, and the replications of its innovations (host) or
    by it (visitor); refused when there are no such visits."""
    if direction == "host":
        visits = collection.visits_by_host.get(region.id, [])
        replications = [
            r for r in collection.replications if r.innovation.partition("/")[0] == region.id
        ]
    else:
        visits = collection.visits_by_visitor.get(region.id, [])
        replications = [r for r in collection.replications if r.adopter == region.id]
    if not visits:
        side = "to" if direction == "host" else "made by"
        raise UsageError(f"no visits {side} {region.name} ({region.id}) are recorded")
    return visits, replications


def build_visits(
    collection: Collection, region_id: str, *, received: bool, lang: Lang
) -> VisitsContext:
    """The visits region ``region_id`` (an id) received (``received``) or made;
    ``UsageError`` when none are recorded."""
    builder = ViewBuilder(collection, lang)
    region = collection.regions[region_id]
    direction: Direction = "host" if received else "visitor"
    chosen, replications = _chosen(collection, region, direction)
    visits = builder.visits(chosen)
    views = builder.replications(replications)
    others = {
        name
        for v in visits
        for name in ((v.host,) if direction == "visitor" else (x.name for x in v.visitors))
    }
    studied = {s.innovation for v in visits for s in v.studied if s.innovation}
    return VisitsContext(
        direction=direction,
        region=region,
        region_type=builder.region_type(region),
        visits=visits,
        counterparts=len(others),
        participants=sum(v.size or 0 for v in visits),
        sized=sum(1 for v in visits if v.size is not None),
        dated=sum(1 for v in visits if v.visit.date),
        studied_innovations=len(studied),
        replications=views,
        edges=edges(views),
        sources=builder.source_entries(),
    )
