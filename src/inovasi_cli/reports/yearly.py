"""The yearly report (``report yearly``): one year across all regions, the innovations
dated to it (competitions, trial or implementation dates) by region, and the visits of that
year with what they led to."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.text import fold
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.reports.charts import Edge
from inovasi_cli.reports.common import (
    Count,
    Coverage,
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

# Why an innovation is dated to the year: ("competition", "IGA 2019"), ("trial",
# "2019-03") or ("implementation", "2019").
Reason = tuple[str, str]


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: Region
    profiles: tuple[InnovationView, ...]
    reasons: Mapping[str, tuple[Reason, ...]]  # innovation id -> why it is in the year


@dataclass(frozen=True, slots=True)
class YearlyContext(ReportContext):
    kind: ClassVar[ReportKind] = ReportKind.YEARLY

    year: int
    groups: tuple[RegionGroup, ...]  # by region name; profiles numbered across groups
    innovation_count: int
    by_region: tuple[Count, ...]
    by_sector: tuple[Count, ...]
    coverage: Coverage  # what the sources state (urusan, digital), apart from classifications
    visits: tuple[VisitView, ...]
    replications: tuple[ReplicationView, ...]  # those that came from the year's visits
    edges: tuple[Edge, ...]
    sources: tuple[SourceEntry, ...]


def _refuse_an_empty_year(collection: Collection) -> UsageError:
    """The error for a year nothing is dated to; the caller names the year."""
    years = sorted(
        {y for i in collection.innovations.values() for y in i.years}
        | {v.year for v in collection.visits.values() if v.year is not None}
    )
    hint = "years with records: " + ", ".join(map(str, years)) if years else "nothing is dated"
    return UsageError(f"no innovations or visits are dated to it; {hint}")


def _reasons(innovation: Innovation, year: int, vocab: Vocab) -> tuple[Reason, ...]:
    why = [
        ("competition", competition_label(vocab, c.award, c.year))
        for c in sorted(innovation.competitions, key=lambda c: c.award)
        if c.year == year
    ]
    for kind, date in (
        ("trial", innovation.trial_date),
        ("implementation", innovation.implementation_date),
    ):
        if date and date.startswith(str(year)):
            why.append((kind, date))
    return tuple(why)


def _groups(
    builder: ViewBuilder, dated: Sequence[Innovation], year: int
) -> tuple[RegionGroup, ...]:
    """The dated innovations by region (by region name, then by innovation name), their
    profiles numbered across the whole report."""
    collection = builder.collection
    number = 0
    groups: list[RegionGroup] = []
    for region_id in sorted(
        {i.region for i in dated}, key=lambda r: fold(collection.region_name(r))
    ):
        profiles = []
        reasons: dict[str, tuple[Reason, ...]] = {}
        for innovation in by_name(i for i in dated if i.region == region_id):
            number += 1
            profiles.append(builder.profile(innovation, number))
            reasons[innovation.id] = _reasons(innovation, year, builder.vocab)
        region = collection.regions.get(region_id) or Region(region_id, region_id, "kabupaten")
        groups.append(RegionGroup(region, tuple(profiles), MappingProxyType(reasons)))
    return tuple(groups)


def build_yearly(collection: Collection, year: int, lang: Lang) -> YearlyContext:
    """The innovations and visits dated to ``year``; ``UsageError`` when there are none,
    worded for the caller to name the year first (the CLI: ``--year 1990: no innovations
    or visits are dated to it; ...``)."""
    dated = [i for i in collection.innovations.values() if year in i.years]
    visits_of_year: list[Visit] = [v for v in collection.visits.values() if v.year == year]
    if not dated and not visits_of_year:
        raise _refuse_an_empty_year(collection)
    builder = ViewBuilder(collection, lang)
    groups = _groups(builder, dated, year)
    visits = builder.visits(visits_of_year)
    visit_ids = {v.visit.id for v in visits}
    replications = builder.replications(
        r for r in collection.replications if r.visit is not None and r.visit in visit_ids
    )
    by_region = sorted(
        (Count(g.region.id, g.region.name, len(g.profiles)) for g in groups),
        key=lambda c: (-c.count, fold(c.title or "")),
    )
    return YearlyContext(
        year=year,
        groups=groups,
        innovation_count=len(dated),
        by_region=tuple(by_region),
        by_sector=field_counts(dated, "sector", builder.vocab),
        coverage=coverage(dated),
        visits=visits,
        replications=replications,
        edges=edges(replications),
        sources=builder.source_entries(),
    )
