"""What a report is rendered as: a format (Markdown, HTML or PDF, each with its template
suffix, escaping and whether it is text) and a language (labels and vocabulary titles).
PDF is the HTML report laid out as an A4 document (``reports/pdf.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReportFormat(StrEnum):
    """Output formats of ``inovasi report``."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"


class Lang(StrEnum):
    """Report languages: labels and vocabulary; record text stays as written."""

    ID = "id"
    EN = "en"


@dataclass(frozen=True, slots=True)
class FormatSpec:
    suffix: str  # templates are <kind>.<suffix>.j2
    autoescape: bool
    description: str
    binary: bool = False  # bytes, not text: never to a terminal


FORMATS: dict[ReportFormat, FormatSpec] = {
    ReportFormat.MD: FormatSpec("md", False, "GitHub-flavoured Markdown"),
    ReportFormat.HTML: FormatSpec("html", True, "one self-contained HTML page"),
    ReportFormat.PDF: FormatSpec("html", True, "an A4 PDF document", binary=True),
}
