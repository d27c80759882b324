"""The compiled validator is the fast path of every valid record: it must exist for the
record kinds a collection is made of (a schema change must not switch it off unseen: that
made cold validation three times slower once), and it must say "valid" exactly when
jsonschema finds no error, on the shipped records and on their variants."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inovasi_cli.records.loader import load_bytes
from inovasi_cli.records.schema import fast_validator, load_schema, newer_keywords, validator

REPO = Path(__file__).parent.parent
KINDS = {"innovations": "innovation", "regions": "region", "visits": "visit", "sources": "source"}


@pytest.mark.parametrize("schema", sorted(KINDS.values()))
def test_the_record_kinds_have_a_compiled_validator(schema: str) -> None:
    assert not newer_keywords(load_schema(schema)), "keywords the compiled validator lacks"
    assert fast_validator(schema) is not None


def _records() -> Iterator[tuple[str, Path, Any]]:
    for folder, schema in KINDS.items():
        for path in sorted((REPO / "data" / folder).rglob("*.yaml")):
            doc = load_bytes(path.read_bytes(), str(path))
            if isinstance(doc.data, dict):
                yield schema, path, doc.data


def _variants(data: Any) -> Iterator[Any]:
    """The record with one key of any mapping in it removed, and with one scalar of it
    replaced by a value of another type: valid and invalid neighbours of a real record."""

    def walk(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        yield path
        children = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, child in children:
            yield from walk(child, (*path, key))

    for path in walk(data, ()):
        if not path:
            continue
        for change in ("remove", "retype"):
            variant = copy.deepcopy(data)
            parent = variant
            for key in path[:-1]:
                parent = parent[key]
            if change == "remove":
                if not isinstance(parent, dict):
                    continue
                del parent[path[-1]]
            else:
                old = parent[path[-1]]
                parent[path[-1]] = 7 if isinstance(old, str) else "x"
            yield variant


def test_the_compiled_validator_agrees_with_jsonschema() -> None:
    checked = disagreements = 0
    found_invalid = False
    for schema, path, data in _records():
        fast, full = fast_validator(schema), validator(schema)
        assert fast is not None
        for variant in [data, *_variants(data)]:
            valid = not any(True for _ in full.iter_errors(variant))
            found_invalid |= not valid
            checked += 1
            if fast(variant) != valid:
                disagreements += 1
                pytest.fail(f"{path.relative_to(REPO)}: fast says {not valid}, jsonschema {valid}")
    assert checked > 1000 and found_invalid and disagreements == 0


def test_a_note_language_without_its_note_is_refused_by_both() -> None:
    """A nested dependentRequired (note_lang needs note), the keyword that had switched
    the compiled validator off."""
    path = REPO / "data/innovations/banggai/e-makam.yaml"
    data = load_bytes(path.read_bytes(), str(path)).data
    data["sources"][0] = {**data["sources"][0], "note_lang": "en"}
    data["sources"][0].pop("note", None)
    fast = fast_validator("innovation")
    assert fast is not None
    assert any(True for _ in validator("innovation").iter_errors(data))
    assert fast(data) is False


def test_only_the_keyword_is_renamed_not_a_property_of_that_name() -> None:
    from inovasi_cli.records.schema import _for_compiler

    schema = {"properties": {"dependentRequired": {"dependentRequired": {"a": ["b"]}}}}
    assert _for_compiler(schema) == {
        "properties": {"dependentRequired": {"dependencies": {"a": ["b"]}}}
    }
