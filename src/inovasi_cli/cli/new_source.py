"""inovasi new source: describe a source document once, in data/sources/<id>.yaml, so
records can cite it by that id."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer

from inovasi_cli.cli import new_inputs as inputs
from inovasi_cli.cli.common import guard
from inovasi_cli.cli.new_files import writable_root, write_record
from inovasi_cli.contribute import conflicts, skeleton
from inovasi_cli.core.errors import OutputExistsError, UsageError
from inovasi_cli.core.text import slugify

_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


def _language(value: str) -> str:
    cleaned = value.strip()
    if not _LANGUAGE.fullmatch(cleaned):
        raise UsageError(f"--language '{cleaned}': write a BCP 47 tag, e.g. id or en")
    return cleaned


def _url(value: str) -> str:
    cleaned = skeleton.clean_text(value, "--url")
    if not cleaned.startswith(("https://", "http://")):
        raise UsageError(f"--url '{cleaned}': write the whole address, starting with https://")
    return cleaned


@guard
def new_source(
    ctx: typer.Context,
    title: Annotated[
        str | None,
        typer.Option("--title", help="Title, as the document gives it.", show_default=False),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="What it is: berita (news), blog, peraturan (decree), data-rujukan "
            "(reference data), bahan-paparan (slides), lembar-kerja (workbook), laporan, "
            "halaman-web or lainnya.",
            show_default=False,
        ),
    ] = None,
    language: Annotated[
        str, typer.Option("--language", help="Its language, as a BCP 47 tag: id, en.")
    ] = "id",
    publisher: Annotated[
        str | None,
        typer.Option(
            "--publisher", help="Who published it, e.g. jatimnow.com.", show_default=False
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Its date, as precise as it shows: 2019, 2019-07 or 2019-07-18.",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="Where to read it online, only when known.", show_default=False),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug", help="File name (source id). Default: from the title.", show_default=False
        ),
    ] = None,
) -> None:
    """Start a new source: data/sources/<id>.yaml, a document described once.

    Records then cite it as 'sources: - source: <id>' with a locator (item number,
    paragraph, page). It never overwrites a source, nor adds one already described
    under another id (the same title).
    """
    root, collection, records = writable_root(ctx)
    asker = inputs.Asker("source")
    title_text = asker.essential(
        title, "--title", "Title, as the document gives it", inputs.text("--title")
    )
    kind_value = asker.essential(
        kind, "--kind", "Kind, e.g. berita", inputs.term("source kind", "source", "source_kind")
    )
    language_text = _language(language)
    publisher_text = asker.optional(publisher, "Publisher", inputs.text("--publisher"))
    published_text = inputs.date(dt.date.today())(published) if published is not None else None
    url_text = _url(url) if url is not None else None
    record_id = inputs.slug(slug) if slug is not None else slugify(title_text)
    if not record_id:
        raise UsageError(f"cannot make a file name from '{title_text}'; give one with --slug")
    conflict = conflicts.source_conflict(
        collection, inputs.ids(records, "source"), record_id, title_text
    )
    if conflict:
        raise OutputExistsError(conflict)
    record = skeleton.source(
        record_id,
        title_text,
        kind_value,
        language=language_text,
        publisher=publisher_text,
        published=published_text,
        url=url_text,
    )
    write_record(root, record)
