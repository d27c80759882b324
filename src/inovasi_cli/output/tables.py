"""Tables that fit the terminal: which columns to show, how wide each is, and cells
wrapped at word boundaries, all measured in display cells (a wide character takes two,
a combining one none).

:func:`fit` is the one layout both ``table`` (rich) and ``text`` (plain) use: ids and
other whole values (slugs, dates, numbers) are never wrapped; text wraps at spaces, never
inside a word, so no column is narrower than its longest word; columns that do not fit
are left out, lowest priority first, and the :class:`Layout` names them for the caller's
note. Without a width (piped text) or with ``wide``, every column keeps its full width
and a row stays on one line.
"""

from __future__ import annotations

import difflib
import io
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.listing import Column, Listing, cell

BAR_MIN, BAR_MAX = 5, 30  # a bar's width: the space left, within these
FAIR = 24  # cells of wrapped text a column of lower priority may not squeeze
BAR = "█"


@dataclass(frozen=True, slots=True)
class Frame:
    """What a format puts around the cells: ``gap`` cells between two columns, ``edge``
    cells before the first and after the last."""

    gap: int
    edge: int

    def overhead(self, columns: int) -> int:
        return self.gap * max(columns - 1, 0) + 2 * self.edge if columns else 0


TEXT_FRAME = Frame(gap=2, edge=0)
TABLE_FRAME = Frame(gap=3, edge=1)  # rich's SIMPLE_HEAD: padding 1 each side, a divider


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns shown (in order) and their widths; ``dropped``: the labels of the
    columns left out to fit ``width``; ``fitted``: whether cells wrap to the widths
    (else each row is one line at full width)."""

    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    dropped: tuple[str, ...] = ()
    fitted: bool = False
    width: int | None = None


def cell_len(text: str) -> int:
    """Display cells ``text`` takes in a terminal."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only at spaces (a word longer
    than the width gets a line of its own, whole)."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for word in text.split():
        size = cell_len(word)
        if current and used + 1 + size > width:
            lines.append(" ".join(current))
            current, used = [], 0
        used += size + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines or [""]


def wrap_prose(text: str, width: int | None) -> str:
    """Lines of prose longer than ``width`` wrapped at spaces, each continuing two cells
    further in than its own indent (lines that fit, and any text without a width, stay
    as they are)."""
    if width is None:
        return text
    out = []
    for line in text.split("\n"):
        if cell_len(line) <= width:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        pieces = wrap_words(line.strip(), max(width - indent - 2, 1))
        for n, piece in enumerate(pieces):
            # A word longer than the room left moves in, never out of the terminal.
            shift = min(indent + (2 if n else 0), max(width - cell_len(piece), 0))
            out.append(" " * shift + piece)
    return "\n".join(out)


def chosen_columns(listing: Listing, *, table: bool) -> list[Column]:
    """The columns to show: the view's ``columns`` in their order, else the listing's own
    (``table_only`` ones only in the table). An unknown name is a :class:`UsageError`
    listing the valid ones."""
    available = [c for c in listing.columns if table or not c.table_only]
    wanted = listing.view.columns
    if wanted is None:
        return available
    by_label = {c.label: c for c in available}
    valid = ", ".join(by_label)
    if not wanted:
        raise UsageError(f"no column given; columns: {valid}")
    chosen: list[Column] = []
    for name in wanted:
        column = by_label.get(name.strip().lower())
        if column is None:
            close = difflib.get_close_matches(name.strip().lower(), list(by_label), n=1)
            guess = f"; did you mean '{close[0]}'?" if close else ";"
            raise UsageError(f"unknown column '{name}'{guess} columns: {valid}")
        if column not in chosen:
            chosen.append(column)
    return chosen


def cell_texts(listing: Listing, columns: Sequence[Column]) -> list[list[str]]:
    """Each row's cells as inert one-line text (bars are drawn later, at their width)."""
    return [
        ["" if c.bar else terminal_text(cell(row.get(c.key))) for c in columns]
        for row in listing.flat_rows
    ]


@dataclass(frozen=True, slots=True)
class _Measure:
    natural: int  # the widest cell (or header), on one line
    minimum: int  # the narrowest width that breaks no word and no whole value


def _measure(column: Column, texts: Sequence[str]) -> _Measure:
    header_words = [cell_len(w) for w in column.header.split()] or [0]
    if column.bar:
        return _Measure(BAR_MAX, BAR_MIN)
    longest = max((cell_len(t) for t in texts), default=0)
    natural = max(cell_len(column.header), longest)
    if column.wrap:
        words = max((cell_len(w) for t in texts for w in t.split()), default=0)
        return _Measure(natural, max(words, *header_words))
    return _Measure(natural, max(longest, *header_words))


def fit(listing: Listing, frame: Frame, *, table: bool) -> Layout:
    """The layout of ``listing`` for its view (see the module's docstring)."""
    columns = chosen_columns(listing, table=table)
    rows = cell_texts(listing, columns)
    measures = [_measure(c, [r[i] for r in rows]) for i, c in enumerate(columns)]
    width = listing.view.width
    if width is None or listing.view.wide:
        return Layout(tuple(columns), tuple(m.natural for m in measures), width=width)
    kept, claims = _keep(columns, measures, width, frame)
    shown = [columns[i] for i in kept]
    room = width - frame.overhead(len(kept))
    widths = _share([measures[i] for i in kept], shown, claims, room)
    dropped = tuple(c.label for i, c in enumerate(columns) if i not in kept)
    return Layout(tuple(shown), tuple(widths), dropped, fitted=True, width=width)


def _keep(
    columns: Sequence[Column], measures: Sequence[_Measure], width: int, frame: Frame
) -> tuple[list[int], list[int]]:
    """The columns that fit, taken by priority (ties in order; ``keep`` columns always),
    and the width each starts from. Wrapped text claims a fair width (``FAIR`` cells, or
    less when it is shorter), so a column of lower priority is shown only if it leaves
    the text before it readable; text that finds less room than that still shows (at no
    less than its longest word), taking all of it."""
    order = sorted(range(len(columns)), key=lambda i: (not columns[i].keep, columns[i].priority, i))
    claims: dict[int, int] = {}
    used = 0
    for i in order:
        column, measure = columns[i], measures[i]
        fair = min(measure.natural, max(measure.minimum, FAIR)) if column.wrap else measure.minimum
        room = width - used - (frame.gap if claims else 2 * frame.edge)
        # Text short of its fair width takes all the room there is: nothing after it
        # may squeeze it further.
        claim = min(fair, max(room, measure.minimum))
        if column.keep or claim <= room:
            claims[i] = claim
            used = width - room + claim
    kept = sorted(claims)
    return kept, [claims[i] for i in kept]


def _share(
    measures: Sequence[_Measure], columns: Sequence[Column], claims: Sequence[int], room: int
) -> list[int]:
    """Widths from the claims up: the space left goes to wrapped text first (so fewer
    lines wrap), then to whole columns' headers, then to bars."""
    widths = list(claims)
    extra = room - sum(widths)
    for wanted in (
        lambda c: c.wrap,
        lambda c: not c.wrap and not c.bar,
        lambda c: c.bar,
    ):
        growing = [i for i, c in enumerate(columns) if wanted(c)]
        while extra > 0:
            wants = {i: measures[i].natural - widths[i] for i in growing}
            wants = {i: w for i, w in wants.items() if w > 0}
            total = sum(wants.values())
            if not total:
                break
            if total <= extra:
                for i, want in wants.items():
                    widths[i] += want
                extra -= total
                break
            given = 0
            for i, want in wants.items():
                share = extra * want // total
                widths[i] += share
                given += share
            if not given:  # less room than columns wanting it: one cell to the hungriest
                widths[max(wants, key=lambda i: wants[i])] += 1
                given = 1
            extra -= given
    return widths


def _bar(row: Mapping[str, Any], column: Column, width: int) -> str:
    fraction = row.get(column.key)
    if not isinstance(fraction, int | float) or isinstance(fraction, bool):
        return ""
    return BAR * round(width * min(max(float(fraction), 0.0), 1.0))


# -- text ------------------------------------------------------------------------------------


def _pad(text: str, width: int, *, right: bool) -> str:
    space = " " * max(width - cell_len(text), 0)
    return space + text if right else text + space


def _lines(cells: Sequence[list[str]], layout: Layout, *, bottom: bool = False) -> list[str]:
    """One row of wrapped cells as lines; the last column is not padded."""
    height = max((len(c) for c in cells), default=1)
    out = []
    for n in range(height):
        parts = []
        for column, width, lines in zip(layout.columns, layout.widths, cells, strict=True):
            offset = height - len(lines) if bottom else 0
            text = lines[n - offset] if 0 <= n - offset < len(lines) else ""
            parts.append(_pad(text, width, right=column.numeric))
        out.append("  ".join(parts).rstrip())
    return out


def render_text(listing: Listing, layout: Layout) -> str:
    """Plain columns separated by two spaces: no box drawing, no colour. Fitted, text
    wraps at spaces within its column; else each row is one line (grep finds whole
    values)."""
    if not layout.columns:
        return ""
    texts = cell_texts(listing, layout.columns)

    pairs = list(zip(layout.columns, layout.widths, strict=True))
    headers = [wrap_words(c.header, w) if layout.fitted else [c.header] for c, w in pairs]
    lines = _lines(headers, layout, bottom=True)
    for row in texts:
        cells = [
            wrap_words(text, width) if layout.fitted and column.wrap else [text]
            for (column, width), text in zip(pairs, row, strict=True)
        ]
        lines += _lines(cells, layout)
    if listing.footer:
        footer = terminal_text(listing.footer)
        lines += wrap_words(footer, layout.width) if layout.fitted and layout.width else [footer]
    return "\n".join(lines) + "\n"


# -- table -----------------------------------------------------------------------------------


def console(buffer: io.StringIO, width: int | None = None) -> Any:
    """A rich console writing to ``buffer``: colour only when stdout is a terminal, record
    text never read as markup or emoji."""
    from rich.console import Console

    return Console(
        file=buffer,
        width=width or shutil.get_terminal_size((100, 24)).columns,
        force_terminal=sys.stdout.isatty(),
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def render_table(listing: Listing, layout: Layout) -> str:
    """A rich table. Every cell is a ``Text`` of escaped record text, never markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(terminal_text(listing.title)) if listing.title else None,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        caption=Text(terminal_text(listing.footer)) if listing.footer else None,
        caption_justify="left",
    )
    for column, width in zip(layout.columns, layout.widths, strict=True):
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            overflow="fold",  # never reached: no column is narrower than its longest word
            width=width,
            no_wrap=not layout.fitted,
        )
    for row, texts in zip(listing.flat_rows, cell_texts(listing, layout.columns), strict=True):
        table.add_row(
            *(
                Text(_bar(row, column, width) if column.bar else text)
                for column, width, text in zip(layout.columns, layout.widths, texts, strict=True)
            )
        )
    buffer = io.StringIO()
    needed = sum(layout.widths) + TABLE_FRAME.overhead(len(layout.widths))
    console(buffer, max(needed, layout.width or 0) or None).print(table)
    return buffer.getvalue()
