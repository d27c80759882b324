"""The filled-in evidence worksheet back into the records: each row's level (with its
document and note) becomes the record's evidence for that model, indicator (and year,
for a region); a level left empty removes one that was recorded. Only the ``evidence``
key of a record file changes (:mod:`inovasi_cli.records.yaml_edit`).

:func:`plan` writes nothing: it returns the new texts of the files that change, what
changes, and the findings, each on its cell."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.contribute import sheet_values
from inovasi_cli.contribute.evidence_sheet import HEADERS
from inovasi_cli.contribute.sheet_table import Table, find_table, finding, formulas
from inovasi_cli.core.findings import Finding
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.schema_files import load_schema
from inovasi_cli.records.scoring_model import Aspect, Indicator, ScoringModel
from inovasi_cli.records.sheets import Row, Sheet
from inovasi_cli.records.yaml_edit import set_key
from inovasi_cli.validation.checks import rules

COLUMNS: dict[str, tuple[str, ...]] = {f: (h,) for f, h in HEADERS.items()}
COLUMNS["record"] += ("innovation", "region")
COLUMNS["level"] += ("Level",)
COLUMNS["document"] += ("Dokumen", "Judul dokumen")


@dataclass(frozen=True, slots=True)
class Change:
    """One row: set (or, with no level, remove) a level on a record."""

    model: str
    record: str
    display: str  # the record's file
    year: int | None
    indicator: Indicator
    level: int | None
    title: str | None
    note: str | None
    row: Row
    cells: Mapping[str, str]  # field -> where


@dataclass(slots=True)
class EvidencePlan:
    texts: dict[str, str] = field(default_factory=dict)  # display -> new text
    originals: dict[str, str] = field(default_factory=dict)  # display -> text read
    changes: dict[str, list[Change]] = field(default_factory=dict)  # display -> rows
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)  # added, changed, removed...


def plan(sheet: Sheet, collection: Collection, read: Callable[[str], str]) -> EvidencePlan:
    """What the worksheet changes; ``read`` gives a record file's text by display path."""
    result = EvidencePlan()
    table, found = find_table(sheet, COLUMNS, "indicator")
    result.findings += found
    if table is None:
        return result
    seen: dict[tuple[str, str, int | None, str], str] = {}
    for row in table.rows:
        problems = formulas(table, row)
        change = None if problems else _change(table, row, collection, problems)
        result.findings += problems
        if change is None:
            continue
        key = (change.model, change.record, change.year, change.indicator.id)
        if key in seen:
            result.findings.append(
                finding(
                    change.cells["indicator"],
                    "duplicate-row",
                    f"{change.indicator.id} of {change.record} is already on {seen[key]}",
                    HEADERS["indicator"],
                    "keep one row per record and indicator",
                )
            )
            continue
        seen[key] = row.where
        result.changes.setdefault(change.display, []).append(change)
    for display, changes in result.changes.items():
        original = read(display)
        text = _apply(original, changes, result.counts)
        if text != original:
            result.originals[display] = original
            result.texts[display] = text
    return result


def _cells(table: Table, row: Row) -> dict[str, str]:
    return {f: table.where(row, f) for f in COLUMNS}


def _change(
    table: Table, row: Row, collection: Collection, problems: list[Finding]
) -> Change | None:
    cells = _cells(table, row)

    def text(key: str) -> str | None:
        return sheet_values.text(table.value(row, key))

    def problem(key: str, code: str, message: str, hint: str = "") -> None:
        problems.append(finding(cells[key], code, message, table.header_of(key), hint))

    record_id = text("record")
    found = _what(collection, text("model"), record_id, text("indicator"), problem)
    if found is None or record_id is None:
        return None
    model, indicator, display = found
    try:
        year = sheet_values.whole(table.value(row, "year"), "a year")
        level = sheet_values.whole(table.value(row, "level"), "a level")
    except sheet_values.ValueProblem as exc:
        problem("level", "bad-value", exc.message, "choose 1, 2 or 3 from the list")
        return None
    if indicator.aspect is Aspect.REGION and year is None:
        problem(
            "year",
            "missing-field",
            "a region indicator needs its year",
            "write the assessment year, e.g. 2026",
        )
        return None
    if level is not None and (wrong := rules.level_problem(level, indicator, model)):
        problem("level", wrong.code, wrong.message, wrong.hint)
        return None
    if display is None:
        return None
    if indicator.aspect is Aspect.INNOVATION:
        year = None
    return Change(
        model.id,
        record_id,
        display,
        year,
        indicator,
        level,
        text("document"),
        text("note"),
        row,
        cells,
    )


def _what(
    collection: Collection,
    model_id: str | None,
    record_id: str | None,
    indicator_id: str | None,
    problem: Callable[..., None],
) -> tuple[ScoringModel, Indicator, str | None] | None:
    """The model, indicator and record file a row names (None for the file: unknown)."""
    if not (model_id and record_id and indicator_id):
        problem(
            "indicator",
            "missing-field",
            "the row needs its Model, ID and Indikator",
            "copy them from the template",
        )
        return None
    model = collection.scoring_models.get(model_id)
    if model is None:
        known = ", ".join(collection.scoring_models) or "none"
        problem(
            "model",
            "unknown-model",
            f"'{model_id}' is not a scoring model in the collection",
            f"models: {known}",
        )
        return None
    indicator = _indicator(model, indicator_id, problem)
    if indicator is None:
        return None
    return model, indicator, _record(collection, indicator, record_id, problem)


def _indicator(model: ScoringModel, name: str, problem: Callable[..., None]) -> Indicator | None:
    indicator = model.indicator(name)
    if indicator is None:
        close = difflib.get_close_matches(name, [i.id for i in model.indicators], n=1)
        hint = f"did you mean '{close[0]}'?" if close else "copy it from the template"
        problem(
            "indicator", "unknown-indicator", f"'{name}' is not an indicator of {model.id}", hint
        )
    return indicator


def _record(
    collection: Collection, indicator: Indicator, record_id: str, problem: Callable[..., None]
) -> str | None:
    records: Mapping[str, Any] = (
        collection.regions if indicator.aspect is Aspect.REGION else collection.innovations
    )
    record = records.get(record_id)
    if record is None:
        what = "region" if indicator.aspect is Aspect.REGION else "innovation"
        close = difflib.get_close_matches(record_id, list(records), n=1)
        hint = (
            f"did you mean '{close[0]}'?" if close else "run inovasi validate: is its file valid?"
        )
        problem(
            "record",
            "unknown-record",
            f"'{record_id}' is not a valid {what} of the collection",
            hint,
        )
        return None
    return str(record.path)


def _keys_before(schema: str) -> tuple[str, ...]:
    keys = list(load_schema(schema)["properties"])
    return tuple(keys[: keys.index("evidence")])


def _apply(text: str, changes: list[Change], counts: Counter[str]) -> str:
    region = changes[0].indicator.aspect is Aspect.REGION

    def edit(current: Any) -> Any:
        entries = current if current is not None else []
        for change in changes:
            _edit_one(entries, change, counts)
        return entries

    return set_key(text, "evidence", edit, after=_keys_before("region" if region else "innovation"))


def _edit_one(entries: Any, change: Change, counts: Counter[str]) -> None:
    index = next(
        (
            i
            for i, e in enumerate(entries)
            if isinstance(e, dict)
            and e.get("model") == change.model
            and e.get("indicator") == change.indicator.id
            and (change.year is None or e.get("year") == change.year)
        ),
        None,
    )
    if change.level is None:
        if index is not None:
            del entries[index]
            counts["removed"] += 1
        return
    if index is None:
        entry: dict[str, Any] = {"model": change.model}
        if change.year is not None:
            entry["year"] = change.year
        entry |= {"indicator": change.indicator.id, "level": change.level}
        entry["document"] = {"title": change.title} if change.title else {}
        if change.note:
            entry["note"] = change.note
        entries.append(entry)
        counts["added"] += 1
        return
    entry = entries[index]
    before = (entry.get("level"), _title(entry), entry.get("note"))
    entry["level"] = change.level
    if change.title and change.title != _title(entry):
        entry["document"] = {"title": change.title}
    if change.note and change.note != entry.get("note"):
        entry["note"] = change.note
    after = (entry.get("level"), _title(entry), entry.get("note"))
    counts["changed" if before != after else "unchanged"] += 1


def _title(entry: Any) -> str | None:
    document = entry.get("document")
    return document.get("title") if isinstance(document, dict) else None


def pin(plan_: EvidencePlan, display: str, found: list[Finding], data: Any) -> list[Finding]:
    """``validate``'s findings on a changed file, on the cells of the rows they concern
    (an evidence entry's row is found by its model, year and indicator)."""
    by_key: dict[tuple[Any, Any, Any], Change] = {
        (c.model, c.year, c.indicator.id): c for c in plan_.changes.get(display, [])
    }
    entries = data.get("evidence") if isinstance(data, dict) else None
    pinned = []
    for f in found:
        parts = f.field.split(".")
        change = None
        if parts[0] == "evidence" and len(parts) > 1 and parts[1].isdigit() and entries:
            entry = entries[int(parts[1])] if int(parts[1]) < len(entries) else {}
            key = (entry.get("model"), entry.get("year"), entry.get("indicator"))
            change = by_key.get(key)
        if change is None:
            pinned.append(f)
            continue
        column = "document" if len(parts) > 2 and parts[2] == "document" else "level"
        pinned.append(
            Finding(
                change.cells[column],
                0,
                0,
                f.code,
                f.message,
                HEADERS[column],
                f.severity,
                _hint(f, column),
            )
        )
    return pinned


def _hint(f: Finding, column: str) -> str:
    if column == "document" and f.code in {"one-of", "missing-field", "any-of"}:
        return "write the title of the document that supports the level in 'Dokumen pendukung'"
    return f.hint
