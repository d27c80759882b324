"""What the collection checks share: the context they read, and how a reference to a
region or an innovation is checked and reported."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.records.vocabulary import Term, suggest
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.readings import Reading


@dataclass(frozen=True)
class Index:
    """What the checks look up about the whole collection: the ids of every record file
    that exists (valid or not, so one broken file does not make every reference to it a
    finding too), and a few facts of the valid records. It is all a check may know of a
    record it is not checking, which is what lets :mod:`..incremental` re-check only the
    records an edit can affect."""

    region_ids: frozenset[str]
    innovation_ids: frozenset[str]
    regions: Mapping[str, str]  # valid regions: id -> name, in id order
    innovations: Mapping[str, str | None]  # valid innovations: id -> replication_of
    models: Mapping[str, ScoringModel]  # valid scoring models, in id order
    model_files: frozenset[str] = frozenset()  # every scoring model file, valid or not
    source_ids: frozenset[str] = frozenset()  # every source file, valid or not
    sources: frozenset[str] = frozenset()  # the valid sources
    cited: frozenset[str] = frozenset()  # the sources some record file cites

    @cached_property
    def region_terms(self) -> tuple[Term, ...]:
        return tuple(Term(rid, name, name) for rid, name in self.regions.items())


@dataclass(frozen=True, slots=True)
class Context:
    """What the checks read: the documents to report on, the day, the :class:`Index` of
    the collection, and a reading of the record files to check, valid or not, by kind and
    in id order (see :mod:`.readings`). A check reports only on the records it reads."""

    docs: Mapping[str, Document]
    today: dt.date
    index: Index
    readings: Mapping[str, Sequence[Reading]] = field(default_factory=dict)

    def read(self, kind: str) -> Sequence[Reading]:
        """The readable record files of ``kind`` to check (``region``, ``innovation``...)."""
        return self.readings.get(kind, ())


def region_ref(ctx: Context, doc: Document, path: Path_, region: str, what: str) -> None:
    if region in ctx.index.region_ids:
        return
    close = suggest(region, ctx.index.region_terms)
    hint = f"did you mean '{close[0]}'?" if close else f"add data/regions/{region}.yaml"
    doc.add(
        "unknown-reference", f"{what} '{region}' is not a region in the collection", path, hint=hint
    )


def innovation_ref(ctx: Context, doc: Document, path: Path_, ref: str, what: str) -> bool:
    """Whether ``ref`` names a valid innovation; a finding when it names none."""
    if ref in ctx.index.innovations:
        return True
    if ref in ctx.index.innovation_ids:
        return False  # exists but is invalid: its own findings say why
    region = ref.partition("/")[0]
    known = [i for i in ctx.index.innovation_ids if i.startswith(f"{region}/")]
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
