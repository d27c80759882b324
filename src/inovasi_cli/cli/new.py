"""inovasi new innovation|visit|region|source: start a record from a commented skeleton."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from inovasi_cli.cli import new_inputs as inputs
from inovasi_cli.cli.common import err, guard
from inovasi_cli.cli.new_files import writable_root, write_record
from inovasi_cli.cli.new_region import new_region
from inovasi_cli.cli.new_source import new_source
from inovasi_cli.cli.usage import Command, Group
from inovasi_cli.contribute import conflicts, skeleton
from inovasi_cli.core.errors import OutputExistsError, UsageError
from inovasi_cli.core.text import slugify

new_app = typer.Typer(
    name="new",
    help="Start a new record: write a commented skeleton at the right path (never over "
    "an existing file) and print that path.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    cls=Group,
)


@guard
def new_innovation(
    ctx: typer.Context,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            "-r",
            help="Region that runs it: id or name, e.g. banggai.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            "-n",
            help="Name of the innovation, as the source writes it.",
            show_default=False,
        ),
    ] = None,
    sector: Annotated[
        str | None,
        typer.Option(
            "--sector",
            "-s",
            help="Urusan pemerintahan, e.g. kesehatan (an alias or title also works). "
            "Optional: leave it out when the source does not state it.",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Implementing unit, e.g. 'Dinas Kesehatan'.", show_default=False
        ),
    ] = None,
    unit_type: Annotated[
        str | None,
        typer.Option(
            "--unit-type",
            help="Kind of unit, e.g. perangkat-daerah, puskesmas.",
            show_default=False,
        ),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug",
            help="File name (id within the region). Default: from the name.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a new innovation: data/innovations/<region>/<slug>.yaml.

    The file has the name (and sector, when given) filled in, an empty 'summary' and
    source to cite (validation fails until they are filled), and the optional fields
    commented out with the values to choose from. It never overwrites or shadows an
    existing record.
    """
    root, collection, records = writable_root(ctx)
    asker = inputs.Asker("innovation")
    region_id = asker.essential(
        region, "--region", "Region (id or name)", inputs.region(collection, records, "--region")
    )
    name_text = asker.essential(name, "--name", "Name of the innovation", inputs.text("--name"))
    sector_value = asker.optional(
        sector,
        "Sector (urusan) the source states, e.g. kesehatan",
        inputs.term("sector", "innovation", "sector"),
    )
    unit_text = asker.optional(
        unit, "Implementing unit, e.g. Dinas Kesehatan", inputs.text("--unit")
    )
    unit_type_value = asker.optional(
        unit_type,
        "Kind of unit, e.g. perangkat-daerah",
        inputs.term("unit type", "innovation", "unit_type"),
    )
    slug_text = inputs.slug(slug) if slug is not None else slugify(name_text)
    if not slug_text:
        raise UsageError(f"cannot make a file name from '{name_text}'; give one with --slug")
    conflict = conflicts.innovation_conflict(
        collection, inputs.ids(records, "innovation"), region_id, slug_text, name_text
    )
    if conflict:
        raise OutputExistsError(conflict)
    record = skeleton.innovation(
        region_id,
        slug_text,
        name_text,
        sector_value,
        region_name=collection.region_name(region_id),
        unit=unit_text,
        unit_type=unit_type_value,
    )
    write_record(root, record)


@guard
def new_visit(
    ctx: typer.Context,
    host: Annotated[
        str | None,
        typer.Option(
            "--host", help="Region visited: id or name, e.g. banggai.", show_default=False
        ),
    ] = None,
    visitor: Annotated[
        list[str] | None,
        typer.Option(
            "--visitor",
            help="Visiting region (id or name); repeat for each region.",
            show_default=False,
        ),
    ] = None,
    institution: Annotated[
        list[str] | None,
        typer.Option(
            "--institution",
            help="Visiting institution that is not a region, e.g. 'Kemensetneg'; repeatable.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date as precise as known: 2019, 2019-07 or 2019-07-18.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="studi-banding, kaji-banding, kaji-tiru, benchmarking or kunjungan-kerja.",
            show_default=False,
        ),
    ] = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--slug",
            help="File name (visit id). Default: <date>-<visitors>-ke-<host>.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a new study visit: data/visits/<id>.yaml.

    The id is <date>-<visitors>-ke-<host>, e.g. 2019-07-polewali-mandar-ke-banggai.

    Host and visitors must be regions in the collection (or, for visitors, institutions
    given with --institution). Never overwrites an existing record; warns when a recorded
    visit looks like the same event.
    """
    root, collection, records = writable_root(ctx)
    asker = inputs.Asker("visit")
    host_id = asker.essential(
        host, "--host", "Host region (id or name)", inputs.region(collection, records, "--host")
    )
    institutions = [skeleton.clean_text(i, "--institution") for i in institution or ()]
    check_visitor = inputs.region(collection, records, "--visitor")
    if visitor:
        visitors = [check_visitor(v) for v in visitor]
    elif institutions:
        visitors = []
    else:
        visitors = [
            asker.essential(None, "--visitor", "Visiting region (id or name)", check_visitor)
        ]
    visitors = inputs.visitors_besides(host_id, visitors)
    date_text = asker.optional(
        date, "Date: 2019, 2019-07 or 2019-07-18", inputs.date(dt.date.today())
    )
    kind_value = asker.optional(
        kind, "Kind of visit, e.g. studi-banding", inputs.term("visit kind", "visit", "visit_kind")
    )
    record_id = (
        inputs.slug(slug)
        if slug is not None
        else skeleton.visit_id(host_id, [*visitors, *institutions], date=date_text)
    )
    inputs.check_visit_id(record_id, date_text)
    conflict = conflicts.visit_conflict(inputs.ids(records, "visit"), record_id)
    if conflict:
        raise OutputExistsError(conflict)
    for similar in conflicts.similar_visits(collection, host_id, visitors, date_text):
        err(
            f"inovasi: note: {collection.visits[similar].path} records a visit of the same "
            f"region(s) to {host_id}; if it is the same visit, edit that file instead"
        )
    names = {r: collection.region_name(r) for r in (host_id, *visitors)}
    record = skeleton.visit(
        record_id,
        host_id,
        visitor_regions=visitors,
        institutions=institutions,
        date=date_text,
        kind=kind_value,
        names=names,
    )
    write_record(root, record)


new_app.command("innovation", cls=Command)(new_innovation)
new_app.command("visit", cls=Command)(new_visit)
new_app.command("region", cls=Command)(new_region)
new_app.command("source", cls=Command)(new_source)
