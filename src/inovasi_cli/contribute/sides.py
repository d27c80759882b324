"""One side of a review: the collection at one commit, as the checks see it."""

from __future__ import annotations

from dataclasses import dataclass

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.validation.cache import Entry
from inovasi_cli.validation.incremental import State


@dataclass(slots=True)
class Side:
    """The record and stray files at one commit, each file's per-file result, the
    collection checks' state (who refers to whom) and every finding, sorted."""

    records: list[paths.RecordFile]
    strays: list[paths.StrayFile]
    entries: dict[str, Entry]
    state: State
    findings: list[Finding]
