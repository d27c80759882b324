"""Dates as records write them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as known."""

from __future__ import annotations

import datetime as dt
import re

# A date as records write it (the schemas' pattern): '2019', '2019-07' or '2019-07-18'.
PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
# A date as the start of a visit's file name: '2019-07-18-...', '2019-07-...', '2019-...'.
DATE_PREFIX = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}-")


def parse_partial_date(text: str) -> str | None:
    """Why a ``YYYY[-MM[-DD]]`` string is not a real date, or None when it is."""
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        dt.date(year, month, day)
    except ValueError as exc:
        return str(exc)
    return None


def is_future(text: str, today: dt.date) -> bool:
    """Whether a partial date lies after ``today`` (compared at its own precision)."""
    return text[:4].isdigit() and text > today.isoformat()[: len(text)]
