"""The ministry's published IID results, one row per region: year, region (code or
name), IID score, predikat, national rank, rank in its group, number of innovations, and
the decree that fixed them (number and date). Each row becomes an ``iga`` fact of the
region, citing the decree, which gets its own entry in the bibliography; a region the
collection lacks is added from the national registry.

:func:`plan` writes nothing: it returns the files to create or change and the
findings, each on its cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inovasi_cli.contribute import sheet_values
from inovasi_cli.contribute.sheet_table import Table, find_table, finding, formulas
from inovasi_cli.contribute.skeleton import record_path, region_id, schema_line
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.findings import Finding
from inovasi_cli.core.text import fold, slugify
from inovasi_cli.query.resolve import resolve_registry_region
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.registry import CITATION_NOTE, SOURCE_ID, SOURCE_TEXT, RegistryRegion
from inovasi_cli.records.schema_files import load_schema
from inovasi_cli.records.sheets import Row, Sheet
from inovasi_cli.records.yaml_edit import set_key
from inovasi_cli.records.yaml_write import record_text

COLUMNS: dict[str, tuple[str, ...]] = {
    "year": ("Tahun", "Tahun Penilaian"),
    "code": ("Kode", "Kode Wilayah", "Kode Daerah", "Kode Kemendagri"),
    "region": ("Daerah", "Nama Daerah", "Pemda", "Pemerintah Daerah", "Provinsi/Kabupaten/Kota"),
    "index": ("Nilai", "Indeks", "Nilai IID", "Indeks Inovasi Daerah", "Skor", "IID"),
    "predicate": ("Predikat",),
    "national_rank": ("Peringkat Nasional", "Ranking Nasional"),
    "rank": ("Peringkat", "Peringkat Klaster", "Peringkat Kelompok", "Ranking"),
    "category": ("Klaster", "Kelompok", "Kategori", "Tingkat"),
    "count": ("Jumlah Inovasi", "Jumlah", "Inovasi"),
    "decree": ("Nomor Keputusan", "Nomor SK", "Keputusan", "SK", "Kepmendagri"),
    "decree_date": ("Tanggal Keputusan", "Tanggal SK", "Tanggal Penetapan"),
}
PREDICATES = ("Sangat Inovatif", "Inovatif", "Kurang Inovatif", "Tidak Dapat Dinilai")
_PREDICATE = {fold(p): p for p in PREDICATES} | {"disclaimer": "Disclaimer"}


@dataclass(frozen=True, slots=True)
class Result:
    """One row, read: the region it is about and the fact it states."""

    region: RegistryRegion
    fact: dict[str, Any]
    decree: str
    decree_date: str | None
    row: Row
    cells: Mapping[str, str]


@dataclass(slots=True)
class ResultsPlan:
    texts: dict[str, str] = field(default_factory=dict)  # display -> text (new or changed)
    originals: dict[str, str] = field(default_factory=dict)  # display -> text read
    new_regions: list[str] = field(default_factory=list)
    facts: int = 0
    findings: list[Finding] = field(default_factory=list)
    cells: dict[str, dict[tuple[str, Any], Mapping[str, str]]] = field(default_factory=dict)


def decree_source_id(number: str) -> str:
    return slugify(f"kepmendagri {number}")


def plan(
    sheet: Sheet, collection: Collection, source_ids: set[str], read: Callable[[str], str]
) -> ResultsPlan:
    result = ResultsPlan()
    table, found = find_table(sheet, COLUMNS, "index")
    result.findings += found
    if table is None:
        return result
    rows: list[Result] = []
    seen: dict[tuple[str, int], str] = {}
    for row in table.rows:
        problems = formulas(table, row)
        read_row = None if problems else _result(table, row, problems)
        result.findings += problems
        if read_row is None:
            continue
        key = (read_row.region.code, read_row.fact["year"])
        if key in seen:
            result.findings.append(
                finding(
                    read_row.cells["index"],
                    "duplicate-row",
                    f"{read_row.region.name} {key[1]} is already on {seen[key]}",
                )
            )
            continue
        seen[key] = row.where
        rows.append(read_row)
    _decrees(result, rows, source_ids)
    _regions(result, rows, collection, source_ids, read)
    return result


def _result(table: Table, row: Row, problems: list[Finding]) -> Result | None:
    cells = {f: table.where(row, f) for f in COLUMNS}

    def problem(key: str, code: str, message: str, hint: str = "") -> None:
        problems.append(finding(cells[key], code, message, table.header_of(key), hint))

    try:
        year = sheet_values.whole(table.value(row, "year"), "a year")
        index = sheet_values.number(table.value(row, "index"), "an index")
        national = sheet_values.whole(table.value(row, "national_rank"), "a rank")
        rank = sheet_values.whole(table.value(row, "rank"), "a rank")
        count = sheet_values.whole(table.value(row, "count"), "a number of innovations")
    except sheet_values.ValueProblem as exc:
        problem("index", "bad-value", exc.message, exc.hint)
        return None
    decree = sheet_values.text(table.value(row, "decree"))
    for key, value in (("year", year), ("index", index), ("decree", decree)):
        if value is None:
            problem(
                key,
                "missing-field",
                f"the row has no {table.header_of(key)}",
                f"fill {table.header_of(key)}",
            )
    if year is None or index is None or decree is None:
        return None
    region = _region(table, row, problem)
    if region is None:
        return None
    predicate = sheet_values.text(table.value(row, "predicate"))
    if predicate is not None and fold(predicate) not in _PREDICATE:
        problem(
            "predicate",
            "unknown-value",
            f"'{predicate}' is not a predikat of the IID",
            "one of: " + ", ".join(PREDICATES),
        )
        return None
    category = sheet_values.text(table.value(row, "category"))
    fact = {
        "kind": "iga",
        "year": year,
        "statement": "",
        "rank": rank,
        "national_rank": national,
        "category": category.lower() if category else (region.type if rank else None),
        "predicate": _PREDICATE[fold(predicate)] if predicate else None,
        "index": index,
        "count": count,
    }
    fact = {k: v for k, v in fact.items() if v is not None}
    decree_date = sheet_values.partial_date(table.value(row, "decree_date"), table.sheet)
    fact["statement"] = statement(region, fact, decree)
    return Result(region, fact, decree, decree_date, row, cells)


def _region(table: Table, row: Row, problem: Callable[..., None]) -> RegistryRegion | None:
    code = sheet_values.text(table.value(row, "code"))
    name = sheet_values.text(table.value(row, "region"))
    if code is None and name is None:
        problem("region", "missing-field", "the row names no region", "give its Kode or Daerah")
        return None
    try:
        return (
            resolve_registry_region(name or "", code=code)
            if code
            else resolve_registry_region(name or "")
        )
    except UsageError as exc:
        problem("code" if code else "region", "unknown-region", str(exc))
        return None


def statement(region: RegistryRegion, fact: Mapping[str, Any], decree: str) -> str:
    """The fact in the words of the results table."""
    index = f"{fact['index']:.2f}".replace(".", ",")
    parts = [f"{region.name} memperoleh Indeks Inovasi Daerah {fact['year']} sebesar {index}"]
    if "predicate" in fact:
        parts[0] += f" dengan predikat {fact['predicate']}"
    ranks = []
    if "national_rank" in fact:
        ranks.append(f"peringkat {fact['national_rank']} nasional")
    if "rank" in fact:
        ranks.append(f"peringkat {fact['rank']} {fact.get('category', '')}".rstrip())
    if ranks:
        parts.append(" dan ".join(ranks))
    if "count" in fact:
        parts.append(f"{fact['count']} inovasi")
    return "; ".join(parts) + f" (Kepmendagri {decree})."


def _decrees(result: ResultsPlan, rows: list[Result], source_ids: set[str]) -> None:
    """A bibliography entry for each decree the collection does not describe yet."""
    dates: dict[str, str | None] = {}
    for row in rows:
        dates.setdefault(row.decree, row.decree_date)
    for number, date in dates.items():
        source_id = decree_source_id(number)
        if source_id in source_ids:
            continue
        years = sorted({r.fact["year"] for r in rows if r.decree == number})
        entry: dict[str, Any] = {
            "title": f"Keputusan Menteri Dalam Negeri Nomor {number}, hasil pengukuran "
            f"Indeks Inovasi Daerah {', '.join(map(str, years))}",
            "title_supplied": True,
            "kind": "peraturan",
            "language": "id",
            "publisher": "Kementerian Dalam Negeri",
        }
        if date:
            entry["published"] = date
        entry["note"] = (
            "The published IID results per region (score, predikat, ranks, number of "
            "innovations), imported by inovasi import results; each fact's locator names "
            "the region as the decree lists it."
        )
        result.texts[record_path("sources", source_id)] = record_text(
            entry, [schema_line("sources")]
        )


_FACT_AFTER = tuple(
    list(load_schema("region")["properties"])[
        : list(load_schema("region")["properties"]).index("facts")
    ]
)


def _regions(
    result: ResultsPlan,
    rows: list[Result],
    collection: Collection,
    source_ids: set[str],
    read: Callable[[str], str],
) -> None:
    by_code = {r.code: r for r in collection.regions.values() if r.code}
    grouped: dict[str, list[Result]] = {}
    for row in rows:
        grouped.setdefault(row.region.code, []).append(row)
    for code, results in grouped.items():
        entry = results[0].region
        existing = by_code.get(code)
        facts = [_cited(r) for r in results]
        if existing is not None:
            recorded = {(f.kind, f.year) for f in existing.facts}
            fresh = []
            for r, fact in zip(results, facts, strict=True):
                if ("iga", fact["year"]) in recorded and any(
                    f.index == fact["index"] for f in existing.facts if f.year == fact["year"]
                ):
                    result.findings.append(
                        finding(
                            r.cells["index"],
                            "exists",
                            f"{existing.path} already records this result",
                            hint="remove the row",
                        )
                    )
                else:
                    fresh.append(fact)
            if not fresh:
                continue
            original = read(existing.path)
            text = set_key(original, "facts", _appending(fresh), after=_FACT_AFTER)
            result.originals[existing.path] = original
            result.texts[existing.path] = text
            display = existing.path
        else:
            display = _new_region(result, entry, facts, source_ids)
        result.facts += len(facts)
        result.cells[display] = {(r.region.code, r.fact["year"]): r.cells for r in results}


def _appending(new: list[dict[str, Any]]) -> Callable[[Any], Any]:
    def edit(current: Any) -> Any:
        if current is None:
            return new
        current.extend(new)
        return current

    return edit


def _cited(row: Result) -> dict[str, Any]:
    locator = f"lampiran: {row.region.name}"
    return {**row.fact, "sources": [{"source": decree_source_id(row.decree), "locator": locator}]}


def _new_region(
    result: ResultsPlan, entry: RegistryRegion, facts: list[dict[str, Any]], source_ids: set[str]
) -> str:
    """A region the collection lacks, from the registry, holding its facts."""
    data: dict[str, Any] = {"name": entry.name, "type": entry.type}
    if entry.province:
        data["province"] = entry.province
    data["code"] = entry.code
    data["facts"] = facts
    data["sources"] = [{"source": SOURCE_ID, "locator": entry.code, "note": CITATION_NOTE}]
    display = record_path("regions", region_id(entry.name, entry.type))
    header = [
        schema_line("regions"),
        "# Added from the national region registry by inovasi import results.",
    ]
    result.texts[display] = record_text(data, header)
    result.new_regions.append(display)
    registry_source = record_path("sources", SOURCE_ID)
    if SOURCE_ID not in source_ids:
        result.texts[registry_source] = SOURCE_TEXT
    return display


def pin(plan_: ResultsPlan, display: str, found: list[Finding], data: Any) -> list[Finding]:
    """``validate``'s findings on a file the import writes, on the row of the fact they
    concern (found by the fact's year and the region's code)."""
    by_key = plan_.cells.get(display, {})
    facts = data.get("facts") if isinstance(data, dict) else None
    code = data.get("code") if isinstance(data, dict) else None
    pinned = []
    for f in found:
        parts = f.field.split(".")
        cells = None
        if parts[0] == "facts" and len(parts) > 1 and parts[1].isdigit() and facts:
            number = int(parts[1])
            fact = facts[number] if number < len(facts) else {}
            cells = by_key.get((str(code), fact.get("year")))
        if cells is None:
            pinned.append(f)
            continue
        column = parts[2] if len(parts) > 2 and parts[2] in cells else "index"
        pinned.append(Finding(cells[column], 0, 0, f.code, f.message, column, f.severity, f.hint))
    return pinned
