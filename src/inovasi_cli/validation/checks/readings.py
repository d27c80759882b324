"""What the meaning checks read: every record file's values, as far as they can be read.

A file with schema errors builds no record, but most of its values are still fine: an
impossible ``trial_date`` is worth reporting together with the file's other mistakes,
and a file in a renamed region folder is in an unknown region whether or not it is
otherwise valid. So the checks read a :class:`Reading` of every record file, valid or
not: its data with each value the per-file stage refused (wrong type, unknown value, bad
format, unknown or repeated key...) replaced by :data:`UNREADABLE`. No check can then
report a value the schema already reported, and a check can still tell a field that was
not written (absent) from one written unreadably (present, but :data:`UNREADABLE`).

The accessors return a value only when it has the type the check needs, so the checks
never trust the shape of data the schema did not pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from inovasi_cli.core.findings import Finding, Severity


class _Unreadable:
    """The value of a field the per-file stage refused."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE: Final = _Unreadable()

# Findings about what an object lacks or repeats, not about a value in it: the values
# themselves stay readable.
_NOT_ABOUT_THE_VALUE = frozenset({"missing-field", "one-of", "duplicate-item"})


@dataclass(frozen=True, slots=True)
class Reading:
    """One record file as the meaning checks read it: its kind, id (from the path),
    display path (its document's key) and readable data."""

    kind: str
    id: str
    path: str
    data: Mapping[str, Any]


def reading(
    kind: str, record_id: str, display: str, data: Any, findings: Iterable[Finding]
) -> Reading | None:
    """The reading of a file whose per-file stage gave ``data`` and ``findings``; None
    when there is no mapping to read (a syntax error, a list instead of a record)."""
    if not isinstance(data, dict):
        return None
    for finding in findings:
        about_a_value = finding.field and finding.code not in _NOT_ABOUT_THE_VALUE
        if finding.severity is Severity.ERROR and about_a_value:
            data = _refuse(data, finding.field.split("."))
    return Reading(kind, record_id, display, data)


def _refuse(value: Any, parts: Sequence[str]) -> Any:
    """``value`` with the value at ``parts`` replaced by UNREADABLE, copying only the
    containers on the way (the cached data is never changed)."""
    if not parts:
        return UNREADABLE
    head, rest = parts[0], parts[1:]
    if isinstance(value, dict):
        key: Any = head
        if key not in value and head.lstrip("-").isdigit():
            key = int(head)  # a number as a key: wrong, but it is what the file says
        if key not in value:
            return value
        return {**value, key: _refuse(value[key], rest)}
    if isinstance(value, list) and head.isdigit() and int(head) < len(value):
        index = int(head)
        return [*value[:index], _refuse(value[index], rest), *value[index + 1 :]]
    return value


def text(data: Any, key: str) -> str | None:
    """The text at ``key``, when it is readable text."""
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, str) else None


def integer(data: Any, key: str) -> int | None:
    """The whole number at ``key``, when it is one (a boolean is not)."""
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def number(data: Any, key: str) -> float | int | None:
    """The number at ``key``, when it is one (a boolean is not)."""
    value = data.get(key) if isinstance(data, Mapping) else None
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return value if ok else None


def unreadable(data: Any, key: str) -> bool:
    """Whether ``key`` was written but cannot be read."""
    return isinstance(data, Mapping) and data.get(key) is UNREADABLE


def items(data: Any, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    """The readable mappings of the list at ``key``, each with its index in the list."""
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, Mapping)]


def listed(data: Any, key: str) -> list[Any] | None:
    """The list at ``key`` as written (items may be UNREADABLE), or None."""
    value = data.get(key) if isinstance(data, Mapping) else None
    return value if isinstance(value, list) else None
