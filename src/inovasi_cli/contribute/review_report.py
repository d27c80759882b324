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
from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.markdown import md_code, md_escape
from inovasi_cli.validation.reporters import gh_data, gh_property, github_report


class ReviewFormat(StrEnum):
    MARKDOWN = "markdown"
    GITHUB = "github"
    JSON = "json"


def _short(commit: str) -> str:
    return commit[:10]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _points(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"


def score_text(before: float | None, after: float | None, *, added: bool = False) -> str:
    """``12.00 -> 15.00 (+3.00)``; one figure when it did not change or did not exist."""
    if before is None and after is None:
        return ""
    if before == after or (added and before is None):
        return _points(after)
    text = f"{_points(before)} -> {_points(after)}"
    if before is not None and after is not None:
        text += f" ({after - before:+.2f})"
    return text


def _change_score(result: Review, change: Change) -> str:
    for score in result.scores:
        if score.kind == "innovation" and score.id == change.id:
            return score_text(score.before, score.after, added=change.status == "added")
    return "" if change.score is None else f"{change.score:.2f}"


def _changes_table(result: Review) -> list[str]:
    scores = any(c.kind == "innovation" for c in result.changes) and bool(result.score_model)
    header = ["change", "kind", "id", "name", "region", "sector"] + (
        [f"score ({md_escape(result.score_model)})"] if scores else []
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
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
            md_escape(change.region),
            md_escape(change.sector),
        ] + ([_change_score(result, change)] if scores else [])
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _facts(result: Review) -> list[str]:
    """Each new or changed record's key facts, as a list under its id."""
    lines = []
    for change in result.changes:
        if not change.facts:
            continue
        title = md_escape(change.name) if change.name else md_code(change.id)
        lines.append(f"- {change.status} {change.kind} {md_code(change.id)}: {title}")
        lines += [f"  - {md_escape(label)}: {md_escape(value)}" for label, value in change.facts]
    return ["**Records**", "", *lines, ""] if lines else []


def _score_table(result: Review) -> list[str]:
    """What the change does to scores, per innovation and region."""
    if not result.scores:
        return []
    lines = [
        f"**Score changes** ({md_escape(result.score_model)}, derived at review time)",
        "",
        "| kind | id | name | before | after | change |",
        "|---|---|---|---:|---:|---:|",
    ]
    for score in result.scores:
        delta = "" if score.delta is None else f"{score.delta:+.2f}"
        lines.append(
            f"| {score.kind} | {md_code(score.id)} | {md_escape(score.name)} | "
            f"{_points(score.before)} | {_points(score.after)} | {delta} |"
        )
    return [*lines, ""]


def markdown_report(result: Review) -> str:
    """A summary to paste into the pull request (or the job summary)."""
    lines = [
        "### inovasi review",
        "",
        f"Changes under `data/` from `{_short(result.merge_base)}` (merge-base with "
        f"{md_code(result.base)}) to `{_short(result.head)}` (HEAD): "
        f"{_plural(len(result.changes), 'file')}.",
        "",
    ]
    if result.changes:
        lines += _changes_table(result) + _facts(result) + _score_table(result)
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
    """GitHub workflow commands: one ``::error file=...,line=...::`` per finding, then a
    ``::notice`` per changed record (its names, key facts and score change) and per
    region whose index the change moves, with paths as the repository sees them."""
    moved = [dataclasses.replace(f, path=result.repo_path(f.path)) for f in result.findings]
    notices = []
    for change in result.changes:
        if not change.kind:
            continue
        parts = [f"{change.status} {change.kind} {change.id}: {change.name or change.id}"]
        parts += [f"{label}: {value}" for label, value in change.facts]
        moved_score = _change_score(result, change)
        if moved_score:
            parts.append(f"score ({result.score_model}): {moved_score}")
        props = f"file={gh_property(result.repo_path(change.path))},title={change.status}"
        notices.append(f"::notice {props}::{gh_data(terminal_text('; '.join(parts)))}")
    for region in result.scores:
        if region.kind == "region":
            text = f"{region.name}: index {score_text(region.before, region.after)}"
            props = f"title={gh_property(f'score {result.score_model}')}"
            notices.append(f"::notice {props}::{gh_data(terminal_text(text))}")
    return github_report(moved, len(result.changes)) + "".join(n + "\n" for n in notices)


def _change_dict(result: Review, change: Change) -> dict[str, object]:
    fields = {k: v for k, v in dataclasses.asdict(change).items() if v not in ("", None, (), [])}
    if change.facts:
        fields["facts"] = dict(change.facts)
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
        "scores": [dataclasses.asdict(s) | {"delta": s.delta} for s in result.scores],
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
