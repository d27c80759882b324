"""The `inovasi` command: global options and the command registry."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from inovasi_cli import __version__
from inovasi_cli.cli.common import EXIT_TOOL, err
from inovasi_cli.cli.usage import Command, Group, own_voice

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
            metavar="DIR",
            help="Collection root (the folder holding data/). Default: "
            "$INOVASI_ROOT, else the nearest folder upwards with data/, else the "
            "bundled collection (for validate, only with --bundled).",
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


# Every command, in the order `inovasi --help` lists them: where it lives and the first
# sentence of its help. Modules are imported only when their command runs, so start-up
# (and `inovasi --help`) pays for Typer alone; tests/test_app.py keeps these lines equal
# to the commands' own help.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "inovasi_cli.cli.validate:validate",
        "Check every record: YAML syntax, schema, identity, references, dates, duplicates.",
    ),
    "list": (
        "inovasi_cli.cli.query:list_innovations",
        "List innovations, filtered, searched and sorted.",
    ),
    "show": (
        "inovasi_cli.cli.query:show",
        "Show one innovation's whole profile: sources, replications and the visits "
        "that studied it.",
    ),
    "visits": (
        "inovasi_cli.cli.query:visits",
        "List study visits (studi banding, kaji tiru, benchmarking), in id order.",
    ),
    "regions": (
        "inovasi_cli.cli.query:regions",
        "List regions with their counts: innovations, visits received and visits made.",
    ),
    "stats": (
        "inovasi_cli.cli.query:stats",
        "Count innovations by sector, region, unit type, stage, form, year or award, "
        "with shares (and a bar per row in the table).",
    ),
    "export": (
        "inovasi_cli.cli.export:export",
        "Export the whole collection as tables whose keys join: sources, regions, "
        "region_facts, fact_people, fact_amounts, innovations, innovation_tags, "
        "innovation_outcomes, innovation_amounts, competitions, visits, visitors, "
        "visit_innovations, replications, citations, classifications.",
    ),
    "score": (
        "inovasi_cli.cli.score:score",
        "Score innovations and regions with a transparent Indeks Inovasi Daerah model.",
    ),
    "evidence": (
        "inovasi_cli.cli.evidence:evidence_app",
        "The yearly IID self-assessment as a worksheet: write one to fill in a "
        "spreadsheet, and read the levels back into the records.",
    ),
    "report": (
        "inovasi_cli.cli.report:report_app",
        "Render a report (Markdown, HTML or PDF) from the collection: an award entry, study "
        "visits, a region profile or a year.",
    ),
    "site": (
        "inovasi_cli.cli.site:site",
        "Build the published catalogue: a static site with a page per innovation, region, "
        "visit, scoring model and source, facets to browse by, the four reports for every "
        "region and year, offline search, a replication network, a JSON API and an Atom feed.",
    ),
    "new": (
        "inovasi_cli.cli.new:new_app",
        "Start a new record: write a commented skeleton at the right path (never over an "
        "existing file) and print that path.",
    ),
    "import": (
        "inovasi_cli.cli.imports:import_app",
        "Add records from a worksheet (.csv or .xlsx): innovations as the ministry's "
        "profile form lists them, or the published IID results.",
    ),
    "review": (
        "inovasi_cli.cli.review:review",
        "Summarise and check what a branch changes under data/, for its pull request.",
    ),
}


def load_command(name: str) -> typer.Typer:
    """The Typer app of one command (a sub-app such as ``report``, or a one-command app)."""
    module_name, _, attribute = COMMANDS[name][0].partition(":")
    target = getattr(importlib.import_module(module_name), attribute)
    if isinstance(target, typer.Typer):
        return target
    # Completion is installed once, by the top level: not on every command.
    single = typer.Typer(
        rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False
    )
    single.command(name, cls=Command)(target)
    return single


class LazyGroup(Group):
    """Commands from COMMANDS, each built on first use. Usage errors in parsing the
    top-level options too come out in the tool's words (see :mod:`inovasi_cli.cli.usage`)."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with own_voice():
            return super().make_context(*args, **kwargs)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, name: str) -> Any:  # type: ignore[override]
        if name not in COMMANDS:
            return None
        command = typer.main.get_command(load_command(name))
        command.name = name
        return command

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, summary) in COMMANDS.items()])


app.info.cls = LazyGroup


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
