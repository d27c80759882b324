"""Output formats: one enum, one registry of formatters, each returning a ``str``.

Every read command builds a :class:`Listing` (the JSON-shaped records plus flat rows and
the columns to show) and hands it to ``FORMATTERS[format]``. Record text is data in every
format: escaped for terminals (table, text), never read as rich markup (table), made inert
for spreadsheets (csv) and free of raw control characters (json, jsonl, yaml).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from inovasi_cli.core.json_text import json_text
from inovasi_cli.core.text import terminal_text

# Re-exported: the intermediate type lives in .listing, the layout in .tables.
from inovasi_cli.output.listing import Column as Column
from inovasi_cli.output.listing import LazyRows as LazyRows
from inovasi_cli.output.listing import Listing as Listing
from inovasi_cli.output.listing import View as View
from inovasi_cli.output.listing import cell
from inovasi_cli.output.tables import (
    TABLE_FRAME,
    TEXT_FRAME,
    console,
    fit,
    render_table,
    render_text,
)


class OutputFormat(StrEnum):
    """``--format`` values of the read commands."""

    TABLE = "table"  # rich table, for a terminal
    TEXT = "text"  # plain aligned columns: no box drawing, no colour
    JSON = "json"  # one JSON document (a list of records)
    JSONL = "jsonl"  # one JSON record per line
    CSV = "csv"  # flat rows, spreadsheet-safe
    YAML = "yaml"  # the records as YAML
    IDS = "ids"  # one id per line


def default_format(chosen: OutputFormat | None, *, terminal: bool) -> OutputFormat:
    """``table`` on a terminal, ``text`` otherwise, unless a format was chosen."""
    if chosen is not None:
        return chosen
    return OutputFormat.TABLE if terminal else OutputFormat.TEXT


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A csv cell that no spreadsheet will run: text starting with a formula character
    gets a leading apostrophe; control characters are shown as escapes. Numbers stay."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = cell(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return terminal_text(text, newlines=True)


# -- formatters ------------------------------------------------------------------------------


def format_json(listing: Listing) -> str:
    return json_text(list(listing.records), indent=2) + "\n"


def format_jsonl(listing: Listing) -> str:
    return "".join(json_text(r) + "\n" for r in listing.records)


def format_yaml(listing: Listing) -> str:
    import yaml

    if not listing.records:
        return "[]\n"
    return yaml.safe_dump(
        [dict(r) for r in listing.records],
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def format_record(record: Mapping[str, Any], fmt: OutputFormat) -> str:
    """One record as a JSON object or a YAML mapping (``show``), not a list of one."""
    if fmt is OutputFormat.YAML:
        import yaml

        return yaml.safe_dump(dict(record), allow_unicode=True, sort_keys=False, width=100)
    return json_text(record, indent=2) + "\n"


def format_ids(listing: Listing) -> str:
    return "".join(terminal_text(str(r[listing.id_key])) + "\n" for r in listing.records)


def format_csv(listing: Listing) -> str:
    keys = list(listing.csv_keys or [c.key for c in listing.columns if not c.table_only])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(keys)
    for row in listing.flat_rows:
        writer.writerow([spreadsheet_cell(row.get(k)) for k in keys])
    return buffer.getvalue()


def format_text(listing: Listing) -> str:
    """Plain aligned columns (see :func:`inovasi_cli.output.tables.render_text`), laid
    out for the listing's view."""
    return render_text(listing, fit(listing, TEXT_FRAME, table=False))


def format_table(listing: Listing) -> str:
    """A rich table (see :func:`inovasi_cli.output.tables.render_table`), laid out for
    the listing's view."""
    return render_table(listing, fit(listing, TABLE_FRAME, table=True))


Formatter = Callable[[Listing], str]

FORMATTERS: dict[OutputFormat, Formatter] = {
    OutputFormat.TABLE: format_table,
    OutputFormat.TEXT: format_text,
    OutputFormat.JSON: format_json,
    OutputFormat.JSONL: format_jsonl,
    OutputFormat.CSV: format_csv,
    OutputFormat.YAML: format_yaml,
    OutputFormat.IDS: format_ids,
}


def render(listing: Listing, fmt: OutputFormat) -> str:
    return FORMATTERS[fmt](listing)


# -- one record, readably (inovasi show) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A titled block of ``(label, value)`` items; a list value becomes bullet lines."""

    heading: str
    items: Sequence[tuple[str, str | Sequence[str]]]


@dataclass(frozen=True, slots=True)
class RecordProfile:
    """One record for reading (``inovasi show``): a title, a subtitle and its sections.
    (The reports' view of an innovation is ``reports.common.InnovationView``.)"""

    title: str
    subtitle: str
    sections: Sequence[Section]


def _present(
    items: Sequence[tuple[str, str | Sequence[str]]],
) -> list[tuple[str, list[str], bool]]:
    """Non-empty items as (label, escaped values, is a list)."""
    out = []
    for label, value in items:
        values = [value] if isinstance(value, str) else list(value)
        safe = [terminal_text(v, newlines=True).replace("\t", " ") for v in values if v]
        if safe:
            out.append((label, safe, not isinstance(value, str)))
    return out


def profile_text(profile: RecordProfile) -> str:
    """The profile as plain text: a heading per section, ``label: value`` lines, bullets."""
    import textwrap

    lines = [terminal_text(profile.title), terminal_text(profile.subtitle)]
    for section in profile.sections:
        items = _present(section.items)
        if not items:
            continue
        lines += ["", terminal_text(section.heading)]
        for label, safe, is_list in items:
            if not is_list and "\n" not in safe[0]:
                lines += textwrap.wrap(
                    safe[0],
                    width=96,
                    initial_indent=f"  {label}: ",
                    subsequent_indent="      ",
                    break_on_hyphens=False,
                    break_long_words=False,
                ) or [f"  {label}:"]
                continue
            lines.append(f"  {label}:")
            for value in safe:
                for k, para in enumerate(value.splitlines() or [""]):
                    lines += textwrap.wrap(
                        para,
                        width=96,
                        initial_indent="    - " if k == 0 else "      ",
                        subsequent_indent="      ",
                        break_on_hyphens=False,
                        break_long_words=False,
                    ) or [""]
    return "\n".join(lines) + "\n"


def profile_table(profile: RecordProfile) -> str:
    """The profile for a terminal: a rich grid per section, text never read as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console_ = console(buffer)
    console_.print(Text(terminal_text(profile.title), style="bold"))
    console_.print(Text(terminal_text(profile.subtitle), style="dim"))
    for section in profile.sections:
        items = _present(section.items)
        if not items:
            continue
        grid = Table(
            title=Text(section.heading, style="bold"),
            title_justify="left",
            box=box.SIMPLE,
            show_header=False,
            expand=False,
        )
        grid.add_column(style="cyan", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, safe, is_list in items:
            text = "\n".join(f"• {v}" for v in safe) if is_list else safe[0]
            grid.add_row(Text(label), Text(text))
        console_.print(grid)
    return buffer.getvalue()
