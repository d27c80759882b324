"""Regions: unique names and codes, codes of the right form, a province for each
kabupaten and kota."""

from __future__ import annotations

from inovasi_cli.core.text import fold
from inovasi_cli.validation.checks.context import Context


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
