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
from inovasi_cli.scoring.compute import InnovationScore, Origin, Row, round2

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
            Column("rank", "#", numeric=True, name="rank"),
            Column("id", "id", keep=True),
            Column("name", "name", wrap=True, priority=2),
            Column("score_text", "score", numeric=True),
            Column("without", "no evidence", numeric=True, priority=3),
            Column("raise_most", "would raise it most", wrap=True, priority=4),
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
            Column("indicator", "indicator", keep=True),
            Column("weight_text", "weight", numeric=True, priority=2),
            Column("level", "level", numeric=True),
            Column("points_text", "points", numeric=True),
            Column("origin", "origin", priority=2),
            Column("why", "from", wrap=True, priority=3),
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
