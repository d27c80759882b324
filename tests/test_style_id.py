"""The reports' Indonesian against docs/style-id.md (EYD edisi V), over every rendered report
of the shipped collection and of generated collections; and the region report's history,
which cannot contradict itself (one source of truth), over the same."""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, REPO
from inovasi_cli.core.errors import InovasiError
from inovasi_cli.records.collection import Collection
from inovasi_cli.records.vocabulary import vocabulary
from inovasi_cli.reports.common import ReportKind
from inovasi_cli.reports.formats import Lang, ReportFormat
from inovasi_cli.reports.kinds import BUILDERS
from inovasi_cli.reports.labels import Labels
from inovasi_cli.reports.render import render_report
from inovasi_cli.validation.pipeline import load_collection
from style_id import check_html, check_markdown

FUZZ = os.environ.get("HYPOTHESIS_PROFILE", "") in {"fuzz", "ci"}
SETTINGS = settings(
    max_examples=60 if FUZZ else 8,
    derandomize=not FUZZ or os.environ.get("CI") == "true",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def record_texts(root: Path) -> list[str]:
    """Every text a record holds: what the reports quote as written."""

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return [
        text
        for path in sorted(root.glob("data/**/*.yaml"))
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    ]


def region_report(collection: Collection, region: str) -> Any:
    """The region report as ``inovasi report region`` builds it: scored with the newest
    model when the collection has models."""
    from inovasi_cli.scoring import compute as scoring
    from inovasi_cli.scoring.choose import choose_model

    score = None
    if collection.scoring_models:
        model, year = choose_model(collection, None, None)
        own = collection.innovations_by_region.get(region, [])
        score = scoring.score_region(model, region, own, collection, year)
    return BUILDERS[ReportKind.REGION](collection, region, Lang.ID, score)


def every_report(collection: Collection) -> Iterator[tuple[str, Any]]:
    """(name, context) of every report the collection can give, in Indonesian."""
    calls: list[tuple[str, Any]] = []
    keys = sorted({c.key for i in collection.innovations.values() for c in i.competitions})
    for region in sorted(collection.regions):
        calls.append(
            (
                f"region {region}",
                lambda r=region: region_report(collection, r),
            )
        )
        for received in (True, False):
            calls.append(
                (
                    f"visits {region} {received}",
                    lambda r=region, x=received: BUILDERS[ReportKind.VISITS](
                        collection, r, received=x, lang=Lang.ID
                    ),
                )
            )
        for key in keys:
            award, _, year = key.rpartition("-")
            calls.append(
                (
                    f"award {region} {key}",
                    lambda r=region, a=award, y=int(year): BUILDERS[ReportKind.AWARD](
                        collection, r, a, y, Lang.ID
                    ),
                )
            )
    years = sorted({y for i in collection.innovations.values() for y in i.years})
    for year in years:
        calls.append(
            (f"yearly {year}", lambda y=year: BUILDERS[ReportKind.YEARLY](collection, y, Lang.ID))
        )
    for name, build in calls:
        try:
            yield name, build()
        except InovasiError:
            continue  # nothing to report: a usage error, not a report


def assert_good_indonesian(root: Path) -> int:
    collection = load_collection(root, use_cache=False).collection
    texts = record_texts(root)
    checked = 0
    for name, context in every_report(collection):
        html = render_report(context, fmt=ReportFormat.HTML)
        md = render_report(context, fmt=ReportFormat.MD)
        problems = check_html(html, texts) + check_markdown(md)
        assert problems == [], (name, problems)
        checked += 1
    return checked


# -- the checker catches what it is for ------------------------------------------------


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>1 kunjungan tercatat tanggalnya dan 1 tercatat jumlah pesertanya.</p>", "opens with"),
        ("<p>Tercatat dua kunjungan. 8 daerah datang.</p>", "opens with"),
        ("<h1>24 Inovasi Kabupaten Banggai</h1>", "opens with"),
        ("<td>Non digital</td>", "non digital"),
        ("<td>non-digital</td>", "non digital"),
        (
            "<p>belum ada: Pendidikan, Ketenteraman, Ketertiban Umum, dan Pelindungan "
            "Masyarakat</p>",
            "joined with commas",
        ),
        ("<p>Tanggal 2019-07-18.</p>", "ISO form"),
        ("<p>Indeks 0.04 dari 100.</p>", "decimal point"),
        ("<p>dan 1 replikasi.Sumber menyebut dua.</p>", "glued"),
        ("<h3>Perdagangan (2)</h3><table><caption>Perdagangan</caption></table>", "repeats"),
        ("<td>tanggal tidak tercatat</td>", "tanggal tidak tercatat"),
        ("<p>Bukan penilaian kementerian dalam negeri.</p>", "capitals"),
        ("<p>Diusulkan oleh dinas Kesehatan.</p>", "capitals"),
        ("<p>Dilaksanakan oleh 14 Perangkat Daerah dan 5 Kecamatan.</p>", "common noun"),
    ],
)
def test_the_checker_finds_each_rule_broken(html: str, problem: str) -> None:
    found = check_html(html, [])
    assert any(problem in line for line in found), found


def test_record_text_is_left_as_written() -> None:
    quoted = "1 Petugas Kesehatan 100 Kepala Keluarga"
    html = (
        f"<h3>3. {quoted}</h3><p>{quoted} dipelajari.</p><p>Data non digital lama.</p>"
        "<p>Dilaksanakan oleh dua badan usaha milik daerah.</p>"
    )
    assert check_html(html, [quoted, "Data non digital lama."]) == []
    assert check_markdown("# Judul\n\nteks\n\n---\n\nDisusun dengan *inovasi*.") == []
    assert check_markdown("# 8 Kunjungan\n\n---\n\nDibuat dengan inovasi.")


def test_no_indonesian_label_opens_with_a_number() -> None:
    """A label that is a sentence or a title never starts with a count (phrases such as
    "{n} orang" stand inside sentences)."""
    labels = Labels.load(Lang.ID)
    for key, entry in labels.table.items():
        value = entry.get("id")
        for text in value.values() if isinstance(value, dict) else [value]:
            if isinstance(text, str) and (text.endswith(".") or key.endswith(".title")):
                assert not re.match(r"\{(n|k|v|count|dated|sized|studied)\b|\d", text), key
                assert not re.search(r"[.!?] \{(n|k|v)\b", text), key
                assert not re.search(r"\bnon[ -]digital", text, re.I), key


# -- the shipped collection -----------------------------------------------------------


def test_every_shipped_report_passes() -> None:
    assert assert_good_indonesian(REPO) > 20


def test_english_reports_carry_no_indonesian_labels(run) -> None:
    labels = Labels.load(Lang.ID).table
    fragments = []
    for entry in labels.values():
        id_text, en_text = entry.get("id"), entry.get("en")
        if isinstance(id_text, str) and id_text != en_text:
            parts = [p for p in re.split(r"\{[^}]*\}", id_text) if len(p.strip()) >= 18]
            # A name the English keeps too ("Indeks Inovasi Daerah") is not a leak.
            fragments += [p.strip() for p in parts if p.strip() not in str(en_text)]
    assert len(fragments) > 20
    for args in (
        ("report", "region", "banggai"),
        ("report", "visits", "--host", "banggai"),
        ("report", "award", "--region", "banggai", "--award", "iga-2019"),
        ("report", "yearly", "--year", "2019"),
    ):
        english = run("--root", str(REPO), *args, "--lang", "en").stdout
        leaked = [f for f in fragments if f in english]
        assert leaked == [], (args, leaked)
        assert "*inovasi*" in english.splitlines()[-1]


# -- generated collections ------------------------------------------------------------

SECTORS = [t.value for t in vocabulary("innovation", "sector")]
WITH_COMMAS = [t.value for t in vocabulary("innovation", "sector") if "," in (t.title or "")]
AWARDS = [t.value for t in vocabulary("innovation", "award")]
YEARS = st.integers(2018, 2024)


@st.composite
def generated(draw: st.DrawFn) -> dict[str, Any]:
    """Records for the example collection: innovations of Banggai and Parigi Moutong with
    any sectors (those whose titles hold commas often), any competition entries, jenis
    stated or not; region facts about IGA with or without a year or a result; visits
    dated or not."""
    files: dict[str, Any] = {}
    for n in range(draw(st.integers(0, 6))):
        region = draw(st.sampled_from(["banggai", "parigi-moutong"]))
        record: dict[str, Any] = {
            "name": f"Inovasi Uji {n}",
            "summary": "Inovasi untuk uji.",
            "sources": [{"source": "fixture"}],
        }
        sector = draw(st.none() | st.sampled_from(WITH_COMMAS) | st.sampled_from(SECTORS))
        if sector:
            record["sector"] = sector
        digital = draw(st.none() | st.booleans())
        if digital is not None:
            record["digital"] = digital
        entries = draw(st.lists(st.tuples(st.sampled_from(AWARDS), YEARS), max_size=2, unique=True))
        if entries:
            record["competitions"] = [{"award": a, "year": y} for a, y in entries]
        files[f"data/innovations/{region}/uji-{n}.yaml"] = record
    facts = []
    for _ in range(draw(st.integers(0, 3))):
        fact: dict[str, Any] = {
            "kind": "iga",
            "statement": "Kabupaten ini tercatat dalam IGA.",
            "sources": [{"source": "fixture"}],
        }
        year = draw(st.none() | YEARS)
        if year is not None:
            fact["year"] = year
        result = draw(st.sampled_from([None, "rank", "top"]))
        if result:
            fact[result] = draw(st.integers(1, 99))
        facts.append(fact)
    files["facts"] = facts
    files["dated"] = draw(st.booleans())
    files["note_en"] = draw(st.booleans())
    return files


ENGLISH_NOTE = "Named in the caption of the second photo"


def write_generated(root: Path, files: dict[str, Any]) -> None:
    for relative, record in files.items():
        if relative.startswith("data/"):
            (root / relative).write_text(
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    region = root / "data/regions/parigi-moutong.yaml"
    data = yaml.safe_load(region.read_text(encoding="utf-8"))
    data["facts"] = [*(data.get("facts") or []), *files["facts"]] or None
    if data["facts"] is None:
        del data["facts"]
    region.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    visit = root / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    data = yaml.safe_load(visit.read_text(encoding="utf-8"))
    if not files["dated"]:
        data.pop("date", None)
        visit.unlink()
        visit = root / "data/visits/parigi-moutong-ke-banggai.yaml"
    if files["note_en"]:
        data["sources"] = [{"source": "fixture", "note": ENGLISH_NOTE, "note_lang": "en"}]
    visit.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def assert_history_agrees(collection: Collection) -> None:
    """The region report's history holds every award fact and every competition entry of
    the region's innovations, with the right counts; "nothing recorded" only when there
    is neither; and the rendered page says the same."""
    from inovasi_cli.reports.region import award_kinds

    for region in collection.regions:
        try:
            context = BUILDERS[ReportKind.REGION](collection, region, Lang.ID)
        except InovasiError:
            continue
        own = collection.innovations_by_region.get(region, [])
        entered: dict[tuple[str, int], int] = {}
        for innovation in own:
            for c in innovation.competitions:
                entered[(c.award, c.year)] = entered.get((c.award, c.year), 0) + 1
        facts = [f for f in collection.regions[region].facts if f.kind in award_kinds()]
        shown = {(h.award, h.year): h for h in context.history}
        for key, count in entered.items():
            assert shown[key].entries == count, (region, key)
        for fact in facts:
            assert any(f.fact is fact for f in shown[(fact.kind, fact.year)].facts)
        assert (context.history == ()) == (not entered and not facts)
        md = render_report(context, fmt=ReportFormat.MD)
        section = md.split("## Riwayat IGA dan kompetisi\n", 1)[1].split("\n## ", 1)[0]
        nothing = "Koleksi belum mencatat keikutsertaan atau hasil IGA" in section
        labels = re.findall(r"^- \*\*((?:IGA|Lomba Inovasi Daerah)(?: \d{4})?)", section, re.M)
        assert nothing == (not labels), (region, section)
        for (award, year), count in entered.items():
            label = ("IGA" if award == "iga" else "Lomba Inovasi Daerah") + f" {year}"
            assert f"- **{label}**: Inovasi tercatat yang diikutsertakan: {count}." in section


def test_the_shipped_history_agrees_with_itself() -> None:
    assert_history_agrees(load_collection(REPO).collection)


@functools.cache
def _base() -> Path:
    base = Path(tempfile.mkdtemp(prefix="inovasi-style-")) / "base"
    shutil.copytree(EXAMPLES / "valid", base)
    shutil.copytree(REPO / "data/scoring", base / "data/scoring")  # the score section too
    return base


@SETTINGS
@given(generated())
def test_generated_collections_read_well_and_agree(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "collection"
        shutil.copytree(_base(), root)
        write_generated(root, files)
        result = load_collection(root, use_cache=False)
        assert not result.errors, [f.message for f in result.findings]
        assert_history_agrees(result.collection)
        assert_good_indonesian(root)
        for _, context in every_report(result.collection):
            for fmt in (ReportFormat.MD, ReportFormat.HTML):
                assert ENGLISH_NOTE not in render_report(context, fmt=fmt)
