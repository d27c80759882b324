"""What ``inovasi score`` shows: rankings as :class:`Listing`, and the region breakdown and
one innovation's explanation as records (json, yaml) and plain text. No I/O.

Figures are shown as the ministry publishes them, with two decimals (half up); the exact
values stay in the scoring results. Record text (names, notes) is escaped for terminals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.formats import Column, Listing
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.scoring_model import Band, ScoringModel
from inovasi_cli.scoring.compute import InnovationScore, Origin, RegionScore, Row, round2

UNKNOWN = "unknown"


def figure(value: Decimal | None) -> str:
    """``3`` -> ``3.00``; None -> ``unknown``."""
    return UNKNOWN if value is None else f"{round2(value):f}"


def plain(value: Decimal | None) -> str:
    """``250`` as written, not ``250.00``; None -> ``unknown``."""
    return UNKNOWN if value is None else f"{value.normalize():f}"


def number(value: Decimal | None) -> float | None:
    """A JSON number with two decimals (the exact value is in ``*_exact`` fields)."""
    return None if value is None else float(round2(value))


def band_text(band: Band | None) -> str:
    if band is None:
        return UNKNOWN
    return f"{band.name} ({figure(band.minimum)}-{figure(band.maximum)})"


def model_label(model: ScoringModel) -> str:
    return f"{model.id} ({model.name}; {model.provenance.status})"


def _raise_text(row: Row) -> str:
    meaning = row.indicator.meaning(row.indicator.top_level)
    to = f"level {row.level} -> {row.indicator.top_level}" + (f": {meaning}" if meaning else "")
    return f"{row.indicator.number} {row.indicator.id} +{figure(row.gain)} ({to})"


def without_evidence(score: InnovationScore) -> str:
    return f"{score.count(Origin.MISSING)} of {len(score.rows)}"


# -- innovations ranked ----------------------------------------------------------------------


def innovation_ranking(scores: Sequence[InnovationScore], collection: Collection) -> Listing:
    records = []
    for rank, score in enumerate(scores, 1):
        innovation = collection.innovations[score.innovation]
        best = score.raises[0] if score.raises else None
        records.append(
            {
                "rank": rank,
                "id": score.innovation,
                "name": innovation.display_name,
                "region": innovation.region,
                "model": score.model,
                "score": number(score.score),
                "maximum": number(score.maximum),
                "indicators": len(score.rows),
                "evidence": score.count(Origin.EVIDENCE),
                "derived": score.count(Origin.DERIVED),
                "missing": score.count(Origin.MISSING),
                "raise_most": _raise_text(best) if best else None,
            }
        )
    rows = [
        {
            **r,
            "score_text": figure(s.score),
            "without": without_evidence(s),
        }
        for r, s in zip(records, scores, strict=True)
    ]
    return Listing(
        records=records,
        rows=rows,
        columns=(
            Column("rank", "#", numeric=True),
            Column("id", "id", wrap=False),
            Column("name", "name", max_width=40),
            Column("score_text", "score", numeric=True),
            Column("without", "no evidence", numeric=True),
            Column("raise_most", "would raise it most", max_width=40),
        ),
        csv_keys=(
            "rank",
            "id",
            "name",
            "region",
            "model",
            "score",
            "maximum",
            "indicators",
            "evidence",
            "derived",
            "missing",
            "raise_most",
        ),
    )


# -- one innovation explained ----------------------------------------------------------------


def _row_record(row: Row) -> dict[str, Any]:
    indicator = row.indicator
    evidence = row.evidence
    return {
        "number": indicator.number,
        "indicator": indicator.id,
        "name": indicator.name,
        "weight": number(indicator.weight),
        "level": row.level,
        "meaning": indicator.meaning(row.level) if row.level else None,
        "points": number(row.points),
        "origin": str(row.origin),
        "detail": row.detail,
        "document": (evidence.document.label or None) if evidence else None,
        "note": evidence.note if evidence else None,
        "gain": number(row.gain),
        "provenance": str(indicator.provenance.status),
    }


def explain_listing(score: InnovationScore) -> Listing:
    records = [_row_record(r) for r in score.rows]
    rows = [
        {
            **rec,
            "weight_text": plain(r.indicator.weight),
            "points_text": figure(r.points),
            "why": r.detail or rec["document"] or "",
        }
        for rec, r in zip(records, score.rows, strict=True)
    ]
    return Listing(
        records=records,
        rows=rows,
        columns=(
            Column("number", "no", numeric=True),
            Column("indicator", "indicator", wrap=False),
            Column("weight_text", "weight", numeric=True),
            Column("level", "level", numeric=True),
            Column("points_text", "points", numeric=True),
            Column("origin", "origin"),
            Column("why", "from", max_width=50),
        ),
        id_key="indicator",
        csv_keys=(
            "number",
            "indicator",
            "name",
            "weight",
            "level",
            "meaning",
            "points",
            "origin",
            "detail",
            "document",
            "note",
            "gain",
            "provenance",
        ),
    )


def explain_record(
    score: InnovationScore, model: ScoringModel, collection: Collection
) -> dict[str, Any]:
    innovation = collection.innovations[score.innovation]
    return {
        "id": score.innovation,
        "name": innovation.display_name,
        "model": model.id,
        "model_provenance": str(model.provenance.status),
        "score": number(score.score),
        "score_exact": None if score.score is None else f"{score.score:f}",
        "maximum": number(score.maximum),
        "evidence": score.count(Origin.EVIDENCE),
        "derived": score.count(Origin.DERIVED),
        "missing": score.count(Origin.MISSING),
        "rows": [_row_record(r) for r in score.rows],
        "raise_most": [_raise_text(r) for r in score.raises[:3]],
    }


def explain_lines(score: InnovationScore, model: ScoringModel, collection: Collection) -> str:
    """The lines under the table of rows: the sum, where the levels came from, what next."""
    terms = [figure(r.points) for r in score.rows if r.points]
    added = f"{' + '.join(terms)} = " if len(terms) > 1 else ""
    lines = [
        f"sum: {added}{figure(score.score)} of {plain(score.maximum)} possible",
        f"levels: {score.count(Origin.EVIDENCE)} from evidence, "
        f"{score.count(Origin.DERIVED)} derived from the collection, "
        f"{without_evidence(score)} indicators without evidence (0 points)",
    ]
    if score.raises:
        lines.append("would raise it most: " + "; ".join(_raise_text(r) for r in score.raises[:3]))
    unknown = [r.indicator.id for r in score.rows if r.points is None]
    if unknown:
        lines.append(f"points unknown (weight not known in {model.id}): {', '.join(unknown)}")
    lines.append(f"model: {model_label(model)}")
    return terminal_text("\n".join(lines), newlines=True) + "\n"


def explain_heading(score: InnovationScore, collection: Collection) -> str:
    innovation = collection.innovations[score.innovation]
    return terminal_text(f"{score.innovation}  {innovation.display_name}") + "\n"


# -- regions ---------------------------------------------------------------------------------


def _gate_text(result: RegionScore) -> str:
    gate = result.gate
    if not gate.known:
        return f"gate not known for {result.model.id}"
    state = "met" if gate.met else "not met"
    missing = f"; missing {', '.join(gate.uncovered)}" if gate.uncovered else ""
    return (
        f"gate {state}: covers {len(gate.covered)} of the {len(gate.required)} required "
        f"urusan (needs {gate.minimum}, counted by {gate.basis}){missing}"
    )


def region_record(result: RegionScore, collection: Collection) -> dict[str, Any]:
    model = result.model
    rows = result.region_rows
    return {
        "region": result.region,
        "name": collection.region_name(result.region),
        "model": model.id,
        "model_provenance": str(model.provenance.status),
        "year": result.year,
        "spd": number(result.spd),
        "region_indicators": len(rows),
        "region_indicators_with_evidence": sum(1 for r in rows if r.origin is Origin.EVIDENCE),
        "n": result.n,
        "innovations_with_a_level": sum(1 for s in result.innovations if s.score),
        "innovation_sum": number(result.innovation_sum),
        "divisor": result.divisor,
        "divisor_minimum": model.divisor.minimum,
        "shortfall": result.shortfall,
        "innovation_part": number(result.innovation_part),
        "count_before_gate": number(result.count_before_gate),
        "gate_known": result.gate.known,
        "gate_met": result.gate.met,
        "gate_required": list(result.gate.required),
        "gate_minimum": result.gate.minimum,
        "gate_covered": list(result.gate.covered),
        "count_score": number(result.count_score),
        "sid": number(result.sid),
        "total": number(result.total),
        "maximum": number(result.maximum),
        "index": number(result.index),
        "index_exact": None if result.index_exact is None else f"{result.index_exact:f}",
        "predicate": result.predicate.name if result.predicate else None,
        "gaps": list(result.gaps),
        "innovations": [
            {"id": s.innovation, "score": number(s.score), "missing": s.count(Origin.MISSING)}
            for s in result.innovations
        ],
    }


def region_ranking(results: Sequence[RegionScore], collection: Collection) -> Listing:
    records = []
    for rank, result in enumerate(results, 1):
        record = region_record(result, collection)
        record.pop("innovations")
        records.append({"rank": rank, **record})
    rows = [
        {
            **rec,
            "id": rec["region"],
            "index_text": figure(r.index),
            "total_text": figure(r.total),
            "spd_text": figure(r.spd),
            "sid_text": figure(r.sid),
            "gate_text": UNKNOWN if r.gate.met is None else ("met" if r.gate.met else "not met"),
            "predicate_text": rec["predicate"] or UNKNOWN,
        }
        for rec, r in zip(records, results, strict=True)
    ]
    return Listing(
        records=records,
        rows=rows,
        columns=(
            Column("rank", "#", numeric=True),
            Column("region", "region", wrap=False),
            Column("n", "n", numeric=True),
            Column("spd_text", "SPD", numeric=True),
            Column("sid_text", "SID", numeric=True),
            Column("gate_text", "gate"),
            Column("total_text", "total", numeric=True),
            Column("index_text", "index", numeric=True),
            Column("predicate_text", "predicate"),
        ),
        id_key="region",
        csv_keys=(
            "rank",
            "region",
            "name",
            "model",
            "year",
            "n",
            "spd",
            "innovation_sum",
            "divisor",
            "innovation_part",
            "count_before_gate",
            "gate_met",
            "count_score",
            "sid",
            "total",
            "maximum",
            "index",
            "predicate",
        ),
    )


def _line(label: str, value: str) -> str:
    """A label and its figure, the figures right-aligned in one column."""
    return f"{label:<46}{value:>12}"


def region_text(result: RegionScore, collection: Collection, *, top: int = 5) -> str:
    """The breakdown, one figure per line, each with how it was computed."""
    model = result.model
    rows = result.region_rows
    with_evidence = sum(1 for r in rows if r.origin is Origin.EVIDENCE)
    n, divisor = result.n, result.divisor
    lines = [
        f"{collection.region_name(result.region)} ({result.region}): {model.name}, "
        f"year {result.year}",
        f"model: {model_label(model)}",
        "",
        _line("Region aspect (SPD)", figure(result.spd)),
        f"  {with_evidence} of {len(rows)} region indicators with evidence for {result.year}"
        + ("" if with_evidence else " (0 points each)"),
        "Innovation aspect (SID)",
        _line("  innovations scored (n)", str(n)),
        _line("  sum of their scores", figure(result.innovation_sum)),
    ]
    if divisor is None:
        lines.append(_line(f"  / MAX(?, {n}): divisor not known", UNKNOWN))
    else:
        lines.append(
            _line(
                f"  / MAX({model.divisor.minimum}, {n}) = {divisor}", figure(result.innovation_part)
            )
        )
        if result.shortfall and n:
            average = (result.innovation_sum or Decimal(0)) / n
            lines.append(
                f"    {result.shortfall} fewer innovations than the divisor count as 0 "
                f"(divided by n = {n} it would be {figure(average)})"
            )
        elif result.shortfall:
            lines.append("    no innovations: the sum is 0")
    counting = model.count_score
    if result.count_before_gate is None:
        lines.append(_line("  count score: rule not known", UNKNOWN))
    else:
        before = figure(result.count_before_gate)
        label = f"  count score MIN({n}, {counting.cap}) x {counting.per_innovation} = {before}"
        lines.append(_line(label, figure(result.count_score)))
    lines += [
        f"    {_gate_text(result)}",
        _line("  SID", figure(result.sid)),
        _line("Total (SPD + SID)", figure(result.total)),
        _line(f"Index (Total / {plain(result.maximum)} x 100)", figure(result.index)),
        f"Predicate: {band_text(result.predicate)}",
    ]
    lines += [f"not computed: {gap}" for gap in result.gaps]
    scored = sum(1 for s in result.innovations if s.score)
    lines += [
        "",
        f"Evidence: {n - scored} of {n} innovations have no level on any indicator; "
        f"{with_evidence} of {len(rows)} region indicators have evidence for {result.year}.",
        "This scores the evidence recorded in the collection, not the ministry's assessment.",
    ]
    best = [s for s in result.innovations if s.score][:top]
    if best:
        lines.append("Innovations with points:")
        lines += [
            f"  {figure(s.score):>6}  {s.innovation} "
            f"({without_evidence(s)} indicators without evidence)"
            for s in best
        ]
    return terminal_text("\n".join(lines), newlines=True) + "\n"
