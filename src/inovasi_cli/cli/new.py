"""inovasi new innovation|visit|region: start a record from a commented skeleton."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from inovasi_cli import paths, skeleton
from inovasi_cli.checks import SLUG, fold, parse_partial_date
from inovasi_cli.cli.common import err, guard, root_of
from inovasi_cli.collection import Collection
from inovasi_cli.errors import OutputExistsError, UsageError
from inovasi_cli.output import create_exclusive
from inovasi_cli.query import resolve_region, resolve_term
from inovasi_cli.schema import vocabulary
from inovasi_cli.validation import load_collection

new_app = typer.Typer(
    name="new",
    help="Start a new record: write a commented skeleton at the right path (never over "
    "an existing file) and print that path.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")


def _interactive() -> bool:
    """Questions only on a terminal: in a script or CI a missing flag is a usage error."""
    return sys.stdin.isatty()


class _Asker:
    """Fills what the flags left out: by asking on a terminal, else by refusing."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.interactive = _interactive()
        self.asked = False

    def essential(
        self, value: str | None, option: str, question: str, check: Callable[[str], str]
    ) -> str:
        if value is not None:
            return check(value)
        if not self.interactive:
            raise UsageError(
                f"missing {option}; see 'inovasi new {self.command} --help' "
                "(on a terminal, inovasi asks for what is missing)"
            )
        self.asked = True
        return self._ask(question, check, optional=False) or ""

    def optional(self, value: str | None, question: str, check: Callable[[str], str]) -> str | None:
        """Checked when given; asked (Enter skips) only when the user is already answering
        questions, so a full command line on a terminal runs without a prompt."""
        if value is not None:
            return check(value)
        if not (self.interactive and self.asked):
            return None
        return self._ask(f"{question} (Enter to skip)", check, optional=True)

    @staticmethod
    def _ask(question: str, check: Callable[[str], str], *, optional: bool) -> str | None:
        while True:
            answer: str = typer.prompt(
                question, default="" if optional else None, show_default=False, err=True
            )
            if optional and not answer.strip():
                return None
            try:
                return check(answer)
            except UsageError as exc:
                err(f"  {exc}")


def _text(what: str) -> Callable[[str], str]:
    return lambda value: skeleton.clean_text(value, what)


def _term(what: str, schema_name: str, defs_name: str) -> Callable[[str], str]:
    terms = vocabulary(schema_name, defs_name)
    return lambda value: resolve_term(what, value, terms)


def _region(collection: Collection, what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            return resolve_region(collection, value)
        except UsageError as exc:
            raise UsageError(
                f"{what}: {exc} (to add a region: inovasi new region --name ... --type ...)"
            ) from None

    return check


def _slug(value: str) -> str:
    text = value.strip()
    if not SLUG.fullmatch(text):
        better = skeleton.slugify(text)
        hint = f"; e.g. '{better}'" if better else ""
        raise UsageError(
            f"'{text}' is not a valid id: use lowercase ASCII letters, digits and single "
            f"hyphens{hint}"
        )
    return text


def _date(value: str) -> str:
    text = value.strip()
    if not _DATE.fullmatch(text):
        raise UsageError(f"date '{text}': write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-07")
    problem = parse_partial_date(text)
    if problem:
        raise UsageError(f"date '{text}' is not a calendar date ({problem})")
    return text


def _code(value: str) -> str:
    text = value.strip()
    if not _CODE.fullmatch(text):
        raise UsageError(
            f"code '{text}': write the Kemendagri code, e.g. 72.01 (or 72 for a province)"
        )
    return text


def _writable_root(
    ctx: typer.Context,
) -> tuple[paths.CollectionRoot, Collection, list[paths.RecordFile]]:
    root = root_of(ctx)
    if root.origin == "bundled":
        raise UsageError(
            "no collection here to add to: run inside your copy of the collection "
            "(the folder holding data/), or pass --root DIR"
        )
    records, _ = paths.discover(root.path)
    return root, load_collection(root.path).collection, records


def _ids(records: list[paths.RecordFile], kind: str) -> list[str]:
    return [r.id for r in records if r.kind.name == kind]


def _write(root: paths.CollectionRoot, record: skeleton.Skeleton) -> None:
    target = root.path / record.path
    try:
        create_exclusive(target, record.text)
    except OutputExistsError:
        raise OutputExistsError(f"{record.path} already exists; it was left untouched") from None
    shown = _shown(target)
    typer.echo(shown)
    err(f"Created {record.kind[:-1]} {record.id}.")
    err("Next: open the file, fill the fields marked REQUIRED, then check it with")
    err(f"  inovasi validate {shown}")


def _shown(path: Path) -> str:
    """The path as the user can type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


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
            help="Urusan pemerintahan, e.g. kesehatan (an alias or title also works).",
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

    The file has the name and sector filled in, an empty 'summary' and source title to
    write (validation fails until they are filled), and the optional fields commented out
    with the values to choose from. It never overwrites or shadows an existing record.
    """
    root, collection, records = _writable_root(ctx)
    asker = _Asker("innovation")
    region_id = asker.essential(
        region, "--region", "Region (id or name)", _region(collection, "--region")
    )
    name_text = asker.essential(name, "--name", "Name of the innovation", _text("--name"))
    sector_value = asker.essential(
        sector,
        "--sector",
        "Sector (urusan), e.g. kesehatan",
        _term("sector", "innovation", "sector"),
    )
    unit_text = asker.optional(unit, "Implementing unit, e.g. Dinas Kesehatan", _text("--unit"))
    unit_type_value = asker.optional(
        unit_type,
        "Kind of unit, e.g. perangkat-daerah",
        _term("unit type", "innovation", "unit_type"),
    )
    slug_text = _slug(slug) if slug is not None else skeleton.slugify(name_text)
    if not slug_text:
        raise UsageError(f"cannot make a file name from '{name_text}'; give one with --slug")
    conflict = skeleton.innovation_conflict(
        collection, _ids(records, "innovation"), region_id, slug_text, name_text
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
    _write(root, record)


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
    root, collection, records = _writable_root(ctx)
    asker = _Asker("visit")
    host_id = asker.essential(
        host, "--host", "Host region (id or name)", _region(collection, "--host")
    )
    institutions = [skeleton.clean_text(i, "--institution") for i in institution or ()]
    check_visitor = _region(collection, "--visitor")
    if visitor:
        visitors = [check_visitor(v) for v in visitor]
    elif institutions:
        visitors = []
    else:
        visitors = [
            asker.essential(None, "--visitor", "Visiting region (id or name)", check_visitor)
        ]
    visitors = list(dict.fromkeys(visitors))
    if host_id in visitors:
        raise UsageError(f"{host_id} cannot be both the host and a visitor")
    date_text = asker.optional(date, "Date: 2019, 2019-07 or 2019-07-18", _date)
    if date_text is not None and date_text > _today()[: len(date_text)]:
        raise UsageError(
            f"date {date_text} is in the future; record visits once they have happened"
        )
    kind_value = asker.optional(
        kind, "Kind of visit, e.g. studi-banding", _term("visit kind", "visit", "visit_kind")
    )
    record_id = (
        _slug(slug)
        if slug is not None
        else skeleton.visit_id(host_id, [*visitors, *institutions], date=date_text)
    )
    if date_text and not record_id.startswith(f"{date_text}-"):
        raise UsageError(f"the visit id must start with its date: '{date_text}-...'")
    conflict = skeleton.visit_conflict(_ids(records, "visit"), record_id)
    if conflict:
        raise OutputExistsError(conflict)
    for similar in skeleton.similar_visits(collection, host_id, visitors, date_text):
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
    _write(root, record)


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


@guard
def new_region(
    ctx: typer.Context,
    region_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Region id, e.g. kota-palu. Default: from the name "
            "('Kabupaten Banggai' -> banggai).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", "-n", help="Official name, e.g. 'Kabupaten Banggai'.", show_default=False
        ),
    ] = None,
    type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="kabupaten, kota or provinsi.", show_default=False),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province", "-p", help="Province name (for a kabupaten or kota).", show_default=False
        ),
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Kemendagri code, e.g. 72.01.", show_default=False)
    ] = None,
    capital: Annotated[
        str | None,
        typer.Option("--capital", help="Seat of government, e.g. Luwuk.", show_default=False),
    ] = None,
) -> None:
    """Start a new region: data/regions/<id>.yaml.

    Never overwrites an existing region, nor adds one whose name or code is already
    recorded under another id.
    """
    root, collection, records = _writable_root(ctx)
    asker = _Asker("region")
    name_text = asker.essential(
        name, "--name", "Official name, e.g. Kabupaten Banggai", _text("--name")
    )
    type_value = asker.essential(
        type,
        "--type",
        "Type: kabupaten, kota or provinsi",
        _term("region type", "region", "region_type"),
    )
    province_text = None
    if type_value != "provinsi":
        province_text = asker.essential(
            province, "--province", "Province, e.g. Sulawesi Tengah", _province(collection)
        )
    elif province is not None:
        raise UsageError("a provinsi has no --province")
    code_text = asker.optional(code, "Kemendagri code, e.g. 72.01", _code)
    if code_text is not None and (type_value == "provinsi") == ("." in code_text):
        form = "PP (two digits)" if type_value == "provinsi" else "PP.KK, e.g. 72.01"
        raise UsageError(f"code {code_text}: a {type_value} code has the form {form}")
    capital_text = asker.optional(capital, "Seat of government, e.g. Luwuk", _text("--capital"))
    record_id = (
        _slug(region_id) if region_id is not None else skeleton.region_id(name_text, type_value)
    )
    if not record_id:
        raise UsageError(f"cannot make an id from '{name_text}'; give one as the ID argument")
    conflict = skeleton.region_conflict(
        collection, _ids(records, "region"), record_id, name_text, code_text
    )
    if conflict:
        raise OutputExistsError(conflict)
    record = skeleton.region(
        record_id,
        name_text,
        type_value,
        province=province_text,
        code=code_text,
        capital=capital_text,
    )
    _write(root, record)


def _province(collection: Collection) -> Callable[[str], str]:
    """Free text, but spelled as the collection already spells it when it is the same
    province written another way ('sulawesi tengah')."""
    known = {fold(r.province): r.province for r in collection.regions.values() if r.province}

    def check(value: str) -> str:
        text = skeleton.clean_text(value, "--province")
        return known.get(fold(text), text)

    return check


new_app.command("innovation")(new_innovation)
new_app.command("visit")(new_visit)
new_app.command("region")(new_region)
