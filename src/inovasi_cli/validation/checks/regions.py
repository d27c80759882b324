"""Regions: unique names and codes, codes of the right form, a province for each
kabupaten and kota. Every region file is checked, valid or not, on the values that can
be read (see :mod:`.readings`)."""

from __future__ import annotations

from inovasi_cli.core.text import fold
from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.readings import text


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
            if kind == "provinsi" and "." in code:
                doc.add("bad-code", "a province code has two digits", ("code",))
            if kind is not None and kind != "provinsi" and "." not in code:
                doc.add(
                    "bad-code", f"a {kind} code has the form PP.KK", ("code",), hint="e.g. '72.01'"
                )
        if kind is not None and kind != "provinsi" and data.get("province") in (None, ""):
            doc.add(
                "missing-field",
                f"a {kind} needs its province",
                ("province",),
                key=True,
                hint="add 'province: ...'",
            )
