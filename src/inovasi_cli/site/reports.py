"""The four reports for every region and year, as pages of the site: each region's
profile, the visits it received and made, each award it entered, and each year, built by
the report builders of ``reports/`` (the same pages ``inovasi report ... --format html``
writes) and linked from the region, visit, award and year pages.

Pure: returns what to build; the site renders them with its one Jinja environment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.award import build_award
from inovasi_cli.reports.common import ReportContext, ViewBuilder, competition_label
from inovasi_cli.reports.formats import Lang
from inovasi_cli.reports.region import build_region
from inovasi_cli.reports.visits import build_visits
from inovasi_cli.reports.yearly import build_yearly
from inovasi_cli.scoring import compute as scoring
from inovasi_cli.scoring.choose import choose_model
from inovasi_cli.site import urls
from inovasi_cli.site.pages import Label
from inovasi_cli.site.views import Link


@dataclass(frozen=True, slots=True)
class ReportJob:
    path: str
    build: Callable[[], ReportContext]


@dataclass
class ReportPlan:
    jobs: list[ReportJob] = field(default_factory=list)
    by_region: dict[str, tuple[Link, ...]] = field(default_factory=dict)
    by_year: dict[int, Link] = field(default_factory=dict)


def _region_builder(
    collection: Collection, region_id: str, lang: Lang
) -> Callable[[], ReportContext]:
    def build() -> ReportContext:
        score = None
        if collection.scoring_models:
            model, year = choose_model(collection, None, None)
            own = collection.innovations_by_region.get(region_id, [])
            score = scoring.score_region(model, region_id, own, collection, year)
        return build_region(collection, region_id, lang, score)

    return build


def plan_reports(collection: Collection, lang: Lang, label: Label) -> ReportPlan:
    """Which reports the collection has: one per region, per side of its visits, per
    award entry and per year that has any innovation or visit."""
    plan = ReportPlan()
    vocab = ViewBuilder(collection, lang).vocab
    entries: dict[str, set[tuple[str, int]]] = {}
    for innovation in collection.innovations.values():
        found = entries.setdefault(innovation.region, set())
        found.update((c.award, c.year) for c in innovation.competitions)
    for region_id in collection.regions:
        links = [Link(label("report.region"), urls.region_report(region_id))]
        plan.jobs.append(ReportJob(links[0].path, _region_builder(collection, region_id, lang)))
        for received, index, key in (
            (True, collection.visits_by_host, "report.visits_received"),
            (False, collection.visits_by_visitor, "report.visits_made"),
        ):
            if index.get(region_id):
                path = urls.visits_report(region_id, received=received)
                plan.jobs.append(ReportJob(path, _visits(collection, region_id, received, lang)))
                links.append(Link(label(key), path))
        for award, year in sorted(entries.get(region_id, ()), key=lambda e: (-e[1], e[0])):
            path = urls.award_report(award, year, region_id)
            plan.jobs.append(ReportJob(path, _award(collection, region_id, award, year, lang)))
            links.append(
                Link(f"{label('report.award')}: {competition_label(vocab, award, year)}", path)
            )
        plan.by_region[region_id] = tuple(links)
    years = {y for i in collection.innovations.values() for y in i.years}
    years |= {v.year for v in collection.visits.values() if v.year}
    for year in sorted(years, reverse=True):
        path = urls.year_report(year)
        plan.jobs.append(ReportJob(path, _yearly(collection, year, lang)))
        plan.by_year[year] = Link(label("report.yearly"), path)
    return plan


def _visits(
    collection: Collection, region_id: str, received: bool, lang: Lang
) -> Callable[[], ReportContext]:
    return lambda: build_visits(collection, region_id, received=received, lang=lang)


def _award(
    collection: Collection, region_id: str, award: str, year: int, lang: Lang
) -> Callable[[], ReportContext]:
    return lambda: build_award(collection, region_id, award, year, lang)


def _yearly(collection: Collection, year: int, lang: Lang) -> Callable[[], ReportContext]:
    return lambda: build_yearly(collection, year, lang)
