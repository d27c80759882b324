"""JSON Schemas: loaded and compiled once; errors turned into findings with positions.

The schemas are the single source of the vocabulary too (see
:mod:`inovasi_cli.records.vocabulary`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from inovasi_cli.records.schema_files import load_schema
from inovasi_cli.records.vocabulary import suggest, terms_of

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

    from inovasi_cli.records.loader import Document, Path_


@cache
def validator(name: str) -> Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def _is_vocabulary(options: Any) -> bool:
    return (
        isinstance(options, list)
        and bool(options)
        and all(isinstance(o, dict) and "const" in o for o in options)
    )


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}


def _is_required(root: dict[str, Any], schema_path: list[Any]) -> bool:
    """Whether an error at ``.../properties/<key>/<keyword>`` is about a key that its
    object schema requires (local ``$ref``s followed)."""
    if len(schema_path) < 3 or schema_path[-3] != "properties":
        return False
    node: Any = root
    for part in [*schema_path[:-3], None]:
        while isinstance(node, dict) and part not in node and "$ref" in node:
            node = root.get("$defs", {}).get(str(node["$ref"]).rpartition("/")[2], {})
        if part is None:
            break
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(node, dict) and schema_path[-2] in node.get("required", ())


def _type_hint(
    expected: str, doc: Document, path: Path_, value: Any, *, required: bool = False
) -> str:
    raw = doc.raw(path)
    if expected == "string" and raw is not None and raw != "":
        return f"quote it: '{raw}'"
    if expected == "string" and value is None:
        if required:  # e.g. the empty placeholders 'inovasi new' writes
            return "write the text after the colon: this field is required"
        return "write the text after the colon, or remove the field"
    if (
        expected == "boolean"
        and isinstance(value, str)
        and value.lower() in {"yes", "no", "on", "off", "y", "n", "ya", "tidak"}
    ):
        return "write true or false"
    if expected in {"integer", "number"} and isinstance(value, str):
        return "write the number without quotes or units"
    return ""


def _finding_for(error: ValidationError, doc: Document, root: dict[str, Any] | None = None) -> None:
    path: Path_ = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    rule: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        for key in value:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            identity = key in {"id", "slug", "region"} and "region" not in allowed
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "the file's path is its id: remove this field"
                if identity
                else f"allowed fields: {', '.join(allowed)}"
            )
            doc.add("unknown-field", f"unknown field '{key}'", (*path, key), key=True, hint=hint)
        return
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        doc.add(
            "missing-field",
            f"required field '{missing}' is missing",
            path,
            key=True,
            hint=f"add '{missing}: ...'",
        )
        return
    if kind == "dependentRequired" and isinstance(value, dict):
        for trigger, needed in rule.items():
            for name in needed:
                if trigger in value and name not in value:
                    doc.add(
                        "missing-field",
                        f"'{name}' is required when '{trigger}' is given",
                        (*path, trigger),
                        key=True,
                        hint=f"add '{name}: ...'",
                    )
        return
    if kind == "type":
        expected = rule
        expected_name = expected if isinstance(expected, str) else expected[0]
        word = _TYPE_WORDS.get(expected_name, expected_name)
        doc.add(
            "wrong-type",
            f"expected {word}, found {_describe(value)}",
            path,
            hint=_type_hint(
                expected_name,
                doc,
                path,
                value,
                required=root is not None and _is_required(root, list(error.absolute_schema_path)),
            ),
        )
        return
    if kind == "oneOf" and _is_vocabulary(rule):
        terms = terms_of(rule)
        hint = ""
        if isinstance(value, str):
            close = suggest(value, terms)
            if close:
                hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        if not hint:
            hint = (
                "one of: "
                + ", ".join(t.value for t in terms[:12])
                + (", ..." if len(terms) > 12 else "")
            )
        doc.add("unknown-value", f"{_describe(value)} is not a known value", path, hint=hint)
        return
    if kind == "const":
        doc.add(
            "unknown-value",
            f"{_describe(value)} is not allowed here",
            path,
            hint=f"write '{rule}'",
        )
        return
    if kind == "oneOf" and isinstance(value, dict):
        keys = [r.get("required", ["?"])[0] for r in rule if isinstance(r, dict)]
        doc.add("one-of", f"give exactly one of: {', '.join(keys)}", path, key=True)
        return
    if kind == "anyOf" and isinstance(value, dict):
        keys = [r.get("required", ["?"])[0] for r in rule if isinstance(r, dict)]
        doc.add("missing-field", f"give at least one of: {', '.join(keys)}", path, key=True)
        return
    if kind == "pattern":
        title = schema.get("title", "")
        examples = schema.get("examples")
        hint = title + (f" (e.g. {', '.join(map(str, examples))})" if examples else "")
        doc.add("bad-format", f"{_describe(value)} is not in the expected form", path, hint=hint)
        return
    if kind in {"minItems", "minLength"}:
        doc.add(
            "empty-value",
            "must not be empty",
            path,
            hint="remove the field if there is nothing to say",
        )
        return
    if kind == "uniqueItems":
        doc.add("duplicate-item", "the list repeats an item", path)
        return
    if kind in {"minimum", "maximum"}:
        bound = "at least" if kind == "minimum" else "at most"
        doc.add("out-of-range", f"{_describe(value)} must be {bound} {rule}", path)
        return
    doc.add("schema", error.message, path)


# Keywords newer than draft 7, which the compiled fast path does not know. Only the ones in
# _FAST_PATH_EXTRAS are checked beside it; any other makes that schema use jsonschema alone.
_NEWER_KEYWORDS = frozenset(
    {
        "dependentRequired",
        "dependentSchemas",
        "unevaluatedProperties",
        "unevaluatedItems",
        "prefixItems",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "minContains",
        "maxContains",
    }
)


def _newer_keywords(node: Any, at_root: bool = True) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _NEWER_KEYWORDS and not (at_root and key == "dependentRequired"):
                found.add(key)
            if key not in {"const", "enum", "examples", "default"}:
                found |= _newer_keywords(value, at_root=False)
    elif isinstance(node, list):
        for item in node:
            found |= _newer_keywords(item, at_root=False)
    return found


def _consts_as_enums(node: Any) -> Any:
    """``oneOf`` of ``const`` (titled vocabularies) as the equivalent ``enum``, which the
    compiled validator checks with one set lookup instead of one exception per value."""
    if isinstance(node, dict):
        if _is_vocabulary(node.get("oneOf")):
            rest = {k: _consts_as_enums(v) for k, v in node.items() if k != "oneOf"}
            return {**rest, "enum": [o["const"] for o in node["oneOf"]]}
        return {k: _consts_as_enums(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_consts_as_enums(item) for item in node]
    return node


@cache
def fast_validator(name: str) -> Callable[[Any], bool] | None:
    """A compiled yes/no check (fastjsonschema) for the common case of a valid record, or
    None when the schema uses keywords it cannot check. Only a "no" needs jsonschema's
    slower, detailed errors."""
    schema = load_schema(name)
    if _newer_keywords(schema):
        return None
    import fastjsonschema

    compiled = fastjsonschema.compile(_consts_as_enums(schema))
    dependent: dict[str, list[str]] = schema.get("dependentRequired", {})

    def is_valid(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return not any(
            trigger in data and any(name not in data for name in needed)
            for trigger, needed in dependent.items()
        )

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
        _finding_for(error, doc, load_schema(schema_name))
