"""The bibliography and what records say about their values: every citation names a
source of ``data/sources/``, every source is cited and described once, every
classification classifies a value the record has, and every amount is a number or a
range that reads the right way round."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from inovasi_cli.core.findings import Severity
from inovasi_cli.core.text import fold
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.values import has_value
from inovasi_cli.validation.checks.context import Context, check_dates
from inovasi_cli.validation.checks.readings import UNREADABLE, items, number, text


def check_sources(ctx: Context) -> None:
    """Citations, classifications and amounts of every record file, valid or not, as far
    as they can be read; then the bibliography itself."""
    cited: set[str] = set()
    for kind in ("region", "innovation", "visit"):
        for reading in ctx.read(kind):
            doc, data = ctx.docs[reading.path], reading.data
            cited |= check_citations(ctx, doc, ("sources",), data)
            for index, fact in items(data, "facts"):
                cited |= check_citations(ctx, doc, ("facts", index, "sources"), fact)
            if kind != "region":
                check_classified(doc, data)
            if kind == "innovation":
                check_amounts(doc, ("amounts",), data)
    _check_bibliography(ctx, cited)


def check_citations(ctx: Context, doc: Document, base: Path_, data: Mapping[str, Any]) -> set[str]:
    """Each citation under ``data['sources']`` (found at ``base``) names a source file
    that exists (a broken one still counts: its own findings say what is wrong with it);
    the ids cited."""
    cited = set()
    for index, citation in items(data, "sources"):
        source = text(citation, "source")
        if source is None:
            continue
        cited.add(source)
        if source in ctx.index.source_ids:
            continue
        close = difflib.get_close_matches(source, sorted(ctx.index.source_ids), n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?"
            if close
            else f"describe the document in data/sources/{source}.yaml"
        )
        doc.add(
            "unknown-reference",
            f"source '{source}' is not in the bibliography (data/sources/)",
            (*base, index, "source"),
            hint=hint,
        )
    return cited


def cited_sources(data: Mapping[str, Any]) -> set[str]:
    """The sources a record file cites, as far as its citations can be read (what
    :func:`check_citations` counts)."""
    found = {text(c, "source") for _, c in items(data, "sources")}
    for _, fact in items(data, "facts"):
        found |= {text(c, "source") for _, c in items(fact, "sources")}
    return {source for source in found if source is not None}


def _check_bibliography(ctx: Context, cited: set[str]) -> None:
    """Every valid source is cited by some record file (valid or not: the collection's
    citations are in ``ctx.index.cited``, these ones in ``cited``), described once, and
    dated in the past."""
    described: dict[tuple[str, str], str] = {}
    for source in ctx.read("source"):
        if source.id not in ctx.index.sources:
            continue  # an invalid source file reports itself
        doc, data = ctx.docs[source.path], source.data
        check_dates(doc, data, ("published",), ctx.today)
        if source.id not in cited and source.id not in ctx.index.cited:
            doc.add(
                "uncited-source",
                f"no record cites the source '{source.id}'",
                at=(1, 1),
                severity=Severity.WARNING,
                hint=f"cite it from a record ('sources: - source: {source.id}') or delete it",
            )
        title = str(data["title"])
        key = (fold(title), fold(str(data.get("publisher") or "")))
        if key in described:
            doc.add(
                "duplicate-source",
                f"'{title}' is also described by data/sources/{described[key]}.yaml",
                ("title",),
                severity=Severity.WARNING,
                hint="describe each document once: cite the other one and delete this file",
            )
        described.setdefault(key, source.id)


def check_classified(doc: Document, data: Mapping[str, Any]) -> None:
    """A basis classifies a value the record has (the schema allows only classifiable
    fields, and refuses an empty basis)."""
    classified = data.get("classified")
    bases = classified.items() if isinstance(classified, Mapping) else ()
    for field_name, basis in bases:
        if basis is UNREADABLE:  # the schema reported the basis itself
            continue
        if not has_value(data.get(field_name)):
            doc.add(
                "basis-without-value",
                f"the record has no '{field_name}' for this basis to classify",
                ("classified", field_name),
                key=True,
                hint=f"add '{field_name}: ...' (the value the basis explains), or remove the basis",
            )


def check_amounts(doc: Document, base: Path_, data: Mapping[str, Any]) -> None:
    """An amount is one value or a range, never both; a range's ends in order. ``base``
    is where ``data['amounts']`` is in the record."""
    for index, amount in items(data, "amounts"):
        value, low, high = (number(amount, k) for k in ("value", "minimum", "maximum"))
        if value is not None and (low is not None or high is not None):
            doc.add(
                "bad-amount",
                "an amount has either 'value' or 'minimum'/'maximum', not both",
                (*base, index, "value"),
                key=True,
                hint="keep 'value' for one number, 'minimum' and 'maximum' for a range",
            )
        if low is not None and high is not None and low > high:
            doc.add(
                "bad-amount",
                f"minimum {low:g} is above maximum {high:g}",
                (*base, index, "minimum"),
                hint="swap them",
            )
