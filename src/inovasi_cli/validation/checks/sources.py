"""The bibliography and what records say about their values: every citation names a
source of ``data/sources/``, every source is cited and described once, every
classification classifies a value the record has, and every amount is a number or a
range that reads the right way round."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from inovasi_cli.core.findings import Severity
from inovasi_cli.core.text import fold
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.model import Amount, Citation
from inovasi_cli.records.values import has_value
from inovasi_cli.validation.checks.context import Context, check_dates


def check_sources(ctx: Context) -> None:
    collection = ctx.collection
    for region in collection.regions.values():
        doc = ctx.docs[region.path]
        check_citations(ctx, doc, ("sources",), region.sources)
        for index, fact in enumerate(region.facts):
            check_citations(ctx, doc, ("facts", index, "sources"), fact.sources)
    for innovation in collection.innovations.values():
        doc = ctx.docs[innovation.path]
        check_citations(ctx, doc, ("sources",), innovation.sources)
        check_classified(doc, innovation.raw)
        check_amounts(doc, ("amounts",), innovation.amounts)
    for visit in collection.visits.values():
        doc = ctx.docs[visit.path]
        check_citations(ctx, doc, ("sources",), visit.sources)
        check_classified(doc, visit.raw)
    _check_bibliography(ctx)


def check_citations(
    ctx: Context, doc: Document, base: Path_, citations: Sequence[Citation]
) -> None:
    """Each citation names a source file that exists (a broken one still counts: its own
    findings say what is wrong with it)."""
    for index, citation in enumerate(citations):
        if citation.source in ctx.source_ids:
            continue
        close = difflib.get_close_matches(citation.source, sorted(ctx.source_ids), n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"describe the document in data/sources/{citation.source}.yaml"
        )
        doc.add(
            "unknown-reference",
            f"source '{citation.source}' is not in the bibliography (data/sources/)",
            (*base, index, "source"),
            hint=hint,
        )


def _check_bibliography(ctx: Context) -> None:
    """Every source is cited by some record, described once, and dated in the past."""
    collection = ctx.collection
    described: dict[tuple[str, str], str] = {}
    for source in collection.sources.values():
        doc = ctx.docs[source.path]
        check_dates(doc, source.raw, ("published",), ctx.today)
        if source.id not in collection.cited_by:
            doc.add(
                "uncited-source",
                f"no record cites the source '{source.id}'",
                at=(1, 1),
                severity=Severity.WARNING,
                hint=f"cite it from a record ('sources: - source: {source.id}') or delete it",
            )
        key = (fold(source.title), fold(source.publisher or ""))
        if key in described:
            doc.add(
                "duplicate-source",
                f"'{source.title}' is also described by data/sources/{described[key]}.yaml",
                ("title",),
                severity=Severity.WARNING,
                hint="describe each document once: cite the other one and delete this file",
            )
        described.setdefault(key, source.id)


def check_classified(doc: Document, data: Mapping[str, Any]) -> None:
    """A basis classifies a value the record has (the schema allows only classifiable
    fields, and refuses an empty basis)."""
    for field_name in data.get("classified") or {}:
        if not has_value(data.get(field_name)):
            doc.add(
                "basis-without-value",
                f"the record has no '{field_name}' for this basis to classify",
                ("classified", field_name),
                key=True,
                hint=f"add '{field_name}: ...' (the value the basis explains), or remove the basis",
            )


def check_amounts(doc: Document, base: Path_, amounts: Sequence[Amount]) -> None:
    """An amount is one value or a range, never both; a range's ends in order."""
    for index, amount in enumerate(amounts):
        ranged = amount.minimum is not None or amount.maximum is not None
        if amount.value is not None and ranged:
            doc.add(
                "bad-amount",
                "an amount has either 'value' or 'minimum'/'maximum', not both",
                (*base, index, "value"),
                key=True,
                hint="keep 'value' for one number, 'minimum' and 'maximum' for a range",
            )
        if (
            amount.minimum is not None
            and amount.maximum is not None
            and amount.minimum > amount.maximum
        ):
            doc.add(
                "bad-amount",
                f"minimum {amount.minimum:g} is above maximum {amount.maximum:g}",
                (*base, index, "minimum"),
                hint="swap them",
            )
