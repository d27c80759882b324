"""The per-file stage: read, hash and check each file (strict YAML, identity, schema), in
this process or, for a large collection, in worker processes.

What a file's check hands back is plain values (cacheable, and cheap to send from a
worker): display path, stat, digest, data, and findings as tuples.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.records.loader import Document, load_bytes
from inovasi_cli.records.schema import check_document, fast_validator
from inovasi_cli.validation.cache import UNREADABLE, StatKey, digest, stat_key
from inovasi_cli.validation.checks.per_file import check_control_characters, check_identity

# display, stat, digest, data, findings (Finding.as_tuple values)
FileResult = tuple[str, StatKey, bytes, Any, list[tuple[Any, ...]]]
# kind directory, id, display, path, the digest the cache knows
Job = tuple[str, str, str, str, bytes | None]
PARALLEL_MIN_FILES = 1000  # below this, starting workers costs more than it saves


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


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


def check_file(job: Job) -> FileResult:
    """Read, hash and check one file. When its digest equals the one the cache knows,
    it is not parsed: the result has no data and no findings (the cached ones stand)."""
    directory, record_id, display, path_text, known = job
    path = Path(path_text)
    try:
        stat = stat_key(path)
        raw = path.read_bytes()
    except OSError as exc:
        finding = Finding(
            display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}"
        )
        return display, UNREADABLE, b"", None, [finding.as_tuple()]
    file_digest = digest(raw)
    if known is not None and file_digest == known:
        return display, stat, file_digest, None, []
    record = paths.RecordFile(paths.RECORD_KINDS[directory], record_id, path_text, display)
    doc = parse_record(record, raw)
    return display, stat, file_digest, doc.data, [f.as_tuple() for f in doc.findings]


def _check_batch(jobs: list[Job]) -> bytes:
    """A worker's batch, sent back as one marshal blob: plain values only, and several
    times cheaper to build and read than pickling the same nested objects. Each value
    goes marshalled on its own, as the cache keeps it (see ``cache.data_of``): packing
    it here is work the parent, alone on its core, does not do."""
    results = []
    for display, stat, file_digest, data, findings in map(check_file, jobs):
        packed = None if data is None else marshal.dumps(data)
        results.append((display, stat, file_digest, packed, findings))
    return marshal.dumps(results)


def run_jobs(
    jobs: list[Job], workers: int, progress: Callable[[int, int], None] | None
) -> Iterator[FileResult]:
    """Check files, yielding results as they come (in job order), so the caller can build
    records while the workers are still parsing."""
    total = len(jobs)
    if workers <= 1 or total < PARALLEL_MIN_FILES:
        for done, job in enumerate(jobs, 1):
            yield check_file(job)
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
