"""inovasi site: the published catalogue, built from the shipped collection and from
hostile records, checked as files (every page, every relative link, the API against its
schema, the feed as Atom) and by its output-folder convention."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
import yaml

from conftest import REPO, Run
from inovasi_cli.site import urls
from inovasi_cli.site.build import CSP, CSP_SEARCH
from inovasi_cli.site.folder import MARKER
from inovasi_cli.site.history import parse_log
from test_hostile_output import INLINE, SCRIPT, hostile  # noqa: F401 - a fixture
from test_workers import _alive, _children, _ended, national  # noqa: F401 - a fixture

ATOM = "{http://www.w3.org/2005/Atom}"
SHIPPED = REPO / "data"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped collection's site (this checkout's git history dates the feed)."""
    out = tmp_path_factory.mktemp("site") / "public"
    Run()("--root", str(REPO), "site", "--output", str(out))
    return out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # (tag, url)
        self.csp: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.csp.append(values.get("content") or "")
        for key in ("href", "src"):
            if values.get(key) is not None:
                self.refs.append((tag, values[key] or ""))


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_a_page_for_every_record_at_its_permanent_address(site: Path) -> None:
    collection = [
        p.relative_to(SHIPPED / "innovations") for p in SHIPPED.glob("innovations/*/*.yaml")
    ]
    assert len(collection) == 39
    for record in collection:
        page = site / "inovasi" / record.parent / record.stem / "index.html"
        assert page.is_file(), page
    for kind, folder in (
        ("regions", "daerah"),
        ("visits", "kunjungan"),
        ("scoring", "model"),
        ("sources", "sumber"),
    ):
        for record in (SHIPPED / kind).glob("*.yaml"):
            assert (site / folder / record.stem / "index.html").is_file(), (kind, record.stem)
    for path in (
        urls.HOME,
        urls.SEARCH,
        urls.NETWORK,
        urls.BROWSE,
        urls.YEARS,
        urls.AWARDS,
        "tahun/2019/index.html",
        "penghargaan/iga-2019/index.html",
        "laporan/daerah/banggai.html",
        "laporan/kunjungan/banggai-diterima.html",
        "laporan/penghargaan/iga-2019/banggai.html",
        "laporan/tahun/2019.html",
    ):
        assert (site / path).is_file(), path
    page = (site / "inovasi/banggai/e-makam/index.html").read_text(encoding="utf-8")
    assert "<h1>Elektronik Makam (E-Makam)</h1>" in page
    assert 'href="../../../daerah/banggai/index.html"' in page  # relative, to index.html


def test_every_link_is_relative_and_reaches_a_file(site: Path) -> None:
    """No page loads or links anything outside the site but a source's own address, and
    every internal link names a file that exists (so the site works from a sub-path and
    from file://)."""
    checked = 0
    for page in pages(site):
        for tag, ref in parsed(page).refs:
            parts = urlsplit(ref)
            if ref.startswith("#") or ref == "data:,":
                continue
            if parts.scheme in ("http", "https"):
                # only links out (a source's URL, the canonical link), never a resource
                assert tag == "a" or (tag == "link" and "canonical" in page.read_text()), (
                    page,
                    ref,
                )
                continue
            assert not parts.scheme and not parts.netloc and not ref.startswith("/"), (page, ref)
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (page.relative_to(site), ref)
            checked += 1
    assert checked > 2000


def test_every_site_page_has_the_csp_and_reports_keep_theirs(site: Path) -> None:
    for page in pages(site):
        found = parsed(page)
        if page.relative_to(site).parts[0] == "laporan":
            assert found.csp and "default-src 'none'" in found.csp[0]
        elif page.relative_to(site).as_posix() in (urls.HOME, urls.SEARCH):
            assert found.csp == [CSP_SEARCH], page
        else:
            assert found.csp == [CSP], page
            assert "<script" not in page.read_text(encoding="utf-8"), page
    for policy in (CSP, CSP_SEARCH):
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "default-src 'none'" in policy and "http" not in policy
    assert "script-src" not in CSP
    assert "script-src 'self' 'wasm-unsafe-eval';" in CSP_SEARCH
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\ssrc=)", text), page  # no inline script
        assert " style=" not in text, page  # no inline style (style-src 'self')


def test_facets_mark_classified_values(site: Path) -> None:
    urusan = (site / "telusur/urusan/index.html").read_text(encoding="utf-8")
    assert "(klasifikasi)" in urusan
    listing = (
        site / "telusur/urusan/perumahan-rakyat-dan-kawasan-permukiman/index.html"
    ).read_text(encoding="utf-8")
    assert "E-Makam" in listing and "klasifikasi kurator" in listing
    for facet in ("daerah", "provinsi", "urusan", "tahun", "penghargaan", "tahapan", "jenis"):
        assert (site / "telusur" / facet / "index.html").is_file(), facet


def test_the_network_is_inline_svg_linking_regions(site: Path) -> None:
    page = (site / urls.NETWORK).read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    ET.fromstring(svg)  # well-formed
    assert 'href="../daerah/parigi-moutong/index.html"' in svg
    assert 'class="edge-replication"' in svg and 'class="edge-visit"' in svg
    assert "Kulihat, Kuambil Sampah" in page or "PINASA" in page


def test_the_api_matches_its_schema_and_version(site: Path) -> None:
    schema = json.loads((REPO / "docs/site-api.schema.json").read_text(encoding="utf-8"))
    listing = json.loads((site / urls.API_INNOVATIONS).read_text(encoding="utf-8"))
    jsonschema.validate(listing, schema)
    assert listing["api_version"] == 1
    assert len(listing["innovations"]) == 39
    for shape in listing["innovations"]:
        own = json.loads((site / urls.api_innovation(shape["id"])).read_text(encoding="utf-8"))
        jsonschema.validate(own, schema)
        assert own["innovation"] == shape
        assert (site / shape["page"]).is_file()
    index = json.loads((site / urls.API_INDEX).read_text(encoding="utf-8"))
    jsonschema.validate(index, schema)
    for name in ("regions", "visits", "sources"):
        document = json.loads((site / index["lists"][name]).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
        for record in document[name]:
            assert (site / record["page"]).is_file()
    kukusa = json.loads(
        (site / "api/inovasi/parigi-moutong/kukusa.json").read_text(encoding="utf-8")
    )
    assert kukusa["innovation"]["replication_of"] == "banggai/pinasa"


def test_the_feed_is_atom_dated_by_git(site: Path) -> None:
    root = ET.parse(site / urls.FEED).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    found = root.findall(f"{ATOM}entry")
    assert 10 <= len(found) <= 50
    stamps = []
    for entry in found:
        for required in ("id", "title", "updated", "published", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        link = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        assert (site / link).is_file(), link
        stamps.append(entry.findtext(f"{ATOM}updated"))
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)", stamps[-1] or "")
    assert stamps == sorted(stamps, reverse=True)
    titles = [e.findtext(f"{ATOM}title") or "" for e in found]
    assert any(t.startswith("Hasil penilaian:") for t in titles)  # official results too


def test_outside_git_the_feed_uses_record_dates_and_says_so(run, tmp_path: Path) -> None:
    shutil.copytree(SHIPPED, tmp_path / "data")
    result = run("--root", str(tmp_path), "site", "--no-search", "--output", str(tmp_path / "out"))
    assert "not a git checkout; the feed's dates come from the records' own dates" in result.stderr
    root = ET.parse(tmp_path / "out/feed.xml").getroot()
    updated = [e.findtext(f"{ATOM}updated") for e in root.findall(f"{ATOM}entry")]
    assert updated and all(u and u.endswith("T00:00:00Z") for u in updated)
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert "bukan checkout git" in home


def test_git_log_is_read_once_into_created_and_updated() -> None:
    log = (
        "\x012026-03-01T10:00:00+07:00\0\0data/a.yaml\0data/b.yaml\0"
        "\x012026-01-01T09:00:00+07:00\0\0data/a.yaml\0"
    )
    dates = parse_log(log)
    assert dates["data/a.yaml"].created == "2026-01-01T09:00:00+07:00"
    assert dates["data/a.yaml"].updated == "2026-03-01T10:00:00+07:00"
    assert (
        dates["data/b.yaml"].created == dates["data/b.yaml"].updated == "2026-03-01T10:00:00+07:00"
    )


def test_english_pages(run, tmp_path: Path) -> None:
    out = tmp_path / "en"
    run("--root", str(REPO), "site", "--lang", "en", "--no-search", "--output", str(out))
    page = out / "inovasi/banggai/e-makam/index.html"
    assert parsed(page).lang == "en"
    text = page.read_text(encoding="utf-8")
    assert "Government affair" in text and "classified" in text
    assert parsed(out / "laporan/daerah/banggai.html").lang == "en"


def test_hostile_record_text_stays_inert(run, hostile: Path, tmp_path: Path) -> None:  # noqa: F811
    source = hostile / "data/sources/hostile.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["url"] = "javascript:alert(1)"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    run("--root", str(hostile), "site", "--no-search", "--output", str(out), code=None)
    assert (out / "inovasi/banggai/pinasa/index.html").is_file()
    for path in [*out.rglob("*.html"), out / "feed.xml"]:
        text = path.read_text(encoding="utf-8")
        assert SCRIPT not in text, path
        assert "<img src=x" not in text, path
        assert 'href="javascript:' not in text, path
        assert "49" not in re.findall(r"alert\(1\)\S*\s*(\d+)", text), path
    page = (out / "inovasi/banggai/pinasa/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7 * 7 }}" in page  # shown as written, never evaluated
    ET.parse(out / "feed.xml")  # still well-formed XML
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_output_folder_convention(run, tmp_path: Path) -> None:
    args = ("--root", str(REPO), "site", "--no-search", "--output")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run(*args, str(mine), code=2)
    assert "not empty and holds no site built by inovasi" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    assert "is not a folder" in run(*args, str(afile), code=2).stderr
    assert "no such folder" in run(*args, str(tmp_path / "no/such"), code=2).stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    run(*args, str(empty))
    assert (empty / MARKER).is_file()
    (empty / "index.html").write_text("stale", encoding="utf-8")
    run(*args, str(empty))  # a previous site is replaced
    assert "stale" not in (empty / "index.html").read_text(encoding="utf-8")
    (empty / "CNAME").write_text("example.org", encoding="utf-8")
    result = run(*args, str(empty), code=2)
    assert "CNAME not written by inovasi site" in result.stderr
    assert (empty / "CNAME").read_text(encoding="utf-8") == "example.org"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
    assert "give its path, not -" in run(*args, "-", code=2).stderr
    assert (
        "--base-url"
        in run(
            "--root",
            str(REPO),
            "site",
            "-o",
            str(tmp_path / "x"),
            "--base-url",
            "javascript:x",
            code=2,
        ).stderr
    )


def test_without_pagefind_one_line_with_the_install_hint(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails
    result = run("--root", str(REPO), "site", "--output", str(tmp_path / "out"), code=3)
    assert result.stderr.strip().splitlines()[-1] == (
        "inovasi: error: the site's search needs Pagefind, which is not installed; install "
        "it with pip install 'inovasi[site]' (or build without search: --no-search)"
    )
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []


def test_site_labels_never_redefine_report_labels() -> None:
    base = yaml.safe_load((REPO / "templates/labels.yaml").read_text(encoding="utf-8"))
    site = yaml.safe_load((REPO / "templates/site/labels.yaml").read_text(encoding="utf-8"))
    assert sorted(set(base) & set(site)) == []
    for key, value in site.items():
        assert set(value) == {"id", "en"}, key


def test_page_addresses_are_made_of_slugs_only() -> None:
    assert urls.innovation("banggai/e-makam") == "inovasi/banggai/e-makam/index.html"
    assert urls.root_of("inovasi/banggai/e-makam/index.html") == "../../../"
    with pytest.raises(Exception, match="not a slug"):
        urls.region("../etc")


def test_listings_are_paginated_and_the_home_page_stays_small(run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks/make_corpus.py"), "--innovations", "400",
         "--out", str(corpus)],
        check=True, capture_output=True,
    )  # fmt: skip
    out = tmp_path / "out"
    run("--root", str(corpus), "site", "--no-search", "--output", str(out))
    stages = sorted((out / "telusur/tahapan").glob("*/2/index.html"))
    assert stages, "a value with more than 100 innovations has a second page"
    second = stages[0].read_text(encoding="utf-8")
    assert "Halaman 2 dari" in second and 'rel="prev"' in second
    first = (stages[0].parent.parent / "index.html").read_text(encoding="utf-8")
    assert first.count("<tr><td>") == 100
    assert (out / "index.html").stat().st_size < 200_000


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_parallel_build_is_the_serial_build_byte_for_byte(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes render the same files as one process: every path, every byte
    (the shipped collection, with the size below which a build stays serial lowered)."""
    from inovasi_cli.site import build, parallel

    used: list[int] = []

    def spy(*args: object) -> int:
        used.append(parallel.run_tasks(*args))  # type: ignore[arg-type]
        return used[-1]

    monkeypatch.setattr(build, "run_tasks", spy)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_TASKS", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    serial, forked = tmp_path / "serial", tmp_path / "forked"
    run("--root", str(REPO), "site", "--no-search", "--jobs", "1", "--output", str(serial))
    run("--root", str(REPO), "site", "--no-search", "--jobs", "2", "--output", str(forked))
    assert used == [1, 2]
    one, two = _tree(serial), _tree(forked)
    assert len(one) > 200 and list(one) == list(two)
    assert [p for p in one if one[p] != two[p]] == []


def test_site_jobs_beyond_the_cores_get_a_note(run, tmp_path: Path) -> None:
    from inovasi_cli.validation.workers import cores

    out = tmp_path / "out"
    result = run("--root", str(REPO), "site", "--no-search", "--jobs", "100000", "-o", str(out))
    assert f"--jobs 100000: {cores()} core(s) here" in result.stderr
    assert (out / "index.html").is_file()


def test_search_reads_only_the_folders_of_the_pages_it_indexes(site: Path) -> None:
    """Pagefind is given the record pages' folders (``--glob``): every page marked for the
    index lies in one of them, the reports and listings (most of a large site) in none, and
    the index holds every marked page."""
    from inovasi_cli.site.search import pages_glob

    marked = [p for p in pages(site) if "data-pagefind-body" in p.read_text("utf-8")]
    assert {p.relative_to(site).parts[0] for p in marked} == set(urls.SEARCHED_FOLDERS)
    assert pages_glob() == "{inovasi,daerah,kunjungan,model,sumber}/**/*.html"
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(marked)


def test_the_site_has_the_modes_a_plain_mkdir_and_open_give(site: Path) -> None:
    """Built in a private (0700) folder, published with the usual modes: Pagefind's files
    and the pages alike."""
    import stat

    mask = os.umask(0)
    os.umask(mask)
    entries = [site, *site.rglob("*")]
    assert any("pagefind" in p.parts for p in entries)
    wrong = [
        p
        for p in entries
        if stat.S_IMODE(p.lstat().st_mode) != (0o777 if p.is_dir() else 0o666) & ~mask
    ]
    assert wrong == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"]
)
def test_a_signal_ends_the_site_workers_and_leaves_no_half_built_site(
    national: Path,  # noqa: F811
    tmp_path: Path,
    signum: int,
    code: int,
) -> None:
    from inovasi_cli.site.parallel import worker_count

    if worker_count(2, 100_000) < 2:
        pytest.skip("one core: the site is rendered without worker processes")
    out = tmp_path / "public"
    command = [sys.executable, "-m", "inovasi_cli", "--root", str(national), "site"]
    process = subprocess.Popen(
        [*command, "--no-search", "--jobs", "2", "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    children: set[int] = set()
    deadline = time.monotonic() + 60
    try:
        while len(children) < 2 and process.poll() is None and time.monotonic() < deadline:
            children = _children(process.pid)
            time.sleep(0.005)
        assert len(children) >= 2, f"no workers seen (exit {process.poll()})"
        process.send_signal(signum)
        assert process.wait(60) == code
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
        assert _ended(children) == set()
        assert list(tmp_path.iterdir()) == []  # no site, no build folder left behind
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(60)
        if process.stderr is not None:
            process.stderr.close()
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
