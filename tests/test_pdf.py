"""`inovasi report ... --format pdf`: an A4 document with page numbers, a table of
contents with page references, the charts and the citations, from the HTML templates;
deterministic; a clear line when WeasyPrint or Pango is missing."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.cli import streams
from inovasi_cli.reports import pdf as pdf_module
from inovasi_cli.validation.pipeline import load_collection

pypdf = pytest.importorskip("pypdf")

ROOT = ("--root", str(REPO))
AWARD = ("report", "award", "--region", "banggai", "--award", "iga-2019")
KINDS = {
    "award": AWARD,
    "visits": ("report", "visits", "--host", "banggai"),
    "region": ("report", "region", "banggai"),
    "yearly": ("report", "yearly", "--year", "2019"),
}
A4 = (595.28, 841.89)  # points


def pages_text(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def award_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from conftest import Run

    target = tmp_path_factory.mktemp("pdf") / "iga-2019.pdf"
    result = Run()(*ROOT, *AWARD, "--output", str(target))  # the format from the extension
    assert re.fullmatch(
        rf"wrote {re.escape(str(target))} \(pdf, [\d,]+ bytes, \d+ pages\)\n", result.stderr
    )
    return target.read_bytes()


def test_the_award_pdf_is_a4_with_page_numbers_and_every_profile(award_pdf: bytes) -> None:
    assert award_pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(award_pdf))
    assert len(reader.pages) > 5
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    texts = pages_text(award_pdf)
    count = len(texts)
    for number, text in enumerate(texts, 1):
        assert f"Halaman {number} dari {count}" in text, number
    document = " ".join(texts)
    shipped = load_collection(REPO).collection
    entries = [
        i
        for i in shipped.innovations_by_region["banggai"]
        if any(c.key == "iga-2019" for c in i.competitions)
    ]
    assert len(entries) == 24
    for innovation in entries:
        assert " ".join(innovation.display_name.split()) in document, innovation.id
    assert "Inovasi Kabupaten Banggai pada IGA 2019" in texts[0]
    # The citations, and the footer naming the software.
    assert "Profil singkat inovasi daerah Kabupaten Banggai pada IGA 2019" in document
    assert "Disusun dengan perangkat lunak inovasi" in document


def test_the_table_of_contents_gives_the_page_of_each_section(award_pdf: bytes) -> None:
    texts = pages_text(award_pdf)
    contents = texts[0]
    assert "Daftar isi" in contents
    for label in ("Ringkasan", "Profil inovasi", "Sumber"):
        found = re.search(rf"{label} \.*\s*(\d+)", contents)
        assert found, label
        page = int(found[1])
        heading = texts[page - 1]
        assert label in heading, (label, page)
    # The profiles' own list has their pages too: profile 24 is where the list says.
    listing = " ".join(texts[:6])
    last = re.search(r"Tombang Permai Kelurahan Cerdas \(Toper Kece\) \.+\s*(\d+)", listing)
    assert last, listing[:2000]
    assert "24. Tombang Permai Kelurahan Cerdas" in texts[int(last[1]) - 1]


def test_the_charts_are_drawn(award_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(award_pdf))
    # Inline SVG becomes vector drawing (form XObjects of the charts), not an image.
    drawn = [page for page in reader.pages if "/XObject" in (page.get("/Resources") or {})]
    assert drawn


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_report_is_a_deterministic_pdf(run, kind: str, lang: str) -> None:
    first = run(*ROOT, *KINDS[kind], "-f", "pdf", "--lang", lang).stdout_bytes
    second = run(*ROOT, *KINDS[kind], "-f", "pdf", "--lang", lang).stdout_bytes
    assert first.startswith(b"%PDF-") and first == second
    assert b"/CreationDate" not in first and b"/ModDate" not in first
    word = "Halaman" if lang == "id" else "Page"
    assert f"{word} 1 " in pages_text(first)[0]


def test_pdf_to_a_terminal_is_a_usage_error(run, monkeypatch) -> None:
    monkeypatch.setattr(streams, "stdout_is_terminal", lambda: True)
    result = run(*ROOT, *AWARD, "-f", "pdf", code=2)
    assert result.stdout == ""
    assert "--format pdf is binary and stdout is a terminal; give --output FILE.pdf" in (
        result.stderr
    )
    run(*ROOT, *AWARD, "-f", "md")  # text to a terminal is fine


def test_missing_weasyprint_is_one_line_and_exit_3(run, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    target = tmp_path / "x.pdf"
    result = run(*ROOT, *AWARD, "-o", str(target), code=3)
    assert result.stderr == (
        "inovasi: error: --format pdf needs WeasyPrint, which is not installed; install it "
        "with: pip install 'inovasi[pdf]' (in this repository: make test)\n"
    )
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_missing_pango_is_one_line_and_exit_3(run, monkeypatch) -> None:
    def no_pango() -> None:
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open\nfile")

    monkeypatch.setattr(pdf_module, "_import", no_pango)
    result = run(*ROOT, *AWARD, "-f", "pdf", code=3)
    [line] = result.stderr.splitlines()
    assert "cannot load library 'libpango-1.0-0'" in line
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["region", "visits", "yearly"])
def test_every_long_report_has_a_table_of_contents_with_pages(run, kind: str) -> None:
    texts = pages_text(run(*ROOT, *KINDS[kind], "-o", "-", "-f", "pdf").stdout_bytes)
    assert len(texts) > 2
    contents = texts[0]
    entries = re.findall(r"([A-Z][\w ]+?) \.{5,}\s*(\d+)", contents.split("Daftar isi", 1)[1])
    assert len(entries) >= 2, contents
    for label, page in entries:
        assert label.strip() in texts[int(page) - 1], (label, page)


def test_a_pdf_goes_to_a_pipe_from_a_real_process(tmp_path: Path) -> None:
    """Through a real process: stdout a pipe, so the PDF goes to it, whole and binary."""
    import subprocess

    inovasi = Path(sys.executable).with_name("inovasi")
    proc = subprocess.run(
        [str(inovasi), *ROOT, *AWARD, "--format", "pdf"],
        capture_output=True,
        check=False,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "INOVASI_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"%PDF-") and proc.stdout.rstrip().endswith(b"%%EOF")
    assert len(pypdf.PdfReader(io.BytesIO(proc.stdout)).pages) > 5
    assert proc.stderr == b""


def test_a_pdf_loads_nothing(tmp_path: Path) -> None:
    """A report refers to no file; if a template of one's own did, the PDF would still
    not load it (the URL fetcher refuses every URL)."""
    image = REPO / "docs/report-award-390-table.png"
    html = (
        "<!DOCTYPE html><html lang='id'><head><title>x</title>"
        f"<link rel='stylesheet' href='{(tmp_path / 'x.css').as_uri()}'></head>"
        f"<body><p>teks</p><img src='{image.as_uri()}' alt='gambar'></body></html>"
    )
    (tmp_path / "x.css").write_text("p { color: red }", encoding="utf-8")
    document = pdf_module.pdf_from_html(html)
    assert b"/Image" not in document.data
    assert "teks" in pages_text(document.data)[0]


def test_hostile_record_text_is_inert_text_in_the_pdf(run, collection: Path) -> None:
    """Markup, a bidi override and a word far wider than a page, in a record: the PDF is
    made, with the text as text (nothing of it is run or loaded), across pages."""
    record = collection / "data/innovations/banggai/pinasa.yaml"
    hostile = "<img src='file:///etc/hostname'> &amp; \u202eevil</body>"
    long_word = "x" * 3000
    text = record.read_text(encoding="utf-8").replace(
        "name: Gerakan moral PINASA", f'name: "{hostile} {long_word}"', 1
    )
    record.write_text(text, encoding="utf-8")
    data = run("--root", str(collection), "report", "region", "banggai", "-f", "pdf").stdout_bytes
    assert data.startswith(b"%PDF-") and b"/Image" not in data
    document = " ".join(pages_text(data))
    assert "<img src='file:///etc/hostname'> &amp;" in document
