"""The one Markdown escaper: record text made inert in GitHub-flavoured Markdown.

Every Markdown output (the reports, the review summary) writes record text through
:func:`md_escape`, so one rule set holds everywhere: the text stays on one line (a table
row is never broken), every character that could start markup (``| \\ * _ ` < > [ ] ~``)
is backslash-escaped, entity references are broken, and what would start a block at the
start of a line (a heading, a list, a rule) is escaped. The same text is therefore safe in
a table cell, a list item, a heading or a paragraph. Pure functions over strings.
"""

from __future__ import annotations

import re

from inovasi_cli.core.text import terminal_text

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_MD_BLOCK_START = (
    # A heading, a bullet or a thematic break / setext underline at the start of a line.
    (re.compile(r"^(#{1,6}|[-+])(?=\s|$)"), r"\\\1"),
    (re.compile(r"^([-=])(?=[-=\s]*$)"), r"\\\1"),
    # An ordered list marker: escape the dot, not the digits ("1\\. foo").
    (re.compile(r"^(\d{1,9})([.)])(?=\s|$)"), r"\1\\\2"),
    # A closing sequence of an ATX heading ("Inovasi C #") would be dropped.
    (re.compile(r"(\s)(#+)$"), r"\1\\\2"),
)
_SAFE_URL = re.compile(r"^https?://[^\s<>`\\]+$")


def one_line(value: object) -> str:
    """The text on one line: control characters shown as escapes, every run of whitespace
    (newlines included) folded to one space, no space at either end."""
    return " ".join(terminal_text(str(value), newlines=True).split())


def md_escape(value: object) -> str:
    """Record text made inert for Markdown: one line (newlines folded to spaces, so table
    cells stay intact), inline markup characters backslash-escaped (``| \\ * _ ` < > [ ]
    ~``), entity references broken, and what would start a heading, a list or a rule at
    the start of a line (``# ``, ``- ``, ``1. ``, ``---``) escaped."""
    text = _MD_INLINE.sub(r"\\\1", one_line(value))
    text = _MD_ENTITY.sub(r"\\&", text)
    for pattern, replacement in _MD_BLOCK_START:
        text = pattern.sub(replacement, text)
    return text


def md_url(value: object) -> str:
    """An http(s) URL as a Markdown autolink; anything else as escaped text."""
    text = str(value)
    return f"<{text}>" if _SAFE_URL.match(text) else md_escape(text)


def md_code(value: object) -> str:
    """A short literal (an id, a path, a file name) as a code span when it can be one
    (no backtick to end it early, no pipe to split a table cell), else escaped text."""
    text = one_line(value)
    if text and "`" not in text and "|" not in text:
        return f"`{text}`"
    return md_escape(text)
