"""A checker of the Indonesian the reports generate, against the rules of
docs/style-id.md (EYD edisi V). It reads a rendered HTML report as a reader does, block by
block (headings, paragraphs, list items, table cells, captions), and leaves record text
alone: a value quoted from a record is written as its source wrote it, so a rule is
broken only where the report's own words break it.

``check_html(html, record_texts)`` returns the problems found, one line each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "caption",
          "figcaption", "title"}  # fmt: skip
# Where sentences are; a table cell or a field's value (dd) is a value, not a sentence.
PROSE = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "caption", "figcaption", "title"}
SKIPPED = {"svg", "style", "script"}
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)(?=\S)")
ENUMERATION = re.compile(r"\d+\.\s")  # "3. Nama inovasi": a numbered heading or item
NON_DIGITAL = re.compile(r"\bnon[\s-]+digital\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
POINT_DECIMAL = re.compile(r"\b\d+\.\d{1,2}\b(?!\.\d)")  # 0.04, 59.81: Indonesian writes 0,04
GLUED = re.compile(r"[a-z\)][.;:][A-Z]")  # "replikasi.Sumber": a space lost between blocks
OFFICES = ("Kementerian", "Kabupaten", "Kota", "Dinas", "Badan")
NAMES = ("Kementerian Dalam Negeri", "Innovative Government Award", "Indeks Inovasi Daerah")


@dataclass
class Block:
    tag: str
    classes: frozenset[str]
    text: str = ""
    parents: tuple[str, ...] = ()


@dataclass
class _Reader(HTMLParser):
    blocks: list[Block] = field(default_factory=list)
    stack: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    open_blocks: list[Block] = field(default_factory=list)
    skipping: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        classes = frozenset((dict(attrs).get("class") or "").split())
        if tag in {"br", "meta", "link", "img", "input"}:
            return
        self.stack.append((tag, classes))
        if tag in BLOCKS and not self.skipping:
            block = Block(tag, classes, parents=tuple(t for t, _ in self.stack))
            for _, outer in self.stack:
                block.classes |= outer
            self.open_blocks.append(block)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping -= 1
        while self.stack:
            top, _ = self.stack.pop()
            if self.open_blocks and self.open_blocks[-1].tag == top and top in BLOCKS:
                self.blocks.append(self.open_blocks.pop())
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        for block in self.open_blocks:
            block.text += data


def blocks(html: str) -> list[Block]:
    reader = _Reader()
    reader.feed(html)
    for block in reader.blocks:
        block.text = " ".join(block.text.split())
    return reader.blocks


def _in_record_text(text: str, position: int, records: Iterable[str]) -> bool:
    """Whether ``position`` of ``text`` falls inside a value quoted from a record."""
    for value in records:
        start = text.find(value)
        while start != -1:
            if start <= position < start + len(value):
                return True
            start = text.find(value, start + 1)
    return False


def _own_matches(pattern: re.Pattern[str], text: str, records: list[str]) -> list[str]:
    return [
        m.group() for m in pattern.finditer(text) if not _in_record_text(text, m.start(), records)
    ]


def check_html(html: str, record_texts: Iterable[str]) -> list[str]:
    """The problems of the report's own Indonesian, one line each (empty: none)."""
    records = sorted({" ".join(t.split()) for t in record_texts if len(t.strip()) > 1}, key=len)
    found: list[str] = []
    found_blocks = blocks(html)
    for block in found_blocks:
        text = block.text
        if not text:
            continue
        relevant = [r for r in records if r in text]
        where = f"<{block.tag}> {text[:90]!r}"
        if block.tag in PROSE and "stats" not in block.classes:
            for match in SENTENCE_START.finditer(text):
                start = match.end()
                rest = text[start:]
                if start == 0 and ENUMERATION.match(rest):
                    start += ENUMERATION.match(rest).end()  # type: ignore[union-attr]
                    rest = text[start:]
                if rest[:1].isdigit() and not _in_record_text(text, start, relevant):
                    found.append(f"sentence opens with a number: {where}")
        for rule, pattern in (
            ("'non digital' (EYD V: nondigital)", NON_DIGITAL),
            ("a date in ISO form (write 18 September 2018)", ISO_DATE),
            ("a decimal point (Indonesian writes 0,04)", POINT_DECIMAL),
            ("two sentences glued together", GLUED),
        ):
            for hit in _own_matches(pattern, text, relevant):
                found.append(f"{rule}: {hit!r} in {where}")
        for office in OFFICES:
            # "dinas Kesehatan": an office's name in lower case (the common noun alone,
            # "badan usaha", is right in lower case).
            name = re.compile(rf"\b{office.lower()}(?= [A-Z])")
            for hit in _own_matches(name, text, relevant):
                found.append(f"an office name without its capitals: {hit!r} in {where}")
        for proper in NAMES:
            written = re.compile(re.escape(proper), re.IGNORECASE)
            for hit in _own_matches(written, text, relevant):
                if hit != proper:
                    found.append(f"a name without its capitals: {hit!r} in {where}")
        if "tanggal tidak tercatat" in text:
            found.append(f"'tanggal tidak tercatat' where the column says Tanggal: {where}")
    found += _common_nouns(found_blocks, records)
    found += _semicolon_lists(found_blocks, records)
    found += _repeated_labels(found_blocks)
    return found


def _common_nouns(found: list[Block], records: list[str]) -> list[str]:
    """A kind of unit counted in a sentence is a common noun, in lower case (EYD V):
    "14 perangkat daerah", not "14 Perangkat Daerah"."""
    from inovasi_cli.records.vocabulary import vocabulary

    titles = [t.title for t in vocabulary("innovation", "unit_type") if t.title]
    problems = []
    for block in found:
        if block.tag not in PROSE or "stats" in block.classes:
            continue
        relevant = [r for r in records if r in block.text]
        for title in titles:
            counted = re.compile(rf"\b\d[\d.]* {re.escape(title)}\b")
            for hit in _own_matches(counted, block.text, relevant):
                problems.append(f"a common noun with capitals: {hit!r} in <{block.tag}>")
    return problems


def _semicolon_lists(found: list[Block], records: list[str]) -> list[str]:
    """A list item holding commas, joined to its neighbours with commas (EYD V: with
    semicolons): the comma-holding vocabulary titles, wherever the report lists them."""
    from inovasi_cli.records.vocabulary import vocabulary

    titles = [t.title for t in vocabulary("innovation", "sector") if "," in (t.title or "")]
    problems = []
    for block in found:
        for title in titles:
            for match in re.finditer(re.escape(title), block.text):
                before = block.text[: match.start()]
                after = block.text[match.end() :]
                if before.endswith(", ") or re.match(r", \S|,? dan ", after):
                    problems.append(
                        f"'{title}' joined with commas: <{block.tag}> {block.text[:90]!r}"
                    )
    return problems


def _repeated_labels(found: list[Block]) -> list[str]:
    """One label per fact: a caption never repeats the heading just before it."""
    problems = []
    last_heading = ""
    for block in found:
        if block.tag in {"h2", "h3", "h4"}:
            last_heading = re.sub(r"\s*\(\d+\)$", "", block.text)
        elif block.tag in {"caption", "figcaption"} and block.text == last_heading:
            problems.append(f"a caption repeats its heading: {block.text!r}")
    return problems


def check_markdown(markdown: str) -> list[str]:
    """The rules a Markdown report can be checked on as text."""
    problems = []
    for number, line in enumerate(markdown.splitlines(), 1):
        if line.startswith("#") and re.match(r"#+ \d", line) and not re.match(r"#+ \d+\. ", line):
            problems.append(f"line {number}: a heading opens with a number: {line[:80]!r}")
        if NON_DIGITAL.search(line):
            problems.append(f"line {number}: 'non digital': {line[:80]!r}")
        if "tanggal tidak tercatat" in line:
            problems.append(f"line {number}: 'tanggal tidak tercatat': {line[:80]!r}")
    if "*inovasi*" not in markdown.splitlines()[-1]:
        problems.append("the footer does not mark the tool's name (*inovasi*)")
    return problems
