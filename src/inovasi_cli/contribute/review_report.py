"""Review reports: each turns a :class:`~inovasi_cli.contribute.review.Review` into one string.

Chosen from ``REVIEW_FORMATS``. Record text is data: the Markdown summary escapes it with
the one Markdown escaper (``output.markdown``, as the reports do), the GitHub annotations
reuse the validation reporter's escaping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import StrEnum

from inovasi_cli.contribute.review import Change, Review
from inovasi_cli.core.json_text import json_text
from inovasi_cli.output.markdown import md_code, md_escape
from inovasi_cli.validation.reporters import github_report


class ReviewFormat(StrEnum):
    MARKDOWN = "markdown"
    GITHUB = "github"
    JSON = "json"


def _short(commit: str) -> str:
    return commit[:10]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _score_cell(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"


def markdown_report(result: Review) -> str:
    """A summary to paste into the pull request (or the job summary)."""
    scores = any(c.score is not None for c in result.changes)
    lines = [
        "### inovasi review",
        "",
        f"Changes under `data/` from `{_short(result.merge_base)}` (merge-base with "
        f"{md_code(result.base)}) to `{_short(result.head)}` (HEAD): "
        f"{_plural(len(result.changes), 'file')}.",
        "",
    ]
    if result.changes:
        header = ["change", "kind", "id", "name", "region", "sector"] + (
            [f"score ({md_escape(result.score_model)})"] if scores else []
        )
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for change in result.changes:
            record = md_code(change.id) if change.id else md_code(change.path)
            status = change.status
            if change.old_path:
                status += f" from {md_code(change.old_path)}"
            cells = [
                status,
                change.kind or "file",
                record,
                md_escape(change.name),
                md_code(change.region) if change.region else "",
                md_code(change.sector) if change.sector else "",
            ] + ([_score_cell(change.score)] if scores else [])
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    if not result.findings:
        verdict = "every changed record is valid" if result.changes else "nothing to check"
        lines.append(f"**No findings**: {verdict}.")
        return "\n".join(lines) + "\n"
    lines += [
        f"**Findings: {_plural(result.errors, 'error')}, {_plural(result.warnings, 'warning')}**",
        "",
        "| where | severity | code | field | message |",
        "|---|---|---|---|---|",
    ]
    for finding in result.findings:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        cell = md_code(result.repo_path(where) if result.prefix else where)
        if finding.path in result.caused:
            cell += " (unchanged file)"
        message = finding.message + (f" ({finding.hint})" if finding.hint else "")
        lines.append(
            f"| {cell} | {finding.severity} | {finding.code} | "
            f"{md_code(finding.field) if finding.field else ''} | {md_escape(message)} |"
        )
    if result.caused:
        lines += [
            "",
            "*(unchanged file)*: a file this change did not touch but broke, e.g. a visit "
            "that still names a removed region.",
        ]
    return "\n".join(lines) + "\n"


def github_annotations(result: Review) -> str:
    """GitHub workflow commands: one ``::error file=...,line=...::`` per finding, with
    paths as the repository sees them."""
    moved = [dataclasses.replace(f, path=result.repo_path(f.path)) for f in result.findings]
    return github_report(moved, len(result.changes))


def _change_dict(result: Review, change: Change) -> dict[str, object]:
    fields = {k: v for k, v in dataclasses.asdict(change).items() if v not in ("", None)}
    fields["path"] = result.repo_path(change.path)
    if change.old_path:
        fields["old_path"] = result.repo_path(change.old_path)
    return fields


def json_report(result: Review) -> str:
    document = {
        "version": 1,
        "base": result.base,
        "merge_base": result.merge_base,
        "head": result.head,
        "score_model": result.score_model or None,
        "errors": result.errors,
        "warnings": result.warnings,
        "changes": [_change_dict(result, c) for c in result.changes],
        "findings": [
            f.as_dict()
            | {"path": result.repo_path(f.path), "unchanged_file": f.path in result.caused}
            for f in result.findings
        ],
    }
    return json_text(document, indent=2) + "\n"


REVIEW_FORMATS: dict[ReviewFormat, Callable[[Review], str]] = {
    ReviewFormat.MARKDOWN: markdown_report,
    ReviewFormat.GITHUB: github_annotations,
    ReviewFormat.JSON: json_report,
}
