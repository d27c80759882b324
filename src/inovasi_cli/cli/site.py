"""inovasi site: the published catalogue, a static site from the collection."""

from __future__ import annotations

from typing import Annotated

import typer

from inovasi_cli.cli.common import err, guard, load, note_cores, root_of
from inovasi_cli.cli.targets import required_target
from inovasi_cli.core.errors import UsageError
from inovasi_cli.reports.formats import Lang


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(("https://", "http://")) or any(c in value for c in "\"'<> "):
        raise UsageError(
            f"--base-url: expected an http(s) address such as https://example.org/inovasi/, "
            f"not {value!r}"
        )
    return value.rstrip("/") + "/"


@guard
def site(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder to build the site in: a new or empty folder, or a site built "
            "before (it is replaced atomically; a folder holding anything else is refused).",
            show_default=False,
        ),
    ],
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            help="Language of the pages (id: Indonesian, en: English); text from the "
            "records stays as written. Page addresses are the same in both.",
        ),
    ] = Lang.ID,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="Where the site will be served, e.g. https://example.org/inovasi/: "
            "makes the feed's links absolute and gives each page a canonical link. "
            "Pages link relatively either way.",
            show_default=False,
        ),
    ] = None,
    no_search: Annotated[
        bool,
        typer.Option(
            "--no-search",
            help="Build without the search index (Pagefind is then not needed).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="JOBS",
            min=1,
            help="Worker processes rendering the pages of a large site (default: one per "
            "core, at most 8; never more than the cores). The site is the same either way.",
        ),
    ] = None,
) -> None:
    """Build the published catalogue: a static site with a page per innovation, region,
    visit, scoring model and source, facets to browse by, the four reports for every
    region and year, offline search, a replication network, a JSON API and an Atom feed.

    Example: inovasi site --output public/
    """
    from inovasi_cli.site.build import SiteOptions, build_site

    target = required_target(output)
    if target.path is None:
        raise UsageError("--output: the site is a folder; give its path, not - (stdout)")
    root = root_of(ctx).path
    collection = load(ctx).collection
    if jobs is not None:
        note_cores(jobs)
    options = SiteOptions(
        lang=lang, base_url=_base_url(base_url), search=not no_search, root=root, jobs=jobs
    )
    result = build_site(collection, target.path, options)
    if result.feed.dated_by == "records":
        err(
            "inovasi: note: the collection is not a git checkout; the feed's dates come from "
            f"the records' own dates ({result.feed.undated} undated record(s) left out)"
        )
    indexed = f"; search: {result.search}" if result.search else "; no search index"
    err(
        f"wrote the site to {result.path}: {result.pages:,} pages "
        f"({result.innovations:,} innovations, {result.reports:,} reports), "
        f"{result.api_files:,} API files, {len(result.feed.entries)} feed entries{indexed}"
    )
