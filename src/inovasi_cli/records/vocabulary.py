"""Controlled vocabularies, read from the schemas: every enumerated value is a ``oneOf``
of ``const`` entries with an Indonesian ``title``, an English ``x-title-en`` and optional
``x-aliases``, so editors show the titles and the CLI can suggest values. The one place
that turns a value into its title, in either language."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from inovasi_cli.records.schema_files import load_schema


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a controlled vocabulary."""

    value: str
    title: str
    title_en: str
    aliases: tuple[str, ...] = ()
    group: str = ""


def is_vocabulary(options: Any) -> bool:
    """Whether a ``oneOf`` is a vocabulary: a non-empty list of ``const`` entries."""
    return (
        isinstance(options, list)
        and bool(options)
        and all(isinstance(o, dict) and "const" in o for o in options)
    )


def terms_of(options: list[dict[str, Any]]) -> tuple[Term, ...]:
    return tuple(
        Term(
            o["const"],
            o.get("title", o["const"]),
            o.get("x-title-en", o.get("title", "")),
            tuple(o.get("x-aliases", ())),
            o.get("x-group", ""),
        )
        for o in options
    )


@cache
def vocabulary(schema_name: str, name: str) -> tuple[Term, ...]:
    """The terms of ``$defs/<name>`` in a schema, e.g. ``vocabulary("innovation", "sector")``."""
    definition = load_schema(schema_name)["$defs"][name]
    return terms_of(definition["oneOf"])


# Which schema defines each vocabulary the outputs show.
SCHEMA_OF = {
    "sector": "innovation",
    "unit_type": "innovation",
    "form": "innovation",
    "stage": "innovation",
    "initiator": "innovation",
    "award": "innovation",
    "region_type": "region",
    "province": "region",
    "fact_kind": "region",
    "visit_kind": "visit",
    "source_kind": "source",
}


def terms(name: str) -> tuple[Term, ...]:
    """The terms of a vocabulary by its name alone (``sector``, ``visit_kind``...)."""
    return vocabulary(SCHEMA_OF[name], name)


def title(name: str, value: str, lang: Literal["id", "en"] = "id") -> str:
    """The title of ``value`` in vocabulary ``name``, in Indonesian or English; the value
    itself when the vocabulary does not know it."""
    for term in terms(name):
        if term.value == value:
            return term.title_en if lang == "en" else term.title
    return value


def suggest(value: str, terms: tuple[Term, ...], limit: int = 3) -> list[str]:
    """Closest valid values: an alias match first, then spelling neighbours."""
    text = value.strip().lower()
    for term in terms:
        if text in term.aliases or text == term.title.lower():
            return [term.value]
    candidates = {t.value: t.value for t in terms}
    for term in terms:
        for alias in term.aliases:
            candidates[alias] = term.value
        candidates[term.title.lower()] = term.value
    scored = sorted(
        ((difflib.SequenceMatcher(None, text, name).ratio(), name) for name in candidates),
        reverse=True,
    )
    seen: list[str] = []
    best = scored[0][0] if scored else 0.0
    for ratio, name in scored:
        # Only the clear winners: a near-tie is worth showing, a distant second is noise.
        if ratio < 0.6 or ratio < best - 0.05:
            break
        if candidates[name] not in seen:
            seen.append(candidates[name])
    # A prefix (or a word of a long slug) is a strong signal too: 'perpus' -> perpustakaan.
    if not seen and len(text) >= 3:
        seen = [t.value for t in terms if t.value.startswith(text) or f"-{text}" in t.value]
    return seen[:limit]
