"""Findings: problems in the data, each pinned to a file, a position and a field."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem in one file.

    ``path`` is the file as the user should see it (relative to the collection root
    where possible); ``line`` and ``column`` are 1-based, 0 when unknown; ``field`` is a
    dotted path into the record (``visitors.0.region``), empty for the whole file.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    field: str = ""
    severity: Severity = Severity.ERROR
    hint: str = dataclasses.field(default="", compare=False)

    def as_tuple(self) -> tuple[str, int, int, str, str, str, str, str]:
        """Plain values only (for the cache and worker processes)."""
        return (
            self.path,
            self.line,
            self.column,
            self.code,
            self.message,
            self.field,
            str(self.severity),
            self.hint,
        )

    @classmethod
    def from_tuple(cls, values: tuple[str, int, int, str, str, str, str, str]) -> Finding:
        path, line, column, code, message, field, severity, hint = values
        return cls(path, line, column, code, message, field, Severity(severity), hint)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


def field_path(parts: Iterable[str | int]) -> str:
    return ".".join(str(p) for p in parts)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable order for output: by file, position, code, field, message, then severity
    and hint, so the order never depends on hashing; exact repeats are dropped."""
    unique = {f.as_tuple(): f for f in findings}
    return [unique[key] for key in sorted(unique, key=_order)]


def _order(values: tuple[str, int, int, str, str, str, str, str]) -> tuple[object, ...]:
    path, line, column, code, message, field, severity, hint = values
    return (path, line, column, code, field, message, severity, hint)


def count_errors(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)
