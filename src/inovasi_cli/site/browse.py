"""The browsing pages: home, facets and their paginated listings, years, awards, and the
lists of regions, visits, models and sources.

Listings are paginated (``PAGE_SIZE`` rows) and the home page shows only the latest
records, so no page grows with the collection beyond what a phone can load.
Pure: no I/O, no Jinja.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import partial

from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.common import ViewBuilder, competition_label
from inovasi_cli.site import urls
from inovasi_cli.site.facets import Facet, FacetValue
from inovasi_cli.site.pages import Label, Linker, PageJob
from inovasi_cli.site.views import (
    AwardPage,
    HomePage,
    Link,
    LinkList,
    ListingPage,
    Page,
    Pager,
    YearPage,
)

PAGE_SIZE = 100
LATEST = 20


def _pager(key: str, value: str, number: int, count: int) -> Pager:
    def path(n: int) -> str:
        return urls.facet_value(key, value, n)

    # the first, the last and two either side of this one: a bounded row of links
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    return Pager(
        number=number,
        count=count,
        previous=path(number - 1) if number > 1 else None,
        next=path(number + 1) if number < count else None,
        pages=tuple(Link(str(n), path(n)) for n in shown),
    )


def listing_pages(linker: Linker, facet: Facet, value: FacetValue, label: Label) -> Iterator[Page]:
    views = ViewBuilder(linker.collection, linker.lang)
    members = sorted(
        value.members, key=lambda m: (m.innovation.display_name.casefold(), m.innovation.id)
    )
    count = max(1, -(-len(members) // PAGE_SIZE))
    facet_link = Link(label(f"facet.{facet.key}"), urls.facet(facet.key))
    for number in range(1, count + 1):
        chunk = members[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        rows = tuple(linker.row(m.innovation, views) for m in chunk)
        title = value.title or label("not_recorded")
        view = ListingPage(
            facet=facet_link,
            value=value.title,
            total=len(value.members),
            classified=value.classified,
            rows=rows,
            pager=_pager(facet.key, value.value, number, count),
        )
        page_title = f"{facet_link.text}: {title}"
        if number > 1:
            page_title += f" ({number}/{count})"
        path = urls.facet_value(facet.key, value.value, number)
        yield Page(path, "site/listing.html.j2", page_title, view)


def facet_pages(linker: Linker, facets: Sequence[Facet], label: Label) -> Iterator[PageJob]:
    """Each facet's list of values, and each value's listing (a job per value: a worker
    process builds the listings it renders)."""
    links = []
    pages: list[Page] = []
    for facet in facets:
        name = label(f"facet.{facet.key}")
        links.append(Link(name, urls.facet(facet.key), str(len(facet.values))))
        values = tuple(
            Link(
                v.title or label("not_recorded"),
                urls.facet_value(facet.key, v.value),
                str(len(v.members)),
                classified=bool(v.classified),
            )
            for v in facet.values
        )
        pages.append(
            Page(urls.facet(facet.key), "site/links.html.j2", name, LinkList("facet.intro", values))
        )
        for value in facet.values:
            yield partial(listing_pages, linker, facet, value, label)
    pages.append(
        Page(urls.BROWSE, "site/links.html.j2", label("nav.browse"), LinkList(None, tuple(links)))
    )
    yield partial(tuple, pages)


def year_pages(
    linker: Linker, facets: Sequence[Facet], label: Label, year_reports: Mapping[int, Link]
) -> Iterator[Page]:
    collection = linker.collection
    years_facet = next(f for f in facets if f.key == "tahun")
    dated = {int(v.value): len(v.members) for v in years_facet.values if v.value.isdigit()}
    visit_years = {v.year for v in collection.visits.values() if v.year}
    fact_years = {f.year for r in collection.regions.values() for f in r.facts if f.year}
    years = sorted(set(dated) | visit_years | fact_years, reverse=True)
    awards = _award_entries(collection)
    links = []
    for year in years:
        views = ViewBuilder(collection, linker.lang)
        visits = sorted(
            (v for v in collection.visits.values() if v.year == year), key=lambda v: (v.date, v.id)
        )
        results = tuple(
            (linker.region(r.id), views.fact(f))
            for r in collection.regions.values()
            for f in r.facts
            if f.year == year
        )
        report = year_reports.get(year)
        view = YearPage(
            year=year,
            innovations=Link(str(year), urls.facet_value("tahun", str(year)))
            if year in dated
            else None,
            count=dated.get(year, 0),
            visits=tuple(linker.visit_link(v, views) for v in visits),
            awards=tuple(
                Link(competition_label(views.vocab, a, y), urls.award(a, y))
                for a, y in sorted(awards)
                if y == year
            ),
            results=results,
            reports=(report,) if report else (),
        )
        links.append(Link(str(year), urls.year(year), str(dated.get(year, 0))))
        yield Page(urls.year(year), "site/year.html.j2", f"{label('year')} {year}", view)
    yield Page(urls.YEARS, "site/links.html.j2", label("nav.years"), LinkList(None, tuple(links)))


def _award_entries(collection: Collection) -> dict[tuple[str, int], dict[str, int]]:
    """(award, year) -> region -> innovations it entered."""
    found: dict[tuple[str, int], dict[str, int]] = {}
    for innovation in collection.innovations.values():
        for c in {(c.award, c.year) for c in innovation.competitions}:
            regions = found.setdefault(c, {})
            regions[innovation.region] = regions.get(innovation.region, 0) + 1
    return found


def award_pages(linker: Linker, label: Label) -> Iterator[Page]:
    collection = linker.collection
    vocab = ViewBuilder(collection, linker.lang).vocab
    links = []
    for (award, year), regions in sorted(
        _award_entries(collection).items(), key=lambda e: (-e[0][1], e[0][0])
    ):
        name = competition_label(vocab, award, year)
        rows = tuple(
            (
                linker.region(region_id),
                count,
                Link(label("report.award"), urls.award_report(award, year, region_id)),
            )
            for region_id, count in sorted(regions.items())
        )
        listing = Link(name, urls.facet_value("penghargaan", f"{award}-{year}"))
        view = AwardPage(name, listing, rows)
        links.append(Link(name, urls.award(award, year), str(sum(regions.values()))))
        yield Page(urls.award(award, year), "site/award.html.j2", name, view)
    yield Page(urls.AWARDS, "site/links.html.j2", label("nav.awards"), LinkList(None, tuple(links)))


def list_pages(linker: Linker, label: Label) -> Iterator[Page]:
    """All regions, visits, scoring models and sources, one list each."""
    collection = linker.collection
    views = ViewBuilder(collection, linker.lang)
    regions = tuple(
        Link(r.name, urls.region(r.id), str(len(collection.innovations_by_region.get(r.id, ()))))
        for r in sorted(collection.regions.values(), key=lambda r: (r.name.casefold(), r.id))
    )
    visits = tuple(
        Link(
            f"{views.visitor_names(v)} → {collection.region_name(v.host)}", urls.visit(v.id), v.date
        )
        for v in sorted(
            collection.visits.values(), key=lambda v: (v.date is None, v.date or "", v.id)
        )
    )
    models = tuple(Link(m.name, urls.model(m.id)) for m in collection.scoring_models.values())
    sources = tuple(
        Link(s.title, urls.source(s.id), s.published) for s in collection.sources.values()
    )
    for path, key, links in (
        (urls.REGIONS, "nav.regions", regions),
        (urls.VISITS, "nav.visits", visits),
        (urls.MODELS, "nav.models", models),
        (urls.SOURCES, "nav.sources", sources),
    ):
        yield Page(path, "site/links.html.j2", label(key), LinkList(None, links))


def _award_path(value: str) -> str:
    award, _, year = value.rpartition("-")
    return urls.award(award, int(year))


def home_page(
    collection: Collection,
    facets: Sequence[Facet],
    latest: Sequence[Link],
    dated_by: str,
    label: Label,
) -> Page:
    counts = (
        (len(collection.innovations), "count.innovations"),
        (len(collection.regions), "count.regions"),
        (len(collection.visits), "count.visits"),
        (len(collection.replications), "count.replications"),
        (len(collection.sources), "count.sources"),
        (len(collection.scoring_models), "count.models"),
    )
    years = next(f for f in facets if f.key == "tahun")
    view = HomePage(
        counts=counts,
        latest=tuple(latest[:LATEST]),
        facets=tuple(
            Link(label(f"facet.{f.key}"), urls.facet(f.key), str(len(f.values))) for f in facets
        ),
        years=tuple(
            Link(v.value, urls.year(int(v.value)), str(len(v.members)))
            for v in years.values
            if v.value.isdigit()
        )[:12],
        awards=tuple(
            Link(v.title or v.value, _award_path(v.value), str(len(v.members)))
            for v in next(f for f in facets if f.key == "penghargaan").values
        )[:12],
        dated_by=dated_by,
    )
    return Page(urls.HOME, "site/home.html.j2", label("site.title"), view)
