"""The bibliography: each source document described once, in ``data/sources/<id>.yaml``;
records cite it by that id (:class:`~inovasi_cli.records.values.Citation`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A source document: what it is, who published it and when, where to find it, and
    what it covers (``note``). ``title_supplied``: the document shows no title, so
    ``title`` is the curator's description of it (citations show it in brackets)."""

    id: str
    title: str
    kind: str
    language: str
    note: str
    title_supplied: bool = False
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    note_lang: str | None = None  # the note's language; None: the collection's (id)
    path: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, source_id: str, data: Mapping[str, Any], path: str = "") -> SourceRecord:
        return cls(
            id=source_id,
            title=data["title"],
            kind=data["kind"],
            language=data["language"],
            note=data["note"],
            title_supplied=bool(data.get("title_supplied", False)),
            publisher=data.get("publisher"),
            author=data.get("author"),
            published=data.get("published"),
            url=data.get("url"),
            note_lang=data.get("note_lang"),
            path=path,
            raw=data,
        )

    @property
    def display_title(self) -> str:
        """The title as a citation shows it: a supplied title in brackets."""
        return f"[{self.title}]" if self.title_supplied else self.title
