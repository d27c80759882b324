"""The rules themselves, as pure functions of values: the collection checks report
them at a position, and ``inovasi new`` refuses what they would report, so the two can
never disagree."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from inovasi_cli.core.dates import DATE_PREFIX, is_future, parse_partial_date
from inovasi_cli.core.text import SLUG, slugify
from inovasi_cli.records.registry import DECREE, RegistryRegion, code_type, name_key
from inovasi_cli.records.scoring_model import Indicator, ScoringModel


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


_TYPE_WORDS = (("kabupaten", "Kabupaten"), ("kota", "Kota"))


def named_type(name: str) -> str | None:
    """The type a region's name gives by its first word: 'Kota Makassar' a kota,
    'Kabupaten Sumedang' (also 'Kabupaten Administrasi ...') a kabupaten; None when the
    name starts with neither (a province)."""
    first = name.split(" ", 1)[0].casefold()
    return next((kind for kind, _ in _TYPE_WORDS if first == kind), None)


def region_type_problems(
    region_id: str, name: str | None, region_type: str | None, code: str | None
) -> list[tuple[str, Problem]]:
    """What a region's id, name and code say about its type, against the type it gives:
    a kota is named 'Kota ...', has an id starting 'kota-' and a code PP.RR with RR 71 or
    more; a kabupaten is named 'Kabupaten ...', with a lower RR and no 'kota-' id; a
    province has neither word and a two-digit code. Each problem with the field to
    report it at."""
    if region_type not in {"kabupaten", "kota", "provinsi"}:
        return []
    found: list[tuple[str, Problem]] = []
    if name is not None:
        by_name = named_type(name)
        word = dict(_TYPE_WORDS).get(region_type)
        if by_name != (None if region_type == "provinsi" else region_type):
            if word is None:
                message = f"'{name}' names a {by_name}, but type is provinsi"
                hint = "a province's name is its own, e.g. 'Sulawesi Tengah'"
            elif by_name is None:
                message = f"a {region_type}'s name starts with '{word}': '{word} {name}'"
                hint = f"write name: {word} {name}"
            else:
                message = f"'{name}' names a {by_name}, but type is {region_type}"
                hint = f"give type: {by_name}, or correct the name"
            found.append(("type" if by_name else "name", Problem("type-mismatch", message, hint)))
    is_kota_id = region_id.startswith("kota-")
    if is_kota_id != (region_type == "kota"):
        if region_type == "kota":
            message = f"a kota's id starts with 'kota-', not '{region_id}'"
            hint = f"rename the file to kota-{region_id}.yaml"
        else:
            message = (
                f"the id '{region_id}' is a kota's (it starts with 'kota-'), "
                f"but type is {region_type}"
            )
            hint = "a kota's id starts with 'kota-', a kabupaten's has no prefix"
        found.append(("type", Problem("region-id", message, hint)))
    if code is not None and REGION_CODE.fullmatch(code):
        by_code = code_type(code)
        if by_code != region_type:
            if region_type == "provinsi" or by_code == "provinsi":
                form = "PP (two digits)" if region_type == "provinsi" else "PP.RR, e.g. '72.01'"
                found.append(
                    ("code", Problem("bad-code", f"a {region_type} code has the form {form}"))
                )
            else:
                found.append(
                    (
                        "code",
                        Problem(
                            "type-mismatch",
                            f"code {code} is a {by_code}'s (kabupaten use 01-69, kota 71-99), "
                            f"but type is {region_type}",
                        ),
                    )
                )
    return found


REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


def registry_problems(
    name: str | None, province: str | None, entry: RegistryRegion
) -> list[tuple[str, Problem]]:
    """Where a region's name and province disagree with the registry's entry for it
    (names compare folded, punctuation aside: 'Tojo Una-Una' is 'Tojo Una Una'); the
    type follows from the code (:func:`region_type_problems`)."""
    found: list[tuple[str, Problem]] = []
    if name is not None and name_key(_without_provinsi(name)) != name_key(entry.name):
        found.append(
            (
                "name",
                Problem(
                    "registry-mismatch",
                    f"the registry ({DECREE}) names {entry.code} '{entry.name}', not '{name}'",
                    f"write name: {entry.name}, or correct the code",
                ),
            )
        )
    if entry.province and province is not None and province != entry.province:
        found.append(
            (
                "province",
                Problem(
                    "registry-mismatch",
                    f"the registry ({DECREE}) places {entry.name} ({entry.code}) in "
                    f"{entry.province}, not {province}",
                    f"write province: {entry.province}",
                ),
            )
        )
    return found


def _without_provinsi(name: str) -> str:
    return name[len("provinsi ") :] if name.casefold().startswith("provinsi ") else name


def level_problem(level: int, indicator: Indicator, model: ScoringModel) -> Problem | None:
    """A level the indicator does not describe (evidence in a record or a worksheet)."""
    if level in [lv.level for lv in indicator.levels]:
        return None
    described = "; ".join(
        f"{lv.level} = {lv.meaning or 'meaning not known'}" for lv in indicator.levels
    )
    return Problem(
        "unknown-level",
        f"level {level} is not a level of {indicator.number} {indicator.id} in {model.id}",
        f"levels: {described}",
    )
