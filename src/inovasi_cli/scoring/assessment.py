"""What may be said about a region's status from a score: how much of it rests on recorded
evidence (:class:`EvidenceCoverage`), the one rule for when a predicate may be presented
(:data:`MIN_COVERAGE`), and the official results the collection records beside it.

A score computed here is a simulation from the evidence recorded in the collection: an
indicator without a level scores 0, and "not recorded here" is not "the region has none".
So a predicate is presented as the region's status only when at least
:data:`MIN_COVERAGE` of the indicators behind the score have a level (from evidence, or
derived from the collection); below it, the predicate is withheld ("not assessed from
recorded evidence"), whatever band the simulated index falls in. ``inovasi score`` and
the region report both read this rule from here. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from inovasi_cli.scoring.compute import Origin, RegionScore

if TYPE_CHECKING:
    from inovasi_cli.records.model import Fact, Region
    from inovasi_cli.records.scoring_model import Band

# At least four in five indicators with a level: below that, the unrecorded ones could
# carry the index across any of the models' bands, so no predicate is a status.
MIN_COVERAGE = Decimal("0.80")

# The fact kinds whose structured results are official assessments of a region's
# innovation (the ministry's IGA / Indeks Inovasi Daerah).
RESULT_KINDS = frozenset({"iga"})


@dataclass(frozen=True, slots=True)
class EvidenceCoverage:
    """The indicators behind one region score that have a level, of how many: the region
    indicators for the year, and every innovation indicator of every scored innovation."""

    region_levelled: int
    region_indicators: int
    innovation_levelled: int
    innovation_indicators: int

    @property
    def levelled(self) -> int:
        return self.region_levelled + self.innovation_levelled

    @property
    def indicators(self) -> int:
        return self.region_indicators + self.innovation_indicators

    @property
    def share(self) -> Decimal:
        """0 to 1; 0 when there is nothing to cover."""
        return Decimal(self.levelled) / self.indicators if self.indicators else Decimal(0)

    @property
    def sufficient(self) -> bool:
        """Whether a predicate may be presented as the region's status."""
        return self.indicators > 0 and self.share >= MIN_COVERAGE


def _levelled(origins: Iterable[Origin]) -> int:
    return sum(1 for origin in origins if origin is not Origin.MISSING)


def evidence_coverage(result: RegionScore) -> EvidenceCoverage:
    """How much of ``result`` rests on recorded levels."""
    innovation_rows = [row for score in result.innovations for row in score.rows]
    return EvidenceCoverage(
        region_levelled=_levelled(r.origin for r in result.region_rows),
        region_indicators=len(result.region_rows),
        innovation_levelled=_levelled(r.origin for r in innovation_rows),
        innovation_indicators=len(innovation_rows),
    )


def assessed_predicate(result: RegionScore) -> Band | None:
    """The predicate that may be presented as the region's status: the band of the
    simulated index when the evidence coverage is sufficient, else None."""
    return result.predicate if evidence_coverage(result).sufficient else None


def percent(share: Decimal) -> Decimal:
    """A share as a percentage with one decimal, never rounded up to a threshold it does
    not reach (79.96% is 79.9%, not 80.0%)."""
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


def is_result(fact: Fact) -> bool:
    """Whether a fact records an official result: an IGA rank, a top-N place, a
    predicate or a published index."""
    return fact.kind in RESULT_KINDS and any(
        value is not None for value in (fact.rank, fact.top, fact.predicate, fact.index)
    )


def official_results(region: Region | None) -> tuple[Fact, ...]:
    """The region's recorded official results, oldest first (undated last)."""
    if region is None:
        return ()
    found = [f for f in region.facts if is_result(f)]
    return tuple(sorted(found, key=lambda f: (f.year is None, f.year or 0)))
