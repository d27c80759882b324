"""Strict YAML loading on libyaml, keeping the position of every value.

PyYAML's own loaders accept duplicate keys silently, follow aliases (alias bombs), build
arbitrary objects from tags, and apply YAML 1.1 resolution (``no`` -> False, ``2019-07-18``
-> date, ``0755`` -> 493). Here libyaml only parses and composes the node tree; the values
are built by :func:`_build`, which knows exactly four plain-scalar forms (``true``/``false``,
``null``, integers, decimals) and keeps everything else as the string that was written.
The event-level scan (anchors, aliases, tags, nesting depth) is :mod:`.yaml_scan`; syntax
errors are worded by :mod:`.yaml_errors`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from inovasi_cli.core.files import read_limited
from inovasi_cli.core.findings import Finding, Severity, field_path
from inovasi_cli.records.yaml_errors import Position, mark_position, syntax_finding
from inovasi_cli.records.yaml_scan import (
    MAX_DEPTH,
    NodeLoader,
    is_nesting_limit,
    nests_too_deep,
    scan_events,
)

MAX_BYTES = 1_048_576  # a record is a few KiB; 1 MiB is generous

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+([eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# Anchors (&), aliases (*) and tags (!) need the event-level scan; so does deep flow
# nesting, which the composer would follow by recursion.
_SUSPICIOUS = re.compile(r"[&*!]")
_FLOW_OPENERS = 16
# What YAML 1.1 (and libyaml) allows in a stream: anything else is a control character.
_NOT_YAML_CHARACTER = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_MAX_DIGITS = 4300  # sys.int_info.default_max_str_digits


@dataclass(slots=True)
class Document:
    """A parsed file: its value, where each value and key stands, and what went wrong."""

    display: str
    data: Any = None
    positions: dict[Path_, Position] = field(default_factory=dict)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    raw_scalars: dict[Path_, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # When the document was restored without positions (from the cache or a worker
    # process), they are recomputed from this file the first time a finding needs one.
    # A path, or a function that returns the bytes (a blob read from git).
    source: Path | str | Callable[[], bytes] | None = None

    @property
    def ok(self) -> bool:
        return not self.findings and self.data is not None

    root: Any = None  # the composed node tree, until positions are indexed

    def _ensure_positions(self) -> None:
        """Positions are indexed only when a finding needs one (most files have none)."""
        if self.positions:
            return
        if self.root is None and self.source is not None:
            try:
                source = self.source
                if callable(source):
                    raw = source()
                else:
                    raw = read_limited(str(source), MAX_BYTES).data or b""
                self.root = yaml.compose(_decode(raw, Document("")) or "", Loader=NodeLoader)
            except (OSError, yaml.YAMLError):
                self.root = None
            self.source = None
        if self.root is not None:
            scratch = Document(self.display)
            _build(self.root, (), scratch, 0)
            self.positions, self.key_positions = scratch.positions, scratch.key_positions
            self.raw_scalars = scratch.raw_scalars
            self.root = None

    def raw(self, path: Path_) -> str | None:
        """The text as written, for a value that was read as a number or boolean."""
        self._ensure_positions()
        return self.raw_scalars.get(path)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Best position for a field: the key itself if asked, else its value, else the
        nearest enclosing value that has one."""
        self._ensure_positions()
        if key and path in self.key_positions:
            return self.key_positions[path]
        probe = path
        while True:
            if probe in self.positions:
                return self.positions[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def add(
        self,
        code: str,
        message: str,
        path: Path_ = (),
        *,
        hint: str = "",
        at: Position | None = None,
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line, column = at if at is not None else self.position(path, key=key)
        self.findings.append(
            Finding(self.display, line, column, code, message, field_path(path), severity, hint)
        )


def _offset_position(text: bytes, offset: int) -> Position:
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return (line, column)


def too_large(doc: Document, size: int) -> Document:
    """The finding for a file of ``size`` bytes, over the limit (it is never read whole)."""
    doc.add(
        "file-too-large",
        f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
        hint="a record should be a few kilobytes: split it or move attachments out",
    )
    return doc


def _decode(raw: bytes, doc: Document) -> str | None:
    if len(raw) > MAX_BYTES:
        too_large(doc, len(raw))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.add(
            "encoding",
            "file is UTF-16; records must be UTF-8",
            hint="save the file as UTF-8 in your editor",
        )
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:
        doc.add(
            "encoding",
            "file contains a NUL byte (binary data?)",
            at=_offset_position(raw, nul),
            hint="records must be plain UTF-8 text",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc.add(
            "encoding",
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})",
            at=_offset_position(raw, exc.start),
            hint="save the file as UTF-8",
        )
        return None
    # libyaml refuses these too, but only when its reader reaches them, which depends
    # on its buffer size: checked here, the first one is reported whatever comes later.
    control = _NOT_YAML_CHARACTER.search(text)
    if control is not None:
        offset = control.start()
        doc.add(
            "encoding",
            f"control character U+{ord(control.group()):04X} is not allowed",
            at=(text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1),
            hint="remove the control character from the file",
        )
        return None
    return text


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text (plain is None or "")
        return value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    if _INT.fullmatch(value):
        # Python refuses to convert more than 4,300 digits: such a number stays text
        # (and the schema reports it), never an exception.
        return int(value) if len(value) <= _MAX_DIGITS else value
    if _FLOAT.fullmatch(value):
        number = float(value)
        # 1e999 overflows to infinity, which JSON cannot carry: keep it as text.
        return number if math.isfinite(number) else value
    return value


class _NeedsDetail(Exception):
    """The fast builder met something to report: build again with positions."""


class _TooDeep(Exception):
    """More than :data:`MAX_DEPTH` collections nest: the event scan says where."""


def _value(node: yaml.Node, depth: int) -> Any:
    """Build a value without recording positions; raise on anything to report.
    ``depth`` is the number of collections around ``node``."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if depth >= MAX_DEPTH:
        raise _TooDeep
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, depth + 1) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
            raise _NeedsDetail
        result[key_node.value] = _value(value_node, depth + 1)
    return result


def _build(node: yaml.Node, path: Path_, doc: Document, depth: int) -> Any:
    doc.positions[path] = mark_position(node.start_mark)
    if depth >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        raise _TooDeep
    if isinstance(node, yaml.ScalarNode):
        value = _scalar(node)
        if not isinstance(value, str):
            doc.raw_scalars[path] = node.value
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key_at = mark_position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                if nests_too_deep(key_node, depth + 1):
                    raise _TooDeep
                doc.add(
                    "bad-key", "a key must be a plain word, not a list or mapping", path, at=key_at
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in first_seen:
                line = first_seen[key][0]
                doc.add(
                    "duplicate-key",
                    f"key '{key}' appears twice (first on line {line})",
                    child,
                    at=key_at,
                    hint="keep one of them; YAML would silently drop the first",
                )
                continue
            first_seen[key] = key_at
            doc.key_positions[child] = key_at
            result[key] = _build(value_node, child, doc, depth + 1)
        return result
    return None  # pragma: no cover - composer produces only the three node kinds


def _too_deep(text: str, doc: Document, at: Position | None = None) -> Document:
    """A document nested too deep is reported once, where nesting first crosses
    :data:`MAX_DEPTH`: the same position whichever way it was noticed (the event scan,
    the builders, Python's recursion limit or libyaml's own limit)."""
    doc.findings.clear()
    doc.positions.clear()
    doc.key_positions.clear()
    doc.raw_scalars.clear()
    if at is None:
        at = scan_events(text, None)[0] or (1, 1)
    doc.add("too-deep", f"nesting deeper than {MAX_DEPTH} levels", at=at)
    return doc


def load_bytes(raw: bytes, display: str) -> Document:
    """Parse one file's bytes. Never raises for bad input: problems become findings."""
    doc = Document(display)
    text = _decode(raw, doc)
    if text is None:
        return doc
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        doc.add(
            "empty-file", "file has no content", hint="add the record's fields, or delete the file"
        )
        return doc
    suspicious = _SUSPICIOUS.search(text) or text.count("[") + text.count("{") > _FLOW_OPENERS
    if suspicious:
        crossing, _ = scan_events(text, doc)
        if crossing is not None:
            return _too_deep(text, doc, crossing)
        if doc.findings:
            return doc
    try:
        root = yaml.compose(text, Loader=NodeLoader)
    except yaml.YAMLError as exc:
        # The scan says what stopped parsing the same way under every libyaml: nesting
        # too deep before that point, or the syntax error there.
        crossing, error = scan_events(text, None)
        if crossing is not None or is_nesting_limit(error or exc):
            return _too_deep(text, doc, crossing)
        syntax_finding(error or exc, text, doc)
        return doc
    except RecursionError:
        return _too_deep(text, doc)
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and not root.value):
        doc.add("empty-file", "file has no content", at=(1, 1))  # e.g. only '---'
        return doc
    try:
        try:
            data = _value(root, 0)
            doc.root = root
        except _NeedsDetail:
            data = _build(root, (), doc, 0)
    except _TooDeep:
        return _too_deep(text, doc)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        doc.add(
            "not-a-mapping",
            f"a record must be a mapping of fields, not {kind}",
            hint="start with 'name: ...' (one field per line)",
        )
        return doc
    doc.data = data
    return doc


def iter_scalars(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every leaf of a loaded value with its path (for checks over all text)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from iter_scalars(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_scalars(item, (*path, index))
    else:
        yield path, value
