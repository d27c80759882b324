"""Building the site: every page through one Jinja environment (the reports' HTML
environment, with the site's labels), the reports, the API, the feed, the assets, then
Pagefind's index, all in a private folder that replaces the output at the end
(:mod:`folder`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError
from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.common import Vocab
from inovasi_cli.reports.environment import build_environment
from inovasi_cli.reports.formats import Lang, ReportFormat
from inovasi_cli.reports.labels import Labels
from inovasi_cli.reports.render import template_mapping, template_name, tidy
from inovasi_cli.site import browse, folder, network, search, urls
from inovasi_cli.site.api import api_files
from inovasi_cli.site.facets import build_facets, province_segments
from inovasi_cli.site.feed import Feed, atom, entries
from inovasi_cli.site.history import record_dates
from inovasi_cli.site.pages import Linker, record_pages
from inovasi_cli.site.reports import plan_reports
from inovasi_cli.site.views import Link, NetworkPage, Page

if TYPE_CHECKING:
    from jinja2 import Environment

SITE_TEMPLATES = "site"
# Pages load nothing but the site's own stylesheet; the two search pages also run the
# site's scripts, with WebAssembly (Pagefind's index) and its worker: nothing inline.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'"
)
CSP_SEARCH = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; base-uri 'none'; "
    "form-action 'self'"
)
SEARCH_TEMPLATES = frozenset({"site/home.html.j2", "site/search.html.j2"})


@dataclass(frozen=True, slots=True)
class SiteOptions:
    lang: Lang = Lang.ID
    base_url: str | None = None
    search: bool = True
    root: Path | None = None  # the collection root, for the dates in git


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page's template is given besides its view."""

    lang: str
    title: str
    base_url: str | None
    search: bool


@dataclass(frozen=True, slots=True)
class SiteResult:
    path: Path
    pages: int  # HTML pages, reports included
    innovations: int
    reports: int
    api_files: int
    feed: Feed
    search: str | None  # Pagefind's summary, None without search
    home_bytes: int


class Writer:
    """Renders pages into the build folder and counts them."""

    def __init__(self, tmp: Path, env: Environment, site: SiteInfo) -> None:
        self.tmp = tmp
        self.env = env
        self.site = site
        self.pages = 0
        self.sizes: dict[str, int] = {}

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        from jinja2 import TemplateError

        try:
            return tidy(self.env.get_template(template).render(context))
        except TemplateError as exc:
            raise InovasiError(f"template {template}: {exc.message or exc}") from None

    def page(self, page: Page) -> None:
        root = urls.root_of(page.path)
        text = self.render(
            page.template,
            {
                "page": page,
                "view": page.view,
                "root": root,
                "site": self.site,
                "csp": CSP_SEARCH
                if self.site.search and page.template in SEARCH_TEMPLATES
                else CSP,
            },
        )
        self.file(page.path, text)
        self.pages += 1

    def file(self, path: str, text: str) -> None:
        data = text.encode("utf-8")
        folder.write_file(self.tmp, path, data)
        self.sizes[path] = len(data)


def site_labels(lang: Lang) -> Labels:
    """The reports' labels with the site's own (``templates/site/labels.yaml``) on top."""
    return Labels.load(lang, paths.templates_dir() / SITE_TEMPLATES)


def _assets() -> Iterator[tuple[str, str]]:
    base = paths.templates_dir()
    css = (base / "_report.css").read_text("utf-8") + (
        base / SITE_TEMPLATES / "site.css"
    ).read_text("utf-8")
    yield urls.CSS, css
    yield urls.SEARCH_JS, (base / SITE_TEMPLATES / "search.js").read_text("utf-8")


def _network_page(collection: Collection, label: Callable[[str], str]) -> Page:
    found = network.edges(collection)
    svg = network.network_svg(
        collection,
        found,
        title=label("nav.network"),
        description=label("network.description"),
        root=urls.root_of(urls.NETWORK),
    )
    rows = tuple(
        (
            Link(collection.region_name(e.source), urls.region(e.source)),
            Link(collection.region_name(e.target), urls.region(e.target)),
            f"network.{e.kind}",
            collection.innovations[e.what].display_name
            if e.what in collection.innovations
            else e.what,
        )
        for e in found
    )
    return Page(urls.NETWORK, "site/network.html.j2", label("nav.network"), NetworkPage(svg, rows))


def _latest(collection: Collection, feed: Feed) -> list[Link]:
    return [Link(e.title, e.path, e.updated[:10]) for e in feed.entries]


def build_site(collection: Collection, output: Path, options: SiteOptions) -> SiteResult:
    """Build the whole site into ``output`` (see :mod:`folder` for what it replaces)."""
    folder.check_output(output)
    executable = search.pagefind_executable() if options.search else None  # before the work
    labels = site_labels(options.lang)
    env = build_environment(ReportFormat.HTML, labels)
    title = labels.text("site.title")
    site = SiteInfo(options.lang.value, title, options.base_url, options.search)
    tmp = folder.new_folder(output)
    try:
        writer = Writer(tmp, env, site)
        feed, reports = _write_all(collection, options, labels, writer)
        summary = search.index_site(tmp, executable=executable) if executable else None
        folder.publish(tmp, output)
    except BaseException:
        folder.discard(tmp)
        raise
    return SiteResult(
        path=output,
        pages=writer.pages + reports,
        innovations=len(collection.innovations),
        reports=reports,
        api_files=sum(1 for p in writer.sizes if p.startswith("api/")),
        feed=feed,
        search=summary,
        home_bytes=writer.sizes.get(urls.HOME, 0),
    )


def _write_all(
    collection: Collection, options: SiteOptions, labels: Labels, writer: Writer
) -> tuple[Feed, int]:
    label = labels.text
    vocab = Vocab(options.lang)
    facets = build_facets(collection, vocab, label)
    plan = plan_reports(collection, options.lang, label)
    linker = Linker(collection, options.lang, facets, plan.by_region)
    listed = next(f for f in facets if f.key == "provinsi")
    provinces = {n: s for n, s in province_segments(collection).items() if listed.value(s)}
    for page in record_pages(linker, provinces):
        writer.page(page)
    for pages in (
        browse.facet_pages(linker, facets, label),
        browse.year_pages(linker, facets, label, plan.by_year),
        browse.award_pages(linker, label),
        browse.list_pages(linker, label),
    ):
        for page in pages:
            writer.page(page)
    writer.page(_network_page(collection, label))
    writer.page(Page(urls.SEARCH, "site/search.html.j2", label("nav.search"), None))
    dates = record_dates(options.root) if options.root is not None else None
    feed_labels = {k: label(f"feed.{k}") for k in ("innovation", "visit", "result")}
    feed = entries(collection, dates, feed_labels)
    writer.file(
        urls.FEED,
        atom(feed, title=writer.site.title, lang=options.lang.value, base_url=options.base_url),
    )
    writer.page(
        browse.home_page(collection, facets, _latest(collection, feed), feed.dated_by, label)
    )
    for path, text in api_files(collection):
        writer.file(path, text)
    for path, text in _assets():
        writer.file(path, text)
    for job in plan.jobs:
        context = job.build()
        writer.file(
            job.path,
            writer.render(
                template_name(context.kind, ReportFormat.HTML), template_mapping(context)
            ),
        )
    return feed, len(plan.jobs)
