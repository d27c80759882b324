"""A validation run that needs only the findings (``inovasi validate``).

The collection is discovered once. When no file has changed since the last run, on the
same day, that run's findings are the answer, without importing the parser or the
schemas (this module imports neither: the pipeline is imported only when it must run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.validation.cache import Cache, StatKey


@dataclass(frozen=True, slots=True)
class Validation:
    """What a run reports: the findings (sorted) and how many record files there are."""

    findings: list[Finding]
    files: int


def validate_collection(
    root: Path,
    *,
    only: Iterable[str] | None = None,
    today: dt.date | None = None,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Validation:
    """The findings for the collection under ``root``: the last run's when nothing has
    changed, else from the pipeline. With ``only`` (display paths of files or folders,
    as :func:`paths.display_path` gives them), the findings are every one about those
    paths and what lies under them, stray files and links included; they are still
    checked against the whole collection, and ``files`` counts what lies there."""
    when = today or dt.date.today()
    cache = Cache.open(root) if use_cache else None
    stats: dict[str, StatKey] | None = {} if cache is not None else None
    records, strays = paths.discover(root, stats)  # stats taken once: result, then files
    findings = None
    if cache is not None:
        findings = cache.unchanged_findings(records, strays, when.isoformat(), stats)
    if findings is None:
        from inovasi_cli.validation.pipeline import load_discovered

        loaded = load_discovered(
            records,
            strays,
            today=when,
            cache=cache,
            workers=workers,
            progress=progress,
            build=False,
            stats=stats,
        )
        findings = loaded.findings
    if only is None:
        return Validation(findings, len(records))
    named = frozenset(only)
    found = {r.display for r in records} | {s.display for s in strays}
    return Validation(
        [f for f in findings if paths.under(f.path, named)],
        sum(1 for display in found if paths.under(display, named)),
    )
