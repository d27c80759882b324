"""Counting a workbook before it is loaded: every worksheet and the shared strings,
streamed (constant memory), stopping at the first cap passed.

openpyxl loads every sheet of a workbook whole, at some hundreds of bytes a cell, and its
read-only mode first scans a sheet that declares no size from end to end: a 9 MB file
of four million one-digit cells costs gigabytes and minutes either way. So the parts
are read here first, with defusedxml, and a workbook with too many rows, columns or
filled cells is refused after reading only as far as the cap.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True, slots=True)
class Caps:
    rows: int
    columns: int
    cells: int


class TooLarge(Exception):
    """A cap passed: in which sheet (None: the workbook's shared texts), and which."""

    def __init__(self, sheet: str | None, what: str) -> None:
        super().__init__(what)
        self.sheet = sheet
        self.what = what


def parts(path: str) -> tuple[list[tuple[str, str]], str | None]:
    """The (sheet name, part) of every worksheet, and the shared strings' part."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(path, read_only=True, data_only=False, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_workbook()
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if "chartsheet" not in rel.Type and rel.target in reader.valid_files
        ]
        strings = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
        return sheets, (strings.PartName[1:] if strings is not None else None)
    finally:
        reader.archive.close()


def _ends(source: IO[bytes], wanted: set[str]) -> Iterator[tuple[str, dict[str, str], int]]:
    """(local tag, attributes, number of children) of each wanted element as it ends;
    elements are cleared as they go, so memory stays flat."""
    from defusedxml.ElementTree import iterparse

    for _, element in iterparse(source, events=("end",)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in wanted:
            yield tag, dict(element.attrib), len(element)
            element.clear()


def _column(reference: str) -> int:
    letters = reference.rstrip("0123456789")
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def check(path: str, caps: Caps) -> None:
    """Raise :class:`TooLarge` when a worksheet of the workbook passes a cap (filled
    cells are counted across sheets, and the shared strings count as cells)."""
    sheets, strings = parts(path)
    filled = 0
    with zipfile.ZipFile(path) as archive:
        if strings is not None and strings in archive.namelist():
            with archive.open(strings) as source:
                for _ in _ends(source, {"si"}):
                    filled += 1
                    if filled > caps.cells:
                        raise TooLarge(None, f"more than {caps.cells:,} distinct texts; split it")
        filled = 0
        for name, part in sheets:
            with archive.open(part) as source:
                for tag, attributes, children in _ends(source, {"c", "row"}):
                    if tag == "row":
                        if int(attributes.get("r", "0") or 0) > caps.rows + 1:
                            raise TooLarge(name, f"more than {caps.rows:,} rows; split it")
                        continue
                    if _column(attributes.get("r", "")) > caps.columns:
                        raise TooLarge(name, f"more than {caps.columns} columns")
                    filled += children > 0
                    if filled > caps.cells:
                        raise TooLarge(name, f"more than {caps.cells:,} filled cells; split it")
