"""inovasi evidence template|import: the yearly IID self-assessment as a worksheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import EXIT_FINDINGS, err, guard, load
from inovasi_cli.cli.new_files import replace_batch, shown_path, writable_root
from inovasi_cli.cli.usage import Command, Group
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.findings import count_errors, sort_findings
from inovasi_cli.validation.reporters import REPORTERS, FindingsFormat

evidence_app = typer.Typer(
    name="evidence",
    help="The yearly IID self-assessment as a worksheet: write one to fill in a "
    "spreadsheet, and read the levels back into the records.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    cls=Group,
)


@guard
def template(
    ctx: typer.Context,
    region: Annotated[
        str,
        typer.Option("--region", "-r", help="The region: id or name.", show_default=False),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="The workbook to write (.xlsx); never replaced without --force.",
            show_default=False,
        ),
    ],
    model: Annotated[
        str | None,
        typer.Option(
            "--model", "-m", help="Scoring model (default: the newest).", show_default=False
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Assessment year of the region's indicators (default: the model's newest).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing regular file (nothing else, ever)."),
    ] = False,
) -> None:
    """Write the evidence worksheet of a region: one row per region indicator (for the
    year) and per innovation x innovation indicator, with the indicator, its weight, the
    levels and what each means, the current level (a drop-down) and its document, and a
    column for the supporting document's title.

    Fill it in a spreadsheet, then: inovasi evidence import FILE.xlsx
    """
    from inovasi_cli.cli.targets import required_target
    from inovasi_cli.contribute.evidence_sheet import lines, template_bytes
    from inovasi_cli.core.writes import check_target, write_atomic
    from inovasi_cli.query.resolve import labelled, resolve_region
    from inovasi_cli.scoring.choose import choose_model

    target = required_target(output).path
    if target is None:
        raise UsageError("--output - (stdout): the worksheet is a workbook; give a .xlsx file")
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"--output {target}: the worksheet is an .xlsx workbook")
    check_target(target, force=force)  # before the work
    collection = load(ctx).collection
    with labelled("--region"):
        region_id = resolve_region(collection, region)
    with labelled("--model" if model else "--year"):
        chosen, assessed = choose_model(collection, model, year)
    rows = list(lines(collection, region_id, chosen, assessed))
    write_atomic(target, template_bytes(collection, region_id, chosen, assessed), force=force)
    innovations = len(collection.innovations_by_region.get(region_id, ()))
    err(
        f"wrote {target}: {len(rows)} row(s) for {region_id} under {chosen.id} ({assessed}): "
        f"its region indicators and {innovations} innovation(s)"
    )


@guard
def import_evidence(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="The filled-in worksheet (.xlsx).", show_default=False),
    ],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="The sheet to read (default: Bukti).", show_default=False),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and list the files it would change.")
    ] = False,
    format: Annotated[
        FindingsFormat,
        typer.Option("--format", "-f", help="How findings are shown: text, json or github."),
    ] = FindingsFormat.TEXT,
) -> None:
    """Read a filled-in evidence worksheet into the records' evidence.

    Each row's level, with its document and note, becomes the record's evidence for that
    indicator (a level left empty removes one recorded). Only the evidence key of each
    file changes: comments and layout stay. All or nothing: a bad level anywhere writes
    nothing, and each finding names its cell. Then inovasi score counts them.
    """
    from inovasi_cli.contribute import evidence_import as importer
    from inovasi_cli.contribute.evidence_sheet import SHEET
    from inovasi_cli.records.loader import load_bytes
    from inovasi_cli.records.sheets import read_sheet
    from inovasi_cli.validation.candidates import check_candidates

    streams.require_stdout()  # before the work: what is written is named there
    root, collection, _ = writable_root(ctx)
    table = read_sheet(file, sheet=sheet, prefer=SHEET)

    def read(display: str) -> str:
        return (root.path / display).read_text(encoding="utf-8")

    planned = importer.plan(table, collection, read)
    findings = list(planned.findings)
    if planned.texts:
        checked = check_candidates(root.path, planned.texts)
        for display, text in planned.texts.items():
            mine = [f for f in checked.findings if f.path == display]
            data = load_bytes(text.encode("utf-8"), display).data
            findings += importer.pin(planned, display, mine, data)
    ordered = sort_findings(findings)
    if ordered or format is not FindingsFormat.TEXT:
        streams.write_out(REPORTERS[format](ordered, len(planned.texts)))
    if count_errors(ordered):
        err(f"inovasi: {count_errors(ordered)} error(s): nothing written; fix the worksheet")
        raise typer.Exit(EXIT_FINDINGS)
    counts = planned.counts
    summary = ", ".join(
        f"{counts[k]} {k}" for k in ("added", "changed", "removed", "unchanged") if counts[k]
    )
    if dry_run:
        for display in planned.texts:
            streams.write_out(display + "\n")
        err(f"dry run: {summary or 'no levels'}; {len(planned.texts)} file(s) would change")
        return
    for path in replace_batch(root, planned.originals, planned.texts):
        if format is FindingsFormat.TEXT:
            streams.write_out(shown_path(path) + "\n")
    err(f"evidence: {summary or 'no levels'}; {len(planned.texts)} file(s) changed")


evidence_app.command("template", cls=Command)(template)
evidence_app.command("import", cls=Command)(import_evidence)
