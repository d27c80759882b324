"""The small pieces every report is made of: the vocabulary in the report's language,
count rows (with how many of each count are classifications), what the sources state
about a set of innovations (:class:`Coverage`), and the numbered citations.

Pure: no I/O, no Jinja.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from inovasi_cli.core.text import fold
from inovasi_cli.records import vocabulary
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Citation, Innovation
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.records.values import note_language
from inovasi_cli.reports.formats import Lang


def shown_note(note: str | None, note_lang: str | None, lang: Lang) -> tuple[str, str] | None:
    """The note a report in ``lang`` shows, with its language tag, or None: a note in
    the report's language; in an English report also an Indonesian one (record text
    stays as written there, and the collection's text is Indonesian); never a note in
    another language in an Indonesian report."""
    tag = note_language(note, note_lang)
    if note is None or tag is None:
        return None
    primary = tag.split("-", 1)[0].lower()
    if primary == lang.value or (lang is Lang.EN and primary == Lang.ID.value):
        return note, tag
    return None


class Vocab:
    """Vocabulary titles in the report's language: ``records.vocabulary.title`` bound to
    one language (``title`` in Indonesian, ``title_en`` in English)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def title(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        return vocabulary.title(name, value, "en" if self.lang is Lang.EN else "id")


@dataclass(frozen=True, slots=True)
class Count:
    """One row of a count table: ``title`` is None when the value was not recorded;
    ``classified``: how many of ``count`` hold the value as a curator's classification."""

    value: str
    title: str | None
    count: int
    classified: int = 0


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citation in the text: the number of its source in the report's source list,
    where in the source (``locator``) and the citation's note."""

    number: int
    locator: str | None = None
    note: str | None = None
    note_lang: str | None = None


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source in the report's list: ``source`` is None when the id names no source of
    the bibliography (then ``id`` is shown as it is); ``kind`` in the report's language."""

    number: int
    id: str
    source: SourceRecord | None
    kind: str | None


@dataclass
class SourceIndex:
    """Numbers the sources in order of first citation: one entry per source, however
    many records cite it and wherever in it."""

    collection: Collection
    vocab: Vocab
    entries: list[SourceEntry] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict)

    def cite(self, citations: Iterable[Citation]) -> tuple[SourceRef, ...]:
        refs: list[SourceRef] = []
        for citation in citations:
            number = self._numbers.get(citation.source)
            if number is None:
                number = self._numbers[citation.source] = len(self.entries) + 1
                source = self.collection.sources.get(citation.source)
                kind = self.vocab.title("source_kind", source.kind) if source else None
                self.entries.append(SourceEntry(number, citation.source, source, kind))
            ref = SourceRef(number, citation.locator, citation.note, citation.note_lang)
            if ref not in refs:
                refs.append(ref)
        return tuple(refs)


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the sources state about a set of innovations' urusan and jenis, apart from
    what a curator classified: summary sentences count only what is stated."""

    innovations: int
    sector_stated: int  # innovations whose urusan a source states
    sectors_stated: int  # distinct urusan those statements cover
    sector_classified: int  # innovations whose urusan is a classification
    sector_unrecorded: int  # innovations with no urusan at all
    sectors_total: int  # distinct urusan, stated or classified (the count tables' rows)
    digital_stated: int  # innovations a source calls digital
    digital_classified: int  # innovations classified as digital


def coverage(innovations: Sequence[Innovation]) -> Coverage:
    with_sector = [i for i in innovations if i.sector]
    stated = [i for i in with_sector if not i.basis("sector")]
    digital = [i for i in innovations if i.digital]
    return Coverage(
        innovations=len(innovations),
        sector_stated=len(stated),
        sectors_stated=len({i.sector for i in stated}),
        sector_classified=len(with_sector) - len(stated),
        sector_unrecorded=len(innovations) - len(with_sector),
        sectors_total=len({i.sector for i in with_sector}),
        digital_stated=sum(1 for i in digital if not i.basis("digital")),
        digital_classified=sum(1 for i in digital if i.basis("digital")),
    )


def counts(values: Iterable[str | None], vocab: Vocab, name: str) -> tuple[Count, ...]:
    """A count table of vocabulary values: largest count first, then by title."""
    return _ordered(Counter(values), Counter(), vocab, name)


def field_counts(
    innovations: Iterable[Innovation], field_name: str, vocab: Vocab, name: str | None = None
) -> tuple[Count, ...]:
    """A count table of one field of the innovations (vocabulary ``name``, default the
    field's), each row saying how many of its values are classifications."""
    tally: Counter[str | None] = Counter()
    classified: Counter[str | None] = Counter()
    for innovation in innovations:
        value = getattr(innovation, field_name)
        tally[value] += 1
        if value and innovation.basis(field_name):
            classified[value] += 1
    return _ordered(tally, classified, vocab, name or field_name)


def _ordered(
    tally: Counter[str | None], classified: Counter[str | None], vocab: Vocab, name: str
) -> tuple[Count, ...]:
    rows = [
        Count(value or "", vocab.title(name, value) if value else None, n, classified[value])
        for value, n in tally.items()
    ]
    return tuple(
        sorted(rows, key=lambda c: (-c.count, c.title is None, fold(c.title or ""), c.value))
    )
