"""Innovations: a known region folder, unique names, real and ordered dates,
competitions that happened, replications that point elsewhere. Every innovation file is
checked, valid or not, on the values that can be read (see :mod:`.readings`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inovasi_cli.core.text import fold
from inovasi_cli.records.loader import Document
from inovasi_cli.validation.checks.context import Context, check_dates, innovation_ref
from inovasi_cli.validation.checks.readings import Reading, integer, items, text


def check_innovations(ctx: Context) -> None:
    names: dict[tuple[str, str], str] = {}
    for innovation in ctx.read("innovation"):
        doc, data = ctx.docs[innovation.path], innovation.data
        region = innovation.id.partition("/")[0]
        if region not in ctx.index.region_ids:
            doc.add(
                "unknown-region",
                f"folder '{region}' is not a region in the collection",
                hint=f"add data/regions/{region}.yaml or move "
                "the file to an existing region's folder",
            )
        name = text(data, "name")
        if name is not None:
            key = (region, fold(name))
            if key in names:
                doc.add(
                    "duplicate-name",
                    f"'{name}' is also the name of {names[key]}",
                    ("name",),
                    hint="one innovation, one file: merge them or rename one",
                )
            names.setdefault(key, innovation.id)
        _check_dates(ctx, doc, data)
        _check_replication(ctx, doc, innovation)


def _check_dates(ctx: Context, doc: Document, data: Mapping[str, Any]) -> None:
    check_dates(doc, data, ("trial_date", "implementation_date"), ctx.today)
    trial, applied = text(data, "trial_date"), text(data, "implementation_date")
    if trial and applied and applied < trial[: len(applied)]:
        doc.add("date-order", "implementation_date is before trial_date", ("implementation_date",))
    for index, competition in items(data, "competitions"):
        year = integer(competition, "year")
        if year is not None and year > ctx.today.year:
            award = text(competition, "award")
            doc.add(
                "future-date",
                f"{award}-{year} has not happened yet" if award else f"{year} is in the future",
                ("competitions", index, "year"),
            )


def _check_replication(ctx: Context, doc: Document, innovation: Reading) -> None:
    ref = text(innovation.data, "replication_of")
    if not ref:
        return
    if ref == innovation.id:
        doc.add("self-reference", "an innovation cannot replicate itself", ("replication_of",))
    elif (
        innovation_ref(ctx, doc, ("replication_of",), ref, "replication_of")
        and ref.partition("/")[0] == innovation.id.partition("/")[0]
    ):
        doc.add(
            "same-region-replication",
            "a replication is an adoption by another region; this one is in the same region",
            ("replication_of",),
            hint="remove replication_of",
        )
