"""YAML syntax errors as findings, in libyaml's words whichever parser stopped.

What the loader's documents offer the modules below it (:class:`Notes`) is defined here,
so these modules need not import the loader.
"""

from __future__ import annotations

from typing import Any, Protocol

import yaml

from inovasi_cli.core.findings import Finding

Position = tuple[int, int]


class Notes(Protocol):
    """Where findings go: a loader Document (which also knows every value's position)."""

    findings: list[Finding]

    def add(
        self, code: str, message: str, *, hint: str = ..., at: Position | None = ...
    ) -> None: ...


def mark_position(mark: Any) -> Position:
    """A parser mark as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


# PyYAML's pure-Python parser words a few errors differently from libyaml.
_PY_WORDING = {
    "while parsing a block collection": "did not find expected '-' indicator",
    "while parsing a block mapping": "did not find expected key",
    "while parsing a flow sequence": "did not find expected ',' or ']'",
    "while parsing a flow mapping": "did not find expected ',' or '}'",
}


def libyaml_wording(exc: yaml.YAMLError) -> yaml.YAMLError:
    """The error with its problem put as libyaml words it (it is changed in place)."""
    problem = getattr(exc, "problem", None)
    if not isinstance(exc, yaml.MarkedYAMLError) or not problem or " but " not in problem:
        return exc
    if problem.startswith("expected '<document start>'"):
        exc.problem = "did not find expected <document start>"
    elif problem.startswith("expected the node content"):
        exc.problem = "did not find expected node content"
    elif exc.context in _PY_WORDING:
        exc.problem = _PY_WORDING[exc.context]
    return exc


def syntax_finding(exc: yaml.YAMLError, text: str, doc: Notes) -> None:
    """The one finding for the error that stopped parsing ``text``."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        if "end of stream" in problem and exc.context_mark is not None:
            # The file ended inside a quote or bracket: point at where it was opened.
            mark = exc.context_mark
            context = f" ({exc.context}, which starts here)"
        at = mark_position(mark) if mark is not None else (1, 1)
        lines = text.splitlines()
        line_text = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
        hint = ""
        if "\t" in line_text[: at[1]] or "\t" in problem:
            hint = "indent with spaces, not tabs"
        elif "single document" in problem + context:
            hint = "one record per file: remove the '---' and what follows"
        elif "could not find expected ':'" in problem or "mapping values" in problem:
            hint = "check the indentation, and quote text that contains ': '"
        elif "found unexpected end of stream" in problem:
            hint = "a quote or bracket is never closed"
        elif "expected ',' or" in problem and exc.context_mark is not None:
            opened = mark_position(exc.context_mark)
            hint = f"close the bracket opened on line {opened[0]}, or add the missing comma"
        doc.add("yaml-syntax", f"{problem}{context}", at=at, hint=hint)
    elif isinstance(exc, yaml.reader.ReaderError):
        offset = exc.position
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        doc.add(
            "encoding",
            f"control character U+{exc.character:04X} is not allowed",
            at=(line, column),
            hint="remove the control character from the file",
        )
    else:  # pragma: no cover - PyYAML raises only the kinds above
        doc.add("yaml-syntax", str(exc), at=(1, 1))
