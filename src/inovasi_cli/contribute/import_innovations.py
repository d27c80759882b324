"""Innovations from a worksheet: one row per innovation, the columns named as the
ministry's profile form names them (Nama Inovasi, Tahapan, Inisiator, Jenis, Bentuk,
Urusan Utama, Urusan Beririsan, Waktu Uji Coba, Waktu Penerapan, Rancang Bangun, Tujuan,
Manfaat, Hasil Inovasi, Anggaran) or by the records' own field names (the columns of
``inovasi export``'s innovations table).

:func:`plan` turns the rows into record files and says what is wrong with them, cell
by cell; it writes nothing. Values come from the sheet, so they are stated by it (never
``classified``); each record cites the workbook, with its row as the locator.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.contribute import conflicts, sheet_values
from inovasi_cli.contribute.sheet_table import Table, find_table, finding, formulas
from inovasi_cli.contribute.skeleton import record_path, schema_line
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.findings import Finding, Severity
from inovasi_cli.core.text import slugify
from inovasi_cli.query.resolve import norm, resolve_term
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.sheets import Row, Sheet
from inovasi_cli.records.values import CLASSIFIABLE
from inovasi_cli.records.vocabulary import vocabulary
from inovasi_cli.records.yaml_write import record_text

# Field -> the headers that mean it (besides the field's own name).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Nama Inovasi", "Nama", "Judul Inovasi"),
    "id": ("ID",),
    "slug": (),
    "region": ("Daerah", "Pemda"),
    "acronym": ("Singkatan", "Akronim"),
    "aliases": ("Nama Lain",),
    "unit": ("Perangkat Daerah", "Unit Pelaksana", "OPD", "Pelaksana", "Unit"),
    "unit_type": ("Jenis Unit", "Jenis Pelaksana"),
    "stage": ("Tahapan", "Tahapan Inovasi"),
    "initiator": ("Inisiator", "Inisiator Inovasi"),
    "digital": ("Jenis", "Jenis Inovasi"),
    "form": ("Bentuk", "Bentuk Inovasi"),
    "sector": ("Urusan Utama", "Urusan Pemerintahan", "Urusan"),
    "other_sectors": ("Urusan Beririsan", "Urusan Lain Yang Beririsan", "Urusan Lain"),
    "trial_date": ("Waktu Uji Coba", "Waktu Uji Coba Inovasi", "Tanggal Uji Coba"),
    "implementation_date": (
        "Waktu Penerapan",
        "Waktu Implementasi",
        "Tanggal Penerapan",
        "Waktu Penerapan Inovasi",
    ),
    "summary": ("Rancang Bangun", "Rancang Bangun Inovasi", "Ringkasan", "Deskripsi"),
    "goals": ("Tujuan", "Tujuan Inovasi"),
    "benefits": ("Manfaat", "Manfaat Inovasi", "Manfaat Yang Diperoleh"),
    "results": ("Hasil Inovasi", "Hasil"),
    "amount": ("Anggaran", "Anggaran Inovasi", "Budget"),
    "tags": ("Tag", "Kata Kunci"),
    "replication_of": ("Replikasi Dari",),
    "path": (),
}
_VOCABULARIES = {
    "stage": "stage",
    "initiator": "initiator",
    "form": "form",
    "sector": "sector",
    "unit_type": "unit_type",
}
_TEXT = ("name", "acronym", "unit", "summary", "replication_of")
_KEY_ORDER = [
    "name",
    "acronym",
    "aliases",
    "unit",
    "unit_type",
    "sector",
    "other_sectors",
    "form",
    "digital",
    "stage",
    "initiator",
    "classified",
    "trial_date",
    "implementation_date",
    "summary",
    "goals",
    "benefits",
    "results",
    "amounts",
    "tags",
    "replication_of",
    "sources",
]


@dataclass(frozen=True, slots=True)
class Planned:
    """A record to write: where, its text, and the row it comes from (with the cell of
    each field, to pin findings on)."""

    display: str
    id: str
    text: str
    row: Row
    cells: Mapping[str, str]  # record key -> where its value stands


@dataclass(slots=True)
class Plan:
    records: list[Planned] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ignored: tuple[str, ...] = ()  # columns the import does not read
    headers: dict[str, str] = field(default_factory=dict)  # record key -> its column

    def header_of(self, key: str) -> str:
        return self.headers.get(key, key)


def _resolve(kind: str) -> Callable[[str], str]:
    terms = vocabulary("innovation", kind)

    def resolve(value: str) -> str:
        try:
            return resolve_term(kind, value, terms)
        except UsageError:
            return value  # the schema words the finding, as validate does

    return resolve


@dataclass(frozen=True, slots=True)
class _Context:
    table: Table
    region: str
    source: str
    locator: Callable[[Row], str]
    classified: Mapping[str, Mapping[str, str]]


def plan(
    sheet: Sheet,
    collection: Collection,
    existing_ids: list[str],
    *,
    region: str,
    source: str,
    classified: Mapping[str, Mapping[str, str]] | None = None,
) -> Plan:
    """The records the rows of ``sheet`` make for ``region``, citing ``source``; or the
    findings that keep them from being written."""
    table, found = find_table(sheet, COLUMNS, "name")
    result = Plan(findings=found)
    if table is None:
        return result
    result.ignored = table.unknown
    result.headers = {c.field: c.header for c in table.columns.values()}
    if "amount" in result.headers:
        result.headers["amounts"] = result.headers["amount"]

    def locator(row: Row) -> str:
        return f"{sheet.name}, row {row.number}" if sheet.name else f"row {row.number}"

    context = _Context(table, region, source, locator, classified or {})
    seen: dict[str, str] = {}
    for row in table.rows:
        problems = formulas(table, row)
        if problems:
            result.findings += problems
            continue
        planned = _record(context, row, result.findings)
        if planned is None:
            continue
        name = table.value(row, "name")
        clash = conflicts.innovation_conflict(
            collection, existing_ids, region, planned.id.partition("/")[2], str(name)
        )
        earlier = seen.get(planned.id)
        if clash or earlier:
            message = (
                (clash or "")
                .replace("; edit that file, or give this innovation another id with --slug", "")
                .replace("; edit that file", "")
            )
            message = message or f"row {earlier} already gives the innovation {planned.id}"
            hint = "edit that file instead, or remove the row" if clash else "keep one of the rows"
            result.findings.append(
                finding(table.where(row, "name"), "exists", message, table.header_of("name"), hint)
            )
            continue
        seen[planned.id] = str(row.number)
        result.records.append(planned)
    return result


def _record(context: _Context, row: Row, findings: list[Finding]) -> Planned | None:
    table = context.table
    data: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for key in table.columns:
        try:
            value = _value(key, table.value(row, key), table.sheet)
        except sheet_values.ValueProblem as problem:
            findings.append(
                finding(
                    table.where(row, key),
                    "bad-value",
                    problem.message,
                    table.header_of(key),
                    problem.hint,
                )
            )
            continue
        if value in (None, [], ""):
            continue
        record_key = "amounts" if key == "amount" else key
        data[record_key] = value
        cells[record_key] = table.where(row, key)
    slug = _slug(context, row, data, findings)
    if slug is None:
        return None
    record_id = f"{context.region}/{slug}"
    given = context.classified.get(record_id, {})
    bases = {k: given[k] for k in CLASSIFIABLE["innovation"] if k in given and k in data}
    if bases:
        data["classified"] = dict(bases)
    data["sources"] = [{"source": context.source, "locator": context.locator(row)}]
    ordered = {k: data[k] for k in _KEY_ORDER if k in data}
    display = record_path("innovations", record_id)
    header = [
        schema_line("innovations"),
        f"# Imported from {table.sheet.file} ({context.locator(row)}) by inovasi import.",
    ]
    return Planned(display, record_id, record_text(ordered, header), row, cells)


def _value(key: str, value: Any, sheet: Sheet) -> Any:
    if value is None:
        return None
    if key in _VOCABULARIES:
        written = sheet_values.text(value)
        return _resolve(_VOCABULARIES[key])(written) if written else None
    if key == "digital":
        return sheet_values.digital(value)
    if key in {"trial_date", "implementation_date"}:
        return sheet_values.partial_date(value, sheet)
    if key in {"goals", "benefits", "results"}:
        return sheet_values.lines(value)
    if key in {"aliases", "tags"}:
        return sheet_values.items(value)
    if key == "other_sectors":
        return [_resolve("sector")(v) for v in sheet_values.items(value)]
    if key == "amount":
        amount = sheet_values.number(value, "an amount in rupiah")
        return [{"what": "anggaran", "value": amount, "unit": "rupiah"}] if amount else None
    return sheet_values.text(value)


def _slug(context: _Context, row: Row, data: dict[str, Any], findings: list[Finding]) -> str | None:
    """The record's id within the region: from the id or slug column, else the name.
    The id, region and path columns (an export's) are identity, not fields."""
    table = context.table
    given = data.pop("id", None) or data.pop("slug", None)
    for key in ("id", "slug", "path"):
        data.pop(key, None)
    region = data.pop("region", None)
    if isinstance(given, str) and "/" in given:
        region, _, given = given.partition("/")
    if region is not None and norm(str(region)) != context.region:
        findings.append(
            finding(
                table.where(row, "region" if "region" in table.columns else "id"),
                "other-region",
                f"skipped: the row is for region '{region}', not '{context.region}'",
                hint="import each region's rows with its own --region",
                severity=Severity.WARNING,
            )
        )
        return None
    name = data.get("name")
    slug = str(given) if given else slugify(str(name)) if name else ""
    if not slug:
        findings.append(
            finding(
                table.where(row, "name"),
                "missing-field",
                "the row has no name (Nama Inovasi)",
                table.header_of("name"),
                "fill the name, or delete the row",
            )
        )
        return None
    return slug


def cell_findings(
    planned: Planned, found: list[Finding], table_header: Callable[[str], str]
) -> list[Finding]:
    """``validate``'s findings on a planned record, pinned on the cells they concern."""
    pinned = []
    for f in found:
        key = f.field.split(".", 1)[0]
        where = planned.cells.get(key, planned.row.where)
        header = table_header(key) if key in planned.cells else f.field
        hint = f.hint
        missing = _REQUIRED.search(f.message) if f.code == "missing-field" else None
        if missing and missing[1] in COLUMNS:
            form_name = (*COLUMNS[missing[1]], missing[1])[0]
            header = table_header(missing[1])
            hint = (
                f"fill '{header}' in this row"
                if header != missing[1]
                else f"add a column '{form_name}' and fill it"
            )
        pinned.append(Finding(where, 0, 0, f.code, f.message, header, f.severity, hint))
    return pinned


_REQUIRED = re.compile(r"required field '([a-z_]+)'")


def source_entry(file_name: str, sheet: str | None, rows: int) -> dict[str, Any]:
    """The bibliography entry of an imported workbook."""
    where = f"sheet {sheet}, " if sheet else ""
    return {
        "title": f"Lembar kerja {file_name}",
        "title_supplied": True,
        "kind": "lembar-kerja",
        "language": "id",
        "note": f"The worksheet imported by inovasi import innovations ({where}{rows} "
        "row(s), one innovation each); each record's locator is its row.",
    }


def ignored_warning(sheet: Sheet, ignored: tuple[str, ...]) -> Finding | None:
    if not ignored:
        return None
    where = f"{sheet.file}!{sheet.name}" if sheet.name else sheet.file
    return finding(
        where,
        "ignored-column",
        "column(s) not imported: " + ", ".join(ignored),
        hint="the import reads the profile form's columns; see inovasi import innovations --help",
        severity=Severity.WARNING,
    )


def export_classifications(sheet: Sheet | None) -> dict[str, dict[str, str]]:
    """An inovasi export's ``classifications`` sheet: innovation id -> field -> basis.
    A workbook that carries them keeps them, so a classification never comes back as a
    value the workbook states."""
    if sheet is None:
        return {}
    names = {"record_type": (), "record_id": (), "field": (), "basis": ()}
    table, _ = find_table(sheet, names, "record_id")
    found: dict[str, dict[str, str]] = {}
    if table is None:
        return found
    for row in table.rows:
        kind, record, key, basis = (
            sheet_values.text(table.value(row, f))
            for f in ("record_type", "record_id", "field", "basis")
        )
        if kind == "innovation" and record and key and basis:
            found.setdefault(record, {})[key] = basis
    return found
