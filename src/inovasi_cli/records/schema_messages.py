"""JSON Schema errors in the contributor's words: one function per keyword, chosen by a
dispatch table, each adding its findings (with a position and a hint) to the document.

A function returns False when the error is not one it words (e.g. ``oneOf`` over
something that is neither a vocabulary nor a mapping): the error's own message is used.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from inovasi_cli.records.vocabulary import is_vocabulary, suggest, terms_of

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from inovasi_cli.records.loader import Document, Path_

# The schema a finding is about (for the 'required' context of a type error), or None.
Schema = dict[str, Any] | None
Message = Callable[["ValidationError", "Document", Schema], bool]

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}
_MAX_LISTED_TERMS = 12


def describe(value: Any) -> str:
    """A value as a message quotes it: ``'text'``, ``true``, ``a mapping``..."""
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


def _path(error: ValidationError) -> Path_:
    return tuple(error.absolute_path)


def _rule(error: ValidationError) -> Any:
    """The keyword's value in the schema (``2`` for ``minItems: 2``)."""
    return error.validator_value


def _schema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


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


def _additional_properties(error: ValidationError, doc: Document, root: Schema) -> bool:
    value = error.instance
    if not isinstance(value, dict):
        return False
    schema = _schema(error)
    allowed = sorted(schema.get("properties", {}))
    # The object's own words for what it holds (x-unknown-hint), else the plain list.
    listing = f"{schema.get('x-unknown-hint', 'allowed fields')}: {', '.join(allowed)}"
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
            else listing
        )
        path = (*_path(error), key)
        doc.add("unknown-field", f"unknown field '{key}'", path, key=True, hint=hint)
    return True


def _required(error: ValidationError, doc: Document, root: Schema) -> bool:
    missing = error.message.split("'")[1] if "'" in error.message else ""
    doc.add(
        "missing-field",
        f"required field '{missing}' is missing",
        _path(error),
        key=True,
        hint=f"add '{missing}: ...'",
    )
    return True


def _dependent_required(error: ValidationError, doc: Document, root: Schema) -> bool:
    value = error.instance
    if not isinstance(value, dict):
        return False
    rule: dict[str, list[str]] = _rule(error)
    for trigger, needed in rule.items():
        for name in needed:
            if trigger in value and name not in value:
                doc.add(
                    "missing-field",
                    f"'{name}' is required when '{trigger}' is given",
                    (*_path(error), trigger),
                    key=True,
                    hint=f"add '{name}: ...'",
                )
    return True


def _type(error: ValidationError, doc: Document, root: Schema) -> bool:
    expected = _rule(error)
    expected_name = expected if isinstance(expected, str) else expected[0]
    word = _TYPE_WORDS.get(expected_name, expected_name)
    path, value = _path(error), error.instance
    required = root is not None and _is_required(root, list(error.absolute_schema_path))
    doc.add(
        "wrong-type",
        f"expected {word}, found {describe(value)}",
        path,
        hint=_type_hint(expected_name, doc, path, value, required=required),
    )
    return True


def _vocabulary_hint(value: Any, options: list[dict[str, Any]]) -> str:
    """The closest terms to a wrong value, else the first terms of the vocabulary."""
    terms = terms_of(options)
    if isinstance(value, str):
        close = suggest(value, terms)
        if close:
            return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    listed = ", ".join(t.value for t in terms[:_MAX_LISTED_TERMS])
    return "one of: " + listed + (", ..." if len(terms) > _MAX_LISTED_TERMS else "")


def _first_required(options: list[Any]) -> list[Any]:
    return [r.get("required", ["?"])[0] for r in options if isinstance(r, dict)]


def _one_of(error: ValidationError, doc: Document, root: Schema) -> bool:
    """A vocabulary (a ``oneOf`` of ``const``), or a choice between required fields."""
    value, options = error.instance, _rule(error)
    if is_vocabulary(options):
        hint = _vocabulary_hint(value, options)
        doc.add("unknown-value", f"{describe(value)} is not a known value", _path(error), hint=hint)
        return True
    if isinstance(value, dict):
        keys = _first_required(options)
        doc.add("one-of", f"give exactly one of: {', '.join(keys)}", _path(error), key=True)
        return True
    return False


def _any_of(error: ValidationError, doc: Document, root: Schema) -> bool:
    if not isinstance(error.instance, dict):
        return False
    keys = _first_required(_rule(error))
    doc.add("missing-field", f"give at least one of: {', '.join(keys)}", _path(error), key=True)
    return True


def _const(error: ValidationError, doc: Document, root: Schema) -> bool:
    doc.add(
        "unknown-value",
        f"{describe(error.instance)} is not allowed here",
        _path(error),
        hint=f"write '{_rule(error)}'",
    )
    return True


def _pattern(error: ValidationError, doc: Document, root: Schema) -> bool:
    schema = _schema(error)
    title = schema.get("title", "")
    examples = schema.get("examples")
    hint = title + (f" (e.g. {', '.join(map(str, examples))})" if examples else "")
    message = f"{describe(error.instance)} is not in the expected form"
    doc.add("bad-format", message, _path(error), hint=hint)
    return True


def _empty(error: ValidationError, doc: Document, root: Schema) -> bool:
    doc.add(
        "empty-value",
        "must not be empty",
        _path(error),
        hint=_schema(error).get("x-hint", "remove the field if there is nothing to say"),
    )
    return True


def _unique_items(error: ValidationError, doc: Document, root: Schema) -> bool:
    doc.add("duplicate-item", "the list repeats an item", _path(error))
    return True


_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "more than",
    "exclusiveMaximum": "less than",
}


def _bound(error: ValidationError, doc: Document, root: Schema) -> bool:
    bound = _BOUNDS[str(error.validator)]
    message = f"{describe(error.instance)} must be {bound} {_rule(error)}"
    limits = [f"{_BOUNDS[k]} {v}" for k, v in _schema(error).items() if k in _BOUNDS]
    doc.add("out-of-range", message, _path(error), hint="allowed: " + " and ".join(limits))
    return True


def _max_decimals(error: ValidationError, doc: Document, root: Schema) -> bool:
    places = _rule(error)
    step = f"0.{'0' * (places - 1)}1" if places else "1"
    doc.add(
        "too-precise",
        f"{describe(error.instance)} has more than {places} decimal places",
        _path(error),
        hint=f"round it to a multiple of {step}",
    )
    return True


def _max_items(error: ValidationError, doc: Document, root: Schema) -> bool:
    count = len(error.instance) if isinstance(error.instance, list) else 0
    doc.add("too-many-items", f"the list has {count} items; at most {_rule(error)}", _path(error))
    return True


MESSAGES: dict[str, Message] = {
    "additionalProperties": _additional_properties,
    "required": _required,
    "dependentRequired": _dependent_required,
    "type": _type,
    "oneOf": _one_of,
    "anyOf": _any_of,
    "const": _const,
    "pattern": _pattern,
    "minItems": _empty,
    "minLength": _empty,
    "uniqueItems": _unique_items,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "x-max-decimals": _max_decimals,
    "maxItems": _max_items,
}


def finding_for(error: ValidationError, doc: Document, root: Schema = None) -> None:
    """Add the findings for one schema error; ``root`` is the whole schema it came from.
    A keyword without its own wording (``format``, ``maxLength``...) keeps jsonschema's."""
    message = MESSAGES.get(str(error.validator))
    if message is None or not message(error, doc, root):
        doc.add("schema", error.message, _path(error))
