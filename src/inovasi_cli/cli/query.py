"""inovasi list, show, visits, regions, stats: questions answered from the collection.

Data goes to stdout in the chosen --format; counts and notes go to stderr.
"""

from __future__ import annotations

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
    YearOption,
    echo_data,
    emit,
    innovation_filter,
)
from inovasi_cli.output import views
from inovasi_cli.output.formats import OutputFormat, format_record
from inovasi_cli.query import filters as query
from inovasi_cli.query import resolve
from inovasi_cli.query import stats as counting

_HUMAN = {OutputFormat.TABLE, OutputFormat.TEXT}


def _summary(used: OutputFormat, shown: int, matched: int, total: int, noun: str) -> None:
    """A count on stderr for people (table, text); an empty result is always reported."""
    if matched == 0:
        err(f"no {noun} match" if total else f"the collection has no {noun}")
        return
    if used in _HUMAN:
        of = f" of {total}" if matched != total else ""
        limited = f" (showing {shown})" if shown != matched else ""
        err(f"{matched}{of} {noun}{limited}")


@guard
def list_innovations(
    ctx: typer.Context,
    region: RegionOption = None,
    sector: SectorOption = None,
    award: AwardOption = None,
    stage: StageOption = None,
    form: FormOption = None,
    unit_type: UnitTypeOption = None,
    digital: DigitalOption = None,
    year: YearOption = None,
    tag: TagOption = None,
    query_text: QueryOption = None,
    sort: Annotated[
        query.SortKey,
        typer.Option(
            "--sort", help="Order of the results (ties in id order).", rich_help_panel=OUTPUT
        ),
    ] = query.SortKey.ID,
    limit: LimitOption = None,
    format: FormatOption = None,
    wide: WideOption = False,
    columns: ColumnsOption = None,
) -> None:
    """List innovations, filtered, searched and sorted.

    Examples: inovasi list --sector kesehatan; inovasi list -r banggai --award iga-2019
    --format csv; inovasi list -q sampah --format ids.
    """
    collection = load(ctx).collection
    criteria = innovation_filter(
        collection,
        region=region,
        sector=sector,
        award=award,
        stage=stage,
        form=form,
        unit_type=unit_type,
        digital=digital,
        year=year,
        tag=tag,
        query=query_text,
    )
    matched = query.select(collection, criteria, sort=sort)
    shown = matched if limit is None else matched[:limit]
    used = emit(views.innovation_listing(shown, collection), format, wide=wide, columns=columns)
    _summary(used, len(shown), len(matched), len(collection.innovations), "innovation(s)")


@guard
def show(
    ctx: typer.Context,
    innovation: Annotated[
        str,
        typer.Argument(
            help="Innovation: full id (banggai/e-makam), a unique suffix (e-makam) "
            "or its acronym (PINASA).",
            show_default=False,
        ),
    ],
    format: FormatOption = None,
) -> None:
    """Show one innovation's whole profile: sources, replications and the visits that
    studied it. --format json or yaml gives the same shape as 'list'."""
    collection = load(ctx).collection
    found = collection.innovations[resolve.resolve_innovation(collection, innovation)]
    listing = views.innovation_listing([found], collection)
    if format in {OutputFormat.JSON, OutputFormat.YAML}:
        echo_data(format_record(listing.records[0], format))
        return
    emit(listing, format, profile=views.innovation_profile(found, collection))


@guard
def visits(
    ctx: typer.Context,
    host: Annotated[
        list[str] | None,
        typer.Option(
            "--host",
            metavar="REGION",
            help="Region visited (id, name or alias).",
            show_default=False,
        ),
    ] = None,
    visitor: Annotated[
        list[str] | None,
        typer.Option(
            "--visitor", metavar="REGION", help="Region that visited.", show_default=False
        ),
    ] = None,
    year: Annotated[
        list[int] | None,
        typer.Option("--year", "-y", metavar="YEAR", help="Year of the visit.", show_default=False),
    ] = None,
    innovation: Annotated[
        list[str] | None,
        typer.Option(
            "--innovation",
            "-i",
            metavar="INNOVATION",
            help="An innovation studied (or replicated) on the visit: id, suffix or acronym.",
            show_default=False,
        ),
    ] = None,
    limit: LimitOption = None,
    format: FormatOption = None,
    wide: WideOption = False,
    columns: ColumnsOption = None,
) -> None:
    """List study visits (studi banding, kaji tiru, benchmarking), in id order.

    Example: inovasi visits --host banggai; inovasi visits --innovation pinasa.
    """
    collection = load(ctx).collection
    criteria = query.build_visit_filter(
        collection,
        hosts=host,
        visitors=visitor,
        years=year,
        innovations=innovation,
        labels={
            "hosts": "--host",
            "visitors": "--visitor",
            "years": "--year",
            "innovations": "--innovation",
        },
    )
    matched = query.select_visits(collection, criteria)
    shown = matched if limit is None else matched[:limit]
    used = emit(views.visit_listing(shown, collection), format, wide=wide, columns=columns)
    _summary(used, len(shown), len(matched), len(collection.visits), "visit(s)")


@guard
def regions(
    ctx: typer.Context,
    sort: Annotated[
        query.RegionSortKey,
        typer.Option(
            "--sort",
            help="Order: id, name, or a count (largest first).",
            rich_help_panel=OUTPUT,
        ),
    ] = query.RegionSortKey.ID,
    limit: LimitOption = None,
    format: FormatOption = None,
    wide: WideOption = False,
    columns: ColumnsOption = None,
) -> None:
    """List regions with their counts: innovations, visits received and visits made."""
    collection = load(ctx).collection
    ordered = query.sort_regions(collection, sort)
    shown = ordered if limit is None else ordered[:limit]
    used = emit(views.region_listing(shown, collection), format, wide=wide, columns=columns)
    _summary(used, len(shown), len(ordered), len(ordered), "region(s)")


@guard
def stats(
    ctx: typer.Context,
    by: Annotated[
        counting.StatsBy,
        typer.Option("--by", "-b", help="Count innovations by this field."),
    ] = counting.StatsBy.SECTOR,
    region: RegionOption = None,
    sector: SectorOption = None,
    award: AwardOption = None,
    stage: StageOption = None,
    form: FormOption = None,
    unit_type: UnitTypeOption = None,
    digital: DigitalOption = None,
    year: YearOption = None,
    tag: TagOption = None,
    query_text: QueryOption = None,
    format: FormatOption = None,
    wide: WideOption = False,
    columns: ColumnsOption = None,
) -> None:
    """Count innovations by sector, region, unit type, stage, form, year or award, with
    shares (and a bar per row in the table). Records without the field count under
    '(not recorded)'. The filters of 'list' narrow what is counted."""
    collection = load(ctx).collection
    criteria = innovation_filter(
        collection,
        region=region,
        sector=sector,
        award=award,
        stage=stage,
        form=form,
        unit_type=unit_type,
        digital=digital,
        year=year,
        tag=tag,
        query=query_text,
    )
    counted = query.select(collection, criteria)
    if not counted:
        err("no innovation(s) match")
    listing = views.stats_listing(counting.stats(collection, counted, by))
    emit(listing, format, wide=wide, columns=columns)
