"""Writing new records as YAML (``inovasi import``): block style, with the editor's
schema line on top; every text is written so that the strict loader reads it back as
the same text (the dump is read back and compared before it is returned). Changing a
record that exists is :mod:`.yaml_edit`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.records.loader import load_bytes

WIDTH = 88


def round_trip(offset: int = 2) -> Any:
    """ruamel.yaml's round-trip reader and writer, sequences indented by ``offset``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    yaml.preserve_quotes = True
    return yaml


_QUOTED = re.compile(r"[0-9][0-9.:-]*|yes|no|on|off|y|n", re.IGNORECASE)


def blocks(value: Any) -> Any:
    """Multi-line text as literal blocks (``|``), so paragraphs stay readable; dates,
    codes and YAML 1.1's yes/no words in single quotes, as the collection writes them."""
    from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value)
    if isinstance(value, str) and _QUOTED.fullmatch(value):
        return SingleQuotedScalarString(value)
    if isinstance(value, Mapping):
        return {k: blocks(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [blocks(v) for v in value]
    return value


def record_text(data: Mapping[str, Any], header: Sequence[str]) -> str:
    """``data`` as a record file: the ``header`` comment lines, then the YAML. Raises
    :class:`InovasiError` (a bug) if the strict loader would read it back differently."""
    buffer = io.StringIO()
    round_trip().dump(blocks(dict(data)), buffer)
    body = "".join(f"{line.rstrip()}\n" for line in buffer.getvalue().splitlines())
    text = "".join(f"{line}\n" for line in header) + body
    _same(text, data)
    return text


def _same(text: str, data: Mapping[str, Any]) -> None:
    doc = load_bytes(text.encode("utf-8"), "(written)")
    if doc.findings or doc.data != _plain(data):
        raise InovasiError("the YAML written would not read back as the same record")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
