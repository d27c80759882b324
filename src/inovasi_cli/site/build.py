"""Building the site: every page through one Jinja environment (the reports' HTML
environment, with the site's labels), the reports, the API, the feed, the assets, then
Pagefind's index, all in a private folder that replaces the output at the end
(:mod:`folder`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from inovasi_cli.core import paths
from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.common import Vocab
from inovasi_cli.reports.environment import build_environment
from inovasi_cli.reports.formats import Lang, ReportFormat
from inovasi_cli.reports.labels import Labels
from inovasi_cli.reports.render import template_mapping, template_name
from inovasi_cli.site import browse, folder, network, search, urls
from inovasi_cli.site.api import api_files
from inovasi_cli.site.facets import build_facets, province_segments
from inovasi_cli.site.feed import Feed, atom, entries
from inovasi_cli.site.history import record_dates
from inovasi_cli.site.pages import Linker, PageJob, record_pages
from inovasi_cli.site.parallel import run_tasks
from inovasi_cli.site.reports import ReportJob, plan_reports
from inovasi_cli.site.views import Link, NetworkPage, Page
from inovasi_cli.site.writer import CSP, CSP_SEARCH, SiteInfo, Task, Writer

if TYPE_CHECKING:
    from jinja2 import Environment

SITE_TEMPLATES = "site"
__all__ = ["CSP", "CSP_SEARCH", "SiteOptions", "SiteResult", "build_site"]


@dataclass(frozen=True, slots=True)
class SiteOptions:
    lang: Lang = Lang.ID
    base_url: str | None = None
    search: bool = True
    root: Path | None = None  # the collection root, for the dates in git
    jobs: int | None = None  # worker processes (default: one per core, at most 8)


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
    workers: int = 1  # the processes that rendered the pages


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


def _latest(feed: Feed) -> list[Link]:
    return [Link(e.title, e.path, e.updated[:10]) for e in feed.entries]


def build_site(collection: Collection, output: Path, options: SiteOptions) -> SiteResult:
    """Build the whole site into ``output`` (see :mod:`folder` for what it replaces)."""
    folder.check_output(output)
    executable = search.pagefind_executable() if options.search else None  # before the work
    labels = site_labels(options.lang)
    env = site_environment(labels)
    title = labels.text("site.title")
    site = SiteInfo(options.lang.value, title, options.base_url, options.search)
    tmp = folder.new_folder(output)
    try:
        writer = Writer(tmp, env, site)
        feed, tasks, reports = _plan(collection, options, labels)
        workers = run_tasks(tasks, writer, options.jobs)
        summary = search.index_site(tmp, executable=executable) if executable else None
        folder.publish(tmp, output)
    except BaseException:
        folder.discard(tmp)
        raise
    return SiteResult(
        path=output,
        pages=writer.pages,
        innovations=len(collection.innovations),
        reports=reports,
        api_files=sum(1 for p in writer.sizes if p.startswith("api/")),
        feed=feed,
        search=summary,
        home_bytes=writer.sizes.get(urls.HOME, 0),
        workers=workers,
    )


def site_environment(labels: Labels) -> Environment:
    """The reports' HTML environment with the site's labels, whose templates are compiled
    once: the bundled templates do not change during a build, so Jinja need not check
    their files again on every page, nor forget them (a cache for every template)."""
    env = build_environment(ReportFormat.HTML, labels)
    env.auto_reload = False
    t = cast("Callable[..., Any]", env.globals["t"])
    plain: dict[str, Any] = {}

    def cached_t(key: str, count: int | None = None, **values: object) -> Any:
        """``t``, with a label that has no count and no values looked up once."""
        if count is not None or values:
            return t(key, count, **values)
        found = plain.get(key)
        if found is None:
            found = plain[key] = t(key)
        return found

    env.globals.update(t=cached_t, link=_link_function(env, cached_t))
    return env


def _link_function(env: Environment, t: Callable[..., Any]) -> Callable[[Link, str], Any]:
    """The templates' ``link(l, root)``: a link to a page of the site, with its marks, as
    the templates would print it (each value through the environment's ``finalize``, then
    escaped)."""
    from markupsafe import Markup, escape

    clean = env.finalize or (lambda value: value)

    def link(target: Link, root: str) -> Markup:
        text = escape(clean(target.text))
        html = (
            f'<a href="{escape(clean(root))}{escape(clean(target.path))}">{text}</a>'
            if target.path
            else str(text)
        )
        if target.classified:
            html += f' <span class="classified">({t("classified")})</span>'
        if target.note:
            html += f' <span class="note">({escape(clean(target.note))})</span>'
        return Markup(html)  # noqa: S704 - every value escaped above

    return link


def _pages(jobs: Iterable[PageJob]) -> Iterator[Task]:
    for job in jobs:

        def task(writer: Writer, job: PageJob = job) -> None:
            for page in job():
                writer.page(page)

        yield task


def _report(job: ReportJob) -> Task:
    def task(writer: Writer) -> None:
        context = job.build()
        template = template_name(context.kind, ReportFormat.HTML)
        writer.file(job.path, writer.render(template, template_mapping(context)))
        writer.pages += 1

    return task


def _files(files: Iterable[tuple[str, str]]) -> Task:
    def task(writer: Writer) -> None:
        for path, text in files:
            writer.file(path, text)

    return task


def _plan(
    collection: Collection, options: SiteOptions, labels: Labels
) -> tuple[Feed, list[Task], int]:
    """The feed, every task of the build, and how many reports: the collection-wide
    views (facets, reports, links, dates) computed here, once, before any page."""
    label = labels.text
    vocab = Vocab(options.lang)
    facets = build_facets(collection, vocab, label)
    plan = plan_reports(collection, options.lang, label)
    linker = Linker(collection, options.lang, facets, plan.by_region)
    listed = next(f for f in facets if f.key == "provinsi")
    provinces = {n: s for n, s in province_segments(collection).items() if listed.value(s)}
    dates = record_dates(options.root) if options.root is not None else None
    feed_labels = {k: label(f"feed.{k}") for k in ("innovation", "visit", "result")}
    feed = entries(collection, dates, feed_labels)
    home = browse.home_page(collection, facets, _latest(feed), feed.dated_by, label)
    singles = (
        browse.year_pages(linker, facets, label, plan.by_year),
        browse.award_pages(linker, label),
        browse.list_pages(linker, label),
        [_network_page(collection, label), home],
        [Page(urls.SEARCH, "site/search.html.j2", label("nav.search"), None)],
    )
    atom_text = atom(
        feed, title=label("site.title"), lang=options.lang.value, base_url=options.base_url
    )
    # The slowest tasks first (the API files, in one; a yearly report reads the whole
    # collection), so that no worker is left with one at the end.
    tasks = [_files(api_files(collection)), *(_report(job) for job in plan.jobs)]
    tasks.extend(_pages(record_pages(linker, provinces)))
    tasks.extend(_pages(browse.facet_pages(linker, facets, label)))
    tasks.extend(_pages(partial(tuple, pages) for pages in singles))
    tasks.append(_files([(urls.FEED, atom_text), *_assets()]))
    return feed, tasks, len(plan.jobs)
