"""The rows of the export tables, one builder per record kind (the tables themselves are
declared in :mod:`inovasi_cli.export.tables`). Values as in the JSON shapes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from inovasi_cli.records.collection import CitedIn
from inovasi_cli.records.model import Amount, Fact, Innovation, Region, Replication, Visit
from inovasi_cli.records.sources import SourceRecord
from inovasi_cli.records.values import Classified

Row = dict[str, Any]
Rows = dict[str, list[Row]]


def _lines(values: Sequence[str]) -> str | None:
    return "\n".join(values) or None


def _joined(values: Sequence[str]) -> str | None:
    return "; ".join(values) or None


def source_row(source: SourceRecord) -> Row:
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
        "path": source.path,
    }


def citation_row(cited: CitedIn) -> Row:
    return {
        "record_type": cited.record_type,
        "record_id": cited.record_id,
        "position": cited.position,
        "source": cited.citation.source,
        "locator": cited.citation.locator,
        "note": cited.citation.note,
    }


def replication_row(replication: Replication) -> Row:
    return {
        "innovation": replication.innovation,
        "adopter": replication.adopter,
        "adopted_as": replication.adopted_as,
        "name": replication.name,
        "note": replication.note,
        "visit": replication.visit,
    }


def _amount_rows(key: str, record: str, amounts: Sequence[Amount]) -> list[Row]:
    return [
        {
            key: record,
            "position": n,
            "what": a.what,
            "value": a.value,
            "minimum": a.minimum,
            "maximum": a.maximum,
            "unit": a.unit,
            "note": a.note,
        }
        for n, a in enumerate(amounts, 1)
    ]


def _classification_rows(record_type: str, record: str, classified: Classified) -> list[Row]:
    return [
        {"record_type": record_type, "record_id": record, "field": name, "basis": basis}
        for name, basis in classified
    ]


def _fact_row(region: Region, position: int, fact: Fact) -> Row:
    return {
        "id": f"{region.id}:{position}",
        "region": region.id,
        "position": position,
        "kind": fact.kind,
        "statement": fact.statement,
        "year": fact.year,
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
    }


def region_rows(region: Region, rows: Rows) -> None:
    rows["regions"].append(
        {
            "id": region.id,
            "name": region.name,
            "type": region.type,
            "province": region.province,
            "code": region.code,
            "capital": region.capital,
            "aliases": _joined(region.aliases),
            "path": region.path,
        }
    )
    for n, fact in enumerate(region.facts, 1):
        fact_id = f"{region.id}:{n}"
        rows["region_facts"].append(_fact_row(region, n, fact))
        rows["fact_people"].extend(
            {
                "fact": fact_id,
                "position": k,
                "name": p.name,
                "title": p.title,
                "role": p.role,
                "region": p.region,
            }
            for k, p in enumerate(fact.people, 1)
        )
        rows["fact_amounts"].extend(_amount_rows("fact", fact_id, fact.amounts))


def innovation_rows(innovation: Innovation, rows: Rows) -> None:
    rows["innovations"].append(
        {
            "id": innovation.id,
            "name": innovation.name,
            "acronym": innovation.acronym,
            "aliases": _joined(innovation.aliases),
            "region": innovation.region,
            "sector": innovation.sector,
            "other_sectors": _joined(innovation.other_sectors),
            "unit": innovation.unit,
            "unit_type": innovation.unit_type,
            "form": innovation.form,
            "digital": innovation.digital,
            "stage": innovation.stage,
            "initiator": innovation.initiator,
            "trial_date": innovation.trial_date,
            "implementation_date": innovation.implementation_date,
            "replication_of": innovation.replication_of,
            "summary": innovation.summary,
            "goals": _lines(innovation.goals),
            "benefits": _lines(innovation.benefits),
            "results": _lines(innovation.results),
            "path": innovation.path,
        }
    )
    record = innovation.id
    rows["innovation_tags"].extend(
        {"innovation": record, "tag": t} for t in sorted(innovation.tags)
    )
    rows["innovation_outcomes"].extend(
        {
            "innovation": record,
            "position": n,
            "indicator": o.indicator,
            "before": o.before,
            "after": o.after,
            "unit": o.unit,
            "note": o.note,
        }
        for n, o in enumerate(innovation.outcomes, 1)
    )
    rows["innovation_amounts"].extend(_amount_rows("innovation", record, innovation.amounts))
    rows["competitions"].extend(
        {
            "innovation": record,
            "award": c.award,
            "year": c.year,
            "key": c.key,
            "result": c.result,
            "note": c.note,
        }
        for c in sorted(innovation.competitions, key=lambda c: (c.award, c.year))
    )
    rows["classifications"].extend(
        _classification_rows("innovation", record, innovation.classified)
    )


def visit_rows(visit: Visit, rows: Rows) -> None:
    received_by = visit.received_by
    rows["visits"].append(
        {
            "id": visit.id,
            "date": visit.date,
            "year": visit.year,
            "kind": visit.kind,
            "host": visit.host,
            "host_unit": visit.host_unit,
            "received_by_name": received_by.name if received_by else None,
            "received_by_title": received_by.title if received_by else None,
            "participants": visit.participants,
            "delegation_size": visit.delegation_size,
            "purpose": visit.purpose,
            "places": _joined(visit.places),
            "path": visit.path,
        }
    )
    rows["visitors"].extend(
        {
            "visit": visit.id,
            "position": n,
            "region": v.region,
            "institution": v.institution,
            "unit": v.unit,
            "leader_name": v.leader.name if v.leader else None,
            "leader_title": v.leader.title if v.leader else None,
            "participants": v.participants,
            "purpose": v.purpose,
        }
        for n, v in enumerate(visit.visitors, 1)
    )
    rows["visit_innovations"].extend(
        {
            "visit": visit.id,
            "position": n,
            "innovation": s.innovation,
            "topic": s.topic,
            "note": s.note,
        }
        for n, s in enumerate(visit.studied, 1)
    )
    rows["classifications"].extend(_classification_rows("visit", visit.id, visit.classified))
