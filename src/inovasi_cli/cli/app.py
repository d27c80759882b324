"""The `inovasi` command: global options and the command registry."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli import __version__
from inovasi_cli.cli.common import EXIT_TOOL, err
from inovasi_cli.cli.validate import validate

app = typer.Typer(
    name="inovasi",
    help="Keep, check, score and publish a collection of regional innovations "
    "(inovasi daerah) kept as YAML records.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"inovasi {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            help="Collection root (the folder holding data/). Default: "
            "$INOVASI_ROOT, else the nearest folder upwards with data/, else the "
            "bundled collection.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"root_option": root}


app.command("validate")(validate)
# Commands register below, one block per module (keep imports local to the module).
# -- query commands (list, show, visits, regions, stats, export) --
from inovasi_cli.cli import query as query_commands  # noqa: E402

app.command("list")(query_commands.list_innovations)
app.command("show")(query_commands.show)
app.command("visits")(query_commands.visits)
app.command("regions")(query_commands.regions)
app.command("stats")(query_commands.stats)
from inovasi_cli.cli.export import export  # noqa: E402

app.command("export")(export)
# -- score --
from inovasi_cli.cli.score import score  # noqa: E402

app.command("score")(score)
# -- report --
from inovasi_cli.cli.report import report_app  # noqa: E402

app.add_typer(report_app, name="report")
# -- contributor workflow (new, review) --
from inovasi_cli.cli.new import new_app  # noqa: E402
from inovasi_cli.cli.review import review  # noqa: E402

app.add_typer(new_app, name="new")
app.command("review")(review)


def main() -> None:
    """Console entry point: the last line of defence against a traceback."""
    try:
        app()
    except Exception as exc:  # a bug in inovasi, not in the data
        if os.environ.get("INOVASI_DEBUG"):
            raise
        err(f"inovasi: internal error: {type(exc).__name__}: {exc}")
        err("This is a bug in inovasi; rerun with INOVASI_DEBUG=1 for details and report it.")
        sys.exit(EXIT_TOOL)
