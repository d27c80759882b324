"""What ``inovasi score --region`` and ``--by region`` show: a region's breakdown as a
record (json, yaml) and as plain text, and the region ranking as a :class:`Listing`.
No I/O; figures as in :mod:`inovasi_cli.output.scores`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.formats import Column, Listing
from inovasi_cli.output.scores import (
    UNKNOWN,
    band_text,
    figure,
    model_label,
    number,
    plain,
    without_evidence,
)
from inovasi_cli.records.collection import Collection
from inovasi_cli.scoring.classified import classified_urusan
from inovasi_cli.scoring.compute import Origin, RegionScore


def gate_classified(result: RegionScore, collection: Collection) -> tuple[str, ...]:
    """The urusan the gate counted that only a curator's classification covers."""
    scored = [collection.innovations[s.innovation] for s in result.innovations]
    return classified_urusan(result.gate, scored)


def _gate_text(result: RegionScore, collection: Collection) -> str:
    gate = result.gate
    if not gate.known:
        return f"gate not known for {result.model.id}"
    state = "met" if gate.met else "not met"
    missing = f"; missing {', '.join(gate.uncovered)}" if gate.uncovered else ""
    classified = gate_classified(result, collection)
    of_them = (
        f"\n    {len(classified)} of the {len(gate.covered)} covered only by a curator's "
        f"classification: {', '.join(classified)}"
        if classified
        else ""
    )
    return (
        f"gate {state}: covers {len(gate.covered)} of the {len(gate.required)} required "
        f"urusan (needs {gate.minimum}, counted by {gate.basis}){missing}{of_them}"
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
        "gate_covered_classified": list(gate_classified(result, collection)),
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
            Column("rank", "#", numeric=True, name="rank"),
            Column("region", "region", keep=True),
            Column("n", "n", numeric=True, priority=2),
            Column("spd_text", "SPD", numeric=True, priority=2),
            Column("sid_text", "SID", numeric=True, priority=2),
            Column("gate_text", "gate", priority=3),
            Column("total_text", "total", numeric=True),
            Column("index_text", "index", numeric=True),
            Column("predicate_text", "predicate", wrap=True, priority=2),
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
    lines = [
        f"{collection.region_name(result.region)} ({result.region}): {model.name}, "
        f"year {result.year}",
        f"model: {model_label(model)}",
        "",
        _line("Region aspect (SPD)", figure(result.spd)),
        f"  {with_evidence} of {len(rows)} region indicators with evidence for {result.year}"
        + ("" if with_evidence else " (0 points each)"),
        *_innovation_aspect_lines(result, collection),
        _line("Total (SPD + SID)", figure(result.total)),
        _line(f"Index (Total / {plain(result.maximum)} x 100)", figure(result.index)),
        f"Predicate: {band_text(result.predicate)}",
        *(f"not computed: {gap}" for gap in result.gaps),
        *_evidence_lines(result, with_evidence, top),
    ]
    return terminal_text("\n".join(lines), newlines=True) + "\n"


def _innovation_aspect_lines(result: RegionScore, collection: Collection) -> list[str]:
    """SID: the innovations' sum over the divisor, then the count score and its gate."""
    model, n, divisor = result.model, result.n, result.divisor
    lines = [
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
    gate = f"    {_gate_text(result, collection)}"
    return [*lines, gate, _line("  SID", figure(result.sid))]


def _evidence_lines(result: RegionScore, with_evidence: int, top: int) -> list[str]:
    """How much evidence the figures rest on, and the innovations that scored."""
    n, rows = result.n, result.region_rows
    scored = sum(1 for s in result.innovations if s.score)
    lines = [
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
    return lines
