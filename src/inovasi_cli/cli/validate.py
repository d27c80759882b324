"""inovasi validate."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    colour_wanted,
    err,
    guard,
    note_cores,
    progress_bar,
    root_of,
)
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.findings import count_errors
from inovasi_cli.core.paths import DATA_DIR, CollectionRoot, display_path, under
from inovasi_cli.validation.reporters import REPORTERS, FindingsFormat
from inovasi_cli.validation.validate import validate_collection


@guard
def validate(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to report on (default: the whole collection). "
            "They are still checked against the whole collection.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        FindingsFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: one line per finding; json: a document; github: workflow annotations.",
        ),
    ] = FindingsFormat.TEXT,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse every file again instead of reusing results for unchanged files "
            "(the output is the same either way).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="JOBS",
            min=1,
            help="Worker processes for large collections (default: one per core, at most 8; "
            "never more than the cores).",
        ),
    ] = None,
    bundled: Annotated[
        bool,
        typer.Option(
            "--bundled",
            help="Check the collection bundled with inovasi. Without it, no collection "
            "found (no --root, no $INOVASI_ROOT, no data/ here or above) is a usage error.",
        ),
    ] = False,
) -> None:
    """Check every record: YAML syntax, schema, identity, references, dates, duplicates.

    Prints one line per finding (path:line:col: severity CODE field: message; hint) and
    exits 0 when clean, 1 when there are errors (or warnings with --strict), 2 on a usage
    error (including no collection found).
    """
    root = root_of(ctx, fallback=False, bundled=bundled)
    only = None if not files else [_named(root, path) for path in files]
    if jobs is not None:
        note_cores(jobs)
    with progress_bar("Validating") as progress:
        result = validate_collection(
            root.path, only=only, use_cache=not no_cache, workers=jobs, progress=progress
        )
    findings, checked = result.findings, result.files
    output = REPORTERS[format](findings, checked, colour=colour_wanted(sys.stdout))
    if output:
        streams.write_out(output, color=True)  # coloured only if colour_wanted
    errors = count_errors(findings)
    warnings = len(findings) - errors
    if findings:
        err(
            f"{errors} error(s), {warnings} warning(s) in "
            f"{len({f.path for f in findings})} of {checked} file(s)"
        )
    else:
        err(f"{checked} file(s) checked: no problems found")
    failed = errors or (strict and warnings)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _named(root: CollectionRoot, path: Path) -> str:
    """A path given on the command line, as findings name it; it must exist (a link, even
    a dangling one, does) and lie inside ``data/``."""
    if not os.path.lexists(path):
        raise UsageError(f"{path}: no such file or folder")
    display = display_path(root.path, path)
    if display is None or not under(display, frozenset({DATA_DIR})):
        raise UsageError(f"{path}: not inside the collection's data folder ({root.data})")
    return display
