"""Scoring in the open: pure functions over a scoring model, no I/O.

Per innovation, every indicator row scores weight x level (0 when there is no evidence),
and remembers where the level came from. Per region (Indeks Inovasi Daerah):

    SPD   = sum of the region indicators' points
    SID   = (sum of the n innovations' scores) / MAX(divisor minimum, n) + count score
    count = MIN(n, cap) x per innovation, only when the count gate is met
    Total = SPD + SID;  Index = Total / maximum Total x 100

Arithmetic is exact (``Decimal``); the index is rounded once, to two decimals, half up (as
the ministry publishes it), and the predicate is read from the rounded index, boundaries
inclusive as the model states them. A figure the model cannot give (an unknown weight,
divisor, count rule or maximum) is ``None``, and ``gaps`` says why.

Nothing here can overflow or raise on a model that validates: the schema bounds every
number a model holds (weights, maximums, caps, divisors, points, bands: sane ranges, at
most three decimals), divisions are by a divisor of at least 1 and a maximum above 0, and
rounding takes the digits it needs (``tests/test_fuzz.py`` checks it on generated models).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING

from inovasi_cli.records.scoring_model import Aspect, Band, Indicator, ScoringModel

if TYPE_CHECKING:
    from inovasi_cli.records.collection import Collection
    from inovasi_cli.records.model import Evidence, Innovation, Region

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
PRECISION = 50  # digits for divisions (14ths and the like); far beyond two decimals


def round2(value: Decimal) -> Decimal:
    """Two decimals, half up: 60.005 -> 60.01 (Python's default would give 60.00), with
    the digits it takes (quantize refuses a result longer than the context's precision,
    which a tiny maximum used to cause: an index of 10^33)."""
    if not value.is_finite():
        return value
    with localcontext() as ctx:
        ctx.prec = max(PRECISION, value.adjusted() + 4)
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Origin(StrEnum):
    EVIDENCE = "evidence"  # a document on the record supports the level
    DERIVED = "derived"  # the level follows from the collection (e.g. replications)
    MISSING = "missing"  # nothing supports a level: 0 points


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator of one innovation (or region): level, origin and points."""

    indicator: Indicator
    level: int
    origin: Origin
    points: Decimal | None  # None: the weight is unknown and the level is not 0
    evidence: Evidence | None = None
    detail: str | None = None  # how a derived level was found, or why evidence was ignored

    @property
    def gain(self) -> Decimal | None:
        """Points still open: weight x the levels above this one."""
        weight = self.indicator.weight
        return None if weight is None else weight * (self.indicator.top_level - self.level)


def _total(values: Sequence[Decimal | None]) -> Decimal | None:
    """The sum, or None when any part is unknown."""
    return None if any(v is None for v in values) else sum((v or ZERO for v in values), ZERO)


@dataclass(frozen=True, slots=True)
class InnovationScore:
    innovation: str
    model: str
    rows: tuple[Row, ...]
    # Derived from the rows once, at construction (read many times when ranking).
    score: Decimal | None = field(init=False, compare=False)
    maximum: Decimal | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", _total([r.points for r in self.rows]))
        object.__setattr__(self, "maximum", _total([r.indicator.maximum for r in self.rows]))

    def count(self, origin: Origin) -> int:
        return sum(1 for r in self.rows if r.origin is origin)

    @property
    def raises(self) -> tuple[Row, ...]:
        """Rows that could still gain points, the largest gain first (then by number)."""
        open_rows = [r for r in self.rows if r.gain]
        return tuple(sorted(open_rows, key=lambda r: (-(r.gain or ZERO), r.indicator.number)))


@dataclass(frozen=True, slots=True)
class GateResult:
    """Whether the region's innovations cover enough of the required urusan."""

    known: bool
    required: tuple[str, ...] = ()
    minimum: int | None = None
    covered: tuple[str, ...] = ()
    basis: str = "urusan-utama"

    @property
    def met(self) -> bool | None:
        if not self.known or self.minimum is None:
            return None
        return len(self.covered) >= self.minimum

    @property
    def uncovered(self) -> tuple[str, ...]:
        return tuple(s for s in self.required if s not in self.covered)


@dataclass(frozen=True, slots=True)
class RegionScore:
    region: str
    model: ScoringModel
    year: int
    region_rows: tuple[Row, ...]
    innovations: tuple[InnovationScore, ...]  # best first
    spd: Decimal | None
    innovation_sum: Decimal | None
    divisor: int | None
    innovation_part: Decimal | None  # innovation_sum / divisor
    gate: GateResult
    count_before_gate: Decimal | None  # MIN(n, cap) x per innovation
    count_score: Decimal | None  # count_before_gate if the gate is met, else 0
    sid: Decimal | None
    total: Decimal | None
    maximum: Decimal | None
    index_exact: Decimal | None
    index: Decimal | None  # rounded to two decimals
    predicate: Band | None
    gaps: tuple[str, ...]  # why a figure is None

    @property
    def n(self) -> int:
        return len(self.innovations)

    @property
    def shortfall(self) -> int:
        """Innovations missing to reach the divisor's minimum (each counts as 0 points)."""
        return max(self.divisor - self.n, 0) if self.divisor is not None else 0


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    items = list(values)
    return None if any(v is None for v in items) else sum((v or ZERO for v in items), ZERO)


def _points(indicator: Indicator, level: int) -> Decimal | None:
    if level == 0:
        return ZERO  # no level, no points, whatever the weight
    return None if indicator.weight is None else indicator.weight * level


def _known_level(indicator: Indicator, evidence: Evidence) -> bool:
    return any(lv.level == evidence.level for lv in indicator.levels)


def _row(indicator: Indicator, evidence: Evidence | None, derived: tuple[int, str] | None) -> Row:
    ignored = None
    if evidence is not None and _known_level(indicator, evidence):
        points = _points(indicator, evidence.level)
        return Row(indicator, evidence.level, Origin.EVIDENCE, points, evidence)
    if evidence is not None:
        ignored = f"evidence level {evidence.level} is not a level of this indicator; ignored"
    if derived is not None and derived[0] > 0:
        level, how = derived
        return Row(indicator, level, Origin.DERIVED, _points(indicator, level), detail=how)
    detail = ignored or (derived[1] if derived is not None else None)
    return Row(indicator, 0, Origin.MISSING, ZERO, detail=detail)


def derive_level(
    indicator: Indicator, innovation: Innovation, collection: Collection
) -> tuple[int, str] | None:
    """The level that follows from collection data, with how it was found."""
    if indicator.derived_from != "replicating-regions":
        return None
    regions = collection.replicating_regions(innovation.id)
    if not regions:
        return 0, "no other region is recorded as replicating it"
    # Levels 1/2/3 are replication in 1/2/3 different regions; more still earns the top.
    level = min(len(regions), indicator.top_level)
    names = ", ".join(regions)
    return level, f"replicated by {len(regions)} other region(s): {names}"


def score_innovation(
    model: ScoringModel, innovation: Innovation, collection: Collection
) -> InnovationScore:
    """Every innovation indicator of ``model`` for one innovation."""
    evidence = {
        e.indicator: e for e in reversed(innovation.evidence) if e.model == model.id
    }  # the first entry wins; duplicates are a validation finding
    indicators, blank = _blank_rows(model)
    rows = list(blank)  # most innovations have no level on most indicators: start there
    for index, indicator in enumerate(indicators):
        found = evidence.get(indicator.id)
        derived = derive_level(indicator, innovation, collection)
        if found is not None or derived is not None:
            rows[index] = _row(indicator, found, derived)
    return InnovationScore(innovation.id, model.id, tuple(rows))


_BLANK_ROWS: dict[int, tuple[ScoringModel, tuple[Indicator, ...], tuple[Row, ...]]] = {}


def _blank_rows(model: ScoringModel) -> tuple[tuple[Indicator, ...], tuple[Row, ...]]:
    """A model's innovation indicators, and their rows for an innovation with no evidence
    and nothing derived (rows are immutable, so they are shared)."""
    cached = _BLANK_ROWS.get(id(model))
    if cached is None or cached[0] is not model:
        indicators = model.indicators_of(Aspect.INNOVATION)
        cached = (model, indicators, tuple(_row(i, None, None) for i in indicators))
        _BLANK_ROWS[id(model)] = cached
    return cached[1], cached[2]


def region_rows(model: ScoringModel, region: Region | None, year: int) -> tuple[Row, ...]:
    """Every region indicator of ``model`` for one region in one year."""
    entries: Sequence[Evidence] = region.evidence if region is not None else ()
    evidence = {e.indicator: e for e in reversed(entries) if e.model == model.id and e.year == year}
    return tuple(
        _row(ind, evidence.get(ind.id), None) for ind in model.indicators_of(Aspect.REGION)
    )


def count_gate(model: ScoringModel, innovations: Sequence[Innovation]) -> GateResult:
    gate = model.count_gate
    if not gate.known:
        return GateResult(False)
    sectors: set[str] = set()
    for innovation in innovations:
        if innovation.sector:  # an innovation without an urusan covers none
            sectors.add(innovation.sector)
        if gate.basis == "urusan-utama-dan-beririsan":
            sectors.update(innovation.other_sectors)
    covered = tuple(s for s in gate.sectors if s in sectors)
    return GateResult(True, gate.sectors, gate.minimum, covered, gate.basis)


def predicate_for(model: ScoringModel, index: Decimal) -> Band | None:
    """The band holding a (two-decimal) index; None when no band does."""
    return next((b for b in model.predicates.bands if b.contains(index)), None)


def score_region(
    model: ScoringModel,
    region_id: str,
    innovations: Sequence[Innovation],
    collection: Collection,
    year: int | None = None,
) -> RegionScore:
    """The Indeks Inovasi Daerah of one region from ``innovations`` (its innovations, or
    the subset a filter chose) and its region evidence for ``year`` (default: the model's
    newest year)."""
    year = model.year if year is None else year
    gaps: list[str] = []
    rows = region_rows(model, collection.regions.get(region_id), year)
    scores = rank_innovations(model, innovations, collection)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        spd = _sum(r.points for r in rows)
        if spd is None:
            unknown = ", ".join(r.indicator.id for r in rows if r.points is None)
            gaps.append(f"SPD: the weight of {unknown} is not known in {model.id}")
        innovation_sum, divisor, part = _innovation_part(model, scores, gaps)
        gate = count_gate(model, innovations)
        before_gate, count_score = _count_score(model, len(scores), gate, gaps)
        sid = part + count_score if part is not None and count_score is not None else None
        total = spd + sid if spd is not None and sid is not None else None
        index_exact = _index_exact(model, total, gaps)
    index = round2(index_exact) if index_exact is not None else None
    predicate = predicate_for(model, index) if index is not None else None
    if index is not None and predicate is None:
        gaps.append(f"predicate: no band of {model.id} holds {index}")
    return RegionScore(
        region=region_id,
        model=model,
        year=year,
        region_rows=rows,
        innovations=tuple(scores),
        spd=spd,
        innovation_sum=innovation_sum,
        divisor=divisor,
        innovation_part=part,
        gate=gate,
        count_before_gate=before_gate,
        count_score=count_score,
        sid=sid,
        total=total,
        maximum=model.maximum.total,
        index_exact=index_exact,
        index=index,
        predicate=predicate,
        gaps=tuple(gaps),
    )


def _innovation_part(
    model: ScoringModel, scores: Sequence[InnovationScore], gaps: list[str]
) -> tuple[Decimal | None, int | None, Decimal | None]:
    """The innovations' sum, the divisor MAX(minimum, n) and their quotient."""
    innovation_sum = _sum(s.score for s in scores)
    if innovation_sum is None:
        gaps.append(f"innovation scores: some evidence has a weight not known in {model.id}")
    divisor = None
    if model.divisor.minimum is not None:
        divisor = max(model.divisor.minimum, len(scores))
    else:
        gaps.append(f"divisor: the minimum of MAX(?, n) is not known for {model.id}")
    # MAX(minimum, n) >= minimum >= 1 (the schema says so): never a division by zero
    part = innovation_sum / divisor if innovation_sum is not None and divisor else None
    return innovation_sum, divisor, part


def _count_score(
    model: ScoringModel, n: int, gate: GateResult, gaps: list[str]
) -> tuple[Decimal | None, Decimal | None]:
    """The count score before its gate, and after it (0 when the gate is not met)."""
    counting = model.count_score
    before_gate = None
    if counting.per_innovation is not None and counting.cap is not None:
        before_gate = min(n, counting.cap) * counting.per_innovation
    else:
        gaps.append(f"count score: its rule is not known for {model.id}")
    if before_gate is not None and not gate.known:
        gaps.append(f"count score: its gate (which urusan) is not known for {model.id}")
    count_score = None
    if before_gate is not None and gate.met is not None:
        count_score = before_gate if gate.met else ZERO
    return before_gate, count_score


def _index_exact(model: ScoringModel, total: Decimal | None, gaps: list[str]) -> Decimal | None:
    """Total / maximum x 100, unrounded; None when either is unknown."""
    maximum = model.maximum.total
    if maximum is None:
        gaps.append(
            f"index: {model.id} has no published maximum total, so Total cannot be "
            "turned into an index of 0-100"
        )
    return total / maximum * HUNDRED if total is not None and maximum else None


def rank_regions(
    model: ScoringModel,
    collection: Collection,
    innovations: Sequence[Innovation],
    year: int | None = None,
) -> list[RegionScore]:
    """Every region of the collection scored from its share of ``innovations``; best
    index first (then total, then id); regions without an index last."""
    by_region: dict[str, list[Innovation]] = {r: [] for r in collection.regions}
    for innovation in innovations:
        by_region.setdefault(innovation.region, []).append(innovation)
    scores = [score_region(model, r, items, collection, year) for r, items in by_region.items()]
    return sorted(scores, key=_region_order)


def _region_order(score: RegionScore) -> tuple[int, Decimal, int, Decimal, str]:
    index, total = score.index_exact, score.total
    return (
        0 if index is not None else 1,
        -(index or ZERO),
        0 if total is not None else 1,
        -(total or ZERO),
        score.region,
    )


def rank_innovations(
    model: ScoringModel, innovations: Iterable[Innovation], collection: Collection
) -> list[InnovationScore]:
    """Innovations best first (unknown scores last), then by id."""
    scores = [score_innovation(model, i, collection) for i in innovations]
    return sorted(
        scores,
        key=lambda s: (s.score is None, -(s.score or ZERO), s.innovation),
    )
