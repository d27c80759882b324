"""The event-level scan of a YAML text, and nesting depth that does not depend on the
libyaml version.

The scan reports what the composed tree cannot show (anchors, aliases, explicit tags)
and where nesting first goes deeper than :data:`MAX_DEPTH`, whichever way parsing stops:
a syntax error, or the nesting limit libyaml has from 0.2.6 on.
"""

from __future__ import annotations

from typing import Any

import yaml

from inovasi_cli.records.yaml_errors import Notes, Position, libyaml_wording, mark_position

MAX_DEPTH = 32  # records nest 4 levels; this bounds hostile nesting

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class NodeLoader(_BaseLoader):  # type: ignore[misc]
    """libyaml's loader without PyYAML's implicit tag resolution, which runs a Python
    regex loop per scalar: the loader resolves plain scalars itself."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


class PurePythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python parser, which has no nesting limit: used only to read past
    libyaml's own (see :func:`scan_events`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


def error_offset(exc: yaml.YAMLError, text: str) -> int:
    """Where in the text libyaml stopped (its mark, or the offending character)."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return min(int(exc.problem_mark.index), len(text))
    position = getattr(exc, "position", None)
    return min(position, len(text)) if isinstance(position, int) else len(text)


def is_nesting_limit(exc: yaml.YAMLError) -> bool:
    """libyaml's own nesting limit (0.2.6+), as opposed to a syntax error."""
    return "maximum nesting depth" in str(getattr(exc, "problem", None) or exc)


def scan_events(
    text: str, doc: Notes | None, loader: Any = None, *, prefix: bool = False
) -> tuple[Position | None, yaml.YAMLError | None]:
    """The event-level checks the composed tree cannot show: anchors, aliases and
    explicit tags (reported into ``doc`` when given), and where nesting first goes
    deeper than :data:`MAX_DEPTH`. Streaming, so a hostile file costs no more than its
    size. Returns that crossing, or the error the parser stopped at.

    The answer does not depend on the libyaml version. The parser scans up to 1,024
    characters ahead before it yields an event, so an error in that window can hide the
    events that show level 33: when parsing stops, the text before the stop is scanned
    again, and a crossing there wins. From 0.2.6 on, libyaml also stops at 1,000 flow
    levels, which 0.2.5 reads on: see :func:`_past_the_limit`.
    """
    depth = 0
    parser = loader or NodeLoader
    try:
        for event in yaml.parse(text, Loader=parser):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return mark_position(event.start_mark), None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if doc is not None:
                _event_findings(event, doc)
    except yaml.YAMLError as exc:  # syntax, a forbidden character, libyaml's own limit
        if prefix:
            return None, libyaml_wording(exc)
        stop = error_offset(exc, text)
        if loader is None and is_nesting_limit(exc):
            return _past_the_limit(text, stop, doc)
        crossing = scan_events(text[:stop], None, parser, prefix=True)[0] if stop else None
        return crossing, (None if crossing else libyaml_wording(exc))
    return None, None


def _past_the_limit(
    text: str, stop: int, doc: Notes | None
) -> tuple[Position | None, yaml.YAMLError | None]:
    """What libyaml 0.2.5 finds in a text that libyaml 0.2.6+ stopped reading at its
    nesting limit, at offset ``stop``. The text before the stop is under the limit, so
    the same parser reads it as 0.2.5 would: a crossing there, or an error before the
    cut, is the answer. Only when the text ends at the cut still undecided (an error
    0.2.5 finds further on, in its look-ahead) does PyYAML's pure-Python parser, which
    has no limit, read the whole text, its messages put in libyaml's words."""
    if doc is not None:
        doc.findings.clear()  # scanned again below
    crossing, error = scan_events(text[:stop], doc, None, prefix=True)
    if crossing is not None or (error is not None and error_offset(error, text) < stop):
        return crossing, error
    if doc is not None:
        doc.findings.clear()
    return scan_events(text, doc, PurePythonLoader)


def _event_findings(event: Any, doc: Notes) -> None:
    at = mark_position(event.start_mark)
    if isinstance(event, yaml.AliasEvent):
        doc.add(
            "alias",
            f"alias *{event.anchor} is not allowed",
            at=at,
            hint="write the value out in full; records do not use anchors",
        )
        return
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        doc.add(
            "anchor",
            f"anchor &{anchor} is not allowed",
            at=at,
            hint="write the value out in full; records do not use anchors",
        )
    tag = getattr(event, "tag", None)
    if tag is not None and tag != "!":
        doc.add(
            "tag",
            f"tag {tag} is not allowed",
            at=at,
            hint="remove the tag; quote the value if it must stay text",
        )


def nests_too_deep(node: yaml.Node, depth: int) -> bool:
    """Whether a subtree the builder does not descend into (a key that is a list or a
    mapping) holds a collection inside :data:`MAX_DEPTH` others."""
    stack = [(node, depth)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            continue
        if level >= MAX_DEPTH:
            return True
        if isinstance(current, yaml.SequenceNode):
            stack.extend((item, level + 1) for item in current.value)
        else:
            for key, value in current.value:
                stack.extend(((key, level + 1), (value, level + 1)))
    return False
