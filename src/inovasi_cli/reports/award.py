"""The award report (``report award``): the innovations a region entered in an award in
one year, with the region's facts about that award, counts by sector, kind of unit and
form, and one profile per innovation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from inovasi_cli.core.errors import UsageError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation, Region
from inovasi_cli.reports.common import (
    Count,
    Coverage,
    FactView,
    InnovationView,
    ReportContext,
    ReportKind,
    SourceEntry,
    ViewBuilder,
    Vocab,
    by_name,
    competition_label,
    coverage,
    field_counts,
)
from inovasi_cli.reports.formats import Lang


@dataclass(frozen=True, slots=True)
class AwardContext(ReportContext):
    kind: ClassVar[ReportKind] = ReportKind.AWARD

    region: Region
    region_type: str | None
    award: str  # the vocabulary value, e.g. iga
    award_title: str  # in the report's language, with its short name: "... (IGA)"
    award_short: str  # IGA
    year: int
    facts: tuple[FactView, ...]  # the region's facts about this award and year
    profiles: tuple[InnovationView, ...]  # by name, numbered from 1
    by_sector: tuple[Count, ...]
    by_unit_type: tuple[Count, ...]
    by_form: tuple[Count, ...]
    coverage: Coverage  # what the sources state (urusan, digital), apart from classifications
    sources: tuple[SourceEntry, ...]


def _entries(collection: Collection, region: Region, key: str) -> list[Innovation]:
    """The region's innovations entered in ``key`` (``iga-2019``); refused when none."""
    own = collection.innovations_by_region.get(region.id, [])
    entries = [i for i in own if any(c.key == key for c in i.competitions)]
    if entries:
        return entries
    recorded = sorted({c.key for i in own for c in i.competitions})
    hint = (
        "entries recorded for it: " + ", ".join(recorded)
        if recorded
        else "it has no competition entries recorded"
    )
    raise UsageError(f"{region.name} ({region.id}) has no innovations entered in {key}; {hint}")


def _titles(vocab: Vocab, award: str, year: int) -> tuple[str, str]:
    """The award's title in the report's language, naming its short name when the title
    does not already (``Innovative Government Award (IGA)``), and the short name."""
    title = vocab.title("award", award) or award
    short = competition_label(vocab, award, year).rsplit(" ", 1)[0]
    if short != title and f"({short})" not in title:
        title = f"{title} ({short})"
    return title, short


def build_award(
    collection: Collection, region: str, award: str, year: int, lang: Lang
) -> AwardContext:
    """The innovations region ``region`` (an id) entered in ``award`` (a vocabulary value)
    in ``year``; ``UsageError`` when it entered none."""
    found = collection.regions[region]
    innovations = by_name(_entries(collection, found, f"{award}-{year}"))
    builder = ViewBuilder(collection, lang)
    vocab = builder.vocab
    # Facts first, then the profiles: the sources are numbered in that order.
    facts = tuple(builder.fact(f) for f in found.facts if f.kind == award and f.year == year)
    profiles = builder.profiles(innovations)
    award_title, award_short = _titles(vocab, award, year)
    return AwardContext(
        region=found,
        region_type=builder.region_type(found),
        award=award,
        award_title=award_title,
        award_short=award_short,
        year=year,
        facts=facts,
        profiles=profiles,
        by_sector=field_counts(innovations, "sector", vocab),
        by_unit_type=field_counts(innovations, "unit_type", vocab),
        by_form=field_counts(innovations, "form", vocab),
        coverage=coverage(innovations),
        sources=builder.source_entries(),
    )
