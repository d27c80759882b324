"""The documented JSON shapes of an innovation, a visit and a region.

Every command that outputs records (``list``, ``show``, ``visits``, ``regions``, ``score``,
reports) uses these functions, so a record has the same shape everywhere. Every key is
always present (``null`` or ``[]`` when not recorded), keys come in a fixed order, and
values are plain JSON types. The README's "JSON shapes" section documents them; change
them only additively.

Derived keys (not written in the record file) are marked below: they come from the rest
of the collection (``region_name``, ``replications``, ``visits``, counts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import (
    Amount,
    Citation,
    Competition,
    Fact,
    FactPerson,
    Innovation,
    Outcome,
    Person,
    Region,
    Replication,
    Studied,
    Visit,
    Visitor,
)
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.records.values import CLASSIFIABLE, Classified, has_value, note_language

Shape = dict[str, Any]


def source_shape(source: SourceRecord, collection: Collection) -> Shape:
    """A source of the bibliography (``data/sources/<id>.yaml``)."""
    return {
        "id": source.id,
        "title": source.title,
        "title_supplied": source.title_supplied,
        "kind": source.kind,
        "language": source.language,
        "publisher": source.publisher,
        "author": source.author,
        "published": source.published,
        "url": source.url,
        "note": source.note,
        "note_lang": note_language(source.note, source.note_lang),
        "cited": len(collection.cited_by.get(source.id, ())),  # derived: citations of it
        "path": source.path,
    }


def citation_shape(citation: Citation, collection: Collection) -> Shape:
    """A citation, with what the bibliography says about its source (derived; null when
    the id names no source)."""
    source = collection.sources.get(citation.source)
    return {
        "source": citation.source,
        "locator": citation.locator,
        "note": citation.note,
        "note_lang": note_language(citation.note, citation.note_lang),
        "title": source.title if source else None,
        "title_supplied": source.title_supplied if source else None,
        "kind": source.kind if source else None,
        "publisher": source.publisher if source else None,
        "author": source.author if source else None,
        "published": source.published if source else None,
        "url": source.url if source else None,
    }


def citation_shapes(citations: Iterable[Citation], collection: Collection) -> list[Shape]:
    return [citation_shape(c, collection) for c in citations]


def stated_fields(record: Innovation | Visit, kind: str, classified: Classified) -> list[str]:
    """The classifiable fields that hold a value its sources state (derived: every field
    with a value that has no curator's basis)."""
    assigned = {name for name, _ in classified}
    return [
        name
        for name in CLASSIFIABLE[kind]
        if name not in assigned and has_value(getattr(record, name))
    ]


def amount_shape(amount: Amount) -> Shape:
    return {
        "what": amount.what,
        "value": amount.value,
        "minimum": amount.minimum,
        "maximum": amount.maximum,
        "unit": amount.unit,
        "note": amount.note,
        "note_lang": note_language(amount.note, amount.note_lang),
    }


def person_shape(person: Person | None) -> Shape | None:
    return None if person is None else {"name": person.name, "title": person.title}


def outcome_shape(outcome: Outcome) -> Shape:
    return {
        "indicator": outcome.indicator,
        "before": outcome.before,
        "after": outcome.after,
        "unit": outcome.unit,
        "note": outcome.note,
        "note_lang": note_language(outcome.note, outcome.note_lang),
    }


def competition_shape(entry: Competition) -> Shape:
    return {
        "award": entry.award,
        "year": entry.year,
        "key": entry.key,  # derived: "iga-2019"
        "result": entry.result,
        "note": entry.note,
        "note_lang": note_language(entry.note, entry.note_lang),
    }


def replication_shape(replication: Replication) -> Shape:
    return {
        "innovation": replication.innovation,  # the original
        "adopter": replication.adopter,  # the region that adopted it
        "adopted_as": replication.adopted_as,  # the adopter's innovation id, if recorded
        "name": replication.name,
        "note": replication.note,
        "note_lang": note_language(replication.note, replication.note_lang),
        "visit": replication.visit,  # the visit that recorded it, if any
    }


def studied_by(collection: Collection) -> dict[str, list[str]]:
    """Innovation id -> ids of the visits that studied it (or led to its replication)."""
    index: dict[str, list[str]] = defaultdict(list)
    for visit in collection.visits.values():
        about = {s.innovation for s in visit.studied if s.innovation}
        about |= {o.innovation for o in visit.outcomes}
        for innovation_id in sorted(about):
            index[innovation_id].append(visit.id)
    return dict(index)


def innovation_shape(
    innovation: Innovation,
    collection: Collection,
    visits_index: dict[str, list[str]] | None = None,
) -> Shape:
    """An innovation. Pass ``visits_index`` (:func:`studied_by`) when shaping many."""
    index = studied_by(collection) if visits_index is None else visits_index
    return {
        "id": innovation.id,
        "name": innovation.name,
        "acronym": innovation.acronym,
        "aliases": list(innovation.aliases),
        "region": innovation.region,
        "region_name": collection.region_name(innovation.region),  # derived
        "sector": innovation.sector,
        "other_sectors": list(innovation.other_sectors),
        "unit": innovation.unit,
        "unit_type": innovation.unit_type,
        "form": innovation.form,
        "digital": innovation.digital,
        "stage": innovation.stage,
        "initiator": innovation.initiator,
        "trial_date": innovation.trial_date,
        "implementation_date": innovation.implementation_date,
        "years": list(innovation.years),  # derived: competition years and own dates
        "summary": innovation.summary,
        "goals": list(innovation.goals),
        "benefits": list(innovation.benefits),
        "results": list(innovation.results),
        "outcomes": [outcome_shape(o) for o in innovation.outcomes],
        "amounts": [amount_shape(a) for a in innovation.amounts],
        "tags": list(innovation.tags),
        "competitions": [competition_shape(c) for c in innovation.competitions],
        "replication_of": innovation.replication_of,
        "replications": [replication_shape(r) for r in collection.replications_of(innovation.id)],
        "visits": list(index.get(innovation.id, ())),  # derived: visits that studied it
        "classified": dict(innovation.classified),  # field -> the curator's basis
        "stated": stated_fields(innovation, "innovation", innovation.classified),  # derived
        "sources": citation_shapes(innovation.sources, collection),
        "path": innovation.path,
    }


def innovation_shapes(innovations: Iterable[Innovation], collection: Collection) -> list[Shape]:
    index = studied_by(collection)
    return [innovation_shape(i, collection, index) for i in innovations]


def _joined(values: Iterable[Any]) -> str | None:
    text = "; ".join(str(v) for v in values if v is not None)
    return text or None


def innovation_row(shape: Shape) -> Shape:
    """The flat (one line, scalar) form of an innovation shape: csv rows."""
    return {
        **{k: shape[k] for k in INNOVATION_SCALARS},
        "aliases": _joined(shape["aliases"]),
        "other_sectors": _joined(shape["other_sectors"]),
        "classified": _joined(shape["classified"]),
        "years": _joined(shape["years"]),
        "awards": _joined(c["key"] for c in shape["competitions"]),
        "tags": _joined(shape["tags"]),
        "replicated_by": _joined(r["adopter"] for r in shape["replications"]),
        "visits": _joined(shape["visits"]),
    }


INNOVATION_SCALARS = (
    "id",
    "name",
    "acronym",
    "region",
    "region_name",
    "sector",
    "unit",
    "unit_type",
    "form",
    "digital",
    "stage",
    "initiator",
    "trial_date",
    "implementation_date",
    "replication_of",
    "summary",
    "path",
)

INNOVATION_CSV = (
    *INNOVATION_SCALARS[:3],
    "aliases",
    *INNOVATION_SCALARS[3:6],
    "other_sectors",
    *INNOVATION_SCALARS[6:14],
    "classified",
    "years",
    "awards",
    "tags",
    "replication_of",
    "replicated_by",
    "visits",
    "summary",
    "path",
)


def visitor_shape(visitor: Visitor, collection: Collection) -> Shape:
    return {
        "region": visitor.region,
        "region_name": collection.region_name(visitor.region) if visitor.region else None,
        "institution": visitor.institution,
        "unit": visitor.unit,
        "leader": person_shape(visitor.leader),
        "participants": visitor.participants,
        "purpose": visitor.purpose,
    }


def visitor_label(visitor: Visitor, collection: Collection) -> str:
    """'Kabupaten Parigi Moutong', else the institution, else the unit."""
    if visitor.region:
        return collection.region_name(visitor.region)
    return visitor.institution or visitor.unit or "?"


def studied_shape(studied: Studied) -> Shape:
    return {
        "innovation": studied.innovation,
        "topic": studied.topic,
        "note": studied.note,
        "note_lang": note_language(studied.note, studied.note_lang),
    }


def visit_shape(visit: Visit, collection: Collection) -> Shape:
    """A study visit (studi banding, kaji tiru, benchmarking)."""
    return {
        "id": visit.id,
        "date": visit.date,
        "year": visit.year,  # derived
        "kind": visit.kind,
        "host": visit.host,
        "host_name": collection.region_name(visit.host),  # derived
        "host_unit": visit.host_unit,
        "received_by": person_shape(visit.received_by),
        "visitors": [visitor_shape(v, collection) for v in visit.visitors],
        "participants": visit.participants,
        "delegation_size": visit.delegation_size,  # derived: stated, else the sum
        "purpose": visit.purpose,
        "places": list(visit.places),
        "studied": [studied_shape(s) for s in visit.studied],
        "outcomes": [replication_shape(o) for o in visit.outcomes],
        "classified": dict(visit.classified),  # field -> the curator's basis
        "stated": stated_fields(visit, "visit", visit.classified),  # derived
        "sources": citation_shapes(visit.sources, collection),
        "path": visit.path,
    }


def visit_row(shape: Shape, visit: Visit, collection: Collection) -> Shape:
    """The flat form of a visit shape: csv rows."""
    return {
        "id": shape["id"],
        "date": shape["date"],
        "kind": shape["kind"],
        "host": shape["host"],
        "host_name": shape["host_name"],
        "visitor_regions": _joined(visit.visitor_regions),
        "visitors": _joined(visitor_label(v, collection) for v in visit.visitors),
        "delegation_size": shape["delegation_size"],
        "innovations": _joined(s["innovation"] for s in shape["studied"]),
        "topics": _joined(s["topic"] for s in shape["studied"]),
        "replications": _joined(f"{r['innovation']} -> {r['adopter']}" for r in shape["outcomes"]),
        "purpose": shape["purpose"],
        "path": shape["path"],
    }


def fact_person_shape(person: FactPerson) -> Shape:
    return {
        "name": person.name,
        "title": person.title,
        "role": person.role,
        "region": person.region,
    }


def fact_shape(fact: Fact, collection: Collection) -> Shape:
    return {
        "kind": fact.kind,
        "statement": fact.statement,
        "year": fact.year,  # as written, else derived from the date
        "date": fact.date,
        "place": fact.place,
        "rank": fact.rank,
        "national_rank": fact.national_rank,
        "top": fact.top,
        "category": fact.category,
        "grade": fact.grade,
        "predicate": fact.predicate,
        "index": fact.index,
        "count": fact.count,
        "people": [fact_person_shape(p) for p in fact.people],
        "amounts": [amount_shape(a) for a in fact.amounts],
        "sources": citation_shapes(fact.sources, collection),
    }


def region_shape(region: Region, collection: Collection) -> Shape:
    """A region (kabupaten, kota, provinsi) with its counts in the collection."""
    return {
        "id": region.id,
        "name": region.name,
        "type": region.type,
        "province": region.province,
        "code": region.code,
        "capital": region.capital,
        "aliases": list(region.aliases),
        "innovation_count": len(collection.innovations_by_region.get(region.id, ())),  # derived
        "visits_received": len(collection.visits_by_host.get(region.id, ())),  # derived
        "visits_made": len(collection.visits_by_visitor.get(region.id, ())),  # derived
        "facts": [fact_shape(f, collection) for f in region.facts],
        "sources": citation_shapes(region.sources, collection),
        "path": region.path,
    }


REGION_CSV = (
    "id",
    "name",
    "type",
    "province",
    "code",
    "capital",
    "aliases",
    "innovation_count",
    "visits_received",
    "visits_made",
    "path",
)


def region_row(shape: Shape) -> Shape:
    return {k: _joined(shape[k]) if k == "aliases" else shape[k] for k in REGION_CSV}
