"""Values as people type them in a spreadsheet, turned into the records' values: dates
(``2023-01-10``, ``10/01/2023``, ``10 Januari 2023``, a date cell, an Excel serial),
numbers (``59,81``, ``Rp 150.000.000``, ``1,5 juta``), jenis (``Non Digital``) and lists.

Each function returns the record's value, or raises :class:`ValueProblem` saying what
it expected; a value it cannot place is passed on as written, so the schema words the
finding as ``validate`` would.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from inovasi_cli.core.text import fold
from inovasi_cli.records.sheets import Sheet, Value

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov"),
            ("desember", "december", "des", "dec"),
        ),
        1,
    )
    for name in names
}
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})[/.-]([0-9]{4})")
_SERIAL = re.compile(r"[0-9]{5}(\.[0-9]+)?")
_WORDS = re.compile(r"(?:([0-9]{1,2})\s+)?([a-z]+)\.?\s+([0-9]{4})")


class ValueProblem(Exception):
    """A cell whose value cannot be what the column holds: the message, and a hint."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def text(value: Value) -> str | None:
    """A cell as text (None when empty); a whole number stays whole (``2019``, not
    ``2019.0``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    cleaned = str(value).replace("\r\n", "\n").strip()
    return cleaned or None


def partial_date(value: Value, sheet: Sheet) -> str | None:
    """A date as records write it (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``). Unplaceable
    text is returned as written, for the schema to report."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return day.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return str(int(value))  # a year
        serial = sheet.serial_date(float(value))
        if serial is None:
            raise ValueProblem(f"{value} is not a date", "write it as 2023-01-10 or 10/01/2023")
        return serial.isoformat()
    written = text(value)
    if written is None:
        return None
    if _SERIAL.fullmatch(written):  # a date cell saved as CSV in the General format
        return partial_date(float(written), sheet)
    return _date_text(written)


def _date_text(written: str) -> str:
    folded = fold(written)
    if match := _ISO.fullmatch(folded):
        year, month, day = match.groups()
        return "-".join(p for p in (year, _two(month), _two(day)) if p)
    if match := _DAY_FIRST.fullmatch(folded):
        day, month, year = match.groups()
        return f"{year}-{_two(month)}-{_two(day)}"
    if match := _MONTH_YEAR.fullmatch(folded):
        month, year = match.groups()
        return f"{year}-{_two(month)}"
    if (match := _WORDS.fullmatch(folded)) and match[2] in _MONTHS:
        day, month, year = match[1], _MONTHS[match[2]], match[3]
        return "-".join(p for p in (year, f"{month:02d}", _two(day)) if p)
    return written


def _two(part: str | None) -> str | None:
    return None if part is None else part.zfill(2)


_MULTIPLIERS = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9}
_MULTIPLIERS |= {"milyar": 10**9, "m": 10**9, "triliun": 10**12}
_NUMBER = re.compile(r"(?:rp\.?\s*)?([0-9][0-9., ]*)\s*([a-z]*)\.?")


def number(value: Value, what: str = "a number") -> int | float | None:
    """A number as typed: a number cell, or text with Indonesian separators (``59,81``,
    ``150.000.000``, ``Rp 1,5 juta``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, dt.date)):
        raise ValueProblem(f"'{value}' is not {what}")
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else value
    match = _NUMBER.fullmatch(fold(str(value)).strip())
    if match is None or (match[2] and match[2] not in _MULTIPLIERS):
        raise ValueProblem(f"'{value}' is not {what}", "write the number, e.g. 150000000")
    digits = match[1].replace(" ", "")
    if "," in digits and "." in digits:  # 1.500.000,50: dots group, the comma is decimal
        digits = digits.replace(".", "").replace(",", ".")
    elif "," in digits:
        digits = digits.replace(",", ".") if digits.count(",") == 1 else digits.replace(",", "")
    elif digits.count(".") > 1 or re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", digits):
        digits = digits.replace(".", "")  # 150.000.000: thousands
    try:
        amount = Decimal(digits) * _MULTIPLIERS.get(match[2], 1)
    except InvalidOperation:
        raise ValueProblem(f"'{value}' is not {what}") from None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def whole(value: Value, what: str) -> int | None:
    found = number(value, what)
    if found is None:
        return None
    if not isinstance(found, int):
        raise ValueProblem(f"'{value}' is not {what}", "write a whole number")
    return found


_DIGITAL = {"digital": True, "true": True, "1": True, "ya": True, "yes": True}
_DIGITAL |= {"non-digital": False, "nondigital": False, "false": False, "0": False}
_DIGITAL |= {"tidak": False, "no": False, "non": False}


def digital(value: Value) -> bool | None:
    """Jenis: ``Digital`` -> true, ``Non Digital`` (``nondigital``, ``non-digital``) ->
    false; 1/0 and true/false too."""
    written = text(value)
    if written is None:
        return None
    key = re.sub(r"[\s_]+", "-", fold(written))
    if key not in _DIGITAL:
        raise ValueProblem(f"'{written}' is not a jenis", "write Digital or Non Digital")
    return _DIGITAL[key]


def lines(value: Value) -> list[str]:
    """A list written one item per line (goals, benefits, results)."""
    written = text(value)
    if written is None:
        return []
    return [line.strip() for line in written.split("\n") if line.strip()]


def items(value: Value) -> list[str]:
    """A list written with semicolons or one per line (urusan beririsan, aliases, tags);
    commas stay inside an item (an urusan's own name holds commas)."""
    written = text(value)
    if written is None:
        return []
    return [part.strip() for part in re.split(r"[;\n]", written) if part.strip()]
