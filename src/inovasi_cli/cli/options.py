"""Options shared by the read commands: the innovation filters, --format, --limit.

Use them as parameter annotations, then build the filter and print the output:

    def command(ctx, region: RegionOption = None, ..., format: FormatOption = None):
        collection = load(ctx).collection
        criteria = innovation_filter(collection, region=region, ...)
        emit(listing, format)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Annotated

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err
from inovasi_cli.core.errors import UsageError
from inovasi_cli.output import tables
from inovasi_cli.output.formats import (
    FORMATTERS,
    Listing,
    OutputFormat,
    RecordProfile,
    View,
    default_format,
    profile_table,
    profile_text,
)
from inovasi_cli.query.filters import InnovationFilter, build_filter
from inovasi_cli.query.resolve import labelled
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
WideOption = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="table and text: every column, at full width, nothing wrapped or left out "
        "(lines may be wider than the terminal).",
        rich_help_panel=OUTPUT,
    ),
]
ColumnsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--columns",
        metavar="NAME,...",
        help="table and text: the columns to show, in this order, by header "
        "(e.g. id,name; a header of two words with a hyphen: visits-received).",
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


def terminal_width() -> int:
    """The terminal's width in columns: $COLUMNS, else the terminal's own, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


def view_for(used: OutputFormat, *, wide: bool = False, columns: list[str] | None = None) -> View:
    """How table and text are laid out: a table always fits the terminal (or $COLUMNS);
    text only when it goes to a terminal, so piped text stays one row a line."""
    chosen = None
    if columns is not None:
        if used not in _LAID_OUT:
            raise UsageError(
                f"--columns: chooses the columns of table and text output, not of {used}"
            )
        chosen = tuple(name for value in columns for name in value.split(",") if name.strip())
    fits = used is OutputFormat.TABLE or stdout_is_terminal()
    return View(width=terminal_width() if fits else None, wide=wide, columns=chosen)


_LAID_OUT = {
    OutputFormat.TABLE: (tables.TABLE_FRAME, tables.render_table),
    OutputFormat.TEXT: (tables.TEXT_FRAME, tables.render_text),
}


def emit(
    listing: Listing,
    fmt: OutputFormat | None,
    *,
    profile: RecordProfile | None = None,
    wide: bool = False,
    columns: list[str] | None = None,
) -> OutputFormat:
    """Print ``listing`` to stdout in the chosen format; return the format used.

    Table and text fit the terminal (see :func:`view_for`); a note on stderr names the
    columns left out. With a ``profile`` (one record), table and text show it as a
    readable profile.
    """
    streams.require_stdout()  # closed: say so before rendering anything
    used = chosen_format(fmt)
    renderers: dict[OutputFormat, Callable[[RecordProfile], str]] = {
        OutputFormat.TABLE: profile_table,
        OutputFormat.TEXT: profile_text,
    }
    if profile is not None and used in renderers:
        echo_data(renderers[used](profile))
        return used
    view = view_for(used, wide=wide, columns=columns)
    if used not in _LAID_OUT:
        echo_data(FORMATTERS[used](listing))
        return used
    frame, render = _LAID_OUT[used]
    listing = listing.viewed(view)
    with labelled("--columns"):
        layout = tables.fit(listing, frame, table=used is OutputFormat.TABLE)
    if layout.dropped:
        _note(
            f"left out to fit {layout.width} columns: {', '.join(layout.dropped)}; "
            "--wide shows every column, --columns chooses them"
        )
    echo_data(render(listing, layout))
    return used


def echo_prose(text: str, used: OutputFormat, *, wide: bool = False) -> None:
    """Print prose that goes with a table (a breakdown, an explanation), wrapped at
    spaces to the width table and text fit (see :func:`view_for`); ``wide``: as it is."""
    echo_data(tables.wrap_prose(text, None if wide else view_for(used).width))


def _note(message: str) -> None:
    err(f"inovasi: note: {message}")
