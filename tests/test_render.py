"""The rendering core: labels, charts, template loading and errors."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import EXAMPLES
from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, UsageError
from inovasi_cli.reports import charts
from inovasi_cli.reports.award import build_award
from inovasi_cli.reports.formats import FORMATS, Lang, ReportFormat
from inovasi_cli.reports.labels import Labels
from inovasi_cli.reports.render import render, render_report, tidy
from inovasi_cli.validation.pipeline import load_collection

TEMPLATES = paths.templates_dir()


# --- Labels --------------------------------------------------------------------------


def test_numbers_dates_and_lists_follow_the_language() -> None:
    id_, en = Labels.load(Lang.ID), Labels.load(Lang.EN)
    assert id_.number(2000000) == "2.000.000"
    assert en.number(2000000) == "2,000,000"
    assert id_.number(1.5) == "1,5"
    assert en.number(1.5) == "1.5"
    assert id_.number(14000000.0) == "14.000.000"
    assert id_.date("2019-07") == "Juli 2019"
    assert en.date("2019-07") == "July 2019"
    assert id_.date("2018-09-18") == "18 September 2018"
    assert id_.date("2019") == "2019"
    # Under a date label ("Tanggal"), a missing date is "tidak tercatat", said once.
    assert id_.date(None) == "tidak tercatat"
    assert en.date(None) == "not recorded"
    assert id_.join(["a", "b", "c"]) == "a, b, dan c"  # EYD V: a comma before dan
    assert id_.join(["a", "b"]) == "a dan b"
    assert en.join(["a", "b"]) == "a and b"
    assert en.join(["a", "b", "c"]) == "a, b and c"
    # Items holding commas are joined with semicolons, so each reads as one.
    urusan = ["Pendidikan", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"]
    assert id_.join(urusan) == (
        "Pendidikan; Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat"
    )
    assert en.join(["a", "b, c", "d"]) == "a; b, c; and d"
    # EYD V: a count one or two words can say is written in words in a sentence.
    assert [id_.words(n) for n in (0, 1, 8, 10, 11, 12, 20, 24, 100, 300, 1000, 2024)] == [
        "nol", "satu", "delapan", "sepuluh", "sebelas", "dua belas", "dua puluh", "24",
        "seratus", "tiga ratus", "seribu", "2.024",
    ]  # fmt: skip
    assert en.words(8) == "8"
    assert en.text("people", count=1) == "{n} person"
    assert en.text("people", count=2) == "{n} people"
    assert id_.text("people", count=1) == "{n} orang"


def test_every_label_has_both_languages() -> None:
    labels = Labels.load(Lang.ID)
    missing = [k for k, v in labels.table.items() if set(v) != {"id", "en"}]
    assert not missing


def test_every_label_a_template_uses_exists() -> None:
    table = Labels.load(Lang.ID).table
    used: set[str] = set()
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= {a or b for a, b in re.findall(r"\bt\((?:'([^']+)'|\"([^\"]+)\")", text)}
    dynamic = {u for u in used if u.endswith(".")}  # 'visits.title.' ~ direction
    assert len(used - dynamic) > 100
    assert sorted(used - dynamic - set(table)) == []
    assert dynamic == {"visits.title.", "visits.intro.", "provenance."}
    for prefix in ("visits.title.", "visits.intro."):
        assert {f"{prefix}host", f"{prefix}visitor"} <= set(table)
    statuses = {"official", "reported", "reconstruction", "unknown"}
    assert {f"provenance.{s}" for s in statuses} <= set(table)


def test_every_format_has_a_spec_and_templates() -> None:
    assert set(FORMATS) == set(ReportFormat)
    for fmt, spec in FORMATS.items():
        for kind in ("award", "visits", "region", "yearly"):
            assert (TEMPLATES / f"{kind}.{spec.suffix}.j2").is_file(), (kind, fmt)
    assert FORMATS[ReportFormat.HTML].autoescape
    assert not FORMATS[ReportFormat.MD].autoescape


# --- Charts --------------------------------------------------------------------------

HOSTILE = "<script>alert('x')</script> & \"kutip\"\n| baris"


def test_bar_chart_is_accessible_wellformed_svg_with_escaped_text() -> None:
    svg = charts.bar_chart_svg(
        [charts.Bar(HOSTILE, 3), charts.Bar("Kesehatan", 1)],
        title="Per urusan",
        description=f"{HOSTILE}: 3",
        chart_id="chart-x",
    )
    assert "<script" not in svg
    root = ET.fromstring(svg)  # well-formed XML whatever the labels hold
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert root.find(f"{ns}title").text == "Per urusan"
    texts = [" ".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert "<script>alert('x')</script> & \"kutip\" | baris" in texts  # wrapped, then joined
    assert texts.count("3") == 1 and "1" in texts
    assert len(list(root.iter(f"{ns}tspan"))) >= 3  # a long label wraps onto lines
    widths = [float(r.get("width")) for r in root.iter(f"{ns}rect")]
    assert widths[0] > widths[1] * 2.5


def test_replication_svg_and_mermaid_escape_record_text() -> None:
    edges = [charts.Edge('Kab "A"', "Kab <B>", 'X"] --> Y["Z\nbaris`#quot;')]
    svg = charts.replication_svg(edges, title="Replikasi", description="d", chart_id="rep")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    mermaid = charts.replication_mermaid(edges)
    lines = mermaid.splitlines()
    assert lines == [
        "flowchart LR",
        '    r1["Kab #quot;A#quot;"]',
        '    r2["Kab #lt;B#gt;"]',
        '    r1 -->|"X#quot;] --#gt; Y[#quot;Z baris#96;#35;quot;"| r2',
    ]


def test_chart_ids_are_checked() -> None:
    with pytest.raises(ValueError, match="chart id"):
        charts.bar_chart_svg([], title="t", description="d", chart_id='x" onload="')


# --- Template loading and errors -----------------------------------------------------


def test_user_template_replaces_the_bundled_one_and_can_extend_it(tmp_path: Path) -> None:
    collection = load_collection(EXAMPLES / "valid").collection
    context = build_award(collection, "banggai", "iga", 2019, Lang.ID)
    (tmp_path / "award.md.j2").write_text(
        "{% extends 'bundled/award.md.j2' %}{% block title %}Judul sendiri: "
        "{{ region.name|md }}{% endblock %}",
        encoding="utf-8",
    )
    text = render_report(context, fmt=ReportFormat.MD, user_dir=tmp_path)
    assert text.startswith("# Judul sendiri: Kabupaten Banggai\n\n")
    assert "## Profil inovasi" in text  # the rest is the bundled template's
    (tmp_path / "award.md.j2").write_text("Judul sendiri: {{ nama|md }}\n")
    text = render("award.md.j2", {"nama": "A|B"}, fmt=ReportFormat.MD, user_dir=tmp_path)
    assert text == "Judul sendiri: A\\|B\n"


def test_missing_variable_in_a_user_template_is_a_usage_error_with_its_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "award.md.j2").write_text("# Judul\n\n{{ tidak_ada }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        render("award.md.j2", {}, fmt=ReportFormat.MD, user_dir=tmp_path)
    assert caught.value.exit_code == 2
    assert "template award.md.j2, line 3" in str(caught.value)
    assert "'tidak_ada' is undefined" in str(caught.value)


def test_syntax_error_in_a_user_macro_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "_macros.md.j2").write_text("{% macro refs(x) %}\n{% if %}\n", encoding="utf-8")
    (tmp_path / "award.md.j2").write_text("{% import '_macros.md.j2' as m %}x\n")
    with pytest.raises(UsageError, match=r"template _macros\.md\.j2, line 2"):
        render("award.md.j2", {}, fmt=ReportFormat.MD, user_dir=tmp_path)


def test_an_error_in_a_bundled_template_is_a_tool_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    (broken / "yearly.md.j2").write_text("{{ year }}\n{{ hilang.sama_sekali }}\n")
    monkeypatch.setattr(paths, "templates_dir", lambda: broken)
    with pytest.raises(InovasiError) as caught:
        render("yearly.md.j2", {"year": 2019}, fmt=ReportFormat.MD)
    assert not isinstance(caught.value, UsageError)
    assert caught.value.exit_code == 3
    assert "template yearly.md.j2, line 2: 'hilang' is undefined" in str(caught.value)


def test_unknown_label_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    (tmp_path / "award.html.j2").write_text("<p>{{ t('tidak.ada') }}</p>\n")
    with pytest.raises(UsageError, match=r"no label 'tidak\.ada'"):
        render("award.html.j2", {}, fmt=ReportFormat.HTML, user_dir=tmp_path)


def test_user_labels_override_single_keys(tmp_path: Path) -> None:
    (tmp_path / "labels.yaml").write_text("profiles: {id: Daftar inovasi}\n", encoding="utf-8")
    (tmp_path / "award.md.j2").write_text("{{ t('profiles') }} / {{ t('sources') }}\n")
    assert render("award.md.j2", {}, fmt=ReportFormat.MD, user_dir=tmp_path) == (
        "Daftar inovasi / Sumber\n"
    )
    (tmp_path / "labels.yaml").write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"labels\.yaml"):
        render("award.md.j2", {}, fmt=ReportFormat.MD, user_dir=tmp_path)


def test_html_labels_are_escaped_and_values_too(tmp_path: Path) -> None:
    (tmp_path / "labels.yaml").write_text(
        "x: {id: '<b>{name}</b>', en: '<i>{name}</i>'}\n", encoding="utf-8"
    )
    (tmp_path / "award.html.j2").write_text("{{ t('x', name=nama) }}\n")
    text = render("award.html.j2", {"nama": "<script>"}, fmt=ReportFormat.HTML, user_dir=tmp_path)
    assert text == "&lt;b&gt;&lt;script&gt;&lt;/b&gt;\n"


def test_tidy() -> None:
    assert tidy("\n\na  \n\n\n\nb\t\n\n") == "a\n\nb\n"
