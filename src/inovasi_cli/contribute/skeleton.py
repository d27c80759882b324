"""Skeletons for new records: well-commented YAML, filled from what the contributor gave.

Pure functions: they return text and never touch the disk. What is known goes in as a
value; a required field that is still unknown stays present but empty (``summary:``),
which ``inovasi validate`` reports as "expected text, found an empty value" until it is
filled; optional fields stay commented out, with the vocabulary to choose from.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from inovasi_cli.core.errors import UsageError
from inovasi_cli.core.paths import DATA_DIR, RECORD_KINDS
from inovasi_cli.core.text import MAX_SLUG, slugify
from inovasi_cli.records.vocabulary import Term, vocabulary

WIDTH = 88
VALUE_COLUMN = 26  # where inline comments start, so the file reads as two columns

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = re.compile(r"[A-Za-z\u00c0-\u024f][\w .,()/&+\-]*[\w.)]|[A-Za-z]", re.UNICODE)
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


_TYPE_PREFIX = re.compile(r"^(kabupaten|kab)-")


def region_id(name: str, region_type: str) -> str:
    """The collection's convention for region ids: a kabupaten drops its prefix
    (``Kabupaten Banggai`` -> ``banggai``), a kota and a provinsi keep theirs
    (``Kota Banjar`` -> ``kota-banjar``), so same-named regions stay apart."""
    slug = slugify(name)
    if region_type == "kabupaten":
        slug = _TYPE_PREFIX.sub("", slug)
    return slug


def clean_text(value: str, what: str) -> str:
    """A one-line value from the command line: trimmed, no control characters."""
    text = " ".join(value.split(" ")).strip()
    if _CONTROL.search(text):
        raise UsageError(f"{what}: write it on one line, without control characters")
    if not text:
        raise UsageError(f"{what}: must not be empty")
    return text


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as the same string: plain when that is
    unambiguous, else single-quoted."""
    if _CONTROL.search(text):
        raise UsageError("values must be on one line, without control characters")
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return "'" + text.replace("'", "''") + "'"


def _comment(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def schema_line(kind: str) -> str:
    """The editor hint: the schema path relative to a record of this kind
    (``regions``, ``innovations``, ``visits``), assuming ``schemas/`` beside ``data/``."""
    record_kind = RECORD_KINDS[kind]
    up = "../" * (record_kind.depth + 1)
    return f"# yaml-language-server: $schema={up}schemas/{record_kind.schema}.schema.json"


def _line(text: str, note: str = "") -> str:
    """A line with its note as an inline comment, notes aligned in one column."""
    return f"{text.ljust(VALUE_COLUMN)}  # {_comment(note)}" if note else text


def _field(key: str, value: str | None, note: str = "", *, indent: int = 0) -> list[str]:
    """One field: ``key: value  # note``; commented out (``# key:``) when value is None."""
    pad = " " * indent
    if value is None:
        line = f"{pad}# {key}:"
    else:
        line = f"{pad}{key}: {value}" if value else f"{pad}{key}:"
    return [_line(line, note)]


def _choices(terms: Sequence[Term], *, indent: int = 0, label: str = "one of") -> list[str]:
    """The vocabulary as wrapped comment lines: ``#   one of: a, b, c``."""
    text = f"{label}: " + ", ".join(t.value for t in terms)
    prefix = " " * indent + "#   "
    return textwrap.wrap(text, WIDTH, initial_indent=prefix, subsequent_indent=prefix + "  ")


def _term_note(terms: Sequence[Term], value: str) -> str:
    for term in terms:
        if term.value == value:
            return term.title
    return ""


def _header(kind: str, path: str, lines: Sequence[str], *, complete: bool = False) -> list[str]:
    intro = [schema_line(kind), *(f"# {_comment(line)}" for line in lines)]
    required = [
        "#   1. Fill every field marked REQUIRED: it is empty now, so 'inovasi validate'",
        "#      reports it until you do.",
    ]
    first = 1 if complete else 2
    return [
        *intro,
        "#",
        "# It is complete as it is; to add to it:" if complete else "# To finish this record:",
        *([] if complete else required),
        f"#   {first}. Optional fields are commented out: delete the '# ' in front of those you",
        "#      know, write the value after the colon, and leave the others as they are.",
        f"#   {first + 1}. Check it: inovasi validate {path}",
        "# The file's path is the record's id: never add 'id', 'slug' or 'region' fields.",
        "# Write text as it comes; put a value in quotes ('...') if it contains ': ' or ' #'.",
        "",
    ]


def _sources_block() -> list[str]:
    return [
        "sources:",
        _line("  - source:", "REQUIRED: the id of its file in data/sources/"),
        _line("    #", "(a new document: inovasi new source --title ... --kind ...)"),
        _line("    # locator: no. 3", "where in it: item number, paragraph, page"),
        _line("    # note: ...", "what this record takes from there, if worth saying"),
    ]


def _classified_block() -> list[str]:
    return [
        _line("# classified:", "values you assigned, which the source does not state,"),
        _line("#   form: ...", "each with its basis, e.g. 'layanan kepada masyarakat'"),
        _line("#", "fields: sector, other_sectors, unit, unit_type, form,"),
        _line("#", "digital, stage, initiator"),
    ]


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A new record: where it goes (relative to the collection root) and its text."""

    kind: str  # "regions", "innovations" or "visits"
    id: str
    path: str
    text: str
    complete: bool = False  # nothing REQUIRED is left to fill: it validates as it is


def record_path(kind: str, record_id: str) -> str:
    """Where a record of this kind (``innovations``...) and id lives, from the root."""
    return f"{DATA_DIR}/{RECORD_KINDS[kind].directory}/{record_id}.yaml"


def innovation(
    region: str,
    slug: str,
    name: str,
    sector: str | None,
    *,
    region_name: str = "",
    unit: str | None = None,
    unit_type: str | None = None,
) -> Skeleton:
    """A new innovation ``<region>/<slug>``: name (and the sector, when the contributor
    gave one) known, summary and a source still to write."""
    record_id = f"{region}/{slug}"
    path = record_path("innovations", record_id)
    sectors = vocabulary("innovation", "sector")
    unit_types = vocabulary("innovation", "unit_type")
    of = f" of {region_name}" if region_name else ""
    lines = _header("innovations", path, [f"Innovation {record_id}{of}."])
    lines += _field("name", yaml_scalar(name), "nama inovasi, as the source writes it")
    lines += _field("acronym", None, "short name, if it has one, e.g. PINASA")
    if unit is None:
        lines += _field("unit", None, "the unit that runs it, e.g. Dinas Kesehatan")
    else:
        lines += _field("unit", yaml_scalar(unit), "the unit that runs it")
    if unit_type is None:
        lines += _field("unit_type", None, "kind of unit")
        lines += _choices(unit_types)
    else:
        lines += _field("unit_type", unit_type, _term_note(unit_types, unit_type))
    if sector is None:
        lines += _field("sector", None, "urusan, e.g. kesehatan: only if the source states it")
        lines += [_line("#", "or you can give the basis of your classification below")]
    else:
        lines += _field("sector", sector, "urusan: " + _term_note(sectors, sector))
    lines += _field("other_sectors", None, "urusan beririsan: other sectors, same values")
    lines += ["#   - pendidikan"]
    lines += _field("form", None, "bentuk")
    lines += _choices(vocabulary("innovation", "form"))
    lines += _field("digital", None, "jenis: true (digital) or false (non digital)")
    lines += _field("stage", None, "tahapan")
    lines += _choices(vocabulary("innovation", "stage"))
    lines += _field("initiator", None, "inisiator")
    lines += _choices(vocabulary("innovation", "initiator"))
    lines += _classified_block()
    lines += _field("trial_date", None, "waktu uji coba: '2018', '2018-03' or '2018-03-01'")
    lines += _field("implementation_date", None, "waktu penerapan, in quotes like trial_date")
    lines += _field("summary", "", "REQUIRED: what it does, in Indonesian, as the source says it")
    for key, note in (
        ("goals", "tujuan: one item per line"),
        ("benefits", "manfaat"),
        ("results", "hasil inovasi"),
    ):
        lines += [*_field(key, None, note), "#   - ..."]
    lines += _field("tags", None, "lowercase words joined by hyphens")
    lines += ["#   - pelayanan-kesehatan"]
    lines += _field("competitions", None, "competitions it was entered in")
    awards = ", ".join(t.value for t in vocabulary("innovation", "award"))
    lines += [_line("#   - award: iga", f"one of: {awards}")]
    lines += ["#     year: 2019"]
    lines += _field("replication_of", None, "id of the innovation it copies, e.g. banggai/pinasa")
    lines += _sources_block()
    return Skeleton("innovations", record_id, path, "\n".join(lines) + "\n")


def visit_id(
    host: str, visitors: Sequence[str], *, date: str | None = None, max_length: int = MAX_SLUG
) -> str:
    """``<date>-<visitors>-ke-<host>``, the collection's convention for visit ids
    (``2019-07-polewali-mandar-ke-banggai``). Visitors are region ids or institution
    names; more than two read ``<first>-<second>-dan-lainnya``."""
    names = [slugify(v, max_length) for v in visitors]
    names = [n for n in names if n]
    if len(names) > 2:
        names = [*names[:2], "dan-lainnya"]
    who = slugify(" ".join(n.replace("-", " ") for n in names), max_length)
    parts = [p for p in (date, who, "ke", host) if p]
    return "-".join(parts)


def visit(
    record_id: str,
    host: str,
    *,
    visitor_regions: Sequence[str] = (),
    institutions: Sequence[str] = (),
    date: str | None = None,
    kind: str | None = None,
    names: dict[str, str] | None = None,
) -> Skeleton:
    """A new study visit: host, visitors and (if known) date and kind."""
    names = names or {}
    path = record_path("visits", record_id)
    kinds = vocabulary("visit", "visit_kind")
    lines = _header("visits", path, [f"Study visit {record_id}."])
    if date is None:
        lines += _field(
            "date", None, "'2019-07', as precise as known; the file name starts with it"
        )
    else:
        lines += _field("date", f"'{date}'", "as precise as known; the file name starts with it")
    if kind is None:
        lines += _field("kind", None, "what kind of visit")
        lines += _choices(kinds)
    else:
        lines += _field("kind", kind, _term_note(kinds, kind))
    lines += _field("host", host, names.get(host, "the region visited"))
    lines += _field("host_unit", None, "the unit that received them, e.g. BKPSDM")
    lines += ["visitors:"]
    for visitor in visitor_regions:
        lines += _field("- region", visitor, names.get(visitor, ""), indent=2)
        lines += _visitor_details()
    for institution in institutions:
        lines += _field("- institution", yaml_scalar(institution), "", indent=2)
        lines += _visitor_details()
    lines += _field("participants", None, "total size of the delegation")
    lines += _field("purpose", None, "why they came, in Indonesian, as the source says it")
    lines += _field("places", None, "places visited")
    lines += ["#   - Luwuk"]
    lines += _field("studied", None, "what they studied: an innovation id or a topic")
    lines += ["#   - innovation: banggai/pinasa", "#   - topic: SAKIP"]
    lines += _field("outcomes", None, "a replication that came of it")
    lines += [
        "#   - kind: replikasi",
        _line("#     innovation: banggai/pinasa", "the innovation copied"),
        _line("#     adopter: parigi-moutong", "the region that copied it"),
        _line("#     as: parigi-moutong/kukusa", "its own record, if there is one"),
    ]
    lines += _sources_block()
    return Skeleton("visits", record_id, path, "\n".join(lines) + "\n")


def _visitor_details() -> list[str]:
    return [
        _line("    # unit: Bagian Organisasi", "the visiting unit or group"),
        _line("    # leader:", "who led the delegation"),
        "    #   name: ...",
        "    #   title: Wakil Bupati",
        _line("    # participants: 20", "how many came from this visitor"),
    ]


def region(
    record_id: str,
    name: str,
    region_type: str,
    *,
    province: str | None = None,
    code: str | None = None,
    capital: str | None = None,
    cited: tuple[str, str, str] | None = None,
) -> Skeleton:
    """A new region: name, type and province known; a source still to cite, unless
    ``cited`` gives it (source id, locator, note: the registry the values come from)."""
    path = record_path("regions", record_id)
    types = vocabulary("region", "region_type")
    intro = [f"Region {record_id}: {name}."]
    if cited is not None:
        intro.append(f"Name, type, province and code are the registry's ({cited[0]}).")
    complete = cited is not None and (province is not None or region_type == "provinsi")
    lines = _header("regions", path, intro, complete=complete)
    lines += _field("name", yaml_scalar(name), "official name, e.g. Kabupaten Banggai")
    lines += _field("type", region_type, _term_note(types, region_type))
    if province is not None:
        lines += _field("province", yaml_scalar(province), "")
    elif region_type != "provinsi":
        lines += _field("province", "", "REQUIRED for a kabupaten or kota")
    if code is None:
        lines += _field("code", None, "Kemendagri code, in quotes: '72.01'")
    else:
        lines += _field("code", f"'{code}'", "Kemendagri code")
    if capital is None:
        lines += _field("capital", None, "seat of government, e.g. Luwuk")
    else:
        lines += _field("capital", yaml_scalar(capital), "seat of government")
    lines += _field("aliases", None, "other names and abbreviations")
    lines += ["#   - Polman"]
    lines += _field("facts", None, "facts about the region, each with its source")
    kinds = ", ".join(t.value for t in vocabulary("region", "fact_kind"))
    lines += [_line("#   - kind: iga", f"one of: {kinds}")]
    lines += [
        "#     year: 2019",
        "#     statement: Masuk 5 besar nasional Kabupaten Terinovatif.",
        "#     sources:",
        "#       - source: ...",
    ]
    if cited is None:
        lines += _sources_block()
    else:
        source_id, locator, note = cited
        lines += [
            "sources:",
            f"  - source: {source_id}",
            f"    locator: {yaml_scalar(locator)}",
            f"    note: {yaml_scalar(note)}",
            _line("  # - source: ...", "add the documents the facts come from"),
        ]
    return Skeleton("regions", record_id, path, "\n".join(lines) + "\n", complete)


def source(
    record_id: str,
    title: str,
    kind: str,
    *,
    language: str = "id",
    publisher: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Skeleton:
    """A new source of the bibliography: title and kind known, what it covers still to
    write. Records cite it as ``sources: - source: <id>``."""
    path = record_path("sources", record_id)
    kinds = vocabulary("source", "source_kind")
    lines = _header(
        "sources",
        path,
        [
            f"Source {record_id}: one document, described once.",
            f"Records cite it as 'sources: - source: {record_id}', with a locator.",
            "Leave out what the document does not show (a date, an author, an address).",
        ],
    )
    lines += _field("title", yaml_scalar(title), "as the document gives it")
    lines += _field("title_supplied", None, "true when it shows no title and you described it")
    lines += _field("kind", kind, _term_note(kinds, kind))
    lines += _field("language", yaml_scalar(language), "BCP 47: id (Indonesian), en (English)")
    for key, value, note in (
        ("publisher", publisher, "who published it, e.g. jatimnow.com"),
        ("author", None, "who wrote it, as the document says"),
        ("published", f"'{published}'" if published else None, "as precise as it shows, in quotes"),
        ("url", yaml_scalar(url) if url else None, "only when known: never reconstruct one"),
    ):
        lines += _field(key, yaml_scalar(value) if key == "publisher" and value else value, note)
    lines += _field("note_lang", None, "the note's language when not Indonesian: en, ...")
    lines += _field("note", "", "REQUIRED: what it covers, and how to locate things in it")
    return Skeleton("sources", record_id, path, "\n".join(lines) + "\n")
