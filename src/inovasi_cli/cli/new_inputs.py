"""What 'inovasi new' accepts: questions on a terminal for what the flags left out, and
a check for each value (forgiving where that is safe, with suggestions where not)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err
from inovasi_cli.contribute import skeleton
from inovasi_cli.core import paths
from inovasi_cli.core.dates import PARTIAL_DATE
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.text import fold
from inovasi_cli.query.resolve import resolve_region, resolve_term
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.vocabulary import vocabulary
from inovasi_cli.validation.checks import rules

_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


def _interactive() -> bool:
    """Questions only on a terminal: in a script or CI a missing flag is a usage error."""
    return streams.stdin_is_terminal()  # closed (<&-): not a terminal


class Asker:
    """Fills what the flags left out: by asking on a terminal, else by refusing."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.interactive = _interactive()
        self.asked = False

    def essential(
        self, value: str | None, option: str, question: str, check: Callable[[str], str]
    ) -> str:
        if value is not None:
            return check(value)
        if not self.interactive:
            raise UsageError(
                f"missing {option}; see 'inovasi new {self.command} --help' "
                "(on a terminal, inovasi asks for what is missing)"
            )
        self.asked = True
        return self._ask(question, check, optional=False) or ""

    def optional(self, value: str | None, question: str, check: Callable[[str], str]) -> str | None:
        """Checked when given; asked (Enter skips) only when the user is already answering
        questions, so a full command line on a terminal runs without a prompt."""
        if value is not None:
            return check(value)
        if not (self.interactive and self.asked):
            return None
        return self._ask(f"{question} (Enter to skip)", check, optional=True)

    @staticmethod
    def _ask(question: str, check: Callable[[str], str], *, optional: bool) -> str | None:
        while True:
            answer: str = typer.prompt(
                question, default="" if optional else None, show_default=False, err=True
            )
            if optional and not answer.strip():
                return None
            try:
                return check(answer)
            except UsageError as exc:
                err(f"  {exc}")


def text(what: str) -> Callable[[str], str]:
    return lambda value: skeleton.clean_text(value, what)


def term(what: str, schema_name: str, defs_name: str) -> Callable[[str], str]:
    terms = vocabulary(schema_name, defs_name)
    return lambda value: resolve_term(what, value, terms)


def region(
    collection: Collection, records: list[paths.RecordFile], what: str
) -> Callable[[str], str]:
    """A region of the collection, by id or name. A region file that exists but does not
    validate yet (one just made with 'inovasi new region') counts by its exact id."""
    files = set(ids(records, "region"))

    def check(value: str) -> str:
        if value.strip() in files:
            return value.strip()
        try:
            return resolve_region(collection, value)
        except UsageError as exc:
            raise UsageError(
                f"{what}: {exc} (to add a region: inovasi new region --code CODE, or --name NAME)"
            ) from None

    return check


def refused(problem: rules.Problem, what: str = "") -> UsageError:
    """What ``inovasi validate`` would report, refused up front: the rule's own message
    and hint (as validate prints them), after what was given."""
    given = f"{what}: " if what else ""
    hint = f"; {problem.hint}" if problem.hint else ""
    return UsageError(f"{given}{problem.message}{hint}")


def slug(value: str) -> str:
    """An id part (a file or folder name), refused as validate would refuse it."""
    cleaned = value.strip()
    problem = rules.id_problem(cleaned)
    if problem is not None:
        raise refused(problem)
    return cleaned


def date(today: dt.date) -> Callable[[str], str]:
    """A partial date in the records' form that validate would accept on ``today``: a
    calendar date, not in the future."""

    def check(value: str) -> str:
        cleaned = value.strip()
        if not PARTIAL_DATE.fullmatch(cleaned):
            raise UsageError(f"date '{cleaned}': write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-07")
        problem = rules.date_problem(cleaned, today)
        if problem is not None:
            raise refused(problem, "--date")
        return cleaned

    return check


def visitors_besides(host: str, visitors: list[str]) -> list[str]:
    """The visitors, each once, refused when the host is among them."""
    unique = list(dict.fromkeys(visitors))
    for visitor in unique:
        problem = rules.self_visit_problem(host, visitor)
        if problem is not None:
            raise refused(problem, f"--visitor {visitor}")
    return unique


def check_visit_id(record_id: str, date_text: str | None) -> None:
    """A visit id starts with the visit's date, as validate requires."""
    problem = rules.visit_id_problem(record_id, date_text)
    if problem is not None:
        raise refused(problem, f"visit id {record_id}")


def code(value: str) -> str:
    cleaned = value.strip()
    if not _CODE.fullmatch(cleaned):
        raise UsageError(
            f"code '{cleaned}': write the Kemendagri code, e.g. 72.01 (or 72 for a province)"
        )
    return cleaned


def ids(records: list[paths.RecordFile], kind: str) -> list[str]:
    return [r.id for r in records if r.kind.name == kind]


def province(collection: Collection) -> Callable[[str], str]:
    """Free text, but spelled as the collection already spells it when it is the same
    province written another way ('sulawesi tengah')."""
    known = {fold(r.province): r.province for r in collection.regions.values() if r.province}

    def check(value: str) -> str:
        text = skeleton.clean_text(value, "--province")
        return known.get(fold(text), text)

    return check
