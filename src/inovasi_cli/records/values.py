"""The value objects records are made of: citations, inline documents, people, amounts,
evidence, and the curator's classifications.

Built from schema-valid data only (the schema has said what is required), so the
constructors read it without defending against missing keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The language of a record's note when it does not say (note_lang): the collection's.
NOTE_LANGUAGE = "id"


def note_language(note: str | None, note_lang: str | None) -> str | None:
    """The language tag of a note: its ``note_lang``, else :data:`NOTE_LANGUAGE`; None
    when there is no note."""
    if not note:
        return None
    return note_lang or NOTE_LANGUAGE


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a record's values come from: a source of the bibliography (``data/sources/
    <source>.yaml``) and where in it (``locator``: item number, paragraph, page)."""

    source: str
    locator: str | None = None
    note: str | None = None
    note_lang: str | None = None  # the note's language tag; None: NOTE_LANGUAGE

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Citation:
        return cls(data["source"], data.get("locator"), data.get("note"), data.get("note_lang"))


def citations(data: Mapping[str, Any]) -> tuple[Citation, ...]:
    return tuple(Citation.from_dict(s) for s in data.get("sources") or ())


@dataclass(frozen=True, slots=True)
class Source:
    """A document described where it is used, not in the bibliography: the document behind
    an evidence level, and a scoring model's sources."""

    file: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    note: str | None = None
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(**{k: data.get(k) for k in cls.__slots__})

    @property
    def label(self) -> str:
        """Short human label: title and publisher, else the file or URL."""
        parts = [p for p in (self.title, self.publisher) if p]
        return " - ".join(parts) or self.file or self.url or ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A level of a scoring-model indicator and the document that supports it.

    On an innovation it scores one of the model's innovation indicators; on a region, one
    of its region indicators for ``year``.
    """

    model: str
    indicator: str
    level: int
    document: Source
    note: str | None = None
    year: int | None = None
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        return cls(
            model=data["model"],
            indicator=data["indicator"],
            level=data["level"],
            document=Source.from_dict(data["document"]),
            note=data.get("note"),
            year=data.get("year"),
            note_lang=data.get("note_lang"),
        )


def evidence(data: Mapping[str, Any]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(e) for e in data.get("evidence") or ())


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    title: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Person | None:
        return cls(data["name"], data.get("title")) if data else None


@dataclass(frozen=True, slots=True)
class FactPerson:
    """Someone a fact names: their position (``title``), what they did in it (``role``)
    and the region they belong to, when it is in the collection."""

    name: str
    title: str | None = None
    role: str | None = None
    region: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FactPerson:
        return cls(data["name"], data.get("title"), data.get("role"), data.get("region"))


@dataclass(frozen=True, slots=True)
class Amount:
    """A number a source gives, with its unit: one ``value``, or a range (``minimum``,
    ``maximum``, either end may be open)."""

    what: str
    unit: str
    value: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    note: str | None = None
    note_lang: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Amount:
        return cls(
            what=data["what"],
            unit=data["unit"],
            value=data.get("value"),
            minimum=data.get("minimum"),
            maximum=data.get("maximum"),
            note=data.get("note"),
            note_lang=data.get("note_lang"),
        )


def amounts(data: Mapping[str, Any]) -> tuple[Amount, ...]:
    return tuple(Amount.from_dict(a) for a in data.get("amounts") or ())


# The fields a curator may classify (assign, with a basis, where the source states no
# value), per record kind, in the order the outputs list them.
CLASSIFIABLE: dict[str, tuple[str, ...]] = {
    "innovation": (
        "sector",
        "other_sectors",
        "unit",
        "unit_type",
        "form",
        "digital",
        "stage",
        "initiator",
    ),
    "visit": ("kind",),
}

Classified = tuple[tuple[str, str], ...]  # (field, basis), in the record's order


def classified(data: Mapping[str, Any]) -> Classified:
    return tuple((str(k), str(v)) for k, v in (data.get("classified") or {}).items())


def has_value(value: object) -> bool:
    """Whether a field holds a value (``false`` does; ``None``, ``''`` and ``[]`` do not)."""
    return value is not None and value != "" and value != [] and value != ()
