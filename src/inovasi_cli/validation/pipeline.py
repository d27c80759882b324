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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding, Severity, count_errors, sort_findings
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import Document
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.validation.cache import Cache, Entry, StatKey, stat_key
from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.readings import Reading, reading
from inovasi_cli.validation.checks.suite import check_collection
from inovasi_cli.validation.workers import UNREADABLE, Job, default_workers, run_jobs

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


@dataclass(slots=True)
class _Files:
    """What the per-file stages produced so far, by display path: the cache entry, the
    document to report on, and the records built from the files without errors."""

    entries: dict[str, Entry] = field(default_factory=dict)
    docs: dict[str, Document] = field(default_factory=dict)
    built: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in _BUILDERS})
    readings: dict[str, list[Reading]] = field(default_factory=lambda: {k: [] for k in _BUILDERS})

    def accept(self, record: paths.RecordFile, entry: Entry) -> None:
        self.entries[record.display] = entry
        data, file_findings = entry[4], entry[5]
        doc = Document(record.display, data, source=record.location)
        doc.findings = [Finding.from_tuple(f) for f in file_findings]
        self.docs[record.display] = doc
        kind = record.kind.name
        if data is not None and not any(f[6] == "error" for f in file_findings):
            self.built[kind].append(_BUILDERS[kind](record.id, data, record.display))
            if isinstance(data, dict):
                self.readings[kind].append(Reading(kind, record.id, record.display, data))
        else:  # the meaning checks still read what can be read
            found = reading(kind, record.id, record.display, data, doc.findings)
            if found is not None:
                self.readings[kind].append(found)

    def sorted_readings(self) -> dict[str, list[Reading]]:
        return {k: sorted(v, key=lambda r: r.id) for k, v in self.readings.items()}

    def collection(self) -> Collection:
        built = self.built
        return Collection.from_records(
            built["region"],
            built["innovation"],
            built["visit"],
            built["scoring-model"],
            sources=built["source"],
        )


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
) -> LoadResult:
    """The stages after discovery, over the record files and stray files found."""
    when = today or dt.date.today()
    files = _Files()
    jobs = _reuse(records, cache, files)
    _parse(records, jobs, cache, files, workers or default_workers(), progress)
    _identical_files(records, files)
    collection = files.collection()
    if cache is not None and jobs:
        cache.save_entries(files.entries)
    findings = _collection_findings(records, strays, files, collection, when, cache)
    return LoadResult(collection, sort_findings(findings), len(records))


def _reuse(records: list[paths.RecordFile], cache: Cache | None, files: _Files) -> list[Job]:
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
            try:
                stat = stat_key(record.location)
            except OSError:
                stat = UNREADABLE
            entry = cache.lookup(display, kind, record.id, stat)
            known = None if entry is not None else cache.known_digest(display, kind, record.id)
        if entry is not None:
            files.accept(record, entry)
        else:
            jobs.append((record.kind.directory, record.id, display, record.location, known))
    return jobs


def _parse(
    records: list[paths.RecordFile],
    jobs: list[Job],
    cache: Cache | None,
    files: _Files,
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
                files.accept(record, (old[0], old[1], stat, file_digest, old[4], old[5]))
            else:
                entry = (record.kind.name, record.id, stat, file_digest, data, file_findings)
                files.accept(record, entry)


def _identical_files(records: list[paths.RecordFile], files: _Files) -> None:
    """A file with the same bytes as an earlier one (in discovery order: the first of
    identical files is the original) is a duplicate record."""
    seen_digests: dict[bytes, str] = {}
    for record in records:
        file_digest = files.entries[record.display][3]
        if file_digest in seen_digests:
            files.docs[record.display].add(
                "duplicate-record",
                f"identical to {seen_digests[file_digest]}",
                at=(1, 1),
                hint="one record, one file: delete one of them",
            )
        elif file_digest:
            seen_digests[file_digest] = record.display


def _collection_findings(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    files: _Files,
    collection: Collection,
    when: dt.date,
    cache: Cache | None,
) -> list[Finding]:
    """Every finding: the last run's, when no file changed since (the collection checks
    would say the same), else the stray files', each file's and the collection checks'."""
    key = _result_key(records, strays, files, when, cache)
    if cache is not None and key is not None:
        stats = [entry[2] for entry in files.entries.values()]
        cached = cache.load_result(key, max((s[1] for s in stats), default=0))
        if cached is not None:
            return [Finding.from_tuple(f) for f in cached]
    ids = {
        kind: frozenset(r.id for r in records if r.kind.name == kind)
        for kind in ("region", "innovation", "source")
    }
    context = Context(
        collection,
        files.docs,
        when,
        ids["region"],
        ids["innovation"],
        source_ids=ids["source"],
        readings=files.sorted_readings(),
    )
    check_collection(context)
    findings = [Finding(s.display, 0, 0, s.code, s.reason, hint=s.hint) for s in strays]
    for doc in files.docs.values():
        findings.extend(doc.findings)
    if cache is not None and key is not None:
        cache.save_result(key, [f.as_tuple() for f in sort_findings(findings)])
    return findings


def _result_key(
    records: list[paths.RecordFile],
    strays: list[paths.StrayFile],
    files: _Files,
    when: dt.date,
    cache: Cache | None,
) -> bytes | None:
    """The key of the whole result, from the stat taken when each file was read; None
    without a cache, or when a file could not be read."""
    if cache is None:
        return None
    stats: dict[str, StatKey] = {display: entry[2] for display, entry in files.entries.items()}
    if len(stats) != len(records) or not all(s[0] or s[1] for s in stats.values()):
        return None
    return cache.result_key(stats, [s.key for s in strays], when.isoformat())
