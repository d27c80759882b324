"""The one Markdown escaper (``output.markdown``), as pure functions: what it escapes, and
that its output parses as plain text wherever a Markdown output puts it (a table cell, a
paragraph, a list item, a heading), checked with a CommonMark parser (markdown-it-py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inovasi_cli.core.text import terminal_text
from inovasi_cli.output.markdown import md_code, md_escape, md_url, one_line

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("baris satu\nbaris dua", "baris satu baris dua"),
        ("  spasi   ganda \t tab ", "spasi ganda tab"),
        ("*tebal* _miring_ `kode` ~coret~", r"\*tebal\* \_miring\_ \`kode\` \~coret\~"),
        ("[tautan](http://x)", r"\[tautan\](http://x)"),
        (r"C:\data", r"C:\\data"),
        ("# Judul", r"\# Judul"),
        ("#tagar", "#tagar"),
        ("- butir", r"\- butir"),
        ("+ butir", r"\+ butir"),
        ("-tanpa-spasi", "-tanpa-spasi"),
        ("---", r"\---"),
        ("===", r"\==="),
        ("1. nomor", r"1\. nomor"),
        ("2019) tahun", r"2019\) tahun"),
        ("72.01", "72.01"),
        ("Inovasi C #", r"Inovasi C \#"),
        ("&amp; &#60; &x", r"\&amp; \&#60; &x"),
        ("Boli’ Montanda’i", "Boli’ Montanda’i"),
        ("\x1b[31mmerah", r"\\x1b\[31mmerah"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


@given(st.text())
def test_md_escape_is_one_inert_line_that_unescapes_to_the_text(text: str) -> None:
    escaped = md_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert not UNESCAPED_PIPE.search(escaped)
    for char in "<>[]`*_~":
        assert not re.search(rf"(?<!\\){re.escape(char)}", escaped.replace("\\\\", "")), char
    # Nothing is lost: removing the escapes gives back the text, whitespace folded.
    expected = " ".join(terminal_text(text, newlines=True).split())
    assert unescape(escaped) == expected


def test_md_url_and_code() -> None:
    assert md_url("https://example.org/a?b=1") == "<https://example.org/a?b=1>"
    assert md_url("javascript:alert(1)") == "javascript:alert(1)"
    assert md_url("https://x.org/<b>") == r"https://x.org/\<b\>"
    assert md_code("001_abc.txt") == "`001_abc.txt`"
    assert md_code("a`b") == r"a\`b"


# --- Parsed by a CommonMark parser with GitHub's tables and strikethrough ---------------

markdown_it = pytest.importorskip("markdown_it")
GFM = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN = {"text", "text_special"}  # anything else (em, code, link, html...) is markup
# Text that has broken Markdown tables and prose somewhere: every character the escaper
# must neutralise, block starts, entities, HTML, links, and their mixtures.
HOSTILE = st.lists(
    st.sampled_from([*"|`*_[]<>~\\#-+=.)!&;:/ \n\taz019", "&amp;", "&#60;", "<b>", "1. "]),
    max_size=30,
).map("".join)
ANY_TEXT = st.text() | HOSTILE


def inline_text(tokens: list) -> str:
    """The text of an inline token, asserting it holds no markup."""
    [inline] = [t for t in tokens if t.type == "inline"]
    kinds = {c.type for c in inline.children or []}
    assert kinds <= PLAIN, kinds
    return "".join(c.content for c in inline.children or [])


@given(ANY_TEXT, ANY_TEXT)
def test_escaped_text_keeps_a_table_row_whole_and_plain(left: str, right: str) -> None:
    table = f"| a | b |\n|---|---|\n| {md_escape(left)} | {md_escape(right)} |\n"
    tokens = GFM.parse(table)
    assert [t.type for t in tokens].count("tr_open") == 2  # header and one body row
    body = tokens[[t.type for t in tokens].index("tbody_open") :]
    cells = [t for t in body if t.type == "inline"]
    assert len(cells) == 2  # no pipe split a cell, no newline ended the row
    for cell, text in zip(cells, (left, right), strict=True):
        assert inline_text([cell]) == one_line(text)


@pytest.mark.parametrize(
    ("frame", "blocks"),
    [
        ("{}", ["paragraph_open", "inline", "paragraph_close"]),
        ("- {}", ["bullet_list_open", "list_item_open", "paragraph_open", "inline"]),
        ("## {}", ["heading_open", "inline", "heading_close"]),
    ],
    ids=["paragraph", "list item", "heading"],
)
@given(text=ANY_TEXT.filter(lambda t: one_line(t)))
def test_escaped_text_is_plain_text_in_prose(frame: str, blocks: list[str], text: str) -> None:
    tokens = GFM.parse(frame.format(md_escape(text)) + "\n")
    types = [t.type for t in tokens]
    assert types[: len(blocks)] == blocks  # no heading, list, rule, quote, code or HTML
    assert types.count("inline") == 1
    assert inline_text(tokens) == one_line(text)


@given(ANY_TEXT)
def test_a_code_span_or_escaped_text_in_a_table_cell(text: str) -> None:
    code = md_code(text)
    tokens = GFM.parse(f"| a |\n|---|\n| {code} |\n")
    [inline] = [t for t in tokens if t.type == "inline"][1:]
    children = inline.children or []
    if code.startswith("`"):
        assert [c.type for c in children] == ["code_inline"]
        assert children[0].content == one_line(text)
    else:
        assert inline_text([inline]) == one_line(text)
