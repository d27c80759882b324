"""Running the site's build tasks in this process or, for a large site, in worker
processes (forked, so the loaded collection, the collection-wide views and the compiled
templates are shared, not sent): each worker takes chunks of tasks and writes its pages
into the build folder itself; only counts come back.

The workers follow validation's rules (:mod:`inovasi_cli.validation.workers`): at most
one per usable core, and they end with the parent, whether it finishes, is interrupted
(Ctrl-C, SIGTERM) or is killed. The pages are the same, byte for byte, however many
workers render them: each task's output depends on the task alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from inovasi_cli.site.writer import Task, Writer
from inovasi_cli.validation.workers import _worker_start, cores, default_workers

PARALLEL_MIN_TASKS = 1000  # below this, starting workers costs more than it saves
CHUNKS_PER_WORKER = 16  # small chunks: a slow one (a yearly report) holds no worker long

# What a forked worker renders from: set in the parent just before the fork.
_shared: tuple[Sequence[Task], Writer] | None = None


def worker_count(requested: int | None, tasks: int) -> int:
    """How many processes render ``tasks`` tasks: at most ``requested`` (default: one per
    core, at most 8), never more than the cores; one for a small site."""
    if tasks < PARALLEL_MIN_TASKS:
        return 1
    wanted = default_workers() if requested is None else requested
    return max(1, min(wanted, cores()))


def _chunks(total: int, workers: int) -> list[tuple[int, int]]:
    size = max(1, -(-total // (workers * CHUNKS_PER_WORKER)))
    return [(start, min(total, start + size)) for start in range(0, total, size)]


def _run_chunk(bounds: tuple[int, int]) -> tuple[int, dict[str, int]]:
    """In a worker: one chunk of the shared tasks; its page count and file sizes."""
    assert _shared is not None, "set before the fork"
    tasks, parent = _shared
    writer = parent.fresh()
    for task in tasks[bounds[0] : bounds[1]]:
        task(writer)
    return writer.pages, writer.sizes


def run_tasks(tasks: Sequence[Task], writer: Writer, requested: int | None = None) -> int:
    """Run every task, counting into ``writer``; the number of processes that rendered."""
    global _shared
    workers = worker_count(requested, len(tasks))
    if workers <= 1:
        for task in tasks:
            task(writer)
        return 1
    import multiprocessing

    _shared = (tasks, writer)
    try:
        context = multiprocessing.get_context("fork")
        # Pool, not ProcessPoolExecutor: leaving the block terminates the workers at once.
        with context.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),)) as pool:
            for pages, sizes in pool.imap_unordered(_run_chunk, _chunks(len(tasks), workers)):
                writer.pages += pages
                writer.sizes.update(sizes)
    finally:
        _shared = None
    return workers
