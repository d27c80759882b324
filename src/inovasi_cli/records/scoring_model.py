"""Scoring models as data: an Indeks Inovasi Daerah model, ``data/scoring/<model-id>.yaml``.

A model is what the ministry's portal keeps to itself: indicators with weights and levels,
the formula's parameters and the predicate bands. Every part carries its provenance
(official, reported, reconstruction or unknown), and a part nobody has published stays
empty (``None``) instead of being guessed: the scoring functions then say what they
cannot compute and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from inovasi_cli.records.model import Source

LEVELS = (1, 2, 3)  # a row scores weight x level; 0 when there is no evidence


class Status(StrEnum):
    OFFICIAL = "official"
    REPORTED = "reported"
    RECONSTRUCTION = "reconstruction"
    UNKNOWN = "unknown"


class Aspect(StrEnum):
    REGION = "region"  # Satuan Pemerintah Daerah (SPD)
    INNOVATION = "innovation"  # Satuan Inovasi (SID)


def decimal_of(value: Any) -> Decimal | None:
    """A YAML number as an exact decimal: ``0.38`` stays 0.38, never 0.37999..."""
    if value is None:
        return None
    if isinstance(value, float):
        return Decimal(repr(value))  # shortest repr round-trips what was written
    return Decimal(value)


@dataclass(frozen=True, slots=True)
class Provenance:
    status: Status
    source: str
    note: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        return cls(Status(data["status"]), data["source"], data.get("note"))


@dataclass(frozen=True, slots=True)
class Level:
    level: int
    meaning: str | None = None  # None: no source gives it


@dataclass(frozen=True, slots=True)
class Indicator:
    number: int
    id: str
    name: str
    aspect: Aspect
    weight: Decimal | None  # None: unknown
    levels: tuple[Level, ...]  # always LEVELS, with the meanings that are known
    provenance: Provenance
    former_names: tuple[str, ...] = ()
    variable: str | None = None
    mandatory: bool | None = None
    derived_from: str | None = None

    @property
    def top_level(self) -> int:
        return max(level.level for level in self.levels)

    def meaning(self, level: int) -> str | None:
        return next((lv.meaning for lv in self.levels if lv.level == level), None)

    @property
    def maximum(self) -> Decimal | None:
        return None if self.weight is None else self.weight * self.top_level

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], default: Provenance) -> Indicator:
        meanings = {lv["level"]: lv.get("meaning") for lv in data.get("levels") or ()}
        own = data.get("provenance")
        return cls(
            number=data["number"],
            id=data["id"],
            name=data["name"],
            aspect=Aspect(data["aspect"]),
            weight=decimal_of(data.get("weight")),
            levels=tuple(Level(level, meanings.get(level)) for level in LEVELS),
            provenance=Provenance.from_dict(own) if own else default,
            former_names=tuple(data.get("former_names") or ()),
            variable=data.get("variable"),
            mandatory=data.get("mandatory"),
            derived_from=data.get("derived_from"),
        )


@dataclass(frozen=True, slots=True)
class AspectPart:
    provenance: Provenance
    name: str | None = None
    share: Decimal | None = None  # percent of the total

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AspectPart:
        return cls(
            Provenance.from_dict(data["provenance"]),
            data.get("name"),
            decimal_of(data.get("share")),
        )


@dataclass(frozen=True, slots=True)
class Divisor:
    """SID divides the sum of the innovation scores by MAX(minimum, n)."""

    provenance: Provenance
    minimum: int | None = None


@dataclass(frozen=True, slots=True)
class CountScore:
    """MIN(n, cap) x per_innovation, given only when the count gate is met."""

    provenance: Provenance
    per_innovation: Decimal | None = None
    cap: int | None = None

    @property
    def known(self) -> bool:
        return self.per_innovation is not None and self.cap is not None


@dataclass(frozen=True, slots=True)
class CountGate:
    """The region's innovations must cover ``minimum`` of ``sectors``."""

    provenance: Provenance
    sectors: tuple[str, ...] = ()
    minimum: int | None = None
    basis: str = "urusan-utama"  # or "urusan-utama-dan-beririsan"

    @property
    def known(self) -> bool:
        return bool(self.sectors) and self.minimum is not None


@dataclass(frozen=True, slots=True)
class Band:
    """A predicate for an index (two decimals) from ``minimum`` to ``maximum`` inclusive."""

    name: str
    minimum: Decimal
    maximum: Decimal

    def contains(self, index: Decimal) -> bool:
        return self.minimum <= index <= self.maximum


@dataclass(frozen=True, slots=True)
class Predicates:
    provenance: Provenance
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True, slots=True)
class Maximum:
    provenance: Provenance
    total: Decimal | None = None
    region: Decimal | None = None
    innovation: Decimal | None = None
    count: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ScoringModel:
    id: str
    name: str
    years: tuple[int, ...]
    provenance: Provenance
    aspects: Mapping[Aspect, AspectPart]
    divisor: Divisor
    count_score: CountScore
    count_gate: CountGate
    predicates: Predicates
    maximum: Maximum
    indicators: tuple[Indicator, ...]
    summary: str | None = None
    sources: tuple[Source, ...] = ()
    path: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def indicators_of(self, aspect: Aspect) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.aspect is aspect)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    @property
    def year(self) -> int:
        """The newest year the model applies to (the default assessment year)."""
        return max(self.years)

    @classmethod
    def from_dict(cls, model_id: str, data: Mapping[str, Any], path: str = "") -> ScoringModel:
        def prov(part: str) -> Provenance:
            return Provenance.from_dict(data[part]["provenance"])

        aspects = {Aspect(k): AspectPart.from_dict(v) for k, v in data["aspects"].items()}
        gate, count, maximum = data["count_gate"], data["count_score"], data["maximum"]
        return cls(
            id=model_id,
            name=data["name"],
            years=tuple(sorted(data["years"])),
            provenance=Provenance.from_dict(data["provenance"]),
            aspects=aspects,
            divisor=Divisor(prov("divisor"), data["divisor"].get("minimum")),
            count_score=CountScore(
                prov("count_score"), decimal_of(count.get("per_innovation")), count.get("cap")
            ),
            count_gate=CountGate(
                prov("count_gate"),
                tuple(gate.get("sectors") or ()),
                gate.get("minimum"),
                gate.get("basis", "urusan-utama"),
            ),
            predicates=Predicates(
                prov("predicates"),
                tuple(
                    Band(b["name"], _exact(b["minimum"]), _exact(b["maximum"]))
                    for b in data["predicates"].get("bands") or ()
                ),
            ),
            maximum=Maximum(
                prov("maximum"),
                *(decimal_of(maximum.get(k)) for k in ("total", "region", "innovation", "count")),
            ),
            indicators=tuple(
                Indicator.from_dict(i, aspects[Aspect(i["aspect"])].provenance)
                for i in data["indicators"]
            ),
            summary=data.get("summary"),
            sources=tuple(Source.from_dict(s) for s in data.get("sources") or ()),
            path=path,
            raw=data,
        )


def _exact(value: Any) -> Decimal:
    result = decimal_of(value)
    assert result is not None  # the schema requires it
    return result
