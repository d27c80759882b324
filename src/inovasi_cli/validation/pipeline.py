"""The validation pipeline: discover, parse, check shape, build records, check meaning.

``load_collection`` is what every command calls: it returns the records that passed and
every finding, and never raises for bad data.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding, Severity, count_errors, sort_findings
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import Document, load_bytes
from inovasi_cli.records.model import Innovation, Region, Visit
from inovasi_cli.records.schema import check_document, fast_validator
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.validation.cache import Cache, Entry, StatKey, digest, stat_key
from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.per_file import check_control_characters, check_identity
from inovasi_cli.validation.checks.suite import check_collection

P = ParamSpec("P")
R = TypeVar("R")

_BUILDERS = {
    "region": Region.from_dict,
    "innovation": Innovation.from_dict,
    "visit": Visit.from_dict,
    "scoring-model": ScoringModel.from_dict,
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


def parse_record(record: paths.RecordFile, raw: bytes) -> Document:
    """One file through the per-file stages: strict YAML, identity, schema."""
    doc = load_bytes(raw, record.display)
    if doc.data is not None:
        check_identity(doc, record.id, record.kind.name)
        check_document(record.kind.schema, doc)
        if b"\\" in raw:  # only escapes in quoted text can smuggle control characters in
            check_control_characters(doc)
    # Keep no node tree alive: positions are recomputed from the file if a later,
    # collection-level check needs one.
    doc.root = None
    doc.source = record.location
    return doc


# What the per-file stage hands back (plain values: cacheable, and cheap to send from a
# worker process): display, stat, digest, data, findings as tuples.
_FileResult = tuple[str, StatKey, bytes, Any, list[tuple[Any, ...]]]
_Job = tuple[str, str, str, str, bytes | None]  # kind directory, id, display, path, digest
PARALLEL_MIN_FILES = 1000  # below this, starting workers costs more than it saves


def _check_file(job: _Job) -> _FileResult | None:
    """Read, hash and check one file; ``None`` when its digest equals the known one."""
    directory, record_id, display, path_text, known = job
    path = Path(path_text)
    try:
        stat = stat_key(path)
        raw = path.read_bytes()
    except OSError as exc:
        finding = Finding(
            display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}"
        )
        return display, (0, 0, 0, 0), b"", None, [finding.as_tuple()]
    file_digest = digest(raw)
    if known is not None and file_digest == known:
        return display, stat, file_digest, None, []
    record = paths.RecordFile(paths.RECORD_KINDS[directory], record_id, path_text, display)
    doc = parse_record(record, raw)
    return display, stat, file_digest, doc.data, [f.as_tuple() for f in doc.findings]


def _check_batch(jobs: list[_Job]) -> bytes:
    """A worker's batch, sent back as one marshal blob: plain values only, and several
    times cheaper to build and read than pickling the same nested objects."""
    return marshal.dumps([_check_file(job) for job in jobs])


def _run_jobs(
    jobs: list[_Job], workers: int, progress: Callable[[int, int], None] | None
) -> Iterator[_FileResult | None]:
    """Check files, yielding results as they come (in job order), so the caller can build
    records while the workers are still parsing."""
    total = len(jobs)
    if workers <= 1 or total < PARALLEL_MIN_FILES:
        for done, job in enumerate(jobs, 1):
            yield _check_file(job)
            if progress and done % 500 == 0:
                progress(done, total)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    for schema in {paths.RECORD_KINDS[j[0]].schema for j in jobs}:
        fast_validator(schema)  # compile once, before the workers fork
    size = max(100, min(1000, total // (workers * 8)))
    batches = [jobs[i : i + size] for i in range(0, total, size)]
    done = 0
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for blob in pool.map(_check_batch, batches):
            batch_results = marshal.loads(blob)  # noqa: S302 - from our own worker
            yield from batch_results
            done += len(batch_results)
            if progress:
                progress(done, total)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


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


@_gc_paused
def load_collection(
    root: Path,
    *,
    only: Iterable[Path] | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    need_collection: bool = True,
) -> LoadResult:
    """Load and check the whole collection under ``root``.

    With ``only``, findings are limited to those files, but they are still checked
    against the whole collection (references, duplicates). With ``use_cache``, files
    unchanged since the last run are not parsed again (see :mod:`inovasi_cli.validation.cache`);
    the findings are the same either way. ``need_collection=False`` lets a run that only
    reports findings (``validate``) reuse a whole cached result.
    """
    when = today or dt.date.today()
    records, strays = paths.discover(root)
    findings = [Finding(s.display, 0, 0, "stray-file", s.reason, hint=s.hint) for s in strays]
    cache = Cache.open(root) if use_cache else None

    stats: dict[str, StatKey] = {}
    if cache is not None and not need_collection:
        unchanged = cache.unchanged_findings(records, strays, when.isoformat())
        if unchanged is not None:
            return _result(root, Collection(), unchanged, len(records), only)

    entries: dict[str, Entry] = {}
    docs: dict[str, Document] = {}
    built: dict[str, list[Any]] = {kind: [] for kind in _BUILDERS}

    def accept(record: paths.RecordFile, entry: Entry) -> None:
        entries[record.display] = entry
        data, file_findings = entry[4], entry[5]
        doc = Document(record.display, data, source=record.location)
        doc.findings = [Finding.from_tuple(f) for f in file_findings]
        docs[record.display] = doc
        if data is not None and not any(f[6] == "error" for f in file_findings):
            kind = record.kind.name
            built[kind].append(_BUILDERS[kind](record.id, data, record.display))

    jobs: list[_Job] = []
    if cache is not None:
        cache.load_entries()
    reuse = cache is not None and bool(cache.entries)  # an empty cache: nothing to stat for
    for record in records:
        kind, display = record.kind.name, record.display
        entry = None
        if cache is not None and reuse:
            try:
                stat = stat_key(record.location)
            except OSError:
                stat = (0, 0, 0, 0)
            stats[display] = stat
            entry = cache.lookup(display, kind, record.id, stat)
        if entry is not None:
            accept(record, entry)
        else:
            known = cache.known_digest(display, kind, record.id) if cache and reuse else None
            jobs.append((record.kind.directory, record.id, display, record.location, known))
    by_display = {r.display: r for r in records}
    for outcome in _run_jobs(jobs, workers or default_workers(), progress):
        if outcome is None:
            continue
        display, stat, file_digest, data, file_findings = outcome
        record = by_display[display]
        if data is None and not file_findings and cache is not None:  # same bytes as cached
            old = cache.entries[display]
            accept(record, (old[0], old[1], stat, file_digest, old[4], old[5]))
        else:
            accept(record, (record.kind.name, record.id, stat, file_digest, data, file_findings))

    seen_digests: dict[bytes, str] = {}
    for record in records:  # discovery order: the first of identical files is the original
        file_digest = entries[record.display][3]
        if file_digest in seen_digests:
            docs[record.display].add(
                "duplicate-record",
                f"identical to {seen_digests[file_digest]}",
                at=(1, 1),
                hint="one record, one file: delete one of them",
            )
        elif file_digest:
            seen_digests[file_digest] = record.display
    collection = Collection.from_records(
        built["region"], built["innovation"], built["visit"], built["scoring-model"]
    )
    key: bytes | None = None
    if cache is not None:
        if jobs:
            cache.save_entries(entries)
        for display, entry in entries.items():  # the stat taken when the file was read
            stats[display] = entry[2]
        if len(stats) == len(records) and all(s[0] or s[1] for s in stats.values()):
            key = cache.result_key(stats, [s.display for s in strays], when.isoformat())
            newest = max((s[1] for s in stats.values()), default=0)
            cached = cache.load_result(key, newest)
            if cached is not None:  # nothing changed: the collection checks would say this
                found = [Finding.from_tuple(f) for f in cached]
                return _result(root, collection, found, len(records), only)
    ids = {
        kind: frozenset(r.id for r in records if r.kind.name == kind)
        for kind in ("region", "innovation")
    }
    check_collection(Context(collection, docs, when, ids["region"], ids["innovation"]))
    for doc in docs.values():
        findings.extend(doc.findings)
    if cache is not None and key is not None:
        cache.save_result(key, [f.as_tuple() for f in sort_findings(findings)])
    return _result(root, collection, findings, len(records), only)


def _result(
    root: Path,
    collection: Collection,
    findings: list[Finding],
    files: int,
    only: Iterable[Path] | None,
) -> LoadResult:
    if only is not None:
        wanted = {paths.display_path(root, p) for p in only}
        findings = [f for f in findings if f.path in wanted]
    return LoadResult(collection, sort_findings(findings), files)
