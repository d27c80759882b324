"""The rules themselves, as pure functions of values: the collection checks report
them at a position, and ``inovasi new`` refuses what they would report, so the two can
never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inovasi_cli.core.dates import DATE_PREFIX, is_future, parse_partial_date
from inovasi_cli.core.text import SLUG, slugify


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule finds: a finding's code, message and hint, without a position."""

    code: str
    message: str
    hint: str = ""


def id_problem(part: str) -> Problem | None:
    """One part of a record's id (a file or folder name) that is not a slug."""
    if SLUG.fullmatch(part):
        return None
    return Problem(
        "bad-id",
        f"'{part}' in the file path is not a valid id",
        "use lowercase ASCII letters, digits and single hyphens, e.g. "
        f"'{slugify(part) or 'e-makam'}'",
    )


def date_problem(value: str, today: dt.date) -> Problem | None:
    """A partial date that is no calendar date, or lies in the future."""
    problem = parse_partial_date(value)
    if problem:
        return Problem("bad-date", f"'{value}' is not a calendar date ({problem})")
    if is_future(value, today):
        return Problem(
            "future-date", f"'{value}' is in the future", "record events once they have happened"
        )
    return None


def visit_id_problem(visit_id: str, date: str | None) -> Problem | None:
    """A visit's file name starts with its date, as precisely as it is known."""
    if date and not visit_id.startswith(f"{date}-"):
        return Problem(
            "id-date",
            f"the file name must start with the visit's date '{date}-'",
            f"rename the file to {date}-....yaml",
        )
    if not date and DATE_PREFIX.match(visit_id):
        return Problem(
            "id-date",
            "the file name starts with a date but the record has none",
            "add 'date:' or rename the file",
        )
    return None


def self_visit_problem(host: str, visitor: str) -> Problem | None:
    """A visit's host among its own visitors."""
    if visitor == host:
        return Problem("self-visit", "the host cannot also be a visitor")
    return None
