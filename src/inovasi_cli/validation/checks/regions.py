"""Regions: unique names and codes, codes of the right form, a province for each
kabupaten and kota; facts with real dates that agree with their year, people of known
regions, and amounts that read the right way round."""

from __future__ import annotations

from inovasi_cli.core.text import fold
from inovasi_cli.records.loader import Document
from inovasi_cli.records.model import Region
from inovasi_cli.validation.checks.context import Context, check_dates, region_ref
from inovasi_cli.validation.checks.sources import check_amounts


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
        _check_facts(ctx, doc, region)
        if region.type != "provinsi" and not region.province:
            doc.add(
                "missing-field",
                f"a {region.type} needs its province",
                ("province",),
                key=True,
                hint="add 'province: ...'",
            )


def _check_facts(ctx: Context, doc: Document, region: Region) -> None:
    for index, fact in enumerate(region.facts):
        raw = region.raw["facts"][index]
        check_dates(doc, raw, ("date",), ctx.today)
        year = raw.get("year")
        if fact.date and year is not None and not fact.date.startswith(str(year)):
            doc.add(
                "date-mismatch",
                f"year {year} does not agree with the date '{fact.date}'",
                ("facts", index, "year"),
                hint="keep only 'date': the year follows from it",
            )
        for number, person in enumerate(fact.people):
            if person.region:
                path = ("facts", index, "people", number, "region")
                region_ref(ctx, doc, path, person.region, "region of a person")
        check_amounts(doc, ("facts", index, "amounts"), fact.amounts)
