"""Meaning-level checks beyond the schema: identity, references, uniqueness, dates.

Each check reads the whole (schema-valid) collection and reports findings on the documents
it came from, at the position of the offending field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from inovasi_cli.core.findings import Severity
from inovasi_cli.core.text import CONTROL_CHARACTERS
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import Document, Path_, iter_scalars
from inovasi_cli.records.schema import Term, suggest
from inovasi_cli.validation.checks import scoring as scoring_checks

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE_PREFIX = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}-")
IDENTITY_FIELDS = {"id", "slug"}


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names and searching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


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


@dataclass(frozen=True, slots=True)
class Context:
    """What the checks read: the valid records, the documents to report on, and the ids of
    every record file that exists (valid or not, so one broken file does not make every
    reference to it a finding too)."""

    collection: Collection
    docs: Mapping[str, Document]
    today: dt.date
    region_ids: frozenset[str]
    innovation_ids: frozenset[str]


def _region_ref(ctx: Context, doc: Document, path: Path_, region: str, what: str) -> None:
    if region in ctx.region_ids:
        return
    close = suggest(region, tuple(_region_terms(ctx.collection)))
    hint = f"did you mean '{close[0]}'?" if close else f"add data/regions/{region}.yaml"
    doc.add(
        "unknown-reference", f"{what} '{region}' is not a region in the collection", path, hint=hint
    )


def _region_terms(collection: Collection) -> list[Term]:
    return [Term(r.id, r.name, r.name) for r in collection.regions.values()]


def _innovation_ref(ctx: Context, doc: Document, path: Path_, ref: str, what: str) -> bool:
    """Whether ``ref`` names a valid innovation; a finding when it names none."""
    if ref in ctx.collection.innovations:
        return True
    if ref in ctx.innovation_ids:
        return False  # exists but is invalid: its own findings say why
    region = ref.partition("/")[0]
    known = [i for i in ctx.innovation_ids if i.startswith(f"{region}/")]
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else f"add data/innovations/{ref}.yaml"
    doc.add(
        "unknown-reference",
        f"{what} '{ref}' is not an innovation in the collection",
        path,
        hint=hint,
    )
    return False


def _check_dates(
    doc: Document, data: Mapping[str, object], keys: tuple[str, ...], today: dt.date
) -> None:
    for key in keys:
        value = data.get(key)
        if not isinstance(value, str):
            continue
        problem = parse_partial_date(value)
        if problem:
            doc.add("bad-date", f"'{value}' is not a calendar date ({problem})", (key,))
        elif value[:4].isdigit() and value > today.isoformat()[: len(value)]:
            doc.add(
                "future-date",
                f"'{value}' is in the future",
                (key,),
                hint="record events once they have happened",
            )


def check_regions(ctx: Context) -> None:
    collection, docs = ctx.collection, ctx.docs
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for region in collection.regions.values():
        doc = docs[region.path]
        folded = fold(region.name)
        if folded in names:
            doc.add(
                "duplicate-name",
                f"region name '{region.name}' is also used by {names[folded]}",
                ("name",),
            )
        names.setdefault(folded, region.id)
        if region.code:
            if region.code in codes:
                doc.add(
                    "duplicate-code",
                    f"code {region.code} is also used by {codes[region.code]}",
                    ("code",),
                )
            codes.setdefault(region.code, region.id)
            if region.type == "provinsi" and "." in region.code:
                doc.add("bad-code", "a province code has two digits", ("code",))
            if region.type != "provinsi" and "." not in region.code:
                doc.add(
                    "bad-code",
                    f"a {region.type} code has the form PP.KK",
                    ("code",),
                    hint="e.g. '72.01'",
                )
        if region.type != "provinsi" and not region.province:
            doc.add(
                "missing-field",
                f"a {region.type} needs its province",
                ("province",),
                key=True,
                hint="add 'province: ...'",
            )


def check_innovations(ctx: Context) -> None:
    collection, docs, today = ctx.collection, ctx.docs, ctx.today
    names: dict[tuple[str, str], str] = {}
    for innovation in collection.innovations.values():
        doc = docs[innovation.path]
        if innovation.region not in ctx.region_ids:
            doc.add(
                "unknown-region",
                f"folder '{innovation.region}' is not a region in the collection",
                hint=f"add data/regions/{innovation.region}.yaml or move "
                "the file to an existing region's folder",
            )
        key = (innovation.region, fold(innovation.name))
        if key in names:
            doc.add(
                "duplicate-name",
                f"'{innovation.name}' is also the name of {names[key]}",
                ("name",),
                hint="one innovation, one file: merge them or rename one",
            )
        names.setdefault(key, innovation.id)
        _check_dates(doc, innovation.raw, ("trial_date", "implementation_date"), today)
        trial, applied = innovation.trial_date, innovation.implementation_date
        if trial and applied and applied < trial[: len(applied)]:
            doc.add(
                "date-order", "implementation_date is before trial_date", ("implementation_date",)
            )
        for index, competition in enumerate(innovation.competitions):
            if competition.year > today.year:
                doc.add(
                    "future-date",
                    f"{competition.key} has not happened yet",
                    ("competitions", index, "year"),
                )
        ref = innovation.replication_of
        if ref:
            if ref == innovation.id:
                doc.add(
                    "self-reference", "an innovation cannot replicate itself", ("replication_of",)
                )
            elif (
                _innovation_ref(ctx, doc, ("replication_of",), ref, "replication_of")
                and ref.partition("/")[0] == innovation.region
            ):
                doc.add(
                    "same-region-replication",
                    "a replication is an adoption by "
                    "another region; this one is in the same region",
                    ("replication_of",),
                    hint="remove replication_of",
                )


def check_visits(ctx: Context) -> None:
    collection, docs, today = ctx.collection, ctx.docs, ctx.today
    for visit in collection.visits.values():
        doc = docs[visit.path]
        _check_dates(doc, visit.raw, ("date",), today)
        if visit.date and not visit.id.startswith(f"{visit.date}-"):
            doc.add(
                "id-date",
                f"the file name must start with the visit's date '{visit.date}-'",
                ("date",),
                hint=f"rename the file to {visit.date}-....yaml",
            )
        elif not visit.date and _DATE_PREFIX.match(visit.id):
            doc.add(
                "id-date",
                "the file name starts with a date but the record has none",
                key=True,
                hint="add 'date:' or rename the file",
            )
        _region_ref(ctx, doc, ("host",), visit.host, "host")
        seen: set[str] = set()
        for index, visitor in enumerate(visit.visitors):
            if visitor.region is None:
                continue
            path: Path_ = ("visitors", index, "region")
            _region_ref(ctx, doc, path, visitor.region, "visitor")
            if visitor.region == visit.host:
                doc.add("self-visit", "the host cannot also be a visitor", path)
            if visitor.region in seen:
                doc.add(
                    "duplicate-item",
                    f"visitor '{visitor.region}' is listed twice",
                    path,
                    hint="list each region once, with its units in 'unit'",
                )
            seen.add(visitor.region)
        sizes = [v.participants for v in visit.visitors]
        if visit.participants and sizes and all(s is not None for s in sizes):
            total = sum(s for s in sizes if s is not None)
            if total != visit.participants:
                doc.add(
                    "participants-mismatch",
                    f"visitors add up to {total} but participants is {visit.participants}",
                    ("participants",),
                    severity=Severity.WARNING,
                )
        for index, item in enumerate(visit.studied):
            if item.innovation:
                _innovation_ref(
                    ctx,
                    doc,
                    ("studied", index, "innovation"),
                    item.innovation,
                    "studied innovation",
                )
        for index, outcome in enumerate(visit.outcomes):
            base: Path_ = ("outcomes", index)
            _innovation_ref(
                ctx, doc, (*base, "innovation"), outcome.innovation, "replicated innovation"
            )
            _region_ref(ctx, doc, (*base, "adopter"), outcome.adopter, "adopter")
            if outcome.adopter not in visit.visitor_regions:
                doc.add(
                    "adopter-not-visitor",
                    f"adopter '{outcome.adopter}' is not among this visit's visitors",
                    (*base, "adopter"),
                    severity=Severity.WARNING,
                )
            if outcome.adopted_as and _innovation_ref(
                ctx, doc, (*base, "as"), outcome.adopted_as, "adopted innovation"
            ):
                if outcome.adopted_as.partition("/")[0] != outcome.adopter:
                    doc.add(
                        "wrong-region",
                        f"'{outcome.adopted_as}' is not an innovation of "
                        f"the adopter '{outcome.adopter}'",
                        (*base, "as"),
                    )
                adopted = collection.innovations[outcome.adopted_as]
                if adopted.replication_of and adopted.replication_of != outcome.innovation:
                    doc.add(
                        "replication-mismatch",
                        f"'{outcome.adopted_as}' says it replicates '{adopted.replication_of}'",
                        (*base, "innovation"),
                    )


def check_control_characters(doc: Document) -> None:
    """Text written with escapes (``"\\e[31m"``) can hold control characters that the
    file itself may not: terminal escapes, bidi overrides. Records never need them."""
    for path, value in iter_scalars(doc.data):
        if isinstance(value, str):
            found = CONTROL_CHARACTERS.search(value)
            if found:
                doc.add(
                    "control-character",
                    f"text contains the control character U+{ord(found.group()):04X}",
                    path,
                    severity=Severity.WARNING,
                    hint="remove it; write plain text (newlines and tabs are fine)",
                )


def check_identity(doc: Document, record_id: str, kind: str) -> None:
    """The path is the identity: ids must be slugs and no field may repeat them."""
    for part in record_id.split("/"):
        if not SLUG.fullmatch(part):
            doc.add(
                "bad-id",
                f"'{part}' in the file path is not a valid id",
                at=(1, 1),
                hint="use lowercase ASCII letters, digits and single hyphens, e.g. "
                f"'{_slugify(part) or 'e-makam'}'",
            )
            break
    if not isinstance(doc.data, dict):
        return
    for key in sorted(IDENTITY_FIELDS | ({"region"} if kind == "innovation" else set())):
        if key in doc.data:
            doc.add(
                "identity-field",
                f"'{key}' repeats the file path ({record_id}); the path is the identity",
                (key,),
                key=True,
                hint=f"remove '{key}:'; rename the file to change the {key}",
            )


def _slugify(text: str) -> str:
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


CHECKS: tuple[Callable[[Context], None], ...] = (
    check_regions,
    check_innovations,
    check_visits,
    scoring_checks.check_scoring,
)


def check_collection(ctx: Context) -> None:
    """Run every collection check; findings are added to the documents in ``ctx.docs``."""
    for check in CHECKS:
        check(ctx)
