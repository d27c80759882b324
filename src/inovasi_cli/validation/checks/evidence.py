"""Evidence on innovations and regions: it names a scoring model of the collection, an
indicator of that model on the record's own aspect, a level the indicator describes and
a year the model is used in, once per indicator. Every innovation and region file is
checked, valid or not, on the entries that can be read (see :mod:`.readings`)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inovasi_cli.core.findings import Severity
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.scoring_model import Aspect, Indicator, ScoringModel
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.readings import Reading, integer, items, text, unreadable

_ASPECT = {Aspect.REGION: "region aspect (SPD)", Aspect.INNOVATION: "innovation aspect (SID)"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One evidence entry as far as it can be read: its position in the list, the model
    and indicator it names, its level and year (None when absent or unreadable;
    ``year_known``: false when a year was written but cannot be read)."""

    index: int
    model: str
    indicator: str | None
    level: int | None
    year: int | None
    year_known: bool


def _entries(record: Reading) -> list[Entry]:
    found = []
    for index, item in items(record.data, "evidence"):
        model = text(item, "model")
        if model is not None:
            found.append(
                Entry(
                    index,
                    model,
                    text(item, "indicator"),
                    integer(item, "level"),
                    integer(item, "year"),
                    not unreadable(item, "year"),
                )
            )
    return found


def check_evidence(ctx: Context) -> None:
    """The evidence on every innovation and region file."""
    file_ids = ctx.index.model_files
    models = ctx.index.models
    for kind, aspect in (("innovation", Aspect.INNOVATION), ("region", Aspect.REGION)):
        for record in ctx.read(kind):
            entries = _entries(record)
            if entries:
                _check_entries(ctx.docs[record.path], entries, aspect, models, file_ids)


def _check_entries(
    doc: Document,
    entries: Sequence[Entry],
    aspect: Aspect,
    models: Mapping[str, ScoringModel],
    file_ids: frozenset[str],
) -> None:
    seen: dict[tuple[str, int | None, str], int] = {}
    for entry in entries:
        at: Path_ = ("evidence", entry.index)
        model = models.get(entry.model)
        if model is None:
            if entry.model not in file_ids:  # an invalid model file reports itself
                close = difflib.get_close_matches(entry.model, sorted(file_ids), n=1)
                known = ", ".join(sorted(file_ids)) or "none"
                doc.add(
                    "unknown-model",
                    f"'{entry.model}' is not a scoring model in the collection",
                    (*at, "model"),
                    hint=(f"did you mean '{close[0]}'? " if close else "") + f"models: {known}",
                )
            continue
        if entry.indicator is None:
            continue
        indicator = _evidence_indicator(doc, at, entry.indicator, aspect, model)
        if indicator is None:
            continue
        _check_level_and_year(doc, at, entry, indicator, model)
        if not entry.year_known:
            continue  # which year it is for cannot be read: no telling what it repeats
        key = (entry.model, entry.year, entry.indicator)
        if key in seen:
            doc.add(
                "duplicate-evidence",
                f"{entry.indicator} in {entry.model} already has a level "
                f"(evidence #{seen[key] + 1}); only the first is used",
                (*at, "indicator"),
                hint="keep one level per indicator; put other documents in its note",
            )
        seen.setdefault(key, entry.index)


def _evidence_indicator(
    doc: Document, at: Path_, name: str, aspect: Aspect, model: ScoringModel
) -> Indicator | None:
    """The indicator the evidence names, when the model has it on the record's aspect;
    else None, and a finding that says why."""
    indicator = model.indicator(name)
    if indicator is None:
        candidates = [i.id for i in model.indicators_of(aspect)]
        close = difflib.get_close_matches(name, candidates, n=1)
        doc.add(
            "unknown-indicator",
            f"'{name}' is not an indicator of {model.id}",
            (*at, "indicator"),
            hint=f"did you mean '{close[0]}'?"
            if close
            else f"{aspect} indicators: {', '.join(candidates)}",
        )
        return None
    if indicator.aspect is not aspect:
        home = (
            "the region's own file (data/regions/<region>.yaml), with a year"
            if indicator.aspect is Aspect.REGION
            else "the innovation's file"
        )
        doc.add(
            "wrong-aspect",
            f"{indicator.number} {indicator.id} belongs to the {_ASPECT[indicator.aspect]} "
            f"of {model.id}, not to the {_ASPECT[aspect]}",
            (*at, "indicator"),
            hint=f"its evidence belongs in {home}",
        )
        return None
    return indicator


def _check_level_and_year(
    doc: Document, at: Path_, entry: Entry, indicator: Indicator, model: ScoringModel
) -> None:
    """A level the indicator describes, for a year the model is used in."""
    problem = None if entry.level is None else rules.level_problem(entry.level, indicator, model)
    if problem is not None:
        doc.add(problem.code, problem.message, (*at, "level"), hint=problem.hint)
    if entry.year is not None and entry.year not in model.years:
        doc.add(
            "year-outside-model",
            f"{model.id} is the model for {', '.join(map(str, model.years))}; evidence for "
            f"{entry.year} is never used with it",
            (*at, "year"),
            severity=Severity.WARNING,
        )
