"""Property-based tests: random and mutated input never crashes inovasi.

The loader gets random bytes, YAML-ish text and mutations of every shipped record; the
validator gets a collection with one mutated file; every renderer (the read formats, the
profile views, the export writers, the reports, the validation reporters) gets valid
records full of random text. The only outcomes allowed are a result, findings, or an
``InovasiError`` (a clear message and an exit code): never another exception.

Budgets: ``make test`` runs a few examples per property, derandomised so the suite stays
deterministic. ``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``) runs 10,000 loader examples and
proportionally more of the others, with fresh randomness each run; a failure prints the
example and a ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO
from inovasi_cli.core.errors import InovasiError
from inovasi_cli.core.findings import Finding, Severity
from inovasi_cli.export import tables
from inovasi_cli.export import writers as export
from inovasi_cli.output import formats, views
from inovasi_cli.query import stats
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.loader import MAX_DEPTH, load_bytes
from inovasi_cli.records.vocabulary import vocabulary
from inovasi_cli.reports.common import ReportContext
from inovasi_cli.reports.environment import build_environment
from inovasi_cli.reports.formats import FORMATS, Lang, ReportFormat
from inovasi_cli.reports.labels import Labels
from inovasi_cli.reports.render import template_mapping, tidy
from inovasi_cli.validation import reporters
from inovasi_cli.validation.pipeline import load_collection

# --- budgets ---------------------------------------------------------------------------------

FUZZ = os.environ.get("HYPOTHESIS_PROFILE", "") in {"fuzz", "ci"}
_COMMON: dict[str, Any] = {
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("inovasi-quick", derandomize=True, **_COMMON)
# Fresh examples on a developer's machine; in CI (CI=true) a fixed sequence, so a landing
# never depends on luck. Either way a failure prints a blob that reproduces it.
settings.register_profile(
    "fuzz", derandomize=os.environ.get("CI") == "true", print_blob=True, **_COMMON
)
settings.register_profile("ci", parent=settings.get_profile("fuzz"))
PROFILE = settings.get_profile("fuzz" if FUZZ else "inovasi-quick")


def budget(quick: int, fuzz: int) -> settings:
    """Examples for one property: ``quick`` in ``make test``, ``fuzz`` in ``make fuzz``."""
    return settings(PROFILE, max_examples=fuzz if FUZZ else quick)


# --- inputs ----------------------------------------------------------------------------------

SHIPPED = sorted({*REPO.glob("data/**/*.yaml"), *EXAMPLES.glob("valid/data/**/*.yaml")})
SHIPPED_BYTES = [p.read_bytes() for p in SHIPPED]
# Fragments that matter to a YAML parser, an encoder or a terminal.
FRAGMENTS = [
    b": ", b"- ", b"[", b"]", b"{", b"}", b", ", b"&a ", b"*a", b"!!python/object/apply:os.system ",
    b"!x ", b"'", b'"', b"#", b"\t", b"\n", b"  ", b"|\n", b">-\n", b"%YAML 1.1\n", b"---\n",
    b"...\n", b"@", b"`", b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xe2\x80", b"<<: ", b"? ", b"no",
    b"on", b"1e999", b"9" * 60, b"9" * 5000, b"0755", b"12:30", b"72.10", b"~", b"\\", b"\\e",
    "\u202e".encode(), b"\x1b[31m", b"\r", b"\r\n", b"\xc2\x85", b"\x07", "\u2028".encode(),
    b"[" * 40, b"{a: " * 40,
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A shipped record with a few byte-level edits."""
    raw = bytearray(draw(st.sampled_from(SHIPPED_BYTES)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        op = draw(st.sampled_from(["insert", "replace", "delete", "truncate", "lines", "flip"]))
        if op == "insert":
            raw[at:at] = draw(st.sampled_from(FRAGMENTS) | st.binary(min_size=1, max_size=8))
        elif op == "replace":
            raw[at : at + draw(st.integers(1, 8))] = draw(st.sampled_from(FRAGMENTS))
        elif op == "delete":
            del raw[at : at + draw(st.integers(1, 20))]
        elif op == "truncate":
            del raw[at:]
        elif op == "flip" and raw:
            raw[min(at, len(raw) - 1)] ^= 1 << draw(st.integers(0, 7))
        else:  # duplicate, drop or move a line
            lines = bytes(raw).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            action = draw(st.sampled_from(["duplicate", "drop", "move"]))
            if action == "duplicate":
                lines.insert(j, lines[i])
            elif action == "drop":
                del lines[i]
            else:
                lines.insert(j, lines.pop(i))
            raw = bytearray(b"\n".join(lines))
    return bytes(raw)


yamlish = st.text(
    st.sampled_from(list(":-[]{},&*!'\"#|>%@`?~\\\t\n ") + list("abc019.eE+") + ["\u202e", "é"]),
    max_size=200,
).map(lambda s: s.encode("utf-8"))
hostile_bytes = st.binary(max_size=2000) | mutated() | yamlish


def _check_document(raw: bytes, doc: Any) -> None:
    assert doc.data is None or isinstance(doc.data, dict)
    if doc.data is not None:
        # Loaded values are plain JSON: no infinities, no objects built from tags.
        json.dumps(doc.data, allow_nan=False)
    # Positions count lines as YAML does: CR, LF, CRLF, NEL, U+2028 and U+2029 each end one;
    # a position may stand just past the end of the file.
    text = raw.decode("utf-8", "replace")
    lines = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 2
    for finding in doc.findings:
        assert isinstance(finding, Finding)
        assert finding.code and finding.message
        assert 0 < finding.line <= lines and finding.column > 0, finding


# --- the loader ------------------------------------------------------------------------------


@budget(quick=300, fuzz=10_000)
@given(hostile_bytes)
def test_loader_never_raises(raw: bytes) -> None:
    _check_document(raw, load_bytes(raw, "data/innovations/banggai/fuzz.yaml"))


@budget(quick=50, fuzz=2_000)
@given(st.integers(MAX_DEPTH - 2, 600), st.sampled_from(["[", "{a: ", "- ", "a:\n"]))
def test_loader_bounds_nesting(depth: int, opener: str) -> None:
    if opener == "a:\n":
        text = "".join(f"{'  ' * i}a:\n" for i in range(depth)) + "  " * depth + "x\n"
    elif opener == "- ":
        text = "".join(f"{'  ' * i}-\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        text = "k: " + opener * depth + "\n"
    raw = text.encode()
    _check_document(raw, load_bytes(raw, "deep.yaml"))


# --- the validator ---------------------------------------------------------------------------


@contextmanager
def temp_collection() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="inovasi-fuzz-") as scratch:
        root = Path(scratch) / "collection"
        shutil.copytree(EXAMPLES / "valid", root)
        yield root


FIXTURE_FILES = sorted(
    p.relative_to(EXAMPLES / "valid").as_posix() for p in EXAMPLES.glob("valid/data/**/*.yaml")
)
TARGETS = [*FIXTURE_FILES, "data/innovations/banggai/baru.yaml", "data/visits/2019-08-baru.yaml"]


@budget(quick=15, fuzz=1_000)
@given(st.sampled_from(TARGETS), mutated())
def test_validator_never_raises(target: str, raw: bytes) -> None:
    with temp_collection() as root:
        (root / target).write_bytes(raw)
        result = load_collection(root, use_cache=False)
        files = {r.relative_to(root).as_posix() for r in root.glob("data/**/*") if r.is_file()}
        for finding in result.findings:
            assert finding.path in files, finding
        render_everything(result.collection, root.parent)


# --- every renderer --------------------------------------------------------------------------

_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own styling, on a terminal only


def _inert(text: str, what: str) -> None:
    """No control character, ANSI sequence or bidi override from the records survives."""
    found = _RAW_CONTROL.search(_SGR.sub("", text).replace("\n", ""))
    assert found is None, f"{what}: raw {found.group()!r} in {text!r}"


def _report_calls(
    collection: Collection,
) -> Iterator[tuple[str, Lang, Callable[[], ReportContext]]]:
    from inovasi_cli.reports.kinds import BUILDERS

    reports = SimpleNamespace(**{f"build_{kind}": build for kind, build in BUILDERS.items()})

    years = sorted({y for i in collection.innovations.values() for y in i.years})
    for region in collection.regions:
        for key in sorted({c.key for i in collection.innovations.values() for c in i.competitions}):
            yield (
                "award",
                Lang.ID,
                lambda r=region, k=key: reports.build_award(
                    collection, r, k.rpartition("-")[0], int(k.rpartition("-")[2]), Lang.ID
                ),
            )
        yield (
            "visits",
            Lang.EN,
            lambda r=region: reports.build_visits(collection, r, received=True, lang=Lang.EN),
        )
        yield "region", Lang.ID, lambda r=region: reports.build_region(collection, r, Lang.ID)
    for year in years[:2]:
        yield "yearly", Lang.EN, lambda y=year: reports.build_yearly(collection, y, Lang.EN)


@functools.cache
def _environment(fmt: ReportFormat, lang: Lang) -> Any:
    """The Jinja environment :func:`inovasi_cli.reports.render.render` builds, built once here
    (``render`` reads the labels and compiles the templates on every call)."""
    return build_environment(fmt, Labels.load(lang))


def render_everything(collection: Collection, scratch: Path) -> None:
    """Every output inovasi has, from one collection; each must return text (or raise an
    ``InovasiError`` for a report that has nothing to show)."""
    innovations = list(collection.innovations.values())
    listings = [
        views.innovation_listing(innovations, collection),
        views.visit_listing(list(collection.visits.values()), collection),
        views.region_listing(list(collection.regions.values()), collection),
        *(views.stats_listing(stats.stats(collection, innovations, by)) for by in stats.StatsBy),
    ]
    for listing in listings:
        for fmt in formats.OutputFormat:
            out = formats.render(listing, fmt)
            if fmt in {formats.OutputFormat.JSON, formats.OutputFormat.JSONL}:
                for line in out.split("\n") if fmt == "jsonl" else [out]:
                    if line:
                        json.loads(line)
            if fmt != formats.OutputFormat.YAML:  # YAML escapes as \e, \x07 itself
                _inert(out, f"{fmt}")
    for innovation in innovations:
        profile = views.innovation_profile(innovation, collection)
        _inert(formats.profile_text(profile), "profile text")
        _inert(formats.profile_table(profile), "profile table")
    tables_ = tables.tables(collection)
    json.loads(export.to_json(tables_))
    for line in export.to_jsonl(tables_).split("\n")[:-1]:
        json.loads(line)
    export.write_csv_folder(tables_, scratch / "csv", force=True)  # every table, datapackage
    for table in tables_:
        for row in csv.reader(io.StringIO(export.table_csv(table))):
            assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in row), row
    export.write_sqlite(tables_, scratch / "fuzz.db", force=True)
    for kind, lang, build in _report_calls(collection):
        try:
            context = build()
        except InovasiError:
            continue  # nothing to report for this region/award/year: a clear message
        for fmt in ReportFormat:
            if FORMATS[fmt].binary:
                continue  # the PDF is the HTML report laid out: its text is the HTML's
            template = _environment(fmt, lang).get_template(f"{kind}.{fmt.value}.j2")
            text = tidy(template.render(template_mapping(context)))
            _inert(text, f"{kind} {fmt.value}")


TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=24)
HOSTILE_TEXT = TEXT | st.sampled_from(
    [
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "| a | b |",
        "# heading",
        "[bold]x[/bold]",
        "\x1b[31mred",
        "\u202eevil",
        "```",
        "- item",
        "1. item",
        "---",
        "&amp;",
        "]]>",
        "{{ 7 * 7 }}",
        "{% raw %}",
    ]
)
SECTORS = [t.value for t in vocabulary("innovation", "sector")]


@st.composite
def records(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """Valid records whose every free-text field is random or hostile text."""
    lines = st.lists(HOSTILE_TEXT, min_size=1, max_size=2, unique=True)
    source = st.fixed_dictionaries(
        {"title": HOSTILE_TEXT}, optional={"note": HOSTILE_TEXT, "publisher": HOSTILE_TEXT}
    )
    innovation = draw(
        st.fixed_dictionaries(
            {
                "name": HOSTILE_TEXT,
                "sector": st.sampled_from(SECTORS),
                "summary": HOSTILE_TEXT,
                "sources": st.lists(source, min_size=1, max_size=2, unique_by=str),
            },
            optional={
                "acronym": HOSTILE_TEXT,
                "unit": HOSTILE_TEXT,
                "goals": lines,
                "benefits": lines,
                "results": lines,
                "digital": st.booleans(),
                "trial_date": st.sampled_from(["2018", "2018-05", "2018-05-17"]),
                "competitions": st.just([{"award": "iga", "year": 2019}]),
                "outcomes": st.lists(
                    st.fixed_dictionaries(
                        {
                            "indicator": HOSTILE_TEXT,
                            "before": st.integers(-(10**30), 10**30)
                            | st.floats(allow_nan=False, allow_infinity=False),
                        },
                        optional={"after": st.integers(0, 10**6), "unit": HOSTILE_TEXT},
                    ),
                    min_size=1,
                    max_size=2,
                ),
            },
        )
    )
    visit = draw(
        st.fixed_dictionaries(
            {
                "date": st.just("2019-08"),
                "host": st.just("banggai"),
                "visitors": st.just([{"region": "parigi-moutong", "participants": 3}]),
                "studied": st.just([{"innovation": "banggai/acak"}]),
                "sources": st.lists(source, min_size=1, max_size=1),
            },
            optional={
                "purpose": HOSTILE_TEXT,
                "host_unit": HOSTILE_TEXT,
                "places": lines,
                "received_by": st.fixed_dictionaries({"name": HOSTILE_TEXT, "title": HOSTILE_TEXT}),
            },
        )
    )
    region = {
        "name": draw(HOSTILE_TEXT),
        "type": "kabupaten",
        "province": draw(HOSTILE_TEXT),
        "capital": draw(HOSTILE_TEXT),
        "sources": [draw(source)],
    }
    return {
        "data/innovations/banggai/acak.yaml": innovation,
        "data/visits/2019-08-banggai-acak.yaml": visit,
        "data/regions/acak.yaml": region,
    }


@budget(quick=12, fuzz=500)
@given(records())
def test_renderers_never_raise_and_stay_inert(files: dict[str, dict[str, Any]]) -> None:
    with temp_collection() as root:
        for target, data in files.items():
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            (root / target).write_text(text, encoding="utf-8")
        result = load_collection(root, use_cache=False)
        render_everything(result.collection, root.parent)


findings = st.lists(
    st.builds(
        Finding,
        path=TEXT,
        line=st.integers(0, 10**6),
        column=st.integers(0, 10**6),
        code=TEXT,
        message=HOSTILE_TEXT,
        field=TEXT,
        severity=st.sampled_from(Severity),
        hint=HOSTILE_TEXT,
    ),
    max_size=5,
)


@budget(quick=100, fuzz=5_000)
@given(findings)
def test_reporters_keep_one_line_per_finding(items: list[Finding]) -> None:
    for fmt, reporter in reporters.REPORTERS.items():
        out = reporter(items, len(items))
        if fmt is reporters.FindingsFormat.JSON:
            assert len(json.loads(out)["findings"]) == len(items)
            _inert(out, "json")  # the same \\u escapes as list, show and export
            assert json.loads(out)["findings"] == [f.as_dict() for f in items]
            continue
        _inert(out, str(fmt))
        assert len(out.splitlines()) == len(items), out  # no line injection
        if fmt is reporters.FindingsFormat.GITHUB:
            assert all(line.startswith(("::error ", "::warning ")) for line in out.splitlines())


# --- scoring: any model that validates -------------------------------------------------------

PROVENANCE = {"status": "reported", "source": "fuzz"}


def _decimals(low: float, high: float, places: int) -> st.SearchStrategy[float | int]:
    """Numbers as YAML writes them, from ``low`` to ``high`` with at most ``places``
    decimals; the bounds themselves often."""
    scale = 10**places
    exact = st.integers(round(low * scale), round(high * scale)).map(
        lambda k: k // scale if k % scale == 0 else float(f"{k / scale:.{places}f}")
    )
    return st.sampled_from([low, high]) | exact


def _schema_number(*path: str) -> st.SearchStrategy[float | int]:
    """Any number the scoring-model schema accepts at ``path``, read from the schema
    itself: were a bound dropped, the test would reach what it used to keep out."""
    from inovasi_cli.records.schema_files import load_schema

    node: Any = load_schema("scoring-model")
    for part in path:
        node = node[part]
    if node["type"] == "integer":
        return st.integers(node.get("minimum", -(10**30)), node.get("maximum", 10**30))
    low = node.get("minimum", node.get("exclusiveMinimum", -1e300))
    high = node.get("maximum", 1e300)
    places = node.get("x-max-decimals")
    if places is not None:
        return _decimals(low, high, places)
    floats = st.floats(low, high, exclude_min="minimum" not in node, allow_nan=False)
    return floats | st.sampled_from([high, 1e-30, 5e-324]).filter(lambda v: low < v <= high)


def _optional(draw: st.DrawFn, part: dict[str, Any], **values: st.SearchStrategy[Any]) -> Any:
    for key, strategy in values.items():
        if draw(st.booleans()):
            part[key] = draw(strategy)
    return part


def _of(part: str, key: str) -> st.SearchStrategy[float | int]:
    return _schema_number("properties", part, "properties", key)


@st.composite
def scoring_models(draw: st.DrawFn) -> dict[str, Any]:
    """A scoring model that the schema accepts, its numbers anywhere in their bounds (its
    parts need not agree with each other: the meaning checks report that, and scoring
    still runs on it)."""
    weight = _schema_number("$defs", "indicator", "properties", "weight")
    indicators = []
    for number in draw(st.lists(st.integers(1, 999), min_size=1, max_size=30, unique=True)):
        indicator = {"number": number, "id": f"i-{number}", "name": "x"}
        indicator["aspect"] = draw(st.sampled_from(["region", "innovation"]))
        levels = draw(st.lists(st.integers(1, 3), max_size=3, unique=True))
        _optional(draw, indicator, weight=weight, levels=st.just([{"level": v} for v in levels]))
        if indicator["aspect"] == "innovation" and draw(st.booleans()):
            indicator["derived_from"] = "replicating-regions"
        indicators.append(indicator)
    bound = _schema_number("$defs", "band", "properties", "minimum")
    band = st.fixed_dictionaries({"name": st.just("b"), "minimum": bound, "maximum": bound})
    share = _schema_number("$defs", "aspect_part", "properties", "share")
    return {
        "name": "Fuzz",
        "years": draw(st.lists(st.integers(2000, 2100), min_size=1, max_size=3, unique=True)),
        "provenance": PROVENANCE,
        "aspects": {
            a: _optional(draw, {"provenance": PROVENANCE}, share=share)
            for a in ("region", "innovation")
        },
        "divisor": _optional(draw, {"provenance": PROVENANCE}, minimum=_of("divisor", "minimum")),
        "count_score": _optional(
            draw,
            {"provenance": PROVENANCE},
            per_innovation=_of("count_score", "per_innovation"),
            cap=_of("count_score", "cap"),
        ),
        "count_gate": _optional(
            draw,
            {"provenance": PROVENANCE},
            sectors=st.just(["kesehatan", "pendidikan"]),
            minimum=_of("count_gate", "minimum"),
        ),
        "predicates": _optional(
            draw, {"provenance": PROVENANCE}, bands=st.lists(band, min_size=1, max_size=20)
        ),
        "maximum": _optional(
            draw,
            {"provenance": PROVENANCE},
            **{k: _of("maximum", k) for k in ("total", "region", "innovation", "count")},
        ),
        "indicators": indicators,
        "sources": [{"title": "fuzz"}],
    }


@functools.cache
def _scoring_base() -> Collection:
    return load_collection(EXAMPLES / "valid", use_cache=False).collection


def _with_model(model: Any, levels: list[int]) -> Collection:
    """The example collection, its innovations holding evidence at ``levels`` (valid or
    not) for every innovation indicator of ``model``, and the model itself."""
    from dataclasses import replace

    from inovasi_cli.records.model import Evidence

    base = _scoring_base()
    ids = [i.id for i in model.indicators]
    innovations = [
        replace(
            innovation,
            evidence=tuple(
                Evidence.from_dict(
                    {"model": model.id, "indicator": ident, "level": level,
                     "document": {"title": "x"}}
                )
                for ident, level in zip(ids, levels, strict=False)
            ),
        )
        for innovation in base.innovations.values()
    ]  # fmt: skip
    return Collection.from_records(
        base.regions.values(), innovations, base.visits.values(), [model]
    )


@budget(quick=40, fuzz=2_000)
@given(scoring_models(), st.lists(st.integers(0, 4) | st.integers(-5, 10**6), max_size=30))
def test_scoring_never_raises_on_a_model_that_validates(
    data: dict[str, Any], levels: list[int]
) -> None:
    """Every number a model may hold is bounded by its schema, so no score, ranking, view
    or report can overflow or raise (a maximum of 1e-30 used to kill score --region)."""
    from inovasi_cli.output import region_scores
    from inovasi_cli.output import scores as score_views
    from inovasi_cli.records.loader import Document
    from inovasi_cli.records.schema import check_document
    from inovasi_cli.records.scoring_model import ScoringModel
    from inovasi_cli.reports.region import build_region
    from inovasi_cli.scoring import compute

    doc = Document("data/scoring/fuzz.yaml", data)
    check_document("scoring-model", doc)
    assert doc.findings == [], [f.message for f in doc.findings]
    model = ScoringModel.from_dict("fuzz", data, "data/scoring/fuzz.yaml")
    collection = _with_model(model, levels)
    innovations = list(collection.innovations.values())
    for year in model.years:
        ranked = compute.rank_regions(model, collection, innovations, year)
        for fmt in (formats.OutputFormat.TEXT, formats.OutputFormat.JSON):
            formats.render(region_scores.region_ranking(ranked, collection), fmt)
        for result in ranked:
            region_scores.region_text(result, collection)
            json.dumps(region_scores.region_record(result, collection))
            context = build_region(collection, result.region, Lang.ID, result)
            template = _environment(ReportFormat.MD, Lang.ID).get_template("region.md.j2")
            template.render(template_mapping(context))
    for score in compute.rank_innovations(model, innovations, collection):
        formats.render(
            score_views.innovation_ranking([score], collection), formats.OutputFormat.TEXT
        )
        score_views.explain_lines(score, model, collection)
        json.dumps(score_views.explain_record(score, model, collection))


@budget(quick=60, fuzz=5_000)
@given(
    st.sampled_from(["weight", "per_innovation", "total", "share", "band"]),
    st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**30), 10**30),
)
def test_the_schema_bounds_every_number_of_a_model(where: str, value: float | int) -> None:
    """Out of range or with too many decimals: a finding, never a model that validates
    with a number scoring cannot use. Values the bounds allow: no finding."""
    from decimal import Decimal

    from inovasi_cli.records.loader import Document
    from inovasi_cli.records.schema import check_document

    data: dict[str, Any] = {
        "name": "x", "years": [2026], "provenance": PROVENANCE,
        "aspects": {"region": {"provenance": PROVENANCE}, "innovation": {"provenance": PROVENANCE}},
        "divisor": {"provenance": PROVENANCE}, "count_score": {"provenance": PROVENANCE},
        "count_gate": {"provenance": PROVENANCE}, "predicates": {"provenance": PROVENANCE},
        "maximum": {"provenance": PROVENANCE},
        "indicators": [{"number": 1, "id": "a", "name": "a", "aspect": "innovation"}],
        "sources": [{"title": "x"}],
    }  # fmt: skip
    low, high, places = {
        "weight": (Decimal("0.001"), Decimal(1000), 3),
        "per_innovation": (Decimal("0.001"), Decimal(1000), 3),
        "total": (Decimal("0.001"), Decimal(1_000_000), 3),
        "share": (Decimal(0), Decimal(100), 2),
        "band": (Decimal(0), Decimal(100), 2),
    }[where]
    if where == "weight":
        data["indicators"][0]["weight"] = value
    elif where == "per_innovation":
        data["count_score"]["per_innovation"] = value
    elif where == "total":
        data["maximum"]["total"] = value
    elif where == "share":
        data["aspects"]["region"]["share"] = value
    else:
        data["predicates"]["bands"] = [{"name": "b", "minimum": value, "maximum": 100}]
    doc = Document("data/scoring/x.yaml", data)
    check_document("scoring-model", doc)
    exact = Decimal(repr(value))
    allowed = low <= exact <= high and exact == exact.quantize(Decimal(1).scaleb(-places))
    assert (doc.findings == []) == allowed, (value, [f.message for f in doc.findings])
