"""inovasi new region: a region of the national registry (Kepmendagri 300.2.2-2138/2025),
by its code or its name, with the registry's name, type, province and code, citing the
decree."""

from __future__ import annotations

from typing import Annotated

import typer

from inovasi_cli.cli import new_inputs as inputs
from inovasi_cli.cli.common import err, guard
from inovasi_cli.cli.new_files import writable_root, write_record
from inovasi_cli.contribute import conflicts, skeleton
from inovasi_cli.core.errors import OutputExistsError, UsageError
from inovasi_cli.query.resolve import (
    labelled,
    resolve_province,
    resolve_registry_region,
    resolve_term,
)
from inovasi_cli.records.registry import CITATION_NOTE, SOURCE_ID, SOURCE_TEXT, RegistryRegion
from inovasi_cli.records.vocabulary import vocabulary
from inovasi_cli.validation.checks import rules


@guard
def new_region(
    ctx: typer.Context,
    region_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Region id, e.g. kota-palu. Default: from the name "
            "('Kabupaten Banggai' -> banggai, 'Kota Palu' -> kota-palu).",
            show_default=False,
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code", help="Kemendagri code, e.g. 32.11 (72 for a province).", show_default=False
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            "-n",
            help="Name, e.g. 'Kabupaten Sumedang' or 'Sumedang' (any case).",
            show_default=False,
        ),
    ] = None,
    type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            help="kabupaten, kota or provinsi: picks among same-named regions; it must "
            "agree with the registry.",
            show_default=False,
        ),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            "-p",
            help="Province (a check: it must agree with the registry).",
            show_default=False,
        ),
    ] = None,
    capital: Annotated[
        str | None,
        typer.Option("--capital", help="Seat of government, e.g. Luwuk.", show_default=False),
    ] = None,
) -> None:
    """Start a new region from the national registry: data/regions/<id>.yaml.

    Give its Kemendagri --code or its --name: the registry (Kepmendagri
    300.2.2-2138/2025) fills the official name, type, province and code, and the record
    cites the decree (its entry in data/sources/ is added when the collection lacks it).
    A name shared by several regions lists them; an unknown code or name suggests the
    nearest. Never overwrites an existing region, nor adds one whose name or code is
    already recorded under another id.
    """
    root, collection, records = writable_root(ctx)
    asker = inputs.Asker("region")
    type_value = None
    if type is not None:
        with labelled("--type"):
            type_value = resolve_term("region type", type, vocabulary("region", "region_type"))
    entry = _entry(asker, code, name, type_value)
    _agrees(entry, type_value, province)
    capital_text = asker.optional(
        capital, "Seat of government, e.g. Luwuk", inputs.text("--capital")
    )
    record_id = (
        inputs.slug(region_id)
        if region_id is not None
        else skeleton.region_id(entry.name, entry.type)
    )
    for _, problem in rules.region_type_problems(record_id, entry.name, entry.type, entry.code):
        raise inputs.refused(problem, f"id {record_id}")
    conflict = conflicts.region_conflict(
        collection, inputs.ids(records, "region"), record_id, entry.name, entry.code
    )
    if conflict:
        raise OutputExistsError(conflict)
    record = skeleton.region(
        record_id,
        entry.name,
        entry.type,
        province=entry.province,
        code=entry.code,
        capital=capital_text,
        cited=(SOURCE_ID, entry.code, CITATION_NOTE),
    )
    if SOURCE_ID not in inputs.ids(records, "source"):
        source = skeleton.Skeleton(
            "sources", SOURCE_ID, skeleton.record_path("sources", SOURCE_ID), SOURCE_TEXT
        )
        write_record(root, source, announce=False)
        err(f"inovasi: note: added the registry's decree to the bibliography: {source.path}")
    write_record(root, record)


def _entry(
    asker: inputs.Asker, code: str | None, name: str | None, region_type: str | None
) -> RegistryRegion:
    """The registry's region for the --code and --name given (asked for on a terminal)."""
    if code is None and name is None:
        name = asker.essential(None, "--code or --name", "Kemendagri code or name", str.strip)
    label = "--name" if code is None else "--code"
    with labelled(label):
        if code is not None:
            return resolve_registry_region(name or "", region_type, code=code)
        return resolve_registry_region(name or "", region_type)


def _agrees(entry: RegistryRegion, region_type: str | None, province: str | None) -> None:
    """--type and --province, when given, say what the registry says."""
    if region_type is not None:
        problems = rules.region_type_problems(
            "kota-x" if region_type == "kota" else "x", entry.name, region_type, entry.code
        )
        for _, problem in problems:
            raise inputs.refused(problem, "--type")
    if province is not None:
        if entry.province is None:
            raise UsageError(f"--province: {entry.name} is a province itself")
        with labelled("--province"):
            given = resolve_province(province)
        for _, problem in rules.registry_problems(entry.name, given, entry):
            raise inputs.refused(problem, "--province")
