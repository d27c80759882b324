"""inovasi report award|visits|region|yearly: Markdown, HTML or PDF a region would publish."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err, guard, load
from inovasi_cli.cli.targets import format_for, output_target
from inovasi_cli.cli.usage import Command, Group
from inovasi_cli.core.errors import UsageError
from inovasi_cli.reports.formats import FORMATS, Lang, ReportFormat

if TYPE_CHECKING:
    from inovasi_cli.reports.common import ReportContext

report_app = typer.Typer(
    name="report",
    help="Render a report (Markdown, HTML or PDF) from the collection: an award entry, study "
    "visits, a region profile or a year. Output is deterministic: the same collection gives "
    "the same bytes.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    cls=Group,
)

FormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="md: GitHub-flavoured Markdown; html: one self-contained page; pdf: an A4 "
        "document (needs the pdf extra: pip install 'inovasi[pdf]'). "
        "Default: from the --output extension (.md, .markdown, .html, .htm, .pdf), else md.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to this file (atomically) instead of stdout; - is stdout.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite the --output file if it exists.")
]
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        help="Language of labels and vocabulary (id: Indonesian, en: English); "
        "text from the records stays as written.",
    ),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="A folder of templates that replace the bundled ones with the same name "
        "(award.html.j2, _macros.md.j2, labels.yaml...).",
        show_default=False,
        file_okay=False,
    ),
]


EXTENSIONS = {
    ".md": ReportFormat.MD,
    ".markdown": ReportFormat.MD,
    ".html": ReportFormat.HTML,
    ".htm": ReportFormat.HTML,
    ".pdf": ReportFormat.PDF,
}


def _require_binary_stdout(chosen: ReportFormat) -> None:
    """A binary format goes to stdout only when stdout is not a terminal."""
    if FORMATS[chosen].binary and streams.stdout_is_terminal():
        raise UsageError(
            f"--format {chosen.value} is binary and stdout is a terminal; give --output "
            f"FILE.{chosen.value}, or redirect stdout to a file"
        )


def _emit(
    build: Callable[[], ReportContext],
    fmt: ReportFormat | None,
    output: str | None,
    force: bool,
    lang: Lang,
    templates: Path | None,
) -> None:
    from inovasi_cli.core.writes import check_target, write_atomic
    from inovasi_cli.reports.render import render_document

    target = output_target(output)
    chosen = format_for(fmt, target, EXTENSIONS, ReportFormat.MD)
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: no such folder")
    # Fail before the work, not after: write_atomic checks again when it writes.
    if target is None or target.path is None:
        streams.require_stdout()
        _require_binary_stdout(chosen)
    else:
        check_target(target.path, force=force)
    rendered = render_document(build(), fmt=chosen, lang=lang, user_dir=templates)
    if target is None or target.path is None:
        if FORMATS[chosen].binary:
            streams.write_out_bytes(rendered.data)
        else:
            streams.write_out(rendered.data.decode("utf-8"))
        return
    write_atomic(target.path, rendered.data, force=force)
    pages = "" if rendered.pages is None else f", {rendered.pages:,} pages"
    err(f"wrote {target.path} ({chosen.value}, {len(rendered.data):,} bytes{pages})")


@report_app.command("award", cls=Command)
@guard
def award(
    ctx: typer.Context,
    region: Annotated[
        str, typer.Option("--region", help="The region (id, name or alias), e.g. banggai.")
    ],
    award_key: Annotated[
        str,
        typer.Option(
            "--award", help="The award and year, as 'list --award' takes it: iga-2019, 'IGA 2019'."
        ),
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.ID,
    templates: TemplatesOption = None,
) -> None:
    """The innovations a region entered in an award: introduction, counts by sector and
    kind of unit, one profile per innovation, sources."""
    from inovasi_cli.query.resolve import labelled, resolve_award_entry, resolve_region
    from inovasi_cli.reports.award import build_award

    collection = load(ctx).collection
    with labelled("--region"):
        region_id = resolve_region(collection, region)
    with labelled("--award"):
        award_id, year = resolve_award_entry(collection, award_key)
    _emit(
        lambda: build_award(collection, region_id, award_id, year or 0, lang),
        fmt,
        output,
        force,
        lang,
        templates,
    )


@report_app.command("visits", cls=Command)
@guard
def visits(
    ctx: typer.Context,
    host: Annotated[
        str | None,
        typer.Option("--host", help="Visits received by this region.", show_default=False),
    ] = None,
    visitor: Annotated[
        str | None,
        typer.Option("--visitor", help="Visits made by this region.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.ID,
    templates: TemplatesOption = None,
) -> None:
    """Study visits to (--host) or by (--visitor) a region: who came, when, led by whom,
    how many, what they studied, and what was replicated where (with a diagram)."""
    from inovasi_cli.query.resolve import labelled, resolve_region
    from inovasi_cli.reports.visits import build_visits

    if (host is None) == (visitor is None):
        raise UsageError("give exactly one of --host REGION or --visitor REGION")
    collection = load(ctx).collection
    with labelled("--host" if host is not None else "--visitor"):
        region_id = resolve_region(collection, host if host is not None else visitor or "")
    _emit(
        lambda: build_visits(collection, region_id, received=host is not None, lang=lang),
        fmt,
        output,
        force,
        lang,
        templates,
    )


@report_app.command("region", cls=Command)
@guard
def region(
    ctx: typer.Context,
    region_id: Annotated[
        str, typer.Argument(metavar="REGION", help="The region (id, name or alias).")
    ],
    model_id: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            metavar="MODEL",
            help="Scoring model for the score section (data/scoring/<id>.yaml), e.g. "
            "iid-2023. Default: the newest shipped model; no score section when the "
            "collection has no scoring models.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.ID,
    templates: TemplatesOption = None,
) -> None:
    """A region profile: innovations by sector, visits received and made, replications,
    IGA history, and its Indeks Inovasi Daerah under a scoring model (as `inovasi score
    --region R` computes it)."""
    from inovasi_cli.query.resolve import labelled, resolve_region
    from inovasi_cli.reports.region import build_region
    from inovasi_cli.scoring import compute as scoring
    from inovasi_cli.scoring.choose import choose_model

    collection = load(ctx).collection
    with labelled("REGION"):
        found = resolve_region(collection, region_id)
    score = None
    if model_id is not None or collection.scoring_models:
        with labelled("--model"):
            model, year = choose_model(collection, model_id, None)
        own = collection.innovations_by_region.get(found, [])
        score = scoring.score_region(model, found, own, collection, year)
    _emit(
        lambda: build_region(collection, found, lang, score),
        fmt,
        output,
        force,
        lang,
        templates,
    )


@report_app.command("yearly", cls=Command)
@guard
def yearly(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="The year, e.g. 2019.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.ID,
    templates: TemplatesOption = None,
) -> None:
    """One year across all regions: innovations dated to it (competitions, trials,
    implementation), the visits of that year, counts by region and sector."""
    from inovasi_cli.query.resolve import labelled
    from inovasi_cli.reports.yearly import build_yearly

    collection = load(ctx).collection

    def build() -> ReportContext:
        with labelled(f"--year {year}"):
            return build_yearly(collection, year, lang)

    _emit(
        build,
        fmt,
        output,
        force,
        lang,
        templates,
    )
