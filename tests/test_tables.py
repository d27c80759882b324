"""Tables that fit the terminal: at 60, 80 and 120 columns every read command shows whole
ids, breaks no word, and writes no line wider than the terminal; --wide, --columns, and
piped text that stays one row a line."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from inovasi_cli.cli import options
from inovasi_cli.output import tables
from inovasi_cli.output.formats import Column, Listing, View, format_table, format_text
from inovasi_cli.output.tables import cell_len

ROOT = ("--root", str(REPO))
WIDTHS = (60, 80, 120)
# The five commands of the issue, each with what lists its ids (None: no id to check).
COMMANDS = {
    "list": (["list"], ["list", "--format", "ids"]),
    "list-banggai-kesehatan": (
        ["list", "--region", "banggai", "--sector", "kesehatan"],
        ["list", "--region", "banggai", "--sector", "kesehatan", "--format", "ids"],
    ),
    "visits": (["visits"], ["visits", "--format", "ids"]),
    "regions": (["regions"], ["regions", "--format", "ids"]),
    "stats": (["stats", "--by", "unit-type"], ["stats", "--by", "unit-type", "--format", "ids"]),
    "stats-sector": (["stats"], ["stats", "--format", "ids"]),
    "score": (["score"], ["score", "--format", "ids"]),
    "score-regions": (["score", "--by", "region"], ["score", "--by", "region", "-f", "ids"]),
    "score-breakdown": (["score", "-r", "banggai"], ["score", "-r", "banggai", "-f", "ids"]),
    "score-explain": (["score", "-e", "pinasa"], ["score", "-e", "pinasa", "-f", "ids"]),
}
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def words(text: str) -> list[str]:
    """Whitespace-separated words, without rich's rules and bars."""
    return [w for w in _SGR.sub("", text).split() if w.strip("─█")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("fmt", ["table", "text"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_fits_the_terminal_with_whole_ids_and_words(
    run, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str, width: int
) -> None:
    args, id_args = COMMANDS[name]
    monkeypatch.setenv("COLUMNS", str(width))
    # Every word the data has: the same listing, one row a line, nothing left out.
    whole = run(*ROOT, *args, "--format", fmt, "--wide").stdout
    monkeypatch.setattr(options, "stdout_is_terminal", lambda: True)  # text fits a terminal
    result = run(*ROOT, *args, "--format", fmt)
    out = _SGR.sub("", result.stdout)
    lines = out.splitlines()
    assert lines
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, f"wider than {width}:\n" + "\n".join(too_wide)
    known = set(words(whole))
    broken = [w for w in words(out) if w not in known]
    assert not broken, f"words not in the data (broken?): {broken}\n{out}"
    ids = run(*ROOT, *id_args).stdout.split()
    whole = [re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w/-])", out) for i in ids]
    assert ids and all(whole), f"ids not whole:\n{out}"
    if "left out" in result.stderr:
        dropped = re.search(r"columns: (.+?); --wide", result.stderr)
        assert dropped, result.stderr
        assert "--wide shows every column, --columns chooses them" in result.stderr


@pytest.mark.parametrize("args", [["list", "--limit", "12"], ["visits"], ["stats"]])
def test_at_80_columns_nothing_is_cut_mid_word(
    run, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The measured failures: 'kesehat/an', 'na/me', 'bang/gai', 'perangkat-dae/rah'."""
    monkeypatch.setenv("COLUMNS", "80")
    out = run(*ROOT, *args, "--format", "table").stdout
    for piece in ("kesehat\n", "Kesehata\n", "na\n", "bang\n", "Kabup\n", "perangkat-dae"):
        assert piece not in out.replace(" ", "").replace("\n\n", "\n")


def test_piped_text_is_one_row_a_line_whatever_the_width(
    run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = run(*ROOT, "list")  # not a terminal: text, unfitted
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 39
    assert max(cell_len(line) for line in lines) > 60
    assert "left out" not in result.stderr
    assert lines[0].split() == ["id", "name", "sector", "unit", "awards"]


def test_wide_shows_every_column_unwrapped(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = run(*ROOT, "visits", "--format", "table", "--wide")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 9  # header, rule, one line per visit
    assert lines[0].split() == ["id", "date", "host", "visitors", "people", "studied"]
    assert "left out" not in result.stderr


def test_columns_chooses_and_orders(run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    out = run(*ROOT, "regions", "--columns", "visits-received,id", "--format", "text").stdout
    assert out.splitlines()[0].split() == ["visits", "received", "id"]
    assert out.splitlines()[1].split() == ["0", "balangan"]
    repeated = run(*ROOT, "list", "--columns", "name", "--columns", "id", "-n", "1").stdout
    assert repeated.splitlines()[0].split() == ["name", "id"]


def test_unknown_column_lists_the_valid_ones(run) -> None:
    result = run(*ROOT, "list", "--columns", "id,nme", code=2)
    assert result.stderr.strip() == (
        "inovasi: error: --columns: unknown column 'nme'; did you mean 'name'? "
        "columns: id, name, sector, unit, awards"
    )
    result = run(*ROOT, "stats", "--columns", "bar", "--format", "text", code=2)
    assert "unknown column 'bar'; columns: sector, label, count, classified, share" in result.stderr
    result = run(*ROOT, "list", "--columns", "id", "--format", "json", code=2)
    assert "--columns: chooses the columns of table and text output, not of json" in (
        result.stderr  # json, csv and the others have their own fields
    )


def test_stats_bar_shrinks_to_the_space_left(run, monkeypatch: pytest.MonkeyPatch) -> None:
    bars = {}
    for width in (80, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        out = run(*ROOT, "stats", "--by", "unit-type", "--format", "table").stdout
        bars[width] = max(len(w) for w in out.split() if set(w) == {"█"})
    assert bars[80] < bars[120] == tables.BAR_MAX


# -- the layout itself -----------------------------------------------------------------------


def _listing(names: list[str], view: View) -> Listing:
    return Listing(
        records=[{"id": f"r{n}", "name": name, "n": n} for n, name in enumerate(names)],
        columns=(
            Column("id", "id", keep=True),
            Column("name", "name", wrap=True),
            Column("n", "count", numeric=True),
        ),
        view=view,
    )


@pytest.mark.parametrize("fmt", [format_table, format_text])
def test_wide_and_combining_characters_are_measured_in_cells(fmt) -> None:
    names = ["漢字漢字 漢字漢字 漢字漢字 漢字漢字", "Café́ São Paulo Bébé Ñandú Ördög Ünal", "short"]
    out = _SGR.sub("", fmt(_listing(names, View(width=40))))
    lines = out.splitlines()
    assert all(cell_len(line) <= 40 for line in lines), out
    ids = {"r0", "r1", "r2"}
    assert set(words(out)) <= {*" ".join(names).split(), "id", "name", "count", *ids, "0", "1", "2"}
    assert ids <= set(words(out))
    # The count column ends at the same cell on every row that shows one.
    ends = {cell_len(line.rstrip()) for line in lines if re.search(r"\d\s*$", line)}
    assert len(ends) == 1, out


def test_a_word_longer_than_fair_width_keeps_its_column_whole() -> None:
    long = "Pemberdayaanmasyarakatdesa " * 2
    out = format_text(_listing([long.strip()], View(width=40)))
    assert "Pemberdayaanmasyarakatdesa" in out.split()


def test_unfitted_text_pads_by_cells() -> None:
    out = format_text(_listing(["漢字", "ab"], View()))
    first, second = out.splitlines()[1:3]
    assert cell_len(first) == cell_len(second)


def test_wrap_words_breaks_only_at_spaces() -> None:
    assert tables.wrap_words("Dinas Kesehatan Kabupaten", 10) == ["Dinas", "Kesehatan", "Kabupaten"]
    assert tables.wrap_words("perangkat-daerah", 5) == ["perangkat-daerah"]
    assert tables.wrap_words("a b c", 5) == ["a b c"]
