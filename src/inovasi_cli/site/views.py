"""The views the site's templates are given: frozen dataclasses, one per kind of page,
with every link already resolved to a site path (templates prefix it with ``root``).

Record text is passed through as written; the templates autoescape it.
"""

from __future__ import annotations

from dataclasses import dataclass

from inovasi_cli.records.model import Region, Visit
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.reports.common import FactView, InnovationView, ReplicationView, VisitView
from inovasi_cli.reports.parts import SourceEntry


@dataclass(frozen=True, slots=True)
class Link:
    """A link to a page of the site: its text, its site path and an optional note (a
    count, a date, a mark) shown after it."""

    text: str
    path: str
    note: str | None = None
    classified: bool = False  # the value behind the link is a curator's classification


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to write: where, with which template, its title and its view.
    ``search``: Pagefind indexes it (record pages; listings are left out)."""

    path: str
    template: str
    title: str
    view: object
    search: bool = False


@dataclass(frozen=True, slots=True)
class InnovationRow:
    """An innovation in a listing: its link, region and urusan (marked when classified)."""

    link: Link
    region: Link
    sector: str | None
    sector_classified: bool


@dataclass(frozen=True, slots=True)
class ReplicationLinks:
    """A replication with its pages: the original, both regions, the adopter's record
    and the visit it came from, when the collection holds them."""

    view: ReplicationView
    innovation: str | None
    origin: str | None
    adopter: str | None
    adopted: str | None
    visit: str | None


@dataclass(frozen=True, slots=True)
class InnovationPage:
    profile: InnovationView
    region: Link
    facets: tuple[tuple[str, tuple[Link, ...]], ...]  # (facet label key, its values)
    visits: tuple[Link, ...]
    replications: tuple[ReplicationLinks, ...]
    replicates: Link | None
    sources: tuple[SourceEntry, ...]
    api: str


@dataclass(frozen=True, slots=True)
class RegionPage:
    region: Region
    region_type: str | None
    province: Link | None
    facts: tuple[FactView, ...]
    innovations: tuple[InnovationRow, ...]
    received: tuple[Link, ...]
    made: tuple[Link, ...]
    replications: tuple[ReplicationLinks, ...]
    reports: tuple[Link, ...]
    sources: tuple[SourceEntry, ...]
    api: str


@dataclass(frozen=True, slots=True)
class VisitPage:
    visit: Visit
    detail: VisitView
    host: Link
    visitors: tuple[Link, ...]
    studied: tuple[Link, ...]
    replications: tuple[ReplicationLinks, ...]
    reports: tuple[Link, ...]
    sources: tuple[SourceEntry, ...]
    api: str


@dataclass(frozen=True, slots=True)
class ModelPage:
    model: ScoringModel


@dataclass(frozen=True, slots=True)
class SourcePage:
    source: SourceRecord
    kind: str | None
    cited_by: tuple[Link, ...]
    api: str


@dataclass(frozen=True, slots=True)
class YearPage:
    year: int
    innovations: Link | None  # the year's facet listing
    count: int
    visits: tuple[Link, ...]
    awards: tuple[Link, ...]
    results: tuple[tuple[Link, FactView], ...]  # (region, its result of the year)
    reports: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class AwardPage:
    award: str  # ``IGA 2019``
    innovations: Link
    regions: tuple[tuple[Link, int, Link], ...]  # region, innovations entered, its report


@dataclass(frozen=True, slots=True)
class LinkList:
    """A page that is a list of links (all regions, all years, a facet's values)."""

    intro: str | None  # a label key
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ListingPage:
    """One page of a facet value's innovations."""

    facet: Link
    value: str | None  # None: not recorded
    total: int
    classified: int
    rows: tuple[InnovationRow, ...]
    pager: Pager


@dataclass(frozen=True, slots=True)
class HomePage:
    counts: tuple[tuple[int, str], ...]  # (number, label key)
    latest: tuple[Link, ...]
    facets: tuple[Link, ...]
    years: tuple[Link, ...]
    awards: tuple[Link, ...]
    dated_by: str  # "git" or "records": where the latest records' dates come from


@dataclass(frozen=True, slots=True)
class NetworkPage:
    svg: str  # escaped by site.network
    edges: tuple[tuple[Link, Link, str, str], ...]  # (from, to, kind label key, what)
