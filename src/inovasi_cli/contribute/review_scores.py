"""The score change a pull request causes, per innovation and per region, before -> after.

Scores are derived at review time (never stored), under each commit's newest scoring
model. Only what the change can move is scored: the innovations it changes or names
(a visit's studied innovations and replications, an innovation's ``replication_of``),
the regions of those innovations and the regions it changes. Each is scored on the part
of the collection its score reads: the region, every innovation of it, and every record
that refers to one of them (a visit whose outcome is a replication of it, an innovation
that replicates it), found through the index of who refers to whom that the incremental
checks keep (:mod:`inovasi_cli.validation.checks.depends`), so the cost follows the
change and not the collection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from inovasi_cli.contribute.review_facts import innovation_name, region_name
from inovasi_cli.contribute.sides import Side
from inovasi_cli.core import paths
from inovasi_cli.records.collection import Collection
from inovasi_cli.scoring.choose import newest_model
from inovasi_cli.scoring.compute import score_innovation, score_region
from inovasi_cli.validation.pipeline import collection_of


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """One innovation's score, or one region's index, before and after the change (None
    where it has none: absent, invalid, or not scorable)."""

    kind: str  # innovation or region
    id: str
    name: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def _record_id(display: str, folder: str) -> str | None:
    prefix = f"{paths.DATA_DIR}/{folder}/"
    if display.startswith(prefix) and display.endswith(".yaml"):
        return display[len(prefix) : -len(".yaml")]
    return None


def _moved(sides: tuple[Side, Side], changed: set[str]) -> tuple[set[str], set[str]]:
    """The innovations and regions whose score the changed files can move."""
    innovations: set[str] = set()
    regions: set[str] = set()
    for display in changed:
        if (innovation := _record_id(display, "innovations")) is not None:
            innovations.add(innovation)
        if (region := _record_id(display, "regions")) is not None:
            regions.add(region)
        for side in sides:
            for key in side.state.deps.get(display, ()):
                if key.startswith("i:"):
                    innovations.add(key[2:])
    regions.update(i.partition("/")[0] for i in innovations)
    return innovations, regions


def _part(side: Side, regions: set[str]) -> Collection:
    """The records the scores of ``regions`` (and their innovations) read."""
    wanted = {
        r.id
        for r in side.records
        if r.kind.name == "innovation" and r.id.partition("/")[0] in regions
    }
    keys = {f"i:{i}" for i in wanted}
    chosen = []
    for record in side.records:
        kind = record.kind.name
        if (
            kind == "scoring-model"
            or (kind == "region" and record.id in regions)
            or (kind == "innovation" and record.id in wanted)
            or (
                kind in ("visit", "innovation")
                and not keys.isdisjoint(side.state.deps[record.display])
            )
        ):
            chosen.append(record)
    return collection_of(chosen, side.entries)


def _scores(
    side: Side, innovations: Iterable[str], regions: Iterable[str]
) -> tuple[str, dict[tuple[str, str], float | None]]:
    collection = _part(side, set(regions))
    model = newest_model(collection)
    found: dict[tuple[str, str], float | None] = {}
    if model is None:
        return "", found
    for innovation_id in innovations:
        innovation = collection.innovations.get(innovation_id)
        points = score_innovation(model, innovation, collection).score if innovation else None
        found[("innovation", innovation_id)] = None if points is None else float(points)
    for region_id in regions:
        region = collection.regions.get(region_id)
        own = collection.innovations_by_region.get(region_id, [])
        index = score_region(model, region_id, own, collection).index if region else None
        found[("region", region_id)] = None if index is None else float(index)
    return model.id, found


def score_changes(
    before: Side, after: Side, diff: list[tuple[str, str, str]]
) -> tuple[str, tuple[ScoreChange, ...]]:
    """The scoring model at HEAD (its id, "" when none) and, per innovation and region
    the change can move, its score before and after: those that differ, and those of
    the records the change touches."""
    changed = {path for _, old, new in diff for path in (old, new)}
    innovations, regions = _moved((before, after), changed)
    _, old = _scores(before, innovations, regions)
    model, new = _scores(after, innovations, regions)
    touched = {("innovation", i) for p in changed if (i := _record_id(p, "innovations"))}
    touched |= {("region", r) for p in changed if (r := _record_id(p, "regions"))}
    rows = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0] != "innovation", k[1])):
        was, now = old.get(key), new.get(key)
        if was == now and key not in touched:
            continue
        kind, record_id = key
        side = after if now is not None or was is None else before
        name = (
            innovation_name(side, record_id)
            if kind == "innovation"
            else region_name(side, record_id)
        )
        rows.append(ScoreChange(kind, record_id, name, was, now))
    return model, tuple(rows)
