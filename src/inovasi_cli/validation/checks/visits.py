"""Visits: real dates that match the file name, known host and visitors, no self-visit
or duplicate visitor, delegations that add up, and replications that agree."""

from __future__ import annotations

from inovasi_cli.core.findings import Severity
from inovasi_cli.records.loader import Document, Path_
from inovasi_cli.records.model import Replication, Visit
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.context import (
    Context,
    check_dates,
    innovation_ref,
    region_ref,
)


def check_visits(ctx: Context) -> None:
    for visit in ctx.collection.visits.values():
        doc = ctx.docs[visit.path]
        check_dates(doc, visit.raw, ("date",), ctx.today)
        misnamed = rules.visit_id_problem(visit.id, visit.date)
        if misnamed is not None:  # at the date, or at the top when there is none
            at_date = ("date",) if visit.date else ()
            doc.add(
                misnamed.code, misnamed.message, at_date, key=not visit.date, hint=misnamed.hint
            )
        region_ref(ctx, doc, ("host",), visit.host, "host")
        _check_visitors(ctx, doc, visit)
        _check_participants(doc, visit)
        for index, item in enumerate(visit.studied):
            if item.innovation:
                innovation_ref(
                    ctx,
                    doc,
                    ("studied", index, "innovation"),
                    item.innovation,
                    "studied innovation",
                )
        for index, outcome in enumerate(visit.outcomes):
            _check_outcome(ctx, doc, visit, ("outcomes", index), outcome)


def _check_visitors(ctx: Context, doc: Document, visit: Visit) -> None:
    """Known regions, not the host, each listed once."""
    seen: set[str] = set()
    for index, visitor in enumerate(visit.visitors):
        if visitor.region is None:
            continue
        path: Path_ = ("visitors", index, "region")
        region_ref(ctx, doc, path, visitor.region, "visitor")
        self_visit = rules.self_visit_problem(visit.host, visitor.region)
        if self_visit is not None:
            doc.add(self_visit.code, self_visit.message, path)
        if visitor.region in seen:
            doc.add(
                "duplicate-item",
                f"visitor '{visitor.region}' is listed twice",
                path,
                hint="list each region once, with its units in 'unit'",
            )
        seen.add(visitor.region)


def _check_participants(doc: Document, visit: Visit) -> None:
    """The visitors' delegations add up to the visit's participants, when all are known."""
    sizes = [v.participants for v in visit.visitors]
    if visit.participants and sizes and all(s is not None for s in sizes):
        total = sum(s for s in sizes if s is not None)
        if total != visit.participants:
            doc.add(
                "participants-mismatch",
                f"visitors add up to {total} but participants is {visit.participants}",
                ("participants",),
                severity=Severity.WARNING,
            )


def _check_outcome(
    ctx: Context, doc: Document, visit: Visit, base: Path_, outcome: Replication
) -> None:
    """A replication: known innovations, an adopter among the visitors, and an adopted
    record of the adopter that says it replicates the same innovation."""
    innovation_ref(ctx, doc, (*base, "innovation"), outcome.innovation, "replicated innovation")
    region_ref(ctx, doc, (*base, "adopter"), outcome.adopter, "adopter")
    if outcome.adopter not in visit.visitor_regions:
        doc.add(
            "adopter-not-visitor",
            f"adopter '{outcome.adopter}' is not among this visit's visitors",
            (*base, "adopter"),
            severity=Severity.WARNING,
        )
    if outcome.adopted_as and innovation_ref(
        ctx, doc, (*base, "as"), outcome.adopted_as, "adopted innovation"
    ):
        if outcome.adopted_as.partition("/")[0] != outcome.adopter:
            doc.add(
                "wrong-region",
                f"'{outcome.adopted_as}' is not an innovation of the adopter '{outcome.adopter}'",
                (*base, "as"),
            )
        adopted = ctx.collection.innovations[outcome.adopted_as]
        if adopted.replication_of and adopted.replication_of != outcome.innovation:
            doc.add(
                "replication-mismatch",
                f"'{outcome.adopted_as}' says it replicates '{adopted.replication_of}'",
                (*base, "innovation"),
            )
