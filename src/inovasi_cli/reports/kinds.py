"""The one registry of reports: each kind of report and the builder of its context.

A builder takes the collection, the resolved selection (ids, never user input) and the
language, and returns its kind's frozen context, or raises ``UsageError`` when the
selection has nothing to show (an empty report is never rendered). The template is
``<kind>.<suffix>.j2`` (``render.render_report``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from inovasi_cli.reports.award import build_award
from inovasi_cli.reports.common import ReportContext, ReportKind
from inovasi_cli.reports.region import build_region
from inovasi_cli.reports.visits import build_visits
from inovasi_cli.reports.yearly import build_yearly

BUILDERS: Mapping[ReportKind, Callable[..., ReportContext]] = MappingProxyType(
    {
        ReportKind.AWARD: build_award,
        ReportKind.VISITS: build_visits,
        ReportKind.REGION: build_region,
        ReportKind.YEARLY: build_yearly,
    }
)
