"""Validation reporters: each turns findings into one string. Chosen from REPORTERS."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Protocol

from inovasi_cli.core.findings import Finding
from inovasi_cli.core.json_text import json_text
from inovasi_cli.core.text import terminal_text


class FindingsFormat(StrEnum):
    """Formats of validation findings (``inovasi validate --format``); not to be confused
    with the reports' ``ReportFormat`` (md, html)."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _location(finding: Finding) -> str:
    if finding.line:
        return f"{finding.path}:{finding.line}:{finding.column}"
    return finding.path


# Severities on a colour terminal: errors red, warnings yellow (SGR codes).
_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m"}
_RESET = "\x1b[0m"


def text_report(findings: Sequence[Finding], files: int, *, colour: bool = False) -> str:
    """One line per finding: ``path:line:col: severity CODE field: message; hint``; with
    ``colour``, the severity in its colour (the rest, record text included, stays inert)."""
    lines = []
    for f in findings:
        field = f" {f.field}" if f.field else ""
        hint = f"; {f.hint}" if f.hint else ""
        severity = str(f.severity)
        if colour:
            severity = f"{_COLOURS.get(severity, '')}{severity}{_RESET}"
        rest = terminal_text(f"{f.code}{field}: {f.message}{hint}")
        lines.append(f"{terminal_text(_location(f))}: {severity} {rest}")
    return "".join(line + "\n" for line in lines)


def json_report(findings: Sequence[Finding], files: int, *, colour: bool = False) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    document = {
        "version": 1,
        "files": files,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.as_dict() for f in findings],
    }
    return json_text(document, indent=2) + "\n"


def gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    return gh_data(terminal_text(text)).replace(":", "%3A").replace(",", "%2C")


def github_report(findings: Sequence[Finding], files: int, *, colour: bool = False) -> str:
    """GitHub Actions workflow commands: one ::error/::warning annotation per finding."""
    out = []
    for f in findings:
        props = [f"file={gh_property(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={gh_property(f'{f.code} {f.field}'.strip())}")
        hint = f" ({f.hint})" if f.hint else ""
        out.append(f"::{f.severity} {','.join(props)}::{gh_data(terminal_text(f.message + hint))}")
    return "".join(line + "\n" for line in out)


class Reporter(Protocol):
    """Findings and the number of files checked, as one string; ``colour``: whether the
    output goes to a colour terminal (only ``text`` uses it)."""

    def __call__(self, findings: Sequence[Finding], files: int, *, colour: bool = False) -> str: ...


REPORTERS: dict[FindingsFormat, Reporter] = {
    FindingsFormat.TEXT: text_report,
    FindingsFormat.JSON: json_report,
    FindingsFormat.GITHUB: github_report,
}
