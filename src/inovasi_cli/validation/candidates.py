"""What ``inovasi validate`` would report on record files not yet written: new files, or
new texts of files that exist, checked against the rest of the collection as it is on
disk. The importers write nothing until this says the files are clean."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.records.collection import Collection
from inovasi_cli.validation.pipeline import load_discovered


@dataclass(frozen=True, slots=True)
class Checked:
    """The findings on the candidate files (by display path), and the collection as it
    would be with them."""

    findings: list[Finding]
    collection: Collection


def check_candidates(
    root: Path, files: Mapping[str, str], *, today: dt.date | None = None
) -> Checked:
    """Check ``files`` (display path, e.g. ``data/innovations/banggai/x.yaml``, to its
    text) as if written under ``root``; only their findings are returned."""
    records, strays = paths.discover(root)
    by_display = {r.display: r for r in records}
    with tempfile.TemporaryDirectory(prefix="inovasi-candidates-") as folder:
        for number, (display, text) in enumerate(sorted(files.items())):
            location = Path(folder) / f"{number}.yaml"
            location.write_text(text, encoding="utf-8")
            _, directory, *rest = display.split("/")
            kind = paths.RECORD_KINDS[directory]
            record_id = "/".join(rest)[: -len(".yaml")]
            by_display[display] = paths.RecordFile(kind, record_id, str(location), display)
        ordered = sorted(by_display.values(), key=lambda r: r.display)
        result = load_discovered(ordered, strays, today=today)
    findings = [f for f in result.findings if f.path in files]
    return Checked(findings, result.collection)
