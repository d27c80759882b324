"""Every collection check, in order: findings land on the documents they concern."""

from __future__ import annotations

from collections.abc import Callable

from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.evidence import check_evidence
from inovasi_cli.validation.checks.innovations import check_innovations
from inovasi_cli.validation.checks.regions import check_regions
from inovasi_cli.validation.checks.registry import check_registry
from inovasi_cli.validation.checks.scoring import check_scoring
from inovasi_cli.validation.checks.sources import check_sources
from inovasi_cli.validation.checks.visits import check_visits

CHECKS: tuple[Callable[[Context], None], ...] = (
    check_regions,
    check_registry,
    check_innovations,
    check_visits,
    check_scoring,
    check_evidence,
    check_sources,
)


def check_collection(ctx: Context) -> None:
    """Run every collection check; findings are added to the documents in ``ctx.docs``."""
    for check in CHECKS:
        check(ctx)
