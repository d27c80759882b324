"""inovasi export: the whole collection as tidy tables (csv, json, jsonl, SQLite)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli.cli.common import err, guard, load
from inovasi_cli.cli.options import echo_data
from inovasi_cli.core.errors import UsageError
from inovasi_cli.export import writers as exporter
from inovasi_cli.export.tables import tables


@guard
def export(
    ctx: typer.Context,
    format: Annotated[
        exporter.ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv: a folder with one <table>.csv per table and a datapackage.json; "
            "json: one object of tables; jsonl: one row per line with its table; "
            "sqlite: one database with primary and foreign keys; xlsx: one workbook, a "
            "sheet per table (frozen header, typed cells).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where to write: a file (json, jsonl, sqlite, xlsx; '-' for stdout with "
            "json and jsonl) or a new folder (csv).",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing output (a csv folder only if it holds nothing "
            "but .csv and .json files).",
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
    collection = load(ctx).collection
    if str(output) == "-":
        if format not in {exporter.ExportFormat.JSON, exporter.ExportFormat.JSONL}:
            raise UsageError(f"--output - (stdout) works with json and jsonl, not {format}")
        echo_data(exporter.render_text(tables(collection), format))
        return
    written = exporter.write(collection, format, output, force=force)
    counts = ", ".join(f"{name} {n}" for name, n in exporter.iter_counts(written))
    err(f"wrote the {format} export to {output}: {counts}")
