"""Regions: unique names and codes, a province for each kabupaten and kota (what the
national registry says of them: :mod:`.registry`); facts with real dates that agree
with their year, people of known regions, and amounts that read the right way round.
Every region file is checked, valid or not, on the values that can be read (see
:mod:`.readings`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inovasi_cli.core.text import fold
from inovasi_cli.records.loader import Document
from inovasi_cli.validation.checks.context import Context, check_dates, region_ref
from inovasi_cli.validation.checks.readings import integer, items, text
from inovasi_cli.validation.checks.sources import check_amounts


def check_regions(ctx: Context) -> None:
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for region in ctx.read("region"):
        doc, data = ctx.docs[region.path], region.data
        name, code, kind = text(data, "name"), text(data, "code"), text(data, "type")
        if name is not None:
            folded = fold(name)
            if folded in names:
                doc.add(
                    "duplicate-name",
                    f"region name '{name}' is also used by {names[folded]}",
                    ("name",),
                )
            names.setdefault(folded, region.id)
        if code:
            if code in codes:
                doc.add("duplicate-code", f"code {code} is also used by {codes[code]}", ("code",))
            codes.setdefault(code, region.id)
        _check_facts(ctx, doc, data)
        if kind is not None and kind != "provinsi" and data.get("province") in (None, ""):
            doc.add(
                "missing-field",
                f"a {kind} needs its province",
                ("province",),
                key=True,
                hint="add 'province: ...'",
            )


def _check_facts(ctx: Context, doc: Document, data: Mapping[str, Any]) -> None:
    for index, fact in items(data, "facts"):
        check_dates(doc, fact, ("date",), ctx.today, ("facts", index))
        date, year = text(fact, "date"), integer(fact, "year")
        if date and year is not None and not date.startswith(str(year)):
            doc.add(
                "date-mismatch",
                f"year {year} does not agree with the date '{date}'",
                ("facts", index, "year"),
                hint="keep only 'date': the year follows from it",
            )
        for number, person in items(fact, "people"):
            region = text(person, "region")
            if region:
                path = ("facts", index, "people", number, "region")
                region_ref(ctx, doc, path, region, "region of a person")
        check_amounts(doc, ("facts", index, "amounts"), fact)
