"""Reading a worksheet someone filled in: a ``.csv`` or ``.xlsx`` file as rows of cells,
each cell knowing where it stands (``salah.csv:4``, ``bukti.xlsx!Inovasi!F7``).

Workbooks arrive from anyone, so the reader is defensive: files over :data:`MAX_BYTES`,
workbooks that unpack to more than :data:`MAX_UNPACKED` (zip bombs) and sheets of more
than :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS` columns or :data:`MAX_CELLS` filled
cells are refused (a workbook's sheet is first counted in streaming mode, so a small
file full of cells costs neither the memory nor the time of loading it); XML is parsed
by defusedxml (openpyxl uses it when it is installed: no entity expansion); a formula is
never evaluated (the cell is marked, and the importer refuses it); merged cells are
reported by their range; a CSV must be UTF-8 (a BOM is fine, UTF-16 with its BOM too)
unless its encoding is named, and its delimiter (``,``, ``;`` or tab) is sniffed.
A file that cannot be read at all raises :class:`SheetError` (a usage error: one line).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inovasi_cli.core.errors import UsageError

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 300_000  # filled cells: 20,000 rows of 15 columns
MAX_CELL = 32_767  # what Excel itself allows in a cell

Value = str | int | float | bool | dt.date | dt.datetime | None


class SheetError(UsageError):
    """A worksheet that cannot be read at all."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its value as the file holds it, where it stands, and whether it is a
    formula (whose text is ``value``: never evaluated)."""

    value: Value
    where: str
    formula: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # the row in the sheet, or the line of the CSV where the row starts
    cells: tuple[Cell, ...]
    where: str  # 'salah.csv:4' or 'bukti.xlsx!Inovasi!7'

    @property
    def empty(self) -> bool:
        return all(c.empty for c in self.cells)


@dataclass(frozen=True, slots=True)
class Sheet:
    """The rows of one sheet, in order (blank rows included: the caller skips them)."""

    file: str  # the file name as findings show it
    name: str | None  # the sheet's name; None for a CSV
    rows: tuple[Row, ...]
    merged: tuple[tuple[str, int, int], ...] = ()  # (range 'B4:B6', first row, last row)
    epoch_1904: bool = False  # dates as serial numbers count from 1904 (old Mac Excel)
    sheets: tuple[str, ...] = field(default=())  # every sheet of the workbook

    def serial_date(self, number: float) -> dt.date | None:
        """An Excel date serial as a date (a number in a cell not formatted as a date)."""
        start = dt.date(1904, 1, 1) if self.epoch_1904 else dt.date(1899, 12, 30)
        if not 1 <= number < 2_958_466:  # 1900-01-01 .. 9999-12-31
            return None
        return start + dt.timedelta(days=int(number))


def read_sheet(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    prefer: str | None = None,
) -> Sheet:
    """The rows of ``path``: a CSV, or one sheet of a workbook (``sheet``, else the one
    named ``prefer`` when there is one, else the first)."""
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".xlsm"}:
        raise SheetError(f"{path}: not a .csv or .xlsx file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not path.is_file():
        raise SheetError(f"{path} is not a file")
    if size > MAX_BYTES:
        raise SheetError(f"{path}: {size:,} bytes is more than {MAX_BYTES:,}; split the sheet")
    if suffix == ".csv":
        if sheet is not None:
            raise SheetError(f"{path}: a CSV file has no sheets")
        return _read_csv(path, encoding)
    if encoding is not None:
        raise SheetError(f"{path}: a workbook has no text encoding to choose")
    return _read_xlsx(path, sheet, prefer)


def _decode(raw: bytes, name: str, encoding: str | None) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except LookupError:
            raise SheetError(f"unknown encoding '{encoding}'; e.g. utf-8, cp1252") from None
        except UnicodeDecodeError as exc:
            raise SheetError(f"{name}: not {encoding} at byte {exc.start}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SheetError(
            f"{name}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as 'CSV UTF-8' "
            "(Excel, LibreOffice), or name its encoding with --encoding, e.g. cp1252"
        ) from None


def _read_csv(path: Path, encoding: str | None) -> Sheet:
    name = path.name
    text = _decode(path.read_bytes(), name, encoding)
    if "\x00" in text:
        raise SheetError(f"{name}: holds NUL bytes; it is not a text CSV file")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_CELL * 4)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[Row] = []
    start = 1
    try:
        for values in reader:
            if len(rows) >= MAX_ROWS:
                raise SheetError(f"{name}: more than {MAX_ROWS:,} rows; split the file")
            if len(values) > MAX_COLUMNS:
                raise SheetError(f"{name}:{start}: more than {MAX_COLUMNS} columns")
            where = f"{name}:{start}"
            cells = tuple(Cell(_csv_text(v), where) for v in values)
            rows.append(Row(start, cells, where))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SheetError(f"{name}:{reader.line_num}: {exc}") from None
    return Sheet(name, None, tuple(rows))


def _csv_text(value: str) -> str:
    """A CSV cell as text; the apostrophe inovasi's own CSV export puts before text that
    starts like a formula is taken off again."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise SheetError(f"{path.name}: not an .xlsx workbook ({exc})") from None
    if unpacked > MAX_UNPACKED:
        raise SheetError(
            f"{path.name}: unpacks to {unpacked:,} bytes, more than {MAX_UNPACKED:,}; "
            "refused as a possible zip bomb"
        )


def _open_book(path: Path, *, read_only: bool) -> Any:
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of styles it cannot read
            return openpyxl.load_workbook(path, data_only=False, read_only=read_only)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise SheetError(f"{path.name}: cannot read the workbook ({exc})") from None


def _count(path: Path) -> None:
    """Refuse a workbook too large to load, from a streaming count of its parts."""
    from inovasi_cli.records import xlsx_count

    caps = xlsx_count.Caps(rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS)
    try:
        xlsx_count.check(str(path), caps)
    except xlsx_count.TooLarge as exc:
        where = path.name if exc.sheet is None else f"{path.name}!{exc.sheet}"
        raise SheetError(f"{where}: {exc.what}") from None
    except Exception as exc:  # openpyxl and the XML parser raise many kinds on a broken file
        raise SheetError(f"{path.name}: cannot read the workbook ({exc})") from None


def _read_xlsx(path: Path, sheet: str | None, prefer: str | None = None) -> Sheet:
    _check_zip(path)
    _count(path)
    book = _open_book(path, read_only=False)
    names = tuple(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise SheetError(f"{path.name} has no sheet '{sheet}'; sheets: {', '.join(names)}")
    if sheet is None:
        sheet = prefer if prefer is not None and prefer in names else names[0]
    chosen = book[sheet]
    if chosen.max_row > MAX_ROWS + 1:  # counted already; what is loaded agrees
        raise SheetError(f"{path.name}!{chosen.title}: more than {MAX_ROWS:,} rows; split it")
    if chosen.max_column > MAX_COLUMNS:
        raise SheetError(f"{path.name}!{chosen.title}: more than {MAX_COLUMNS} columns")
    prefix = f"{path.name}!{chosen.title}!"
    rows: list[Row] = []
    for line in chosen.iter_rows():
        cells = tuple(
            Cell(_xlsx_value(c.value), f"{prefix}{c.coordinate}", c.data_type == "f") for c in line
        )
        number = (line[0].row if line else None) or len(rows) + 1
        rows.append(Row(number, cells, f"{prefix}{number}"))
    merged = tuple((str(r), r.min_row, r.max_row) for r in chosen.merged_cells.ranges)
    return Sheet(path.name, chosen.title, tuple(rows), merged, bool(book.epoch.year == 1904), names)


def _xlsx_value(value: Any) -> Value:
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        return value
    return str(value)
