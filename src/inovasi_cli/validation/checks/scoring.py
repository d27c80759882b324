"""Meaning-level checks for scoring models: parts that agree with their provenance,
unique indicators, bands without gaps, a maximum its own weights give. (Evidence on the
records is checked by :mod:`.evidence`.)"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from inovasi_cli.records.scoring_model import Aspect, ScoringModel, Status
from inovasi_cli.records.vocabulary import suggest, vocabulary

if TYPE_CHECKING:
    from inovasi_cli.records.loader import Document, Path_
    from inovasi_cli.validation.checks.context import Context

_ASPECT = {Aspect.REGION: "region aspect (SPD)", Aspect.INNOVATION: "innovation aspect (SID)"}
CENT = Decimal("0.01")

# The value fields of each formula part: present when the part is known, absent when its
# provenance says 'unknown'.
_PART_VALUES = {
    "divisor": ("minimum",),
    "count_score": ("per_innovation", "cap"),
    "count_gate": ("sectors", "minimum"),
    "predicates": ("bands",),
    "maximum": ("total",),
}


def check_scoring(ctx: Context) -> None:
    """Every scoring model that could be built (the evidence that names one is checked
    by :mod:`.evidence`)."""
    for reading in ctx.read("scoring-model"):
        model = ctx.index.models.get(reading.id)
        if model is not None:
            _check_model(model, ctx.docs[model.path])


def _check_model(model: ScoringModel, doc: Document) -> None:
    _check_parts(model, doc)
    _check_indicators(model, doc)
    _check_bands(model, doc)
    _check_maximum(model, doc)
    sectors = vocabulary("innovation", "sector")
    known = {t.value for t in sectors}
    for index, sector in enumerate(model.count_gate.sectors):
        if sector not in known:
            close = suggest(sector, sectors)
            doc.add(
                "unknown-value",
                f"'{sector}' is not an urusan (sector)",
                ("count_gate", "sectors", index),
                hint=f"did you mean '{close[0]}'?" if close else "use a sector id",
            )
    gate = model.count_gate
    if gate.minimum is not None and gate.sectors and gate.minimum > len(gate.sectors):
        doc.add(
            "model-inconsistent",
            f"the gate asks for {gate.minimum} of only {len(gate.sectors)} urusan",
            ("count_gate", "minimum"),
        )


def _check_parts(model: ScoringModel, doc: Document) -> None:
    for part, fields in _PART_VALUES.items():
        data = model.raw.get(part) or {}
        status = data.get("provenance", {}).get("status")
        given = [f for f in fields if data.get(f) is not None]
        if status == Status.UNKNOWN and given:
            doc.add(
                "model-part",
                f"{part} is marked unknown but gives {', '.join(given)}",
                (part, given[0]),
                key=True,
                hint="remove the value, or give the provenance that supports it",
            )
        elif status != Status.UNKNOWN and len(given) < len(fields):
            missing = [f for f in fields if f not in given]
            doc.add(
                "model-part",
                f"{part} is marked {status} but lacks {', '.join(missing)}",
                (part,),
                key=True,
                hint="give the value, or mark the part's provenance 'unknown'",
            )


def _check_indicators(model: ScoringModel, doc: Document) -> None:
    numbers: dict[int, str] = {}
    ids: dict[str, int] = {}
    for index, indicator in enumerate(model.indicators):
        at: Path_ = ("indicators", index)
        if indicator.number in numbers:
            doc.add(
                "duplicate-indicator",
                f"indicator number {indicator.number} is already used by "
                f"'{numbers[indicator.number]}'",
                (*at, "number"),
            )
        numbers.setdefault(indicator.number, indicator.id)
        if indicator.id in ids:
            doc.add(
                "duplicate-indicator",
                f"indicator id '{indicator.id}' is already used by number {ids[indicator.id]}",
                (*at, "id"),
            )
        ids.setdefault(indicator.id, indicator.number)
        levels = [lv.get("level") for lv in model.raw["indicators"][index].get("levels") or ()]
        for position, level in enumerate(levels):
            if level in levels[:position]:
                doc.add(
                    "duplicate-item",
                    f"level {level} is described twice",
                    (*at, "levels", position, "level"),
                )
        if indicator.derived_from and indicator.aspect is not Aspect.INNOVATION:
            doc.add(
                "wrong-aspect",
                f"'{indicator.derived_from}' describes innovations, not regions",
                (*at, "derived_from"),
            )


def _check_bands(model: ScoringModel, doc: Document) -> None:
    """The bands must cover 0.00-100.00 with no gap and no overlap, at two decimals."""
    bands = sorted(enumerate(model.predicates.bands), key=lambda b: b[1].minimum)
    expected = Decimal(0)
    for index, band in bands:
        at: Path_ = ("predicates", "bands", index)
        if band.minimum > band.maximum:
            doc.add("predicate-bands", f"{band.name}: minimum above maximum", (*at, "minimum"))
        elif band.minimum != expected:
            what = "leaves a gap" if band.minimum > expected else "overlaps the band below"
            doc.add(
                "predicate-bands",
                f"{band.name} starts at {band.minimum}: it {what} (expected {expected})",
                (*at, "minimum"),
                hint="bands are inclusive at both ends on an index with two decimals",
            )
        expected = band.maximum + CENT
    if bands and expected != Decimal(100) + CENT:
        index, band = bands[-1]
        doc.add(
            "predicate-bands",
            f"the bands end at {band.maximum}, not at 100",
            ("predicates", "bands", index, "maximum"),
        )


def _check_maximum(model: ScoringModel, doc: Document) -> None:
    maximum = model.maximum
    sums = {
        "region": _aspect_maximum(model, Aspect.REGION),
        "innovation": _aspect_maximum(model, Aspect.INNOVATION),
        "count": (
            model.count_score.per_innovation * model.count_score.cap
            if model.count_score.known
            and model.count_score.per_innovation is not None
            and model.count_score.cap is not None
            else None
        ),
    }
    for part, computed in sums.items():
        stated = getattr(maximum, part)
        if stated is not None and computed is not None and stated != computed:
            doc.add(
                "model-inconsistent",
                f"maximum {part} is {stated}, but the model's own parts give {computed}",
                ("maximum", part),
            )
    parts = [maximum.region, maximum.innovation, maximum.count]
    if maximum.total is not None and all(p is not None for p in parts):
        total = sum((p for p in parts if p is not None), Decimal(0))
        if total != maximum.total:
            doc.add(
                "model-inconsistent",
                f"maximum total is {maximum.total}, but its parts add up to {total}",
                ("maximum", "total"),
            )
    shares = [model.aspects[a].share for a in Aspect]
    if all(s is not None for s in shares):
        total = sum((s for s in shares if s is not None), Decimal(0))
        if total != 100:
            doc.add(
                "model-inconsistent",
                f"the aspects' shares add up to {total}%, not 100%",
                ("aspects",),
            )


def _aspect_maximum(model: ScoringModel, aspect: Aspect) -> Decimal | None:
    maxima = [i.maximum for i in model.indicators_of(aspect)]
    if not maxima or any(m is None for m in maxima):
        return None
    return sum((m for m in maxima if m is not None), Decimal(0))
