"""inovasi review."""

from __future__ import annotations

from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import EXIT_FINDINGS, EXIT_OK, err, guard, root_of
from inovasi_cli.contribute.review import review as run_review
from inovasi_cli.contribute.review_report import REVIEW_FORMATS, ReviewFormat


@guard
def review(
    ctx: typer.Context,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            "-b",
            help="Branch or commit to compare with (its merge-base with HEAD). "
            "Default: origin/main if it exists, else main.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ReviewFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown: a summary to paste into the pull request; github: workflow "
            "annotations; json: a document.",
        ),
    ] = ReviewFormat.MARKDOWN,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file of both commits from git and check every record, "
            "instead of reusing what the validation cache knows (the output is the same "
            "either way).",
        ),
    ] = False,
) -> None:
    """Summarise and check what a branch changes under data/, for its pull request.

    Prints a table of the added, modified, removed and renamed records (between the
    merge-base of --base and HEAD), then the findings the change is answerable for.

    Each changed record is checked in the context of the whole collection at HEAD, so a
    finding in an unchanged file that the change caused (a visit naming a removed region)
    is reported too. Only committed changes are reviewed. Exits 0 when there are no
    errors, 1 when there are, 2 when the base is missing or this is not a git repository.
    """
    root = root_of(ctx)
    result = run_review(root.path, base, use_cache=not no_cache)
    output = REVIEW_FORMATS[format](result)
    if output:
        streams.write_out(output)
    if result.uncommitted:
        err("inovasi: note: data/ has uncommitted changes; they are not part of this review")
    err(
        f"{len(result.changes)} changed file(s) under data/ since {result.base} "
        f"({result.merge_base[:10]}); {result.errors} error(s), {result.warnings} warning(s)"
    )
    raise typer.Exit(EXIT_FINDINGS if result.errors else EXIT_OK)
