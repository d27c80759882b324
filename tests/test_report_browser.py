"""The HTML reports as a phone (390 px) and a desktop (1280 px) browser show them, in
headless Chromium over the DevTools protocol (tests/browser.py): the page never scrolls
sideways, a table wider than the screen scrolls in its own focusable container under a
visible hint, predicate cells stay on one line; and the committed screenshots under docs/
are of every report kind at both widths (``python tests/browser.py`` makes them)."""

from __future__ import annotations

import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, MEASURE, chromium
from conftest import EXAMPLES, REPO, Run
from test_assessment import add_full_evidence

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install chromium); .ci/run installs it",
)

KINDS = {
    "award": ("report", "award", "--region", "banggai", "--award", "iga-2019"),
    "visits": ("report", "visits", "--host", "banggai"),
    "region": ("report", "region", "banggai"),
    "yearly": ("report", "yearly", "--year", "2019"),
}
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every report kind of the shipped collection in both languages, and the region
    report of a collection with enough evidence for a predicate (its score table then
    has a predicate cell)."""
    folder = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INOVASI_CACHE_DIR", str(folder / "cache"))
        run = Run()
        found = {}
        for kind, args in KINDS.items():
            for lang in ("id", "en"):
                path = folder / f"{kind}-{lang}.html"
                run("--root", str(REPO), *args, "-f", "html", "--lang", lang, "-o", str(path))
                found[f"{kind}-{lang}"] = path
        evidenced = folder / "evidenced"
        shutil.copytree(EXAMPLES / "valid", evidenced)
        add_full_evidence(evidenced)
        path = folder / "assessed.html"
        run("--root", str(evidenced), *KINDS["region"], "-f", "html", "-o", str(path))
        found["assessed"] = path
    return found


@pytest.fixture(scope="module")
def measured(pages: dict[str, Path]) -> dict[tuple[str, int], dict[str, Any]]:
    seen: dict[tuple[str, int], dict[str, Any]] = {}
    with chromium() as browser:
        for name, path in pages.items():
            for width in WIDTHS:
                browser.open(path.as_uri(), width)
                seen[(name, width)] = browser.evaluate(MEASURE)
    return seen


def cases() -> Iterator[tuple[str, int]]:
    for name in [*(f"{k}-{lang}" for k in KINDS for lang in ("id", "en")), "assessed"]:
        for width in WIDTHS:
            yield name, width


@needs_chromium
@pytest.mark.parametrize(("name", "width"), list(cases()))
def test_tables_scroll_in_their_container_never_the_page(
    measured: dict[tuple[str, int], dict[str, Any]], name: str, width: int
) -> None:
    seen = measured[(name, width)]
    assert seen["viewport"] == width
    assert seen["page"] <= width, "the page scrolls sideways"
    assert seen["tables"]
    for table in seen["tables"]:
        assert table["scroller"] == "auto" and table["focusable"], table
        assert table["right"] <= width, table  # the container ends at the screen's edge
        if table["overflows"]:
            # Wider than the screen: the hint above says to scroll, on a phone.
            assert table["hint"], table
    hints = [t["hint"] for t in seen["tables"]]
    if width == 1280:
        assert not any(hints)  # a desktop needs no hint
        assert not any(t["overflows"] for t in seen["tables"])


@needs_chromium
def test_a_phone_gets_the_hint_where_tables_are_wide(
    measured: dict[tuple[str, int], dict[str, Any]],
) -> None:
    # The region report's sector tables are wider than a phone, so they do scroll there.
    region = measured[("region-id", 390)]["tables"]
    assert sum(t["overflows"] and t["hint"] for t in region) >= 5


@needs_chromium
@pytest.mark.parametrize("width", WIDTHS)
def test_a_predicate_stays_on_one_line(
    measured: dict[tuple[str, int], dict[str, Any]], width: int
) -> None:
    [cell] = measured[("assessed", width)]["predicates"]
    assert cell["text"] in {"Sangat Inovatif", "Inovatif", "Kurang Inovatif"}
    assert cell["lines"] == 1, cell


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_docs_hold_screenshots_of_each_report_at_both_widths(kind: str) -> None:
    for width in WIDTHS:
        shot = REPO / f"docs/report-{kind}-{width}.png"
        found_width, height = png_size(shot)
        assert found_width == width and height >= 1000
        # A blank page compresses to a few kilobytes; a rendered report does not.
        assert shot.stat().st_size > 60_000
    found_width, _ = png_size(REPO / f"docs/report-{kind}-390-table.png")
    assert found_width == 390


def test_the_readme_shows_the_award_report_on_a_desktop_and_a_phone() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reports: `inovasi report`", 1)[1].split("\n## Contributing", 1)[0]
    for shot in ("report-award-1280.png", "report-award-390.png", "report-region-390-table.png"):
        assert f"](docs/{shot})" in section, shot
