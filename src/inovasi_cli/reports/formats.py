"""What a report is rendered as: a format (Markdown or HTML, each with its template suffix
and escaping) and a language (labels and vocabulary titles)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReportFormat(StrEnum):
    """Output formats of ``inovasi report``."""

    MD = "md"
    HTML = "html"


class Lang(StrEnum):
    """Report languages: labels and vocabulary; record text stays as written."""

    ID = "id"
    EN = "en"


@dataclass(frozen=True, slots=True)
class FormatSpec:
    suffix: str  # templates are <kind>.<suffix>.j2
    autoescape: bool
    description: str


FORMATS: dict[ReportFormat, FormatSpec] = {
    ReportFormat.MD: FormatSpec("md", False, "GitHub-flavoured Markdown"),
    ReportFormat.HTML: FormatSpec("html", True, "one self-contained HTML page"),
}
