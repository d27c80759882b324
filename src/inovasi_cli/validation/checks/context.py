"""What the collection checks share: the context they read, and how a reference to a
region or an innovation is checked and reported."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.vocabulary import Term, suggest
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.readings import Reading


@dataclass(frozen=True, slots=True)
class Context:
    """What the checks read: the valid records, the documents to report on, the ids of
    every record file that exists (valid or not, so one broken file does not make every
    reference to it a finding too), and a reading of every record file, valid or not, by
    kind and in id order (see :mod:`.readings`)."""

    collection: Collection
    docs: Mapping[str, Document]
    today: dt.date
    region_ids: frozenset[str]
    innovation_ids: frozenset[str]
    source_ids: frozenset[str] = frozenset()
    readings: Mapping[str, Sequence[Reading]] = field(default_factory=dict)

    def read(self, kind: str) -> Sequence[Reading]:
        """Every readable record file of ``kind`` (``region``, ``innovation``, ``visit``)."""
        return self.readings.get(kind, ())


def region_ref(ctx: Context, doc: Document, path: Path_, region: str, what: str) -> None:
    if region in ctx.region_ids:
        return
    close = suggest(region, tuple(region_terms(ctx.collection)))
    hint = f"did you mean '{close[0]}'?" if close else f"add data/regions/{region}.yaml"
    doc.add(
        "unknown-reference", f"{what} '{region}' is not a region in the collection", path, hint=hint
    )


def region_terms(collection: Collection) -> list[Term]:
    return [Term(r.id, r.name, r.name) for r in collection.regions.values()]


def innovation_ref(ctx: Context, doc: Document, path: Path_, ref: str, what: str) -> bool:
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


def check_dates(
    doc: Document,
    data: Mapping[str, object],
    keys: tuple[str, ...],
    today: dt.date,
    base: Path_ = (),
) -> None:
    """Each of ``keys`` in ``data`` (found at ``base`` in the record) is a real date in
    the past."""
    for key in keys:
        value = data.get(key)
        if isinstance(value, str):
            problem = rules.date_problem(value, today)
            if problem is not None:
                doc.add(problem.code, problem.message, (*base, key), hint=problem.hint)
