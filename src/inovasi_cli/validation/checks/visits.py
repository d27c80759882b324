"""Visits: real dates that match the file name, known host and visitors, no self-visit
or duplicate visitor, delegations that add up, and replications that agree. Every visit
file is checked, valid or not, on the values that can be read (see :mod:`.readings`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inovasi_cli.core.findings import Severity
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.context import (
    Context,
    check_dates,
    innovation_ref,
    region_ref,
)
from inovasi_cli.validation.checks.readings import (
    UNREADABLE,
    Reading,
    integer,
    items,
    listed,
    text,
    unreadable,
)


def check_visits(ctx: Context) -> None:
    for visit in ctx.read("visit"):
        doc, data = ctx.docs[visit.path], visit.data
        check_dates(doc, data, ("date",), ctx.today)
        _check_file_name(doc, visit)
        host = text(data, "host")
        if host is not None:
            region_ref(ctx, doc, ("host",), host, "host")
        _check_visitors(ctx, doc, data, host)
        _check_participants(doc, data)
        for index, item in items(data, "studied"):
            studied = text(item, "innovation")
            if studied:
                path = ("studied", index, "innovation")
                innovation_ref(ctx, doc, path, studied, "studied innovation")
        regions = _visitor_regions(data)
        for index, outcome in items(data, "outcomes"):
            _check_outcome(ctx, doc, regions, ("outcomes", index), outcome)


def _check_file_name(doc: Document, visit: Reading) -> None:
    """The file name starts with the date, when the date can be read (or is absent)."""
    if unreadable(visit.data, "date"):
        return
    date = text(visit.data, "date")
    misnamed = rules.visit_id_problem(visit.id, date)
    if misnamed is not None:  # at the date, or at the top when there is none
        at_date = ("date",) if date else ()
        doc.add(misnamed.code, misnamed.message, at_date, key=not date, hint=misnamed.hint)


def _check_visitors(ctx: Context, doc: Document, data: Mapping[str, Any], host: str | None) -> None:
    """Known regions, not the host, each listed once."""
    seen: set[str] = set()
    for index, visitor in items(data, "visitors"):
        region = text(visitor, "region")
        if region is None:
            continue
        path: Path_ = ("visitors", index, "region")
        region_ref(ctx, doc, path, region, "visitor")
        self_visit = rules.self_visit_problem(host, region) if host is not None else None
        if self_visit is not None:
            doc.add(self_visit.code, self_visit.message, path)
        if region in seen:
            doc.add(
                "duplicate-item",
                f"visitor '{region}' is listed twice",
                path,
                hint="list each region once, with its units in 'unit'",
            )
        seen.add(region)


def _visitor_regions(data: Mapping[str, Any]) -> set[str] | None:
    """The visiting regions, or None when one of the visitors cannot be read."""
    regions: set[str] = set()
    for visitor in listed(data, "visitors") or ():
        if not isinstance(visitor, Mapping) or visitor.get("region") is UNREADABLE:
            return None
        region = text(visitor, "region")
        if region is not None:
            regions.add(region)
    return regions


def _check_participants(doc: Document, data: Mapping[str, Any]) -> None:
    """The visitors' delegations add up to the visit's participants, when all are known."""
    stated = integer(data, "participants")
    visitors = listed(data, "visitors")
    if not stated or not visitors:
        return
    sizes = [integer(v, "participants") for v in visitors]
    if all(s is not None for s in sizes):
        total = sum(s for s in sizes if s is not None)
        if total != stated:
            doc.add(
                "participants-mismatch",
                f"visitors add up to {total} but participants is {stated}",
                ("participants",),
                severity=Severity.WARNING,
            )


def _check_outcome(
    ctx: Context,
    doc: Document,
    visitor_regions: set[str] | None,
    base: Path_,
    outcome: Mapping[str, Any],
) -> None:
    """A replication: known innovations, an adopter among the visitors, and an adopted
    record of the adopter that says it replicates the same innovation."""
    original, adopter = text(outcome, "innovation"), text(outcome, "adopter")
    adopted_as = text(outcome, "as")
    if original:
        innovation_ref(ctx, doc, (*base, "innovation"), original, "replicated innovation")
    if adopter:
        region_ref(ctx, doc, (*base, "adopter"), adopter, "adopter")
        if visitor_regions is not None and adopter not in visitor_regions:
            doc.add(
                "adopter-not-visitor",
                f"adopter '{adopter}' is not among this visit's visitors",
                (*base, "adopter"),
                severity=Severity.WARNING,
            )
    if adopted_as and innovation_ref(ctx, doc, (*base, "as"), adopted_as, "adopted innovation"):
        if adopter and adopted_as.partition("/")[0] != adopter:
            doc.add(
                "wrong-region",
                f"'{adopted_as}' is not an innovation of the adopter '{adopter}'",
                (*base, "as"),
            )
        replicates = ctx.index.innovations[adopted_as]
        if original and replicates and replicates != original:
            doc.add(
                "replication-mismatch",
                f"'{adopted_as}' says it replicates '{replicates}'",
                (*base, "innovation"),
            )
