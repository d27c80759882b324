"""inovasi score: innovations ranked, a region's Indeks Inovasi Daerah, the region ranking,
and one innovation's points explained, from the scoring models in data/scoring/."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

import typer

from inovasi_cli.cli.common import err, guard, load
from inovasi_cli.cli.options import (
    OUTPUT,
    AwardOption,
    ColumnsOption,
    DigitalOption,
    FormatOption,
    FormOption,
    LimitOption,
    QueryOption,
    RegionOption,
    SectorOption,
    StageOption,
    TagOption,
    UnitTypeOption,
    WideOption,
    chosen_format,
    echo_data,
    echo_prose,
    emit,
    innovation_filter,
)
from inovasi_cli.core.json_text import json_text
from inovasi_cli.output import region_scores
from inovasi_cli.output import scores as score_views
from inovasi_cli.output.formats import Listing, OutputFormat, format_record
from inovasi_cli.query import filters as query
from inovasi_cli.query import resolve
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.model import Innovation
from inovasi_cli.records.scoring_model import ScoringModel
from inovasi_cli.scoring import compute as scoring
from inovasi_cli.scoring.choose import choose_model

MODEL = "Model"
_HUMAN = {OutputFormat.TABLE, OutputFormat.TEXT}


class ScoreBy(StrEnum):
    INNOVATION = "innovation"
    REGION = "region"


@guard
def score(
    ctx: typer.Context,
    region: RegionOption = None,
    sector: SectorOption = None,
    award: AwardOption = None,
    stage: StageOption = None,
    form: FormOption = None,
    unit_type: UnitTypeOption = None,
    digital: DigitalOption = None,
    tag: TagOption = None,
    query_text: QueryOption = None,
    model_id: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            metavar="MODEL",
            help="Scoring model id (data/scoring/<id>.yaml), e.g. iid-2023. Default: the "
            "model for --year, else the newest shipped model.",
            show_default=False,
            rich_help_panel=MODEL,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            metavar="YEAR",
            help="Assessment year: picks the model for that year (unless --model) and the "
            "regions' evidence for that year. Default: the model's newest year.",
            show_default=False,
            rich_help_panel=MODEL,
        ),
    ] = None,
    by: Annotated[
        ScoreBy | None,
        typer.Option(
            "--by",
            "-b",
            help="innovation: innovations ranked by score; region: every region's index "
            "ranked. Default: innovation, or the breakdown of each --region.",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            "-e",
            metavar="ID",
            help="Explain one innovation (id, suffix or acronym): every indicator's level, "
            "weight, points and origin, the sum, and what would raise it most.",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    limit: LimitOption = None,
    format: FormatOption = None,
    wide: WideOption = False,
    columns: ColumnsOption = None,
) -> None:
    """Score innovations and regions with a transparent Indeks Inovasi Daerah model.

    Without options: innovations ranked by score. With --region R: R's breakdown (region
    aspect SPD, innovation aspect SID including the effect of fewer innovations than the
    divisor, count score and its gate, total, index 0-100 and predicate). --by region: all
    regions ranked. --explain ID: one innovation, indicator by indicator. The filters
    choose which innovations count. A row scores weight x level, 0 without evidence.
    """
    collection = load(ctx).collection
    model, assessment_year = choose_model(collection, model_id, year)
    shape = Shape(format, wide, columns)
    if explain is not None:
        _explain(collection, model, explain, shape)
        return
    criteria = innovation_filter(
        collection,
        region=region,
        sector=sector,
        award=award,
        stage=stage,
        form=form,
        unit_type=unit_type,
        digital=digital,
        tag=tag,
        query=query_text,
    )
    matched = query.select(collection, criteria)
    if by is ScoreBy.REGION:
        results = scoring.rank_regions(model, collection, matched, assessment_year)
        if criteria.regions:
            results = [r for r in results if r.region in criteria.regions]
        ranked = results if limit is None else results[:limit]
        used = shape.emit(region_scores.region_ranking(ranked, collection))
        if used in _HUMAN:
            err(
                f"{len(ranked)} region(s) scored with {score_views.model_label(model)}; "
                f"{region_scores.PREDICATE_RULE}"
            )
        return
    if criteria.regions and by is None:
        _breakdowns(collection, model, assessment_year, sorted(criteria.regions), matched, shape)
        return
    scores = scoring.rank_innovations(model, matched, collection)
    shown = scores if limit is None else scores[:limit]
    used = shape.emit(score_views.innovation_ranking(shown, collection))
    if not matched:
        err("no innovation(s) match")
    elif used in _HUMAN:
        with_level = sum(1 for s in scores if s.score)
        err(
            f"{len(scores)} innovation(s) scored with {score_views.model_label(model)}; "
            f"{len(scores) - with_level} have no level on any indicator"
        )


@dataclass(frozen=True, slots=True)
class Shape:
    """The output options: --format, --wide, --columns."""

    format: OutputFormat | None
    wide: bool = False
    columns: list[str] | None = None

    @property
    def used(self) -> OutputFormat:
        return chosen_format(self.format)

    def emit(self, listing: Listing) -> OutputFormat:
        return emit(listing, self.format, wide=self.wide, columns=self.columns)


def _explain(collection: Collection, model: ScoringModel, value: str, shape: Shape) -> None:
    with resolve.labelled("--explain"):
        innovation = collection.innovations[resolve.resolve_innovation(collection, value)]
    result = scoring.score_innovation(model, innovation, collection)
    used = shape.used
    if used in {OutputFormat.JSON, OutputFormat.YAML}:
        echo_data(format_record(score_views.explain_record(result, model, collection), used))
        return
    listing = score_views.explain_listing(result)
    if used in _HUMAN:
        echo_prose(score_views.explain_heading(result, collection), used, wide=shape.wide)
        shape.emit(listing)
        echo_prose(score_views.explain_lines(result, model, collection), used, wide=shape.wide)
        return
    shape.emit(listing)


def _breakdowns(
    collection: Collection,
    model: ScoringModel,
    year: int,
    regions: list[str],
    matched: list[Innovation],
    shape: Shape,
) -> None:
    used = shape.used
    results = []
    for region_id in regions:
        own = [i for i in matched if i.region == region_id]
        results.append(scoring.score_region(model, region_id, own, collection, year))
    if used in _HUMAN:
        text = "\n".join(region_scores.region_text(r, collection) for r in results)
        echo_prose(text, used, wide=shape.wide)
        return
    if used is OutputFormat.JSON:
        records = [region_scores.region_record(r, collection) for r in results]
        echo_data(json_text(records, indent=2) + "\n")
        return
    shape.emit(region_scores.region_ranking(results, collection))
