"""The facets to browse innovations by: region, province, urusan, year, award, tahapan and
jenis, each value with its innovations and how many of them hold it as a curator's
classification (never counted as stated).

Pure: no I/O, no Jinja.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from inovasi_cli.core.text import fold, slugify
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation
from inovasi_cli.reports.common import Vocab, competition_label

NOT_RECORDED = "tidak-tercatat"  # the value segment of innovations without the value


@dataclass(frozen=True, slots=True)
class Member:
    innovation: Innovation
    classified: bool


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # the path segment
    title: str | None  # None: not recorded
    members: tuple[Member, ...]

    @property
    def classified(self) -> int:
        return sum(1 for m in self.members if m.classified)


@dataclass(frozen=True, slots=True)
class Facet:
    key: str  # the path segment and the label key ``facet.<key>``
    values: tuple[FacetValue, ...]

    def value(self, segment: str) -> FacetValue | None:
        return next((v for v in self.values if v.value == segment), None)


# (segment, title, classified) of one innovation, for one facet
Values = Callable[[Innovation], Iterable[tuple[str, str | None, bool]]]


def _group(key: str, innovations: Iterable[Innovation], values: Values, newest: bool) -> Facet:
    grouped: dict[str, tuple[str | None, list[Member]]] = {}
    for innovation in innovations:
        for segment, title, classified in values(innovation):
            entry = grouped.setdefault(segment, (title, []))
            entry[1].append(Member(innovation, classified))
    order: Callable[[FacetValue], tuple[object, ...]]
    if newest:
        order = lambda v: (v.title is None, -int(v.value) if v.value.isdigit() else 0, v.value)  # noqa: E731
    else:
        order = lambda v: (v.title is None, fold(v.title or ""), v.value)  # noqa: E731
    facet_values = [FacetValue(s, t, tuple(m)) for s, (t, m) in grouped.items()]
    return Facet(key, tuple(sorted(facet_values, key=order)))


def province_segments(collection: Collection) -> dict[str, str]:
    """Province name -> its segment (slugified; a clash gets a number)."""
    names = sorted({r.province for r in collection.regions.values() if r.province}, key=fold)
    found: dict[str, str] = {}
    for name in names:
        base = slugify(name) or "provinsi"
        segment, n = base, 2
        while segment in found.values() or segment == NOT_RECORDED:
            segment, n = f"{base}-{n}", n + 1
        found[name] = segment
    return found


def build_facets(
    collection: Collection, vocab: Vocab, label: Callable[[str], str]
) -> tuple[Facet, ...]:
    """Every facet over every innovation of the collection, in the site's order;
    ``label`` gives the titles of digital and nondigital (``kind.<value>``)."""
    innovations = list(collection.innovations.values())
    provinces = province_segments(collection)

    def vocab_values(name: str, field: str) -> Values:
        def values(i: Innovation) -> Iterable[tuple[str, str | None, bool]]:
            value = getattr(i, field)
            if value is None:
                return [(NOT_RECORDED, None, False)]
            return [(value, vocab.title(name, value), i.basis(field) is not None)]

        return values

    def region(i: Innovation) -> Sequence[tuple[str, str | None, bool]]:
        return [(i.region, collection.region_name(i.region), False)]

    def province(i: Innovation) -> Sequence[tuple[str, str | None, bool]]:
        found = collection.regions.get(i.region)
        name = found.province if found else None
        return [(provinces[name], name, False)] if name else [(NOT_RECORDED, None, False)]

    def years(i: Innovation) -> Sequence[tuple[str, str | None, bool]]:
        return [(str(y), str(y), False) for y in i.years] or [(NOT_RECORDED, None, False)]

    def awards(i: Innovation) -> Sequence[tuple[str, str | None, bool]]:
        keys = sorted({(c.award, c.year) for c in i.competitions})
        return [(f"{a}-{y}", competition_label(vocab, a, y), False) for a, y in keys]

    def kind(i: Innovation) -> Sequence[tuple[str, str | None, bool]]:
        if i.digital is None:
            return [(NOT_RECORDED, None, False)]
        segment = "digital" if i.digital else "nondigital"
        return [(segment, label(f"kind.{segment}"), i.basis("digital") is not None)]

    return (
        _group("daerah", innovations, region, newest=False),
        _group("provinsi", innovations, province, newest=False),
        _group("urusan", innovations, vocab_values("sector", "sector"), newest=False),
        _group("tahun", innovations, years, newest=True),
        _group("penghargaan", innovations, awards, newest=False),
        _group("tahapan", innovations, vocab_values("stage", "stage"), newest=False),
        _group("jenis", innovations, kind, newest=False),
    )
