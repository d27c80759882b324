"""Innovations: a known region folder, unique names, real and ordered dates,
competitions that happened, replications that point elsewhere."""

from __future__ import annotations

from inovasi_cli.core.text import fold
from inovasi_cli.validation.checks.context import Context, check_dates, innovation_ref


def check_innovations(ctx: Context) -> None:
    collection, docs, today = ctx.collection, ctx.docs, ctx.today
    names: dict[tuple[str, str], str] = {}
    for innovation in collection.innovations.values():
        doc = docs[innovation.path]
        if innovation.region not in ctx.region_ids:
            doc.add(
                "unknown-region",
                f"folder '{innovation.region}' is not a region in the collection",
                hint=f"add data/regions/{innovation.region}.yaml or move "
                "the file to an existing region's folder",
            )
        key = (innovation.region, fold(innovation.name))
        if key in names:
            doc.add(
                "duplicate-name",
                f"'{innovation.name}' is also the name of {names[key]}",
                ("name",),
                hint="one innovation, one file: merge them or rename one",
            )
        names.setdefault(key, innovation.id)
        check_dates(doc, innovation.raw, ("trial_date", "implementation_date"), today)
        trial, applied = innovation.trial_date, innovation.implementation_date
        if trial and applied and applied < trial[: len(applied)]:
            doc.add(
                "date-order", "implementation_date is before trial_date", ("implementation_date",)
            )
        for index, competition in enumerate(innovation.competitions):
            if competition.year > today.year:
                doc.add(
                    "future-date",
                    f"{competition.key} has not happened yet",
                    ("competitions", index, "year"),
                )
        ref = innovation.replication_of
        if ref:
            if ref == innovation.id:
                doc.add(
                    "self-reference", "an innovation cannot replicate itself", ("replication_of",)
                )
            elif (
                innovation_ref(ctx, doc, ("replication_of",), ref, "replication_of")
                and ref.partition("/")[0] == innovation.region
            ):
                doc.add(
                    "same-region-replication",
                    "a replication is an adoption by "
                    "another region; this one is in the same region",
                    ("replication_of",),
                    hint="remove replication_of",
                )
