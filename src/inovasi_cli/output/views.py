"""What the read commands show: records as :class:`Listing` (shapes, flat rows, columns) and
one innovation as a readable :class:`RecordProfile`. No I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from inovasi_cli.output import shapes
from inovasi_cli.output.formats import Column, LazyRows, Listing, RecordProfile, Section
from inovasi_cli.query.stats import Stats
from inovasi_cli.records import vocabulary
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Amount, Citation, Innovation, Region, Visit


def innovation_listing(innovations: Sequence[Innovation], collection: Collection) -> Listing:
    records = shapes.innovation_shapes(innovations, collection)

    def build_rows() -> list[Mapping[str, Any]]:
        rows: list[Mapping[str, Any]] = []
        for innovation, record in zip(innovations, records, strict=True):
            row = shapes.innovation_row(record)
            row["display_name"] = innovation.display_name
            basis = innovation.basis("sector")
            row["sector_shown"] = f"{row['sector']} (classified)" if basis else row["sector"]
            rows.append(row)
        return rows

    return Listing(
        records=records,
        rows=LazyRows(build_rows),
        columns=(
            Column("id", "id", keep=True),
            Column("display_name", "name", wrap=True),
            Column("sector_shown", "sector", wrap=True, priority=2),
            Column("unit", "unit", wrap=True, priority=3),
            Column("awards", "awards", wrap=True, priority=4),
        ),
        csv_keys=shapes.INNOVATION_CSV,
    )


def visit_listing(visits: Sequence[Visit], collection: Collection) -> Listing:
    records = [shapes.visit_shape(v, collection) for v in visits]
    rows = [shapes.visit_row(r, v, collection) for r, v in zip(records, visits, strict=True)]
    for row, visit in zip(rows, visits, strict=True):
        row["studied_count"] = len(visit.studied)
    return Listing(
        records=records,
        rows=rows,
        columns=(
            Column("id", "id", keep=True),
            Column("date", "date"),
            Column("host", "host"),
            Column("visitors", "visitors", wrap=True, priority=2),
            Column("delegation_size", "people", numeric=True, priority=3),
            Column("studied_count", "studied", numeric=True, priority=3),
        ),
        csv_keys=(
            "id",
            "date",
            "kind",
            "host",
            "host_name",
            "visitor_regions",
            "visitors",
            "delegation_size",
            "innovations",
            "topics",
            "replications",
            "purpose",
            "path",
        ),
    )


def region_listing(regions: Sequence[Region], collection: Collection) -> Listing:
    records = [shapes.region_shape(r, collection) for r in regions]
    return Listing(
        records=records,
        rows=[shapes.region_row(r) for r in records],
        columns=(
            Column("id", "id", keep=True),
            Column("name", "name", wrap=True, priority=2),
            Column("province", "province", wrap=True, priority=3),
            Column("innovation_count", "innovations", numeric=True),
            Column("visits_received", "visits received", numeric=True, priority=2),
            Column("visits_made", "visits made", numeric=True, priority=2),
        ),
        csv_keys=shapes.REGION_CSV,
    )


def stats_listing(result: Stats) -> Listing:
    records = [
        {
            "by": str(result.by),
            "value": row.value,
            "label": row.label,
            "count": row.count,
            "classified": row.classified,
            "share": round(row.share, 4),
        }
        for row in result.rows
    ]
    biggest = max((row.count for row in result.rows), default=0)
    rows = [
        {
            **record,
            "percent": f"{row.share * 100:.1f}%",
            "bar": row.count / biggest if biggest else 0.0,  # drawn to the width left
        }
        for record, row in zip(records, result.rows, strict=True)
    ]
    classifiable = str(result.by) in {"sector", "unit-type", "stage", "form"}
    note = (
        "; an innovation counts once per value, so counts may add up to more"
        if result.multi_valued
        else ""
    )
    return Listing(
        records=records,
        rows=rows,
        columns=(
            Column("value", str(result.by), keep=True),
            Column("label", "label", wrap=True, priority=3),
            Column("count", "count", numeric=True),
            *([Column("classified", "classified", numeric=True)] if classifiable else []),
            Column("percent", "share", numeric=True),
            Column("bar", "", table_only=True, bar=True, priority=4, name="bar"),
        ),
        csv_keys=("by", "value", "label", "count", "classified", "share"),
        id_key="value",
        footer=f"{result.total} innovation(s){note}",
    )


# -- inovasi show ----------------------------------------------------------------------------


def _title(name: str, value: str | None) -> str:
    """``Kesehatan (kesehatan)``: the Indonesian title and the value, or the value alone."""
    if value is None:
        return ""
    title = vocabulary.title(name, value)
    return f"{title} ({value})" if title != value else value


def _unit(innovation: Innovation) -> str:
    unit = _marked(innovation, "unit", innovation.unit or "")
    if innovation.unit_type:
        kind = _marked(innovation, "unit_type", _title("unit_type", innovation.unit_type))
        unit = f"{unit} [{kind}]".strip()
    return unit


def _competition_lines(innovation: Innovation) -> list[str]:
    lines = []
    for entry in innovation.competitions:
        text = f"{entry.award.upper()} {entry.year}"
        text += f": {entry.result}" if entry.result else ""
        text += f" ({entry.note})" if entry.note else ""
        lines.append(text)
    return lines


def _replication_lines(innovation: Innovation, collection: Collection) -> list[str]:
    lines = []
    for rep in collection.replications_of(innovation.id):
        text = collection.region_name(rep.adopter)
        name = collection.adopted_name(rep)
        if name or rep.adopted_as:
            text += " as " + " ".join(
                p for p in (name, f"({rep.adopted_as})" if rep.adopted_as else None) if p
            )
        text += f", after visit {rep.visit}" if rep.visit else ""
        text += f": {rep.note}" if rep.note else ""
        lines.append(text)
    return lines


def _visit_lines(visit_ids: Sequence[str], collection: Collection) -> list[str]:
    lines = []
    for visit_id in visit_ids:
        visit = collection.visits[visit_id]
        who = ", ".join(shapes.visitor_label(v, collection) for v in visit.visitors)
        lines.append(f"{visit.id} ({visit.date or 'date not recorded'}): {who}")
    return lines


def _outcome_lines(innovation: Innovation) -> list[str]:
    return [
        " ".join(
            str(p)
            for p in (
                f"{o.indicator}:",
                o.before,
                "->" if o.before is not None and o.after is not None else None,
                o.after,
                o.unit,
                f"({o.note})" if o.note else None,
            )
            if p is not None and p != ""
        )
        for o in innovation.outcomes
    ]


def number_text(value: float) -> str:
    """2000000.0 -> ``2000000``; 1.5 -> ``1.5``: a number as the record gives it."""
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


def amount_text(amount: Amount) -> str:
    """``layanan publik ...: 192 layanan publik``, ``uang ...: 5000000-40000000 rupiah``,
    ``...: at least 5 orang``."""
    if amount.value is not None:
        figure = number_text(amount.value)
    elif amount.minimum is not None and amount.maximum is not None:
        figure = f"{number_text(amount.minimum)}-{number_text(amount.maximum)}"
    elif amount.minimum is not None:
        figure = f"at least {number_text(amount.minimum)}"
    else:
        figure = f"at most {number_text(amount.maximum or 0)}"
    text = f"{amount.what}: {figure} {amount.unit}"
    return text + (f" ({amount.note})" if amount.note else "")


def citation_line(citation: Citation, collection: Collection) -> str:
    """A citation as one line: who, what (what kind), when, where online, where in it,
    and the source's id in the bibliography."""
    source = collection.sources.get(citation.source)
    if source is None:
        text = f"{citation.source} (not in the bibliography)"
    else:
        who = ", ".join(p for p in (source.author, source.publisher) if p)
        text = f"{who}: {source.display_title}" if who else source.display_title
        text += f" ({vocabulary.title('source_kind', source.kind)})"
        text += f", {source.published}" if source.published else ""
        text += f". {source.url}" if source.url else ""
    text += f"; {citation.locator}" if citation.locator else ""
    text += f"; {citation.note}" if citation.note else ""
    return text + (f" (source: {citation.source})" if source is not None else "")


def _marked(innovation: Innovation, field_name: str, text: str) -> str:
    """A value with its curator's basis, when it is a classification."""
    basis = innovation.basis(field_name)
    return f"{text}; classified: {basis}" if text and basis else text


def _provenance(innovation: Innovation) -> str:
    stated = shapes.stated_fields(innovation, "innovation", innovation.classified)
    classified = [name for name, _ in innovation.classified]
    parts = []
    if stated:
        parts.append("stated by the sources: " + ", ".join(stated))
    if classified:
        parts.append("classified by a curator: " + ", ".join(classified))
    return "; ".join(parts)


def _profile_section(innovation: Innovation) -> Section:
    digital = {True: "digital", False: "non digital", None: ""}[innovation.digital]
    other = ", ".join(_title("sector", s) for s in innovation.other_sectors)
    return Section(
        "Profile",
        (
            ("also called", ", ".join(innovation.aliases)),
            ("sector", _marked(innovation, "sector", _title("sector", innovation.sector))),
            ("other sectors", _marked(innovation, "other_sectors", other)),
            ("form", _marked(innovation, "form", _title("form", innovation.form))),
            ("type", _marked(innovation, "digital", digital)),
            ("stage", _marked(innovation, "stage", _title("stage", innovation.stage))),
            (
                "initiator",
                _marked(innovation, "initiator", _title("initiator", innovation.initiator)),
            ),
            ("unit", _unit(innovation)),
            ("trial", innovation.trial_date or ""),
            ("implemented", innovation.implementation_date or ""),
            ("tags", ", ".join(innovation.tags)),
            ("replicates", innovation.replication_of or ""),
            ("summary", innovation.summary),
        ),
    )


def innovation_profile(innovation: Innovation, collection: Collection) -> RecordProfile:
    """One innovation for reading: profile, design, competitions, replications and visits,
    sources (vocabulary values with their Indonesian titles)."""
    record = shapes.innovation_shape(innovation, collection)
    return RecordProfile(
        title=innovation.display_name,
        subtitle=f"{innovation.id} · {collection.region_name(innovation.region)}",
        sections=(
            _profile_section(innovation),
            Section(
                "Design",
                (
                    ("goals", innovation.goals),
                    ("benefits", innovation.benefits),
                    ("results", innovation.results),
                    ("outcomes", _outcome_lines(innovation)),
                    ("amounts", [amount_text(a) for a in innovation.amounts]),
                ),
            ),
            Section("Competitions", (("entries", _competition_lines(innovation)),)),
            Section(
                "Replication and visits",
                (
                    ("replicated by", _replication_lines(innovation, collection)),
                    ("studied in visits", _visit_lines(record["visits"], collection)),
                ),
            ),
            Section(
                "Sources",
                (
                    ("sources", [citation_line(c, collection) for c in innovation.sources]),
                    ("values", _provenance(innovation)),
                    ("file", innovation.path),
                ),
            ),
        ),
    )
