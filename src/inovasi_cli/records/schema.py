"""JSON Schemas: loaded and compiled once; a document checked against one, each error
a finding with a position (worded by :mod:`inovasi_cli.records.schema_messages`).

The schemas are the single source of the vocabulary too (see
:mod:`inovasi_cli.records.vocabulary`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from inovasi_cli.records.schema_files import load_schema
from inovasi_cli.records.schema_messages import finding_for
from inovasi_cli.records.vocabulary import is_vocabulary

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from inovasi_cli.records.loader import Document


MAX_DECIMALS = "x-max-decimals"  # our keyword: at most N decimal places, as written


def decimal_places(value: float | int) -> int:
    """How many decimal places a number has as YAML wrote it (0.38: 2; 1e-30: 30)."""
    from decimal import Decimal

    exponent = Decimal(repr(value)).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _max_decimals(validator: Validator, places: Any, instance: Any, schema: Any) -> Any:
    from jsonschema import ValidationError

    if validator.is_type(instance, "number") and decimal_places(instance) > places:
        yield ValidationError(f"{instance!r} has more than {places} decimal places")


@cache
def validator(name: str) -> Validator:
    """jsonschema's Draft 2020-12 validator, knowing ``x-max-decimals`` too: a bound on
    the decimal places of a number, in decimal as written. (``multipleOf: 0.01`` would
    say the same, but validators that divide in binary floating point refuse 40.01.)
    Other tools ignore the keyword, as JSON Schema lets them."""
    from jsonschema import Draft202012Validator, validators

    extended = validators.extend(Draft202012Validator, {MAX_DECIMALS: _max_decimals})  # type: ignore[no-untyped-call]
    return extended(load_schema(name))  # type: ignore[no-any-return]


# Keywords the compiled fast path does not know: newer than draft 7, or ours. Only
# Keywords the compiled validator cannot check make that schema use jsonschema alone (the
# scoring models: a handful of files). dependentRequired is not among them: it compiles
# as draft 7's ``dependencies`` of arrays, which means the same.
_NEWER_KEYWORDS = frozenset(
    {
        "dependentSchemas",
        "unevaluatedProperties",
        "unevaluatedItems",
        "prefixItems",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "minContains",
        "maxContains",
        MAX_DECIMALS,  # ours: the compiled validator does not know it
    }
)


def newer_keywords(node: Any) -> set[str]:
    """The keywords of ``node`` the compiled validator cannot check."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _NEWER_KEYWORDS:
                found.add(key)
            if key not in {"const", "enum", "examples", "default"}:
                found |= newer_keywords(value)
    elif isinstance(node, list):
        for item in node:
            found |= newer_keywords(item)
    return found


def _for_compiler(node: Any) -> Any:
    """The schema in words the compiled validator knows, meaning the same: ``oneOf`` of
    ``const`` (titled vocabularies) as one ``enum`` (one set lookup instead of one
    exception per value), ``dependentRequired`` as draft 7's ``dependencies``."""
    if isinstance(node, dict):
        if is_vocabulary(node.get("oneOf")):
            rest = {k: _for_compiler(v) for k, v in node.items() if k != "oneOf"}
            return {**rest, "enum": [o["const"] for o in node["oneOf"]]}
        return {
            ("dependencies" if k == "dependentRequired" else k): _for_compiler_value(k, v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_for_compiler(item) for item in node]
    return node


def _for_compiler_value(keyword: str, value: Any) -> Any:
    if keyword in {"const", "enum", "examples", "default"}:
        return value  # data, not schema
    if keyword in _SCHEMA_MAPS and isinstance(value, dict):
        return {name: _for_compiler(sub) for name, sub in value.items()}  # names kept
    return _for_compiler(value)


_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions"})


@cache
def fast_validator(name: str) -> Callable[[Any], bool] | None:
    """A compiled yes/no check (fastjsonschema) for the common case of a valid record, or
    None when the schema uses keywords it cannot check. Only a "no" needs jsonschema's
    slower, detailed errors."""
    schema = load_schema(name)
    if newer_keywords(schema):
        return None
    import fastjsonschema

    compiled = fastjsonschema.compile(_for_compiler(schema))

    def is_valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def check_document(schema_name: str, doc: Document) -> None:
    """Validate ``doc.data`` against a schema, adding one finding per problem."""
    fast = fast_validator(schema_name)
    if fast is not None and fast(doc.data):
        return
    errors = sorted(
        validator(schema_name).iter_errors(doc.data),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    for error in errors:
        finding_for(error, doc, load_schema(schema_name))
