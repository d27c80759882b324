"""The validation pipeline: discover, parse, check shape, build records, check meaning.

``load_collection`` is what every command calls: it returns the records that passed and
every finding, and never raises for bad data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from inovasi_cli import checks, paths
from inovasi_cli.collection import Collection
from inovasi_cli.findings import Finding, Severity, count_errors, sort_findings
from inovasi_cli.loader import Document, load_bytes
from inovasi_cli.model import Innovation, Region, Visit
from inovasi_cli.schema import check_document
from inovasi_cli.scoring_model import ScoringModel

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
        checks.check_identity(doc, record.id, record.kind.name)
        check_document(record.kind.schema, doc)
    return doc


def load_collection(
    root: Path, *, only: Iterable[Path] | None = None, today: dt.date | None = None
) -> LoadResult:
    """Load and check the whole collection under ``root``.

    With ``only``, findings are limited to those files, but they are still checked
    against the whole collection (references, duplicates).
    """
    records, strays = paths.discover(root)
    findings = [Finding(s.display, 0, 0, "stray-file", s.reason, hint=s.hint) for s in strays]
    docs: dict[str, Document] = {}
    contents: dict[str, bytes] = {}
    regions: list[Region] = []
    innovations: list[Innovation] = []
    visits: list[Visit] = []
    models: list[ScoringModel] = []
    for record in records:
        try:
            raw = record.path.read_bytes()
        except OSError as exc:
            findings.append(
                Finding(
                    record.display,
                    0,
                    0,
                    "unreadable",
                    f"cannot read the file: {exc.strerror or exc}",
                )
            )
            continue
        doc = parse_record(record, raw)
        docs[record.display] = doc
        contents[record.display] = raw
        if doc.data is not None and not any(f.severity is Severity.ERROR for f in doc.findings):
            kind, record_id, data = record.kind.name, record.id, doc.data
            if kind == "region":
                regions.append(Region.from_dict(record_id, data, record.display))
            elif kind == "innovation":
                innovations.append(Innovation.from_dict(record_id, data, record.display))
            elif kind == "visit":
                visits.append(Visit.from_dict(record_id, data, record.display))
            elif kind == "scoring-model":
                models.append(ScoringModel.from_dict(record_id, data, record.display))
    for later, first in checks.duplicates_by_content(contents).items():
        docs[later].add(
            "duplicate-record",
            f"identical to {first}",
            at=(1, 1),
            hint="one record, one file: delete one of them",
        )
    collection = Collection.from_records(regions, innovations, visits, models)
    ids = {
        kind: frozenset(r.id for r in records if r.kind.name == kind)
        for kind in ("region", "innovation")
    }
    checks.check_collection(
        checks.Context(collection, docs, today or dt.date.today(), ids["region"], ids["innovation"])
    )
    for doc in docs.values():
        findings.extend(doc.findings)
    if only is not None:
        wanted = {_display(root, p) for p in only}
        findings = [f for f in findings if f.path in wanted]
    return LoadResult(collection, sort_findings(findings), len(records))


def _display(root: Path, path: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
