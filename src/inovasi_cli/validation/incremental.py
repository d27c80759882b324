"""The collection checks, re-run only where a change can reach.

A :class:`State` is what the collection checks said about one set of record files: per
file, its content key (the git blob id of its bytes), the findings the collection checks
gave it, the keys its checks read and the keys it stands for (see
:mod:`.checks.depends`). Given the state of an earlier set and the per-file results of a
new one, :func:`check` re-runs the checks on the records that changed, those that read a
key a changed record stands for (before or after the change: references to and from it,
the names and codes it shares), and keeps every other record's findings. Without an
earlier state (or on another day: dates in the future depend on it) every record is
checked: that is the full path, and the incremental one must agree with it exactly
(``tests/test_incremental.py``).

The same engine serves ``validate`` (the last run's state and the files whose digest
changed) and ``review`` (the base commit from the last state, the head from the base).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.core.paths import RecordFile
from inovasi_cli.records.loader import Document
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.validation.cache import Entry, data_of
from inovasi_cli.validation.checks import depends
from inovasi_cli.validation.checks.context import Context, Index
from inovasi_cli.validation.checks.readings import Reading, reading
from inovasi_cli.validation.checks.sources import cited_sources
from inovasi_cli.validation.checks.suite import check_collection

# Whether the per-file stage passed a record, what the index keeps of it (a region's
# name, an innovation's replication_of), and the sources it cites.
Fact = tuple[bool, Any, tuple[str, ...]]
V = TypeVar("V")
# Where a document reads its bytes back from when a new finding needs a position.
Source = Callable[[str], "Path | str | Callable[[], bytes] | None"]


@dataclass(slots=True)
class State:
    """The collection checks' results for one set of record files (see the module)."""

    today: str
    digests: dict[str, bytes] = field(default_factory=dict)
    found: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    deps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    provides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    rechecked: int = 0  # how many records the last :func:`check` ran the checks on

    def plain(self) -> dict[str, Any]:
        """Plain values, for the cache."""
        return {
            "today": self.today,
            "digests": self.digests,
            "found": self.found,
            "deps": self.deps,
            "provides": self.provides,
            "facts": self.facts,
        }

    @classmethod
    def from_plain(cls, value: Any) -> State | None:
        """The state in a cache file; None for anything that is not one."""
        if not isinstance(value, dict):
            return None
        try:
            state = cls(
                str(value["today"]),
                dict(value["digests"]),
                dict(value["found"]),
                dict(value["deps"]),
                dict(value["provides"]),
                dict(value["facts"]),
            )
        except (KeyError, TypeError, ValueError):
            return None
        files = state.digests.keys()
        if not files == state.deps.keys() == state.provides.keys() == state.facts.keys():
            return None
        return state

    def findings(self) -> Iterable[Finding]:
        for found in self.found.values():
            for values in found:
                yield Finding.from_tuple(values)


def is_valid(entry: Entry) -> bool:
    """Whether the per-file stage passed a file: its record is built and looked up."""
    return entry[4] is not None and not any(f[6] == "error" for f in entry[5])


def fact_of(record: RecordFile, entry: Entry) -> Fact:
    """What :func:`index_of` needs of one record file: whether it is valid, a region's
    name or an innovation's replication_of, and the sources it cites (valid or not)."""
    kind, valid = record.kind.name, is_valid(entry)
    cited: tuple[str, ...] = ()
    if kind in depends.CITING:
        found = read_entry(record, entry)
        cited = tuple(sorted(cited_sources(found.data))) if found is not None else ()
    if not valid or kind not in ("region", "innovation"):
        return (valid, None, cited)
    data = data_of(entry)
    return (True, data["name"] if kind == "region" else data.get("replication_of"), cited)


def index_of(
    records: Iterable[RecordFile], entries: Mapping[str, Entry], facts: Mapping[str, Fact]
) -> Index:
    """What the checks may look up about the collection of ``records``, from each
    record's fact (see :func:`fact_of`)."""
    ids: dict[str, list[str]] = {k: [] for k in ("region", "innovation", "scoring-model", "source")}
    regions: dict[str, str] = {}
    innovations: dict[str, str | None] = {}
    models: dict[str, ScoringModel] = {}
    sources: list[str] = []
    cited: set[str] = set()
    for record in records:
        kind = record.kind.name
        valid, value, cites = facts[record.display]
        cited.update(cites)
        if kind not in ids:
            continue
        ids[kind].append(record.id)
        if not valid:
            continue
        if kind == "region":
            regions[record.id] = value
        elif kind == "innovation":
            innovations[record.id] = value
        elif kind == "source":
            sources.append(record.id)
        else:
            data = data_of(entries[record.display])
            models[record.id] = ScoringModel.from_dict(record.id, data, record.display)
    return Index(
        region_ids=frozenset(ids["region"]),
        innovation_ids=frozenset(ids["innovation"]),
        regions=dict(sorted(regions.items())),
        innovations=innovations,
        models=dict(sorted(models.items())),
        model_files=frozenset(ids["scoring-model"]),
        source_ids=frozenset(ids["source"]),
        sources=frozenset(sources),
        cited=frozenset(cited),
    )


def read_entry(record: RecordFile, entry: Entry) -> Reading | None:
    """The reading of a record file from its per-file result."""
    data, file_findings = data_of(entry), entry[5]
    if not isinstance(data, dict):
        return None
    if not file_findings:
        return Reading(record.kind.name, record.id, record.display, data)
    found = [Finding.from_tuple(f) for f in file_findings]
    return reading(record.kind.name, record.id, record.display, data, found)


def check(
    records: list[RecordFile],
    entries: Mapping[str, Entry],
    today: dt.date,
    previous: State | None = None,
    source: Source | None = None,
) -> State:
    """The state of ``records`` (their per-file results in ``entries``), from the
    ``previous`` state where it still holds (see the module docstring)."""
    when = today.isoformat()
    digests = {r.display: entries[r.display][3] for r in records}
    by_display = {r.display: r for r in records}
    readings: dict[str, Reading | None] = {}

    def read(display: str) -> Reading | None:
        if display not in readings:
            readings[display] = read_entry(by_display[display], entries[display])
        return readings[display]

    def take(display: str) -> Reading | None:  # the last use: not kept
        found = read(display)
        readings.pop(display, None)
        return found

    if previous is None or previous.today != when:
        previous, changed, affected = State(when), set(digests), set(digests)
    else:
        changed = {d for d, key in digests.items() if not key or previous.digests.get(d) != key}
        affected = _affected(previous, digests, changed, by_display, read)
    state = State(when, digests)
    gone = previous.digests.keys() - digests.keys()
    # What still holds, copied at C speed; the rest is replaced below.
    state.deps, state.provides = _kept(previous.deps, gone), _kept(previous.provides, gone)
    state.facts, state.found = _kept(previous.facts, gone), _kept(previous.found, gone)
    for display in changed:
        state.facts[display] = fact_of(by_display[display], entries[display])
    index = index_of(records, entries, state.facts)
    for display in affected:
        state.found.pop(display, None)
    _recheck(state, [r for r in records if r.display in affected], take, index, today, source)
    return state


def _kept(values: dict[str, V], gone: Iterable[str]) -> dict[str, V]:
    kept = dict(values)
    for display in gone:
        kept.pop(display, None)
    return kept


def _affected(
    previous: State,
    digests: dict[str, bytes],
    changed: set[str],
    by_display: Mapping[str, RecordFile],
    read: Callable[[str], Reading | None],
) -> set[str]:
    """The records to check again: the changed ones and those whose checks read a key
    that a changed record stands for, before or after the change."""
    gone = previous.digests.keys() - digests.keys()
    kinds = {by_display[d].kind.name for d in changed}
    kinds.update(_kind_of(d) for d in gone)
    if not kinds <= depends.KINDS:
        return set(digests)  # a kind the engine knows nothing about: check everything
    keys: set[str] = set()
    for display in changed | gone:
        keys.update(previous.provides.get(display, ()))
    for display in changed:
        record = by_display[display]
        keys.update(depends.provides(record.kind.name, record.id, read(display)))
    affected = set(changed)
    if keys:
        for display, needs in previous.deps.items():
            if not keys.isdisjoint(needs) and display in digests:
                affected.add(display)
    return _with_groups(affected, previous, digests, keys)


def _with_groups(
    affected: set[str], previous: State, digests: Mapping[str, bytes], keys: set[str]
) -> set[str]:
    """A record checked again is checked with every record it must be unique against
    (the first of a name keeps it), and so on: its groups come along whole."""
    members: dict[str, list[str]] = {}
    for display, stands in previous.provides.items():
        if display in digests:
            for key in stands:
                if key.startswith(UNIQUE):
                    members.setdefault(key, []).append(display)
    todo = [k for d in affected for k in previous.provides.get(d, ()) if k.startswith(UNIQUE)]
    todo += [k for k in keys if k.startswith(UNIQUE)]
    seen: set[str] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        for display in members.get(key, ()):
            if display not in affected:
                affected.add(display)
                todo.extend(k for k in previous.provides[display] if k.startswith(UNIQUE))
    return affected


def _kind_of(display: str) -> str:
    """The kind of a record file by its display path (``data/<folder>/...``)."""
    parts = display.split("/")
    kind = paths.RECORD_KINDS.get(parts[1]) if len(parts) > 2 else None
    return kind.name if kind is not None else ""


UNIQUE = ("rn:", "rc:", "in:", "sd:")  # keys of what must be unique (see checks.depends)
GROUP = 4000  # records checked together: bounds the memory of a full check


def _groups(records: list[RecordFile]) -> Iterator[list[RecordFile]]:
    """``records`` in groups the checks can run on apart: what a check compares across
    records stays in one group (every region and scoring model together, an innovation
    folder whole: names are unique within a region); visits in any grouping."""
    together: list[RecordFile] = []
    folders: dict[str, list[RecordFile]] = {}
    visits: list[RecordFile] = []
    for record in records:
        kind = record.kind.name
        if kind == "innovation":
            folders.setdefault(record.id.partition("/")[0], []).append(record)
        elif kind == "visit":
            visits.append(record)
        else:
            together.append(record)
    group = together
    parts = [*folders.values(), *(visits[i : i + GROUP] for i in range(0, len(visits), GROUP))]
    for part in parts:
        if group and len(group) + len(part) > GROUP:
            yield group
            group = []
        group.extend(part)
    if group:
        yield group


def _recheck(
    state: State,
    records: list[RecordFile],
    take: Callable[[str], Reading | None],
    index: Index,
    today: dt.date,
    source: Source | None,
) -> None:
    """Run the collection checks on ``records``, into ``state``, a group at a time."""
    for group in _groups(records):
        docs: dict[str, Document] = {}
        by_kind: dict[str, list[Reading]] = {}
        for record in group:
            display = record.display
            found = take(display)
            location = source(display) if source else record.location
            docs[display] = Document(display, source=location)
            provided = depends.provides(record.kind.name, record.id, found)
            state.provides[display] = provided
            state.deps[display] = () if found is None else depends.depends(found, index, provided)
            if found is not None:
                by_kind.setdefault(record.kind.name, []).append(found)
        ordered = {kind: sorted(found, key=lambda r: r.id) for kind, found in by_kind.items()}
        check_collection(Context(docs, today, index, ordered))
        for display, doc in docs.items():
            if doc.findings:
                state.found[display] = [f.as_tuple() for f in doc.findings]
    state.rechecked = len(records)
