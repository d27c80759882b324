"""The per-file stage: read, hash and check each file (strict YAML, identity, schema), in
this process or, for a large collection, in worker processes.

What a file's check hands back is plain values (cacheable, and cheap to send from a
worker): display path, stat, digest, data, and findings as tuples.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Generator
from typing import Any

from inovasi_cli.core import paths
from inovasi_cli.core.files import NotRegularFileError, read_limited
from inovasi_cli.core.findings import Finding
from inovasi_cli.records.loader import MAX_BYTES, Document, load_bytes, too_large
from inovasi_cli.records.schema import check_document, fast_validator
from inovasi_cli.validation.cache import UNREADABLE, StatKey, digest, stat_of
from inovasi_cli.validation.checks.per_file import check_control_characters, check_identity

# display, stat, digest, data, findings (Finding.as_tuple values)
FileResult = tuple[str, StatKey, bytes, Any, list[tuple[Any, ...]]]
# kind directory, id, display, path, the digest the cache knows
Job = tuple[str, str, str, str, bytes | None]
PARALLEL_MIN_FILES = 1000  # below this, starting workers costs more than it saves


def cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system has one)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return os.cpu_count() or 1


def default_workers() -> int:
    return max(1, min(cores(), 8))


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
    try:
        read = read_limited(path_text, MAX_BYTES)
    except NotRegularFileError as exc:  # replaced since discovery, which reports these
        reason = f"{exc.kind}, not a regular file"
        finding = Finding(display, 0, 0, "stray-file", reason, hint=paths.SPECIAL_HINT)
        return display, UNREADABLE, b"", None, [finding.as_tuple()]
    except OSError as exc:
        finding = Finding(
            display, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}"
        )
        return display, UNREADABLE, b"", None, [finding.as_tuple()]
    stat, raw = stat_of(read.stat), read.data
    if raw is None:  # never read: its size is enough (and no digest, so no cache shortcut)
        doc = too_large(Document(display), read.size)
        return display, stat, b"", None, [f.as_tuple() for f in doc.findings]
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


def worker_count(requested: int | None, total: int) -> int:
    """How many worker processes help for ``total`` files: at most ``requested`` (default:
    one per core, at most 8), never more than the cores nor than the batches they share."""
    wanted = default_workers() if requested is None else requested
    return max(1, min(wanted, cores(), len(_batch_bounds(total, wanted))))


def _batch_size(total: int, workers: int) -> int:
    return max(100, min(1000, total // (max(workers, 1) * 8)))


def _batch_bounds(total: int, workers: int) -> range:
    return range(0, total, _batch_size(total, workers))


def _worker_start(parent: int) -> None:
    """In each worker: end with the parent. Ctrl-C is the parent's to handle (it then
    ends the pool); SIGTERM kills at once; and when the parent dies by any means (even
    SIGKILL) the kernel sends this process SIGKILL (Linux), or a watchdog notices."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler
    if not _die_with_parent():
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before we could ask
        os._exit(1)


def _die_with_parent() -> bool:
    """PR_SET_PDEATHSIG where the kernel has it: SIGKILL when the parent ends."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def run_jobs(
    jobs: list[Job], workers: int, progress: Callable[[int, int], None] | None
) -> Generator[FileResult, None, None]:
    """Check files, yielding results as they come (in job order), so the caller can build
    records while the workers are still parsing. The workers end with this process: on
    an exception, a signal turned into one, or its death."""
    total = len(jobs)
    workers = worker_count(workers, total)
    if workers <= 1 or total < PARALLEL_MIN_FILES:
        for done, job in enumerate(jobs, 1):
            yield check_file(job)
            if progress and done % 500 == 0:
                progress(done, total)
        return
    import multiprocessing

    for schema in {paths.RECORD_KINDS[j[0]].schema for j in jobs}:
        fast_validator(schema)  # compile once, before the workers fork
    size = _batch_size(total, workers)
    batches = [jobs[i : i + size] for i in range(0, total, size)]
    done = 0
    context = multiprocessing.get_context("fork")
    # Pool, not ProcessPoolExecutor: leaving the block terminates the workers at once,
    # where the executor would wait for every batch already queued.
    with context.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
        for blob in pool.imap(_check_batch, batches):
            batch_results = marshal.loads(blob)  # noqa: S302 - from our own worker
            yield from batch_results
            done += len(batch_results)
            if progress:
                progress(done, total)
