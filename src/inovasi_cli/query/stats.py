"""Counts with shares: ``inovasi stats --by FIELD`` over a selection of innovations. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from inovasi_cli.records import vocabulary
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation

NOT_RECORDED = "(not recorded)"


class StatsBy(StrEnum):
    """Fields ``inovasi stats --by`` counts innovations by."""

    SECTOR = "sector"
    REGION = "region"
    UNIT_TYPE = "unit-type"
    STAGE = "stage"
    FORM = "form"
    YEAR = "year"
    AWARD = "award"


@dataclass(frozen=True, slots=True)
class StatsRow:
    value: str  # canonical value, or NOT_RECORDED
    label: str  # Indonesian title or region name
    count: int
    share: float  # count / total innovations counted (0..1)
    classified: int = 0  # of count: innovations whose value is a curator's classification


@dataclass(frozen=True, slots=True)
class Stats:
    by: StatsBy
    total: int  # innovations counted
    rows: tuple[StatsRow, ...]

    @property
    def multi_valued(self) -> bool:
        """Year and award count an innovation once per value, so rows may sum past total."""
        return self.by in {StatsBy.YEAR, StatsBy.AWARD}


def _values(innovation: Innovation, by: StatsBy) -> tuple[str, ...]:
    single: dict[StatsBy, str | None] = {
        StatsBy.SECTOR: innovation.sector,
        StatsBy.REGION: innovation.region,
        StatsBy.UNIT_TYPE: innovation.unit_type,
        StatsBy.STAGE: innovation.stage,
        StatsBy.FORM: innovation.form,
    }
    if by in single:
        value = single[by]
        return (value,) if value else ()
    if by is StatsBy.YEAR:
        return tuple(str(y) for y in innovation.years)
    return tuple(dict.fromkeys(c.key for c in innovation.competitions))


_STATS_VOCABULARY = {
    StatsBy.SECTOR: "sector",
    StatsBy.UNIT_TYPE: "unit_type",
    StatsBy.STAGE: "stage",
    StatsBy.FORM: "form",
}


def _labels(collection: Collection, by: StatsBy) -> dict[str, str]:
    if by is StatsBy.REGION:
        return {r.id: r.name for r in collection.regions.values()}
    if by in _STATS_VOCABULARY:
        return {t.value: t.title for t in vocabulary.terms(_STATS_VOCABULARY[by])}
    return {}


# The record field behind each count that a curator may classify.
_CLASSIFIABLE_FIELD = {
    StatsBy.SECTOR: "sector",
    StatsBy.UNIT_TYPE: "unit_type",
    StatsBy.STAGE: "stage",
    StatsBy.FORM: "form",
}


def stats(collection: Collection, innovations: Sequence[Innovation], by: StatsBy) -> Stats:
    """Counts per value, most frequent first (ties by value), the unrecorded row last;
    each row says how many of its innovations hold the value as a classification."""
    counter: Counter[str] = Counter()
    classified: Counter[str] = Counter()
    field_name = _CLASSIFIABLE_FIELD.get(by)
    missing = 0
    for innovation in innovations:
        values = _values(innovation, by)
        counter.update(values)
        if field_name and innovation.basis(field_name):
            classified.update(values)
        missing += not values
    labels = _labels(collection, by)
    if by is StatsBy.AWARD:
        for key in counter:
            award, _, year = key.rpartition("-")
            labels[key] = f"{vocabulary.title('award', award)} {year}"
    total = len(innovations)
    order = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if by is StatsBy.YEAR:
        order = sorted(counter.items())
    rows = [
        StatsRow(v, labels.get(v, v), n, n / total if total else 0.0, classified[v])
        for v, n in order
    ]
    if missing:
        rows.append(StatsRow(NOT_RECORDED, NOT_RECORDED, missing, missing / total))
    return Stats(by, total, tuple(rows))
