"""The export as one workbook: a sheet per table of :mod:`.tables`, frozen header,
widths from the content, typed cells (dates as dates, numbers as numbers) and text that
no spreadsheet runs (a cell starting with ``=``, ``+``, ``-`` or ``@`` stays text: it
is written as a string cell, never a formula). The same collection gives the same
bytes: the workbook's times are fixed and its parts are written in a fixed order."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from inovasi_cli.core.dates import PARTIAL_DATE
from inovasi_cli.export.tables import Table

FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's created/modified times
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAX_WIDTH = 60
MAX_CELL = 32_767
_DATE_COLUMNS = re.compile(r"(^|_)date$|^published$")
# Characters XML 1.0 cannot hold at all (openpyxl refuses them): shown as escapes.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(value: Any, column: str) -> Any:
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, bool):
        return int(value)
    text = str(value)
    if _DATE_COLUMNS.search(column) and PARTIAL_DATE.fullmatch(text) and len(text) == 10:
        return dt.date.fromisoformat(text)
    text = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text[:MAX_CELL]


def _width(values: Sequence[Any]) -> float:
    longest = max((len(str(v)) if v is not None else 0 for v in values), default=0)
    return float(min(max(longest, 6) + 2, MAX_WIDTH))


def workbook_bytes(tables_: Sequence[Table]) -> bytes:
    """The workbook, deterministic for the same tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    for blank in list(book.worksheets):
        book.remove(blank)
    book.properties.creator = "inovasi"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    bold = Font(bold=True)
    for table in tables_:
        sheet = book.create_sheet(table.name[:31])
        names = table.column_names
        for column, name in enumerate(names, 1):
            sheet.cell(row=1, column=column, value=name).font = bold
        for number, row in enumerate(table.rows, 2):
            for column, name in enumerate(names, 1):
                cell = sheet.cell(row=number, column=column)
                value = _cell(row[name], name)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        for number, name in enumerate(names, 1):
            values = [name, *(row[name] for row in table.rows)]
            sheet.column_dimensions[get_column_letter(number)].width = _width(values)
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every member's time fixed and the core properties' times
    the fixed ones (openpyxl stamps the save time into docProps/core.xml)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>2000-01-01T00:00:00Z",
                    payload,
                )
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, payload)
    return out.getvalue()
