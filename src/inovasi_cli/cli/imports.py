"""inovasi import innovations|results: records from a worksheet (.csv or .xlsx), all or
nothing, every finding named by its row or cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli.cli import new_inputs as inputs
from inovasi_cli.cli import streams
from inovasi_cli.cli.common import EXIT_FINDINGS, err, guard
from inovasi_cli.cli.new_files import shown_path, writable_root, write_batch
from inovasi_cli.cli.usage import Command, Group
from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.findings import Finding, count_errors, sort_findings
from inovasi_cli.core.paths import CollectionRoot, RecordFile
from inovasi_cli.records.collection import Collection
from inovasi_cli.validation.reporters import REPORTERS, FindingsFormat

import_app = typer.Typer(
    name="import",
    help="Add records from a worksheet (.csv or .xlsx): innovations as the ministry's "
    "profile form lists them, or the published IID results. All or nothing.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    cls=Group,
)


@import_app.callback()
def _group() -> None:
    """Add records from a worksheet (.csv or .xlsx): innovations as the ministry's
    profile form lists them, or the published IID results. All or nothing."""


FileArgument = Annotated[
    Path,
    typer.Argument(metavar="FILE", help="The worksheet: a .csv or .xlsx file.", show_default=False),
]
SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="The sheet of a workbook to read (default: the first).", show_default=False
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="A CSV's text encoding when it is not UTF-8, e.g. cp1252 (a BOM is read by itself).",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Check everything and list what would be written.")
]
FormatOption = Annotated[
    FindingsFormat,
    typer.Option(
        "--format",
        "-f",
        help="How findings are shown: text, json or github (as in validate).",
    ),
]


def finish(
    root: CollectionRoot,
    files: dict[str, str],
    findings: list[Finding],
    *,
    fmt: FindingsFormat,
    dry_run: bool,
    what: str,
    changed: dict[str, str] | None = None,
    originals: dict[str, str] | None = None,
) -> None:
    """Report the findings; create every file of ``files`` and give each of ``changed``
    its new text, or do nothing; say what was (or would be) done."""
    from inovasi_cli.cli.new_files import replace_batch

    changed = changed or {}
    ordered = sort_findings(findings)
    if ordered or fmt is not FindingsFormat.TEXT:
        streams.write_out(REPORTERS[fmt](ordered, len(files)))
    errors = count_errors(ordered)
    if errors:
        err(f"inovasi: {errors} error(s): nothing written; fix the sheet and import it again")
        raise typer.Exit(EXIT_FINDINGS)
    if dry_run:
        for display in [*files, *changed]:
            streams.write_out(display + "\n")
        err(f"dry run: {what}; nothing written")
        return
    written = write_batch(root, files)
    try:
        written += replace_batch(root, originals or {}, changed)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    for path in written:
        if fmt is FindingsFormat.TEXT:
            streams.write_out(shown_path(path) + "\n")
    err(f"wrote {what}")


@guard
def import_innovations(
    ctx: typer.Context,
    file: FileArgument,
    region: Annotated[
        str,
        typer.Option(
            "--region",
            "-r",
            help="The region whose innovations these are: id or name.",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Cite this source of data/sources/ (its id) instead of adding one for the "
            "workbook.",
            show_default=False,
        ),
    ] = None,
    sheet: SheetOption = None,
    encoding: EncodingOption = None,
    dry_run: DryRunOption = False,
    format: FormatOption = FindingsFormat.TEXT,
) -> None:
    """Import innovations from a worksheet: one row per innovation.

    Columns as the ministry's profile form names them (Nama Inovasi, Tahapan, Inisiator,
    Jenis, Bentuk, Urusan Utama, Urusan Beririsan, Waktu Uji Coba, Waktu Penerapan,
    Rancang Bangun, Tujuan, Manfaat, Hasil Inovasi, Anggaran), in any case, or the
    records' own field names; values as people type them ('Uji Coba', 'Non Digital',
    'Kesehatan', 10/01/2023). Each record cites the workbook (a new data/sources/ entry,
    or --source), its row as the locator. All or nothing: any bad row writes nothing,
    and every finding names its row or cell. Never overwrites a record.
    """
    from inovasi_cli.contribute import import_innovations as importer
    from inovasi_cli.records.sheets import read_sheet
    from inovasi_cli.validation.candidates import check_candidates

    streams.require_stdout()  # before the work: what is written is named there
    root, collection, records = writable_root(ctx)
    region_id = inputs.region(collection, records, "--region")(region)
    table = read_sheet(file, sheet=sheet, encoding=encoding, prefer="innovations")
    source_id, source_file = _source(collection, records, file, source)
    companion = None
    if "classifications" in table.sheets and table.name == "innovations":  # an export
        companion = read_sheet(file, sheet="classifications")
    planned = importer.plan(
        table,
        collection,
        inputs.ids(records, "innovation"),
        region=region_id,
        source=source_id,
        classified=importer.export_classifications(companion),
    )
    files = {p.display: p.text for p in planned.records}
    findings = list(planned.findings)
    if not planned.records and not findings:
        raise UsageError(f"{file}: no rows to import below the header")
    if source_file is not None:
        files[source_file[0]] = source_file[1](len(planned.records), table.name)
    checked = check_candidates(root.path, files)
    for record in planned.records:
        mine = [f for f in checked.findings if f.path == record.display]
        findings += importer.cell_findings(record, mine, planned.header_of)
    findings += [f for f in checked.findings if source_file and f.path == source_file[0]]
    ignored = importer.ignored_warning(table, planned.ignored)
    findings += [ignored] if ignored else []
    count = len(planned.records)
    finish(
        root,
        files,
        findings,
        fmt=format,
        dry_run=dry_run,
        what=f"{count} innovation(s) of {region_id} from {file.name}, citing {source_id}",
    )


def _source(
    collection: Collection, records: list[RecordFile], file: Path, given: str | None
) -> tuple[str, tuple[str, Callable[[int, str | None], str]] | None]:
    """The source the imported records cite: --source, else a new entry for the
    workbook (its display path, and how to write it once the rows are counted)."""
    from inovasi_cli.contribute.import_innovations import source_entry
    from inovasi_cli.contribute.skeleton import record_path, schema_line
    from inovasi_cli.core.text import slugify
    from inovasi_cli.query.resolve import labelled, resolve_term
    from inovasi_cli.records.vocabulary import Term
    from inovasi_cli.records.yaml_write import record_text

    known = inputs.ids(records, "source")
    if given is not None:
        with labelled("--source"):
            found = resolve_term("source", given, tuple(Term(i, i, i) for i in sorted(known)))
        return found, None
    source_id = slugify(f"lembar kerja {file.stem}")
    if source_id in known:
        raise UsageError(
            f"data/sources/{source_id}.yaml exists; if it describes {file.name}, cite it "
            f"with --source {source_id}"
        )

    def text(rows: int, sheet: str | None) -> str:
        return record_text(source_entry(file.name, sheet, rows), [schema_line("sources")])

    return source_id, (record_path("sources", source_id), text)


@guard
def import_results(
    ctx: typer.Context,
    file: FileArgument,
    sheet: SheetOption = None,
    encoding: EncodingOption = None,
    dry_run: DryRunOption = False,
    format: FormatOption = FindingsFormat.TEXT,
) -> None:
    """Import the ministry's published IID results: one row per region.

    Columns: Tahun, Kode (or Daerah: the region's name), Nilai (the IID score),
    Predikat, Peringkat Nasional, Peringkat (in its group) and Klaster, Jumlah Inovasi,
    Nomor Keputusan, Tanggal Keputusan (or the English field names). Each row becomes an
    'iga' fact of the region citing the decree, which gets its own entry in
    data/sources/; a region the collection lacks is added from the national registry.
    All or nothing; a result already recorded is a finding.
    """
    from inovasi_cli.contribute import import_results as importer
    from inovasi_cli.records.loader import load_bytes
    from inovasi_cli.records.sheets import read_sheet
    from inovasi_cli.validation.candidates import check_candidates

    streams.require_stdout()  # before the work: what is written is named there
    root, collection, records = writable_root(ctx)
    table = read_sheet(file, sheet=sheet, encoding=encoding)

    def read(display: str) -> str:
        return (root.path / display).read_text(encoding="utf-8")

    planned = importer.plan(table, collection, set(inputs.ids(records, "source")), read)
    findings = list(planned.findings)
    if not planned.texts and not findings:
        raise UsageError(f"{file}: no rows to import below the header")
    if planned.texts:
        checked = check_candidates(root.path, planned.texts)
        for display, text in planned.texts.items():
            mine = [f for f in checked.findings if f.path == display]
            data = load_bytes(text.encode("utf-8"), display).data
            findings += importer.pin(planned, display, mine, data)
    created = {d: t for d, t in planned.texts.items() if d not in planned.originals}
    changed = {d: t for d, t in planned.texts.items() if d in planned.originals}
    what = (
        f"{planned.facts} result(s) from {file.name}: {len(changed)} region(s) changed, "
        f"{len(planned.new_regions)} added from the registry"
    )
    finish(
        root,
        created,
        findings,
        fmt=format,
        dry_run=dry_run,
        what=what,
        changed=changed,
        originals=planned.originals,
    )


import_app.command("innovations", cls=Command)(import_innovations)
import_app.command("results", cls=Command)(import_results)
