"""A worksheet read as a table of known columns: the header row found (a title or notes
above it are fine), each header matched to a field by its names (any case, spaces or
underscores, a trailing ``*``), and findings pinned to the cell they concern
(``salah.csv:4``, ``bukti.xlsx!Inovasi!F7``), worded like ``validate``'s."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from inovasi_cli.core.findings import Finding, Severity
from inovasi_cli.core.text import fold
from inovasi_cli.records.sheets import Cell, Row, Sheet, Value

HEADER_SEARCH = 10  # rows looked at for the header
_IGNORED = frozenset({"no", "nomor", "no-urut", "nomor-urut"})


def header_key(text: str) -> str:
    """'Nama Inovasi *' -> 'nama-inovasi'; 'trial_date' -> 'trial-date'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    header: str  # as the sheet writes it
    index: int


@dataclass(frozen=True, slots=True)
class Table:
    sheet: Sheet
    header: Row
    columns: Mapping[str, Column]  # by field
    unknown: tuple[str, ...]  # headers no field has
    rows: tuple[Row, ...]  # the data rows, blank rows left out

    def cell(self, row: Row, field: str) -> Cell | None:
        column = self.columns.get(field)
        if column is None or column.index >= len(row.cells):
            return None
        return row.cells[column.index]

    def value(self, row: Row, field: str) -> Value:
        found = self.cell(row, field)
        return None if found is None or found.empty else found.value

    def where(self, row: Row, field: str) -> str:
        """Where the field's value stands: the cell of a workbook, the line of a CSV."""
        found = self.cell(row, field)
        if found is not None:
            return found.where
        return row.where

    def header_of(self, field: str) -> str:
        column = self.columns.get(field)
        return column.header if column else field


def finding(
    where: str,
    code: str,
    message: str,
    field: str = "",
    hint: str = "",
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding of a worksheet: ``where`` is its whole location (no line, no column)."""
    return Finding(where, 0, 0, code, message, field, severity, hint)


def find_table(
    sheet: Sheet, names: Mapping[str, Sequence[str]], required: str
) -> tuple[Table | None, list[Finding]]:
    """The table of ``sheet``: its header is the first row (of the first
    :data:`HEADER_SEARCH`) with a column for ``required``; ``names`` maps each field to
    the headers that mean it."""
    by_key = {header_key(n): f for f, aliases in names.items() for n in (f, *aliases)}
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH]):
        headers = [_header_text(c) for c in row.cells]
        if any(by_key.get(header_key(h)) == required for h in headers if h):
            return _table(sheet, index, headers, by_key)
    wanted = ", ".join(f"'{n}'" for n in (*names[required][:1], required))
    where = f"{sheet.file}!{sheet.name}" if sheet.name else sheet.file
    return None, [
        finding(
            where,
            "no-header",
            f"no header row: no column named {wanted} in the first {HEADER_SEARCH} rows",
            hint="put the column names in one row above the data",
        )
    ]


def _header_text(cell: Cell) -> str:
    return "" if cell.empty else str(cell.value).strip()


def _table(
    sheet: Sheet, index: int, headers: list[str], by_key: Mapping[str, str]
) -> tuple[Table, list[Finding]]:
    header = sheet.rows[index]
    columns: dict[str, Column] = {}
    unknown: list[str] = []
    findings: list[Finding] = []
    for number, text in enumerate(headers):
        key = header_key(text)
        if not key or key in _IGNORED:
            continue
        field = by_key.get(key)
        if field is None:
            unknown.append(text)
        elif field in columns:
            findings.append(
                finding(
                    header.cells[number].where,
                    "duplicate-column",
                    f"'{text}' and '{columns[field].header}' both give {field}",
                    text,
                    "keep one of the two columns",
                )
            )
        else:
            columns[field] = Column(field, text, number)
    rows = tuple(r for r in sheet.rows[index + 1 :] if not r.empty)
    table = Table(sheet, header, columns, tuple(unknown), rows)
    findings += list(_merged(sheet, header.number))
    return table, findings


def _merged(sheet: Sheet, header_row: int) -> Iterator[Finding]:
    for cells, first, last in sheet.merged:
        if last > header_row and first != last:
            yield finding(
                f"{sheet.file}!{sheet.name}!{cells.split(':')[0]}",
                "merged-cells",
                f"cells {cells} are merged across rows: each row needs its own value",
                hint="unmerge them and fill every cell",
            )


def formulas(table: Table, row: Row) -> list[Finding]:
    """A formula in a column the import reads: refused (its text is never evaluated,
    and its last result may be stale)."""
    found = []
    for field, column in table.columns.items():
        cell = table.cell(row, field)
        if cell is not None and cell.formula:
            found.append(
                finding(
                    cell.where,
                    "formula",
                    f"the cell holds a formula ({cell.value}); the import takes values only",
                    column.header,
                    "copy the cells and paste them as values",
                )
            )
    return found
