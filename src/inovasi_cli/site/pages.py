"""The record pages: one per innovation, region, visit, scoring model and source, each
with its citations (the bibliography, numbered per page), its replications and visits
linked.

Pure: no I/O, no Jinja.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial

from inovasi_cli.output.shapes import studied_by
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Replication, Visit
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.reports.common import ViewBuilder, by_name
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.parts import SourceEntry
from inovasi_cli.site import urls
from inovasi_cli.site.facets import Facet
from inovasi_cli.site.views import (
    InnovationPage,
    InnovationRow,
    Link,
    ModelPage,
    Page,
    RegionPage,
    ReplicationLinks,
    SourcePage,
    VisitPage,
)

Label = Callable[[str], str]
# Builds one or a few pages when called: what a worker process is handed.
PageJob = Callable[[], Iterable[Page]]
# Facets an innovation page links to, in order (region and province are on the region line)
PAGE_FACETS = ("urusan", "tahapan", "jenis", "tahun", "penghargaan")


class Linker:
    """What every record page needs to link: the collection, the language, each
    innovation's facet values and the reports each region has."""

    def __init__(
        self,
        collection: Collection,
        lang: Lang,
        facets: Sequence[Facet],
        reports: Mapping[str, tuple[Link, ...]],
    ) -> None:
        self.collection = collection
        self.lang = lang
        self.reports = reports
        self.studied = studied_by(collection)
        self.facet_links: dict[str, list[tuple[str, Link]]] = {}
        for facet in facets:
            if facet.key not in PAGE_FACETS:
                continue
            for value in facet.values:
                if value.title is None:
                    continue
                path = urls.facet_value(facet.key, value.value)
                for member in value.members:
                    link = Link(value.title, path, classified=member.classified)
                    self.facet_links.setdefault(member.innovation.id, []).append((facet.key, link))

    def region(self, region_id: str) -> Link:
        name = self.collection.region_name(region_id)
        return (
            Link(name, urls.region(region_id))
            if region_id in self.collection.regions
            else (Link(name, ""))
        )

    def innovation(self, innovation_id: str) -> Link | None:
        found = self.collection.innovations.get(innovation_id)
        return Link(found.display_name, urls.innovation(found.id)) if found else None

    def visit_link(self, visit: Visit, views: ViewBuilder) -> Link:
        return Link(views.visitor_names(visit), urls.visit(visit.id), visit.date)

    def row(self, innovation: Innovation, views: ViewBuilder) -> InnovationRow:
        return InnovationRow(
            Link(innovation.display_name, urls.innovation(innovation.id)),
            self.region(innovation.region),
            views.vocab.title("sector", innovation.sector),
            innovation.basis("sector") is not None,
        )

    def replication(self, replication: Replication, views: ViewBuilder) -> ReplicationLinks:
        collection = self.collection
        origin = replication.innovation.partition("/")[0]
        known = collection.innovations
        return ReplicationLinks(
            view=views.replication(replication),
            innovation=urls.innovation(replication.innovation)
            if replication.innovation in known
            else None,
            origin=urls.region(origin) if origin in collection.regions else None,
            adopter=urls.region(replication.adopter)
            if replication.adopter in collection.regions
            else None,
            adopted=urls.innovation(replication.adopted_as)
            if replication.adopted_as in known
            else None,
            visit=urls.visit(replication.visit) if replication.visit in collection.visits else None,
        )

    def replications(
        self, replications: Iterable[Replication], views: ViewBuilder
    ) -> tuple[ReplicationLinks, ...]:
        return tuple(self.replication(r, views) for r in replications)


def innovation_page(linker: Linker, innovation: Innovation) -> Page:
    views = ViewBuilder(linker.collection, linker.lang)
    profile = views.profile(innovation, 1)
    grouped: dict[str, list[Link]] = {}
    for key, link in linker.facet_links.get(innovation.id, ()):
        grouped.setdefault(key, []).append(link)
    visits = [linker.collection.visits[v] for v in linker.studied.get(innovation.id, ())]
    replicates = linker.innovation(innovation.replication_of or "")
    view = InnovationPage(
        profile=profile,
        region=linker.region(innovation.region),
        facets=tuple((key, tuple(grouped[key])) for key in PAGE_FACETS if key in grouped),
        visits=tuple(linker.visit_link(v, views) for v in visits),
        replications=linker.replications(linker.collection.replications_of(innovation.id), views),
        replicates=replicates,
        sources=views.source_entries(),
        api=urls.api_innovation(innovation.id),
    )
    return Page(urls.innovation(innovation.id), "site/innovation.html.j2", profile.name, view, True)


def region_page(
    linker: Linker, region: Region, provinces: Mapping[str, str], replications: list[Replication]
) -> Page:
    collection = linker.collection
    views = ViewBuilder(collection, linker.lang)
    facts = tuple(views.fact(f) for f in region.facts)
    own = by_name(collection.innovations_by_region.get(region.id, ()))
    province = None
    if region.province:
        segment = provinces.get(region.province)  # a page only when it has innovations
        path = urls.facet_value("provinsi", segment) if segment else ""
        province = Link(region.province, path)
    view = RegionPage(
        region=region,
        region_type=views.region_type(region),
        province=province,
        facts=facts,
        innovations=tuple(linker.row(i, views) for i in own),
        received=tuple(
            linker.visit_link(v, views) for v in views_sorted(collection.visits_by_host, region.id)
        ),
        made=tuple(
            Link(collection.region_name(v.host), urls.visit(v.id), v.date)
            for v in views_sorted(collection.visits_by_visitor, region.id)
        ),
        replications=linker.replications(replications, views),
        reports=linker.reports.get(region.id, ()),
        sources=_region_sources(views, region),
        api=urls.api_region(region.id),
    )
    return Page(urls.region(region.id), "site/region.html.j2", region.name, view, True)


def _region_sources(views: ViewBuilder, region: Region) -> tuple[SourceEntry, ...]:
    views.sources.cite(region.sources)
    return views.source_entries()


def views_sorted(index: Mapping[str, list[Visit]], region_id: str) -> list[Visit]:
    """A region's visits, dated first in date order, then the undated by id."""
    return sorted(index.get(region_id, ()), key=lambda v: (v.date is None, v.date or "", v.id))


def visit_page(linker: Linker, visit: Visit) -> Page:
    collection = linker.collection
    views = ViewBuilder(collection, linker.lang)
    detail = views.visit(visit, 1)
    studied = []
    for item in detail.studied:
        link = linker.innovation(item.innovation or "")
        studied.append(link or Link(item.name, "", item.note))
    reports = tuple(
        link for link in linker.reports.get(visit.host, ()) if "/kunjungan/" in link.path
    )
    view = VisitPage(
        visit=visit,
        detail=detail,
        host=linker.region(visit.host),
        visitors=tuple(
            linker.region(v.region) if v.region else Link(v.institution or "", "")
            for v in visit.visitors
        ),
        studied=tuple(studied),
        replications=linker.replications(visit.outcomes, views),
        reports=reports,
        sources=views.source_entries(),
        api=urls.api_visit(visit.id),
    )
    title = f"{detail.who} → {detail.host}"
    return Page(urls.visit(visit.id), "site/visit.html.j2", title, view, True)


def record_pages(linker: Linker, provinces: Mapping[str, str]) -> Iterator[PageJob]:
    """Every record page, in a stable order, as a job that builds it: a worker process
    builds the pages it renders."""
    collection = linker.collection
    for innovation in collection.innovations.values():
        yield partial(_one, innovation_page, linker, innovation)
    replications: dict[str, list[Replication]] = {}
    for r in collection.replications:
        for region_id in dict.fromkeys((r.innovation.partition("/")[0], r.adopter)):
            replications.setdefault(region_id, []).append(r)
    for region in collection.regions.values():
        own = replications.get(region.id, [])
        yield partial(_one, region_page, linker, region, provinces, own)
    for visit in collection.visits.values():
        yield partial(_one, visit_page, linker, visit)
    for model in collection.scoring_models.values():
        page = Page(urls.model(model.id), "site/model.html.j2", model.name, ModelPage(model), True)
        yield partial(_one, lambda p: p, page)
    for source in collection.sources.values():
        yield partial(_one, source_page, linker, source)


def _one(build: Callable[..., Page], *args: object) -> tuple[Page]:
    return (build(*args),)


def source_page(linker: Linker, source: SourceRecord) -> Page:
    """A source of the bibliography and every record citing it, each once."""
    views = ViewBuilder(linker.collection, linker.lang)
    cited: dict[Link, None] = {}
    for c in linker.collection.cited_by.get(source.id, ()):
        link = _cited_link(linker, c.record_type, c.record_id, views)
        if link is not None:
            cited.setdefault(link)
    view = SourcePage(
        source,
        views.vocab.title("source_kind", source.kind),
        tuple(cited),
        urls.api_source(source.id),
    )
    return Page(urls.source(source.id), "site/source.html.j2", source.title, view, True)


def _cited_link(linker: Linker, kind: str, record_id: str, views: ViewBuilder) -> Link | None:
    collection = linker.collection
    if kind == "innovation":
        return linker.innovation(record_id)
    if kind in ("region", "region_fact"):
        return linker.region(record_id.partition(":")[0])
    if kind == "visit" and record_id in collection.visits:
        return linker.visit_link(collection.visits[record_id], views)
    return None
