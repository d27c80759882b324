"""Options shared by the read commands: the innovation filters, --format, --limit.

Use them as parameter annotations, then build the filter and print the output:

    def command(ctx, region: RegionOption = None, ..., format: FormatOption = None):
        collection = load(ctx).collection
        criteria = innovation_filter(collection, region=region, ...)
        emit(listing, format)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.output.formats import (
    FORMATTERS,
    Listing,
    OutputFormat,
    RecordProfile,
    default_format,
    profile_table,
    profile_text,
)
from inovasi_cli.query.filters import InnovationFilter, build_filter
from inovasi_cli.records.collection import Collection

FILTERS = "Filters (combine; repeat an option or give a,b for any of several values)"
OUTPUT = "Output"

RegionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region",
        "-r",
        metavar="REGION",
        help="Region: id, name or alias (banggai, 'Kabupaten Banggai', Polman).",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
SectorOption = Annotated[
    list[str] | None,
    typer.Option(
        "--sector",
        "-s",
        metavar="SECTOR",
        help="Urusan (main sector): kesehatan, pendidikan, or an alias such as pupr, kominfo.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
AwardOption = Annotated[
    list[str] | None,
    typer.Option(
        "--award",
        "-a",
        metavar="AWARD",
        help="Competition entered: iga (any year) or iga-2019.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
StageOption = Annotated[
    list[str] | None,
    typer.Option(
        "--stage",
        metavar="STAGE",
        help="Tahapan: inisiatif, uji-coba, penerapan.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
FormOption = Annotated[
    list[str] | None,
    typer.Option(
        "--form",
        metavar="FORM",
        help="Bentuk: tata-kelola-pemerintahan, pelayanan-publik, lainnya.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
UnitTypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--unit-type",
        metavar="UNIT_TYPE",
        help="Implementing unit type: perangkat-daerah, kecamatan, kelurahan, puskesmas, ...",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
DigitalOption = Annotated[
    bool | None,
    typer.Option(
        "--digital/--non-digital",
        help="Jenis: only digital, or only non-digital innovations.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
YearOption = Annotated[
    list[int] | None,
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        help="A year the innovation is dated to (competition entry, trial or start).",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
TagOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="A tag (or a unique prefix of one).",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
QueryOption = Annotated[
    str | None,
    typer.Option(
        "--query",
        "-q",
        metavar="WORDS",
        help="Words to find in name, acronym, summary, unit and tags "
        "(all words; case and accents ignored).",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, text otherwise.",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        metavar="N",
        min=0,
        help="Show at most this many.",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]


def innovation_filter(
    collection: Collection,
    *,
    region: list[str] | None = None,
    sector: list[str] | None = None,
    award: list[str] | None = None,
    stage: list[str] | None = None,
    form: list[str] | None = None,
    unit_type: list[str] | None = None,
    digital: bool | None = None,
    year: list[int] | None = None,
    tag: list[str] | None = None,
    query: str | None = None,
) -> InnovationFilter:
    """The :class:`~inovasi_cli.query.filters.InnovationFilter` the filter options describe
    (keyword names match the option parameters: ``region=region, ..., query=query``).

    Raises :class:`~inovasi_cli.core.errors.UsageError` (exit 2, with suggestions) for a value
    that names nothing; ``guard`` turns it into the message.
    """
    return build_filter(
        collection,
        regions=region,
        sectors=sector,
        awards=award,
        stages=stage,
        forms=form,
        unit_types=unit_type,
        digital=digital,
        years=year,
        tags=tag,
        query=query,
        labels=FILTER_LABELS,
    )


# The option each filter field comes from, to name it in a usage error.
FILTER_LABELS = {
    "regions": "--region",
    "sectors": "--sector",
    "awards": "--award",
    "stages": "--stage",
    "forms": "--form",
    "unit_types": "--unit-type",
    "years": "--year",
    "tags": "--tag",
}


def stdout_is_terminal() -> bool:
    return streams.stdout_is_terminal()


def chosen_format(fmt: OutputFormat | None) -> OutputFormat:
    """The format to use: the one asked for, else table on a terminal and text otherwise."""
    return default_format(fmt, terminal=stdout_is_terminal())


def echo_data(text: str) -> None:
    """Write data to stdout as it is (the formatters already made it safe and chose
    whether to colour); a write that fails is one line and exit 2."""
    streams.write_out(text, color=True)


def emit(
    listing: Listing,
    fmt: OutputFormat | None,
    *,
    profile: RecordProfile | None = None,
) -> OutputFormat:
    """Print ``listing`` to stdout in the chosen format; return the format used.

    With a ``profile`` (one record), table and text show it as a readable profile.
    """
    streams.require_stdout()  # closed: say so before rendering anything
    used = chosen_format(fmt)
    renderers: dict[OutputFormat, Callable[[RecordProfile], str]] = {
        OutputFormat.TABLE: profile_table,
        OutputFormat.TEXT: profile_text,
    }
    if profile is not None and used in renderers:
        echo_data(renderers[used](profile))
    else:
        echo_data(FORMATTERS[used](listing))
    return used
