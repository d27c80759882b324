"""inovasi export: the whole collection as tidy tables (csv, json, jsonl, SQLite, xlsx)."""

from __future__ import annotations

from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err, guard, load
from inovasi_cli.cli.options import echo_data
from inovasi_cli.cli.targets import format_for, required_target
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.writes import check_target
from inovasi_cli.export import writers as exporter
from inovasi_cli.export.tables import tables

ExportFormat = exporter.ExportFormat
EXTENSIONS = {
    ".csv": ExportFormat.CSV,
    ".json": ExportFormat.JSON,
    ".jsonl": ExportFormat.JSONL,
    ".ndjson": ExportFormat.JSONL,
    ".db": ExportFormat.SQLITE,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
    ".xlsx": ExportFormat.XLSX,
}
TEXT_FORMATS = {ExportFormat.JSON, ExportFormat.JSONL}


@guard
def export(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Where to write: a file (json, jsonl, sqlite, xlsx; '-' for stdout with "
            "json and jsonl) or a new folder (csv).",
            show_default=False,
        ),
    ],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv: a folder with one <table>.csv per table and a datapackage.json; "
            "json: one object of tables; jsonl: one row per line with its table; "
            "sqlite: one database with primary and foreign keys; xlsx: one workbook, a "
            "sheet per table (frozen header, typed cells). Default: from the --output "
            "extension (.json, .jsonl, .db, .sqlite, .xlsx, .csv); json for -.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing output: a regular file, or a csv folder only if it "
            "holds nothing but .csv and .json files. Nothing else is ever replaced.",
        ),
    ] = False,
) -> None:
    """Export the whole collection as tables whose keys join: sources, regions,
    region_facts, fact_people, fact_amounts, innovations, innovation_tags,
    innovation_outcomes, innovation_amounts, competitions, visits, visitors,
    visit_innovations, replications, citations, classifications.

    Writes atomically and never overwrites without --force. Example:
    inovasi export --format sqlite --output inovasi.db
    """
    target = required_target(output)
    default = ExportFormat.JSON if target.path is None else None
    chosen = format_for(format, target, EXTENSIONS, default, folders=frozenset({ExportFormat.CSV}))
    if target.path is None:
        if chosen not in TEXT_FORMATS:
            raise UsageError(f"--output - (stdout) works with json and jsonl, not {chosen}")
        streams.require_stdout()  # before the work
        echo_data(exporter.render_text(tables(load(ctx).collection), chosen))
        return
    check_target(target.path, force=force, folder=chosen is ExportFormat.CSV)  # before the work
    written = exporter.write(load(ctx).collection, chosen, target.path, force=force)
    counts = ", ".join(f"{name} {n}" for name, n in exporter.iter_counts(written))
    err(f"wrote the {chosen} export to {target.path}: {counts}")
