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
from inovasi_cli.records.model import Fact
from inovasi_cli.scoring.assessment import (
    MIN_COVERAGE,
    EvidenceCoverage,
    assessed_predicate,
    evidence_coverage,
    official_results,
    percent,
)
from inovasi_cli.scoring.classified import classified_urusan
from inovasi_cli.scoring.compute import Origin, RegionScore

NOT_ASSESSED = "not assessed"


def needed() -> str:
    """``80%``: the evidence coverage a predicate needs."""
    return f"{(MIN_COVERAGE * 100).normalize():f}%"


PREDICATE_RULE = (
    f"a predicate is shown only where the recorded evidence gives a level to at least "
    f"{(MIN_COVERAGE * 100).normalize():f}% of the indicators (evidence column)"
)


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


def coverage_record(coverage: EvidenceCoverage) -> dict[str, Any]:
    return {
        "levelled": coverage.levelled,
        "indicators": coverage.indicators,
        "region_levelled": coverage.region_levelled,
        "region_indicators": coverage.region_indicators,
        "innovation_levelled": coverage.innovation_levelled,
        "innovation_indicators": coverage.innovation_indicators,
        "share": float(round(coverage.share, 4)),
        "required": float(MIN_COVERAGE),
        "sufficient": coverage.sufficient,
    }


def result_record(fact: Fact) -> dict[str, Any]:
    """An official result the region's facts record, for json and yaml."""
    return {
        "kind": fact.kind,
        "year": fact.year,
        "rank": fact.rank,
        "top": fact.top,
        "category": fact.category,
        "predicate": fact.predicate,
        "index": fact.index,
        "statement": fact.statement,
        "sources": [c.source for c in fact.sources],
    }


def result_text(fact: Fact) -> str:
    """``IGA 2019: top 5 (kabupaten)``: an official result in the CLI's words."""
    parts = []
    if fact.rank is not None:
        parts.append(f"rank {fact.rank}")
    if fact.top is not None:
        parts.append(f"top {fact.top}")
    if fact.predicate is not None:
        parts.append(fact.predicate)
    if fact.index is not None:
        parts.append(f"index {fact.index:.2f}")
    category = f" ({fact.category})" if fact.category else ""
    year = f" {fact.year}" if fact.year is not None else ""
    cited = ", ".join(c.source for c in fact.sources)
    return f"{fact.kind.upper()}{year}: {', '.join(parts)}{category}; source: {cited}"


def coverage_text(coverage: EvidenceCoverage) -> str:
    return (
        f"{coverage.levelled} of {coverage.indicators} indicators have a level "
        f"({percent(coverage.share)}%: {coverage.region_levelled} of "
        f"{coverage.region_indicators} region indicators, {coverage.innovation_levelled} of "
        f"{coverage.innovation_indicators} innovation indicators); a predicate needs "
        f"{needed()}"
    )


def predicate_text(result: RegionScore) -> str:
    """The predicate line: the simulated band only when the evidence covers enough."""
    coverage = evidence_coverage(result)
    if result.predicate is None:
        return f"Predicate: {UNKNOWN}"
    if not coverage.sufficient:
        return (
            f"Predicate: {NOT_ASSESSED} from the recorded evidence: it covers "
            f"{percent(coverage.share)}% of the indicators, below the "
            f"{needed()} a predicate needs"
        )
    return f"Predicate, simulated from the recorded evidence: {band_text(result.predicate)}"


def region_record(result: RegionScore, collection: Collection) -> dict[str, Any]:
    model = result.model
    rows = result.region_rows
    assessed = assessed_predicate(result)
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
        "index_band": result.predicate.name if result.predicate else None,
        "predicate": assessed.name if assessed else None,
        "evidence_coverage": coverage_record(evidence_coverage(result)),
        "official_results": [
            result_record(f) for f in official_results(collection.regions.get(result.region))
        ],
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
        record.pop("official_results")
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
            "predicate_text": rec["predicate"] or (NOT_ASSESSED if rec["index_band"] else UNKNOWN),
            "coverage_text": f"{percent(evidence_coverage(r).share)}%",
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
            Column("coverage_text", "evidence", numeric=True, priority=2),
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
        f"evidence: {coverage_text(evidence_coverage(result))}",
        "",
        _line("Region aspect (SPD)", figure(result.spd)),
        f"  {with_evidence} of {len(rows)} region indicators with evidence for {result.year}"
        + ("" if with_evidence else " (0 points each)"),
        *_innovation_aspect_lines(result, collection),
        _line("Total (SPD + SID)", figure(result.total)),
        _line(f"Index (Total / {plain(result.maximum)} x 100)", figure(result.index)),
        predicate_text(result),
        *(f"not computed: {gap}" for gap in result.gaps),
        *_evidence_lines(result, top),
        *_official_lines(result, collection),
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


def _evidence_lines(result: RegionScore, top: int) -> list[str]:
    """What the figures are, and the innovations that scored."""
    n = result.n
    scored = sum(1 for s in result.innovations if s.score)
    lines = [
        "",
        "This simulates the index from the evidence recorded in the collection; it is not "
        "the ministry's assessment.",
        f"{n - scored} of {n} innovations have no level on any indicator.",
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


def _official_lines(result: RegionScore, collection: Collection) -> list[str]:
    """The official results the collection records, apart from the simulation."""
    found = official_results(collection.regions.get(result.region))
    if not found:
        return ["Official results recorded: none"]
    return ["Official results recorded (from the sources, not simulated):"] + [
        f"  {result_text(f)}" for f in found
    ]
