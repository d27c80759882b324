"""Checks of one file on its own, run with the schema in the per-file stage: the path is
the identity, and text holds no control characters smuggled in through escapes."""

from __future__ import annotations

from inovasi_cli.core.findings import Severity
from inovasi_cli.core.text import CONTROL_CHARACTERS
from inovasi_cli.records.loader import Document, iter_scalars
from inovasi_cli.validation.checks import rules

IDENTITY_FIELDS = {"id", "slug"}


def check_control_characters(doc: Document) -> None:
    """Text written with escapes (``"\\e[31m"``) can hold control characters that the
    file itself may not: terminal escapes, bidi overrides. Records never need them."""
    for path, value in iter_scalars(doc.data):
        if isinstance(value, str):
            found = CONTROL_CHARACTERS.search(value)
            if found:
                doc.add(
                    "control-character",
                    f"text contains the control character U+{ord(found.group()):04X}",
                    path,
                    severity=Severity.WARNING,
                    hint="remove it; write plain text (newlines and tabs are fine)",
                )


def check_identity(doc: Document, record_id: str, kind: str) -> None:
    """The path is the identity: ids must be slugs and no field may repeat them."""
    for part in record_id.split("/"):
        problem = rules.id_problem(part)
        if problem is not None:
            doc.add(problem.code, problem.message, at=(1, 1), hint=problem.hint)
            break
    if not isinstance(doc.data, dict):
        return
    for key in sorted(IDENTITY_FIELDS | ({"region"} if kind == "innovation" else set())):
        if key in doc.data:
            doc.add(
                "identity-field",
                f"'{key}' repeats the file path ({record_id}); the path is the identity",
                (key,),
                key=True,
                hint=f"remove '{key}:'; rename the file to change the {key}",
            )
