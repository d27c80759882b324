"""Changing one top-level key of a record file and nothing else (``inovasi evidence
import`` sets ``evidence``, ``inovasi import results`` adds ``facts``).

The file is cut into the blocks of its top-level keys; only the block of the key that
changes is read (by ruamel.yaml's round trip, so its own comments and quoting stay),
changed and written back, with the indentation it had. Every other byte of the file,
comments and blank lines included, stays as it was.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.records.yaml_write import blocks, round_trip

_TOP_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*:(\s|$)")
_ITEM = re.compile(r"( *)- ")


def _spans(lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key: the line it starts on and the line after its block (its
    indented and blank lines; a comment at column 0 ends it)."""
    starts = [
        (number, match[1])
        for number, line in enumerate(lines)
        if (match := _TOP_KEY.match(line)) is not None
    ]
    spans: dict[str, tuple[int, int]] = {}
    for number, key in starts:
        end = number + 1
        while end < len(lines) and (lines[end][:1] in {" ", "\t"} or not lines[end].strip()):
            end += 1
        while end > number + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the block stay between the blocks
        spans[key] = (number, end)
    return spans


def set_key(text: str, key: str, edit: Callable[[Any], Any], *, after: Sequence[str] = ()) -> str:
    """``text`` with top-level ``key`` changed by ``edit`` (given the present value as
    ruamel reads it, or None; returning the new value, or None to remove the key). A new
    key goes after the block of the last of ``after`` the file has, else at the end."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    spans = _spans(lines)
    if key in spans:
        start, end = spans[key]
        block = "".join(lines[start:end])
        offset = _offset(lines[start:end])
        yaml = round_trip(offset)
        loaded = yaml.load(block)
        if not isinstance(loaded, dict) or key not in loaded:
            raise InovasiError(f"cannot read the block of '{key}'")
        value = edit(loaded[key])
    else:
        present = [spans[k][1] for k in after if k in spans]
        start = end = max(present) if present else len(lines)
        offset = _offset(lines)
        value = edit(None)
    if value is None or (isinstance(value, list) and not value):
        replacement = ""
    else:
        buffer = io.StringIO()
        round_trip(offset).dump({key: blocks(value) if key not in spans else value}, buffer)
        replacement = "".join(f"{line.rstrip()}\n" for line in buffer.getvalue().splitlines())
    return "".join([*lines[:start], replacement, *lines[end:]])


def _offset(lines: Sequence[str]) -> int:
    """How far the file indents a list's '-' under its key (2 in the shipped records)."""
    for line in lines:
        match = _ITEM.match(line)
        if match is not None:
            return len(match[1])
    return 2
