"""The score section of the region report: a region's Indeks Inovasi Daerah, as
``scoring.compute.score_region`` computed it, in the figures a template shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.common import Vocab, innovation_name
from inovasi_cli.reports.formats import Lang
from inovasi_cli.scoring.assessment import (
    MIN_COVERAGE,
    EvidenceCoverage,
    assessed_predicate,
    evidence_coverage,
    percent,
)

if TYPE_CHECKING:
    from inovasi_cli.scoring.compute import RegionScore


@dataclass(frozen=True, slots=True)
class ScoredInnovation:
    name: str
    score: Decimal


@dataclass(frozen=True, slots=True)
class ScoreView:
    """A region's Indeks Inovasi Daerah as the region report shows it (from
    ``scoring.score_region``): every figure of the breakdown, None where the model cannot
    give it, and why (``gaps``, as the scoring module words them)."""

    model_id: str
    model_name: str
    provenance: str  # official, reported, reconstruction, unknown
    year: int
    spd: Decimal | None
    region_indicators: int
    region_evidence: int
    n: int
    innovation_sum: Decimal | None
    divisor_minimum: int | None
    divisor: int | None
    shortfall: int
    innovation_part: Decimal | None
    count_per_innovation: Decimal | None
    count_cap: int | None
    count_before_gate: Decimal | None
    count_score: Decimal | None
    gate_known: bool
    gate_met: bool | None
    gate_required: int
    gate_minimum: int | None
    gate_covered: int
    gate_classified: int  # of gate_covered: urusan only a curator's classification covers
    gate_missing: tuple[str, ...]  # sector titles
    sid: Decimal | None
    total: Decimal | None
    maximum: Decimal | None
    index: Decimal | None
    predicate: str | None  # only when the evidence coverage is sufficient (assessment.py)
    predicate_minimum: Decimal | None
    predicate_maximum: Decimal | None
    index_banded: bool  # the simulated index falls in a band of the model
    coverage: EvidenceCoverage
    coverage_percent: Decimal  # one decimal, rounded down
    required_percent: Decimal  # the coverage a predicate needs
    gaps: tuple[str, ...]
    with_points: tuple[ScoredInnovation, ...]  # best first


def score_view(result: RegionScore, collection: Collection, lang: Lang) -> ScoreView:
    """The template's view of a region score computed by ``inovasi_cli.scoring.compute``."""
    from inovasi_cli.scoring.classified import classified_urusan
    from inovasi_cli.scoring.compute import Origin

    vocab = Vocab(lang)
    model = result.model
    band = assessed_predicate(result)
    coverage = evidence_coverage(result)
    return ScoreView(
        model_id=model.id,
        model_name=model.name,
        provenance=str(model.provenance.status),
        year=result.year,
        spd=result.spd,
        region_indicators=len(result.region_rows),
        region_evidence=sum(1 for r in result.region_rows if r.origin is Origin.EVIDENCE),
        n=result.n,
        innovation_sum=result.innovation_sum,
        divisor_minimum=model.divisor.minimum,
        divisor=result.divisor,
        shortfall=result.shortfall,
        innovation_part=result.innovation_part,
        count_per_innovation=model.count_score.per_innovation,
        count_cap=model.count_score.cap,
        count_before_gate=result.count_before_gate,
        count_score=result.count_score,
        gate_known=result.gate.known,
        gate_met=result.gate.met,
        gate_required=len(result.gate.required),
        gate_minimum=result.gate.minimum,
        gate_covered=len(result.gate.covered),
        gate_classified=len(
            classified_urusan(
                result.gate, (collection.innovations[s.innovation] for s in result.innovations)
            )
        ),
        gate_missing=tuple(vocab.title("sector", s) or s for s in result.gate.uncovered),
        sid=result.sid,
        total=result.total,
        maximum=result.maximum,
        index=result.index,
        predicate=band.name if band else None,
        predicate_minimum=band.minimum if band else None,
        predicate_maximum=band.maximum if band else None,
        index_banded=result.predicate is not None,
        coverage=coverage,
        coverage_percent=percent(coverage.share),
        required_percent=(MIN_COVERAGE * 100).normalize(),
        gaps=result.gaps,
        with_points=tuple(
            ScoredInnovation(innovation_name(collection, s.innovation), s.score)
            for s in result.innovations
            if s.score
        ),
    )
