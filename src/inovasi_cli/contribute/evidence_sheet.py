"""The evidence worksheet of the yearly IID self-assessment: one row per region
indicator (the region's own evidence, for the assessment year) and per innovation x
innovation indicator, with the indicator, its weight, the levels and what each means,
the current level (a drop-down of the levels) and its document, and a column for the
supporting document's title. :mod:`.evidence_import` reads it back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from inovasi_cli.output.workbook import fit_widths, header, new_workbook, put, workbook_bytes
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Evidence
from inovasi_cli.records.scoring_model import Aspect, Indicator, ScoringModel

SHEET = "Bukti"
GUIDE = "Petunjuk"
# Field -> the header the worksheet writes (the import also reads the field names).
HEADERS: dict[str, str] = {
    "model": "Model",
    "record": "ID",
    "name": "Nama",
    "year": "Tahun",
    "number": "No. indikator",
    "indicator": "Indikator",
    "indicator_name": "Nama indikator",
    "weight": "Bobot",
    "choices": "Pilihan tingkat (arti)",
    "level": "Tingkat",
    "document": "Dokumen pendukung",
    "note": "Catatan",
}
EDITABLE = ("level", "document", "note")
_GUIDE_LINES = (
    "Lembar kerja bukti dukung Indeks Inovasi Daerah (IID), dibuat oleh inovasi evidence template.",
    "Isi kolom Tingkat (pilih dari daftar: 1, 2 atau 3) dan Dokumen pendukung (judul "
    "dokumen yang mendukung tingkat itu) pada setiap baris; Catatan boleh diisi.",
    "Kosongkan Tingkat bila tidak ada bukti: tingkat yang sudah tercatat lalu dikosongkan "
    "dihapus dari catatan.",
    "Jangan ubah kolom lain (Model, ID, Tahun, Indikator): kolom itu menunjukkan catatan "
    "mana yang diubah.",
    "Setelah diisi: inovasi evidence import <berkas>.xlsx, lalu inovasi score.",
)


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the worksheet."""

    model: str
    record: str
    name: str
    year: int | None  # region rows only
    indicator: Indicator
    current: Evidence | None


def lines(collection: Collection, region: str, model: ScoringModel, year: int) -> Iterator[Line]:
    """The rows: the region's indicators for ``year``, then each innovation's."""
    record = collection.regions[region]
    for indicator in model.indicators_of(Aspect.REGION):
        current = _current(record.evidence, model.id, indicator.id, year)
        yield Line(model.id, record.id, record.name, year, indicator, current)
    for innovation in collection.innovations_by_region.get(region, ()):
        for indicator in model.indicators_of(Aspect.INNOVATION):
            current = _current(innovation.evidence, model.id, indicator.id, None)
            yield Line(model.id, innovation.id, innovation.name, None, indicator, current)


def _current(
    evidence: Sequence[Evidence], model: str, indicator: str, year: int | None
) -> Evidence | None:
    return next(
        (
            e
            for e in evidence
            if e.model == model and e.indicator == indicator and (year is None or e.year == year)
        ),
        None,
    )


def _choices(indicator: Indicator) -> str:
    return "; ".join(
        f"{lv.level} = {lv.meaning or 'arti tidak diketahui'}" for lv in indicator.levels
    )


def _row(line: Line) -> list[object]:
    indicator, current = line.indicator, line.current
    weight = indicator.weight
    return [
        line.model,
        line.record,
        line.name,
        line.year,
        indicator.number,
        indicator.id,
        indicator.name,
        (int(weight) if weight == weight.to_integral_value() else float(weight))
        if weight is not None
        else "tidak diketahui",
        _choices(indicator),
        current.level if current else None,
        (current.document.title or current.document.label) if current else None,
        current.note if current else None,
    ]


def template_bytes(collection: Collection, region: str, model: ScoringModel, year: int) -> bytes:
    """The worksheet as an .xlsx workbook (the same bytes for the same collection)."""
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = new_workbook()
    sheet = book.create_sheet(SHEET)
    fields = list(HEADERS)
    header(sheet, list(HEADERS.values()))
    rows = [_row(line) for line in lines(collection, region, model, year)]
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            put(sheet, number, column, value)
    fit_widths(sheet, [[HEADERS[f], *(r[i] for r in rows)] for i, f in enumerate(fields)])
    sheet.column_dimensions["I"].width = 60.0
    if rows:
        last = len(rows) + 1
        level_column = "J"
        choices = ",".join(str(lv.level) for lv in model.indicators[0].levels)
        validation = DataValidation(
            type="list",
            formula1=f'"{choices}"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Tingkat",
            error=f"Pilih salah satu: {choices.replace(',', ', ')} "
            "(kosongkan bila tidak ada bukti)",
            promptTitle="Tingkat",
            prompt="Pilih tingkat yang didukung dokumen",
            showInputMessage=True,
        )
        validation.add(f"{level_column}2:{level_column}{last}")
        sheet.add_data_validation(validation)
        fill = PatternFill("solid", fgColor="FFF2CC")
        for field in EDITABLE:
            column = fields.index(field) + 1
            for number in range(2, last + 1):
                sheet.cell(row=number, column=column).fill = fill
    guide = book.create_sheet(GUIDE)
    for number, text in enumerate(_GUIDE_LINES, 1):
        put(guide, number, 1, text)
    guide.column_dimensions["A"].width = 110.0
    return workbook_bytes(book)
