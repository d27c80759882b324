"""The one intermediate type of the read commands: a :class:`Listing` of records, its flat
rows and the :class:`Column` s that table and text show, and the :class:`View` they are
laid out for (the terminal's width, ``--wide``, ``--columns``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the table/text view: ``key`` in the flat row, ``header`` to show.

    How it fits a narrow terminal: ``wrap`` text (names, units) wraps at spaces, never
    inside a word; every other column (ids, slugs, dates, numbers) stays whole. Columns
    that do not fit are left out, the highest ``priority`` number first (ties: the
    rightmost first); ``keep`` columns (the id) never are. ``bar`` cells are a fraction
    (0 to 1) drawn as a bar as long as the space left allows.
    """

    key: str
    header: str
    numeric: bool = False  # right-aligned
    table_only: bool = False  # e.g. the bar of ``stats``: only in the rich table
    wrap: bool = False
    keep: bool = False
    priority: int = 1
    bar: bool = False
    name: str = ""  # what --columns calls it; default: the header, hyphenated

    @property
    def label(self) -> str:
        """The column's name for ``--columns`` (``visits received`` -> ``visits-received``)."""
        return (self.name or "-".join(self.header.split()) or self.key).lower()


@dataclass(frozen=True, slots=True)
class View:
    """How table and text output is laid out.

    ``width``: the terminal's width in display cells; None when there is no terminal to
    fit (piped text: one row a line, nothing wrapped or left out). ``wide``: every column,
    nothing wrapped. ``columns``: the columns to show, by :attr:`Column.label`, in order.
    """

    width: int | None = None
    wide: bool = False
    columns: tuple[str, ...] | None = None


class LazyRows(Sequence[Mapping[str, Any]]):
    """Rows built on first use: JSON formats read only ``records``, so they never pay for
    the flat rows that table, text and csv need."""

    def __init__(self, build: Callable[[], list[Mapping[str, Any]]]) -> None:
        self._build = build
        self._rows: list[Mapping[str, Any]] | None = None

    def _all(self) -> list[Mapping[str, Any]]:
        if self._rows is None:
            self._rows = self._build()
        return self._rows

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]


@dataclass(frozen=True, slots=True)
class Listing:
    """What a read command outputs.

    ``records``: the documented JSON shapes (json, jsonl, yaml, and ``ids`` via ``id_key``).
    ``rows``: flat dicts for table, text and csv (default: ``records``).
    ``columns``: what table and text show; ``csv_keys``: the csv columns (default: the
    column keys). ``view``: the terminal they are laid out for.
    """

    records: Sequence[Mapping[str, Any]]
    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]] | None = None
    csv_keys: Sequence[str] | None = None
    title: str | None = None
    id_key: str = "id"
    footer: str | None = field(default=None)  # a closing line under the table (e.g. totals)
    view: View = field(default_factory=View)

    @property
    def flat_rows(self) -> Sequence[Mapping[str, Any]]:
        return self.records if self.rows is None else self.rows

    def viewed(self, view: View) -> Listing:
        """The same listing, laid out for ``view``."""
        return replace(self, view=view)


def cell(value: Any) -> str:
    """A value as one line of text: lists joined with '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)
