"""What every workbook inovasi writes shares (the xlsx export, the evidence worksheet):
cells that hold text as text (never a formula, whatever it starts with), widths from the
content, a bold frozen header, and the same bytes for the same content (fixed times in
the workbook's properties and in the archive)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = dt.datetime(2000, 1, 1)  # the workbook's created/modified times
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
MAX_WIDTH = 60
MAX_CELL = 32_767  # what Excel allows in a cell
# Characters XML 1.0 cannot hold at all (openpyxl refuses them): shown as escapes.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def new_workbook() -> Workbook:
    """An empty workbook with fixed properties."""
    from openpyxl import Workbook

    book = Workbook()
    for blank in list(book.worksheets):
        book.remove(blank)
    book.properties.creator = "inovasi"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    return book


def put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """One cell: text stays text (a string cell, never a formula), dates are dates."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)[:MAX_CELL]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"


def header(sheet: Worksheet, names: Sequence[str]) -> None:
    """A bold first row, frozen, so it stays in sight while scrolling."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for column, name in enumerate(names, 1):
        put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = bold
    sheet.freeze_panes = "A2"


def fit_widths(sheet: Worksheet, columns: Sequence[Sequence[Any]]) -> None:
    """Each column as wide as its longest value, within reason."""
    from openpyxl.utils import get_column_letter

    for number, values in enumerate(columns, 1):
        longest = max((len(str(v)) for v in values if v is not None), default=0)
        width = min(max(longest, 6) + 2, MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = float(width)


def workbook_bytes(book: Workbook) -> bytes:
    """The saved workbook, with every time in it fixed."""
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
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
