"""One ``--output`` convention for every command that has the option.

- ``--output -`` is stdout; ``--output ""`` is a usage error (an empty path);
- without ``--format`` the format comes from the output's extension;
- an extension that contradicts ``--format``, or that no format has (``y.docx`` for a
  report), is a usage error naming the formats and their extensions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from inovasi_cli.core.errors import UsageError

F = TypeVar("F", bound=StrEnum)
STDOUT = "-"


@dataclass(frozen=True, slots=True)
class Target:
    """Where an output goes: a file (or folder) path, or stdout (``path`` None)."""

    path: Path | None

    @property
    def is_stdout(self) -> bool:
        return self.path is None

    def __str__(self) -> str:
        return STDOUT if self.path is None else str(self.path)


def output_target(value: str | None) -> Target | None:
    """The ``--output`` value: None when absent, stdout for ``-``."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError("--output: empty output path; give a file name, or - for stdout")
    return Target(None if value == STDOUT else Path(value))


def required_target(value: str) -> Target:
    """The value of an ``--output`` that cannot be absent."""
    target = output_target(value)
    return target if target is not None else Target(None)


def _choices(extensions: Mapping[str, StrEnum]) -> str:
    by_format: dict[str, list[str]] = {}
    for suffix, fmt in extensions.items():
        by_format.setdefault(fmt.value, []).append(suffix)
    return "; ".join(f"{fmt} ({', '.join(suffixes)})" for fmt, suffixes in by_format.items())


def format_for(
    chosen: F | None,
    target: Target | None,
    extensions: Mapping[str, F],
    default: F | None,
    *,
    folders: frozenset[F] = frozenset(),
) -> F:
    """The format to write: ``--format``, else the output's extension, else ``default``
    (None: ``--format`` is required then). ``folders`` are formats written as a folder,
    whose names need no extension (any suffix is allowed for them)."""
    path = target.path if target is not None else None
    suffix = path.suffix.lower() if path is not None else ""
    inferred = extensions.get(suffix) if suffix else None
    if suffix and inferred is None and not (chosen is not None and chosen in folders):
        raise UsageError(
            f"--output {path}: no format has the extension {suffix}; formats: "
            f"{_choices(extensions)}"
        )
    if chosen is not None and inferred is not None and inferred is not chosen:
        raise UsageError(
            f"--output {path}: the extension {suffix} is for {inferred}, but --format is "
            f"{chosen}; change one of them (formats: {_choices(extensions)})"
        )
    found = chosen or inferred or default
    if found is None:
        raise UsageError(
            f"give --format, or an --output with a format's extension: {_choices(extensions)}"
        )
    return found
