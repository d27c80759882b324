"""The validation pipeline: discover, reuse from the cache, parse (shape and identity, in
:mod:`inovasi_cli.validation.workers`), build records, find identical files, check
meaning across the collection, result.

``load_collection`` is what every command calls: it returns the records that passed and
every finding, and never raises for bad data. ``inovasi validate``, which needs only the
findings, goes through :func:`inovasi_cli.validation.validate.validate_collection` first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding, Severity, count_errors, sort_findings
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.validation.cache import UNREADABLE, Cache, Entry, StatKey, data_of, stat_key
from inovasi_cli.validation.incremental import State, check, is_valid
from inovasi_cli.validation.workers import Job, default_workers, run_jobs

P = ParamSpec("P")
R = TypeVar("R")
Progress = Callable[[int, int], None]

_BUILDERS = {
    "region": Region.from_dict,
    "innovation": Innovation.from_dict,
    "visit": Visit.from_dict,
    "scoring-model": ScoringModel.from_dict,
    "source": SourceRecord.from_dict,
}


@dataclass(frozen=True, slots=True)
class LoadResult:
    collection: Collection
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> int:
        return count_errors(self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def invalid_files(self) -> int:
        return len({f.path for f in self.findings if f.severity is Severity.ERROR})


def _gc_paused(func: Callable[P, R]) -> Callable[P, R]:
    """Run with the cyclic garbage collector paused: loading allocates millions of objects
    that all stay alive, and each collection pass would scan them all again."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


def load_collection(
    root: Path,
    *,
    discovered: tuple[list[paths.RecordFile], list[paths.StrayFile]] | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load and check the whole collection under ``root``.

    ``discovered`` is what :func:`paths.discover` found there, when the caller has it
    already. With ``use_cache``, files unchanged since the last run are not parsed again
    (see :mod:`inovasi_cli.validation.cache`); the findings are the same either way.
    """
    records, strays = discovered if discovered is not None else paths.discover(root)
    cache = Cache.open(root) if use_cache else None
    return load_discovered(
        records, strays, today=today, cache=cache, workers=workers, progress=progress
    )


@_gc_paused
def load_discovered(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    *,
    today: dt.date | None = None,
    cache: Cache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    build: bool = True,
    stats: dict[str, StatKey] | None = None,
) -> LoadResult:
    """The stages after discovery, over the record files and stray files found. Without
    ``build`` the records are only checked (the collection returned is empty); ``stats``:
    each file's stat, when the caller took them already."""
    when = today or dt.date.today()
    entries: dict[str, Entry] = {}
    jobs = _reuse(records, cache, entries, stats)
    _parse(records, jobs, cache, entries, workers or default_workers(), progress)
    if cache is not None and jobs:
        cache.save_entries(entries)
    findings = _findings(records, strays, entries, when, cache)
    collection = collection_of(records, entries) if build else Collection()
    return LoadResult(collection, findings, len(records))


def entries_of(records: list[paths.RecordFile], workers: int | None = None) -> dict[str, Entry]:
    """The per-file results of ``records``, every file read and checked (no cache)."""
    entries: dict[str, Entry] = {}
    jobs: list[Job] = [(r.kind.directory, r.id, r.display, r.location, None) for r in records]
    _parse(records, jobs, None, entries, workers or default_workers(), None)
    return entries


def collection_of(records: list[paths.RecordFile], entries: Mapping[str, Entry]) -> Collection:
    """The records of the files the per-file stage passed."""
    built: dict[str, list[Any]] = {kind: [] for kind in _BUILDERS}
    for record in records:
        entry = entries[record.display]
        if is_valid(entry):
            kind = record.kind.name
            built[kind].append(_BUILDERS[kind](record.id, data_of(entry), record.display))
    return Collection.from_records(
        built["region"],
        built["innovation"],
        built["visit"],
        built["scoring-model"],
        sources=built["source"],
    )


def _reuse(
    records: list[paths.RecordFile],
    cache: Cache | None,
    entries: dict[str, Entry],
    stats: dict[str, StatKey] | None,
) -> list[Job]:
    """Accept every file whose stat proves its cache entry current; return a job for
    each other file, with the digest the cache knows (equal bytes are not parsed)."""
    if cache is not None:
        cache.load_entries()
    reuse = cache is not None and bool(cache.entries)  # an empty cache: nothing to stat for
    jobs: list[Job] = []
    for record in records:
        kind, display = record.kind.name, record.display
        entry = known = None
        if cache is not None and reuse:
            if stats is not None:
                stat = stats[display]
            else:
                try:
                    stat = stat_key(record.location)
                except OSError:
                    stat = UNREADABLE
            entry = cache.lookup(display, kind, record.id, stat)
            known = None if entry is not None else cache.known_digest(display, kind, record.id)
        if entry is not None:
            entries[display] = entry
        else:
            jobs.append((record.kind.directory, record.id, display, record.location, known))
    return jobs


def _parse(
    records: list[paths.RecordFile],
    jobs: list[Job],
    cache: Cache | None,
    entries: dict[str, Entry],
    workers: int,
    progress: Progress | None,
) -> None:
    """Check the files the cache could not vouch for, accepting each as it comes."""
    by_display = {r.display: r for r in records}
    # Closed on any exception (or signal) here: that ends the worker processes too.
    with contextlib.closing(run_jobs(jobs, workers, progress)) as checked:
        for display, stat, file_digest, data, file_findings in checked:
            record = by_display[display]
            if data is None and not file_findings and cache is not None:  # same bytes
                old = cache.entries[display]
                entries[display] = (old[0], old[1], stat, file_digest, old[4], old[5])
            else:
                kind = record.kind.name
                entries[display] = (kind, record.id, stat, file_digest, data, file_findings)


def identical_files(records: list[paths.RecordFile], entries: Mapping[str, Entry]) -> list[Finding]:
    """A file with the same bytes as an earlier one (in discovery order: the first of
    identical files is the original) is a duplicate record."""
    seen_digests: dict[bytes, str] = {}
    findings: list[Finding] = []
    for record in records:
        file_digest = entries[record.display][3]
        if file_digest in seen_digests:
            findings.append(
                Finding(
                    record.display,
                    1,
                    1,
                    "duplicate-record",
                    f"identical to {seen_digests[file_digest]}",
                    hint="one record, one file: delete one of them",
                )
            )
        elif file_digest:
            seen_digests[file_digest] = record.display
    return findings


def all_findings(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    entries: Mapping[str, Entry],
    state: State,
) -> list[Finding]:
    """Every finding of a set of files, sorted: the stray files', each file's own, the
    identical files' and the collection checks' (from ``state``)."""
    findings = [Finding(s.display, 0, 0, s.code, s.reason, hint=s.hint) for s in strays]
    for record in records:
        own = entries[record.display][5]
        if own:
            findings.extend(Finding.from_tuple(f) for f in own)
    findings += identical_files(records, entries)
    findings.extend(state.findings())
    return sort_findings(findings)


def _findings(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    entries: Mapping[str, Entry],
    when: dt.date,
    cache: Cache | None,
) -> list[Finding]:
    """Every finding: the last run's, when no file changed since (the collection checks
    would say the same), else from the collection checks re-run where a change reaches."""
    key = _result_key(records, strays, entries, when, cache)
    if cache is not None and key is not None:
        stats = [entry[2] for entry in entries.values()]
        cached = cache.load_result(key, max((s[1] for s in stats), default=0))
        if cached is not None:
            return [Finding.from_tuple(f) for f in cached]
    previous = State.from_plain(cache.load_state()) if cache is not None else None
    state = check(records, entries, when, previous)
    findings = all_findings(records, strays, entries, state)
    if cache is not None:
        cache.save_state(state.plain())
        if key is not None:
            cache.save_result(key, [f.as_tuple() for f in findings])
    return findings


def _result_key(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    entries: Mapping[str, Entry],
    when: dt.date,
    cache: Cache | None,
) -> bytes | None:
    """The key of the whole result, from the stat taken when each file was read; None
    without a cache, or when a file could not be read."""
    if cache is None:
        return None
    stats: dict[str, StatKey] = {display: entry[2] for display, entry in entries.items()}
    if len(stats) != len(records) or not all(s[0] or s[1] for s in stats.values()):
        return None
    return cache.result_key(stats, [s.key for s in strays], when.isoformat())
