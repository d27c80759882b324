"""Writing records as YAML, and changing one key of a record file in place.

New records (``inovasi import``) are dumped block style, with the editor's schema line
on top; every text is written so that the strict loader reads it back as the same text
(the dump is read back and compared before it is returned). Changing a record that
exists (``inovasi evidence import``, ``inovasi import results``) goes through
ruamel.yaml's round trip: only the key that changes is rewritten, and the file's
comments, key order, quoting and line breaks stay as they were.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from inovasi_cli.core.errors import InovasiError
from inovasi_cli.records.loader import load_bytes

WIDTH = 88


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


_QUOTED = re.compile(r"[0-9][0-9.:-]*|yes|no|on|off|y|n", re.IGNORECASE)


def _blocks(value: Any) -> Any:
    """Multi-line text as literal blocks (``|``), so paragraphs stay readable; dates,
    codes and YAML 1.1's yes/no words in single quotes, as the collection writes them."""
    from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

    if isinstance(value, str) and "\n" in value.strip("\n"):
        return LiteralScalarString(value)
    if isinstance(value, str) and _QUOTED.fullmatch(value):
        return SingleQuotedScalarString(value)
    if isinstance(value, Mapping):
        return {k: _blocks(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_blocks(v) for v in value]
    return value


def record_text(data: Mapping[str, Any], header: Sequence[str]) -> str:
    """``data`` as a record file: the ``header`` comment lines, then the YAML. Raises
    :class:`InovasiError` (a bug) if the strict loader would read it back differently."""
    buffer = io.StringIO()
    _yaml().dump(_blocks(dict(data)), buffer)
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


def replace_key(text: str, key: str, value: Any, *, after: Sequence[str] = ()) -> str:
    """``text`` (a record file) with the top-level ``key`` set to ``value`` and nothing
    else changed; a new key goes after the last of ``after`` the file has (else at the
    end). ``value`` None removes the key."""
    yaml = _yaml()
    from ruamel.yaml.comments import CommentedMap

    document = yaml.load(text)
    if not isinstance(document, CommentedMap):
        raise InovasiError("the record is not a mapping")
    if value is None:
        document.pop(key, None)
    elif key in document:
        document[key] = _blocks(value)
    else:
        present = [k for k in after if k in document]
        position = list(document).index(present[-1]) + 1 if present else len(document)
        document.insert(position, key, _blocks(value))
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()
