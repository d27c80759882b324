"""The export as one workbook: a sheet per table of :mod:`.tables`, frozen header,
widths from the content, typed cells (dates as dates, numbers as numbers, 1/0 for
booleans as in SQLite) and text that no spreadsheet runs (a cell starting with ``=``,
``+``, ``-`` or ``@`` is a string cell, never a formula). The same collection gives the
same bytes (see :mod:`inovasi_cli.output.workbook`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from inovasi_cli.export.tables import Table
from inovasi_cli.output.workbook import fit_widths, header, new_workbook, put, workbook_bytes

_DATE_COLUMNS = re.compile(r"(^|_)date$|^published$")
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def cell_value(value: Any, column: str) -> Any:
    """A table value as a cell: a full date in a date column as a date (partial ones,
    '2019-07', stay text), a boolean as 1/0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and _DATE_COLUMNS.search(column) and _FULL_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def export_bytes(tables_: Sequence[Table]) -> bytes:
    """The workbook, deterministic for the same tables."""
    book = new_workbook()
    for table in tables_:
        sheet = book.create_sheet(table.name[:31])
        names = table.column_names
        header(sheet, names)
        for number, row in enumerate(table.rows, 2):
            for column, name in enumerate(names, 1):
                put(sheet, number, column, cell_value(row[name], name))
        fit_widths(sheet, [[name, *(row[name] for row in table.rows)] for name in names])
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    return workbook_bytes(book)
