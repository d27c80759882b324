"""Validation reporters: each turns findings into one string. Chosen from REPORTERS."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

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


def text_report(findings: Sequence[Finding], files: int) -> str:
    lines = []
    for f in findings:
        field = f" {f.field}" if f.field else ""
        hint = f"; {f.hint}" if f.hint else ""
        lines.append(
            terminal_text(f"{_location(f)}: {f.severity} {f.code}{field}: {f.message}{hint}")
        )
    return "".join(line + "\n" for line in lines)


def json_report(findings: Sequence[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    document = {
        "version": 1,
        "files": files,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.as_dict() for f in findings],
    }
    return json_text(document, indent=2) + "\n"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(terminal_text(text)).replace(":", "%3A").replace(",", "%2C")


def github_report(findings: Sequence[Finding], files: int) -> str:
    """GitHub Actions workflow commands: one ::error/::warning annotation per finding."""
    out = []
    for f in findings:
        props = [f"file={_gh_property(f.path)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_gh_property(f'{f.code} {f.field}'.strip())}")
        hint = f" ({f.hint})" if f.hint else ""
        out.append(f"::{f.severity} {','.join(props)}::{_gh_data(terminal_text(f.message + hint))}")
    return "".join(line + "\n" for line in out)


REPORTERS: dict[FindingsFormat, Callable[[Sequence[Finding], int], str]] = {
    FindingsFormat.TEXT: text_report,
    FindingsFormat.JSON: json_report,
    FindingsFormat.GITHUB: github_report,
}
