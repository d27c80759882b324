"""Charts for reports: inline SVG for HTML, Mermaid for Markdown. Pure string builders.

Every piece of record text is escaped here, so callers can embed the result as is:
SVG is XML (``& < > " '`` escaped, control characters removed), Mermaid labels are quoted
with ``"`` and the characters Mermaid or Markdown could read as syntax are written as
Mermaid entity codes (``#quot;``), newlines folded to spaces.

Geometry is computed from the text with a rough per-character width, so charts are as
wide as their longest label; the SVG scales with its ``viewBox`` to fit a phone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from inovasi_cli.core.text import terminal_text

FONT_SIZE = 15
CHAR_WIDTH = 0.58 * FONT_SIZE  # average glyph width of a sans-serif font, close enough
BOLD_WIDTH = 0.68 * FONT_SIZE  # the same, bold, with room to spare
BAR_COLOUR = "#1f6f8b"
LINE_COLOUR = "#44515c"

_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CHART_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def plain(text: object) -> str:
    """One line of record text: control characters shown as escapes, whitespace folded."""
    return " ".join(terminal_text(str(text), newlines=True).split())


def xml_text(text: object) -> str:
    """Escape text for XML content and attribute values (both quote kinds)."""
    value = _XML_FORBIDDEN.sub("", plain(text))
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _check_id(chart_id: str) -> str:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart id {chart_id!r}: use lowercase letters, digits and '-'")
    return chart_id


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True, slots=True)
class Edge:
    """One replication drawn as an arrow: ``origin`` region -> ``adopter`` region."""

    origin: str
    adopter: str
    label: str


def wrap(text: str, limit: int) -> list[str]:
    """Words into lines of at most ``limit`` characters (a longer word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _text_lines(lines: Sequence[str], x: float, y: float, step: float, attrs: str) -> str:
    """One ``<text>`` with a ``<tspan>`` per line (first baseline at ``y``)."""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * step:.1f}">{xml_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


def _open_svg(
    width: int, height: int, css: str, title: str, description: str, chart_id: str
) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{xml_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{xml_text(description)}</desc>',
    ]


LABEL_CHARS = 32  # longer labels wrap, so a chart stays narrow enough for a phone
LINE = FONT_SIZE + 3


def bar_chart_svg(bars: Sequence[Bar], *, title: str, description: str, chart_id: str) -> str:
    """A horizontal bar chart: each row is its label (wrapped), then a bar with the value
    after it. Drawn at its natural size (about 320 px wide), it shrinks to fit a phone.

    ``role="img"`` with ``aria-labelledby`` pointing at the ``<title>`` and ``<desc>``
    (which lists every label and value), so a screen reader gets the data, not a picture.
    """
    _check_id(chart_id)
    bar_height, pad, gap = 16, 8, 12
    labels = [wrap(plain(b.label), LABEL_CHARS) for b in bars]
    longest = max((_width(line) for lines in labels for line in lines), default=0.0)
    width = int(max(320.0, longest + 2 * pad))
    top = max((b.value for b in bars), default=0) or 1
    number_room = _width(str(top)) + 12
    scale = (width - 2 * pad - number_room) / top
    rows: list[str] = []
    y = pad
    for bar, lines in zip(bars, labels, strict=True):
        length = max(bar.value * scale, 2.0)
        rows.append(
            _text_lines(
                lines, pad, y + FONT_SIZE - 2, LINE, f'font-size="{FONT_SIZE}" fill="#1b2730"'
            )
        )
        bar_y = y + len(lines) * LINE + 2
        rows.append(
            f'<rect x="{pad}" y="{bar_y}" width="{length:.1f}" height="{bar_height}" '
            f'rx="3" fill="{BAR_COLOUR}"/>'
        )
        rows.append(
            f'<text x="{pad + length + 6:.1f}" y="{bar_y + 13}" font-size="{FONT_SIZE}" '
            f'font-weight="bold" fill="#1b2730">{bar.value}</text>'
        )
        y = bar_y + bar_height + gap
    height = int(y - gap + pad)
    parts = _open_svg(width, height, "chart", title, description, chart_id)
    return "\n".join([*parts, *rows, "</svg>"])


def replication_svg(edges: Sequence[Edge], *, title: str, description: str, chart_id: str) -> str:
    """One block per replication, top to bottom so it stays legible on a phone: the
    origin region's box, a downward arrow labelled with the innovation (wrapped), the
    adopter's box. Blocks keep the order given (callers sort them)."""
    _check_id(chart_id)
    pad, box_h, gap, label_chars = 8, 40, 28, 24
    box_w = max(
        (_width(plain(name)) + 28 for e in edges for name in (e.origin, e.adopter)),
        default=160.0,
    )
    box_w = max(box_w, 160.0)
    labels = [wrap(plain(e.label), label_chars) for e in edges]
    label_w = max((len(line) * BOLD_WIDTH for lines in labels for line in lines), default=0.0)
    centre = pad + box_w / 2
    width = int(pad + max(box_w, box_w / 2 + 14 + label_w) + pad)
    marker = f"{chart_id}-arrow"
    rows: list[str] = [
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
        f'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LINE_COLOUR}"/></marker></defs>',
    ]
    top = pad
    for edge, lines in zip(edges, labels, strict=True):
        arrow_h = max(64, len(lines) * LINE + 24)
        for y, name in ((top, edge.origin), (top + box_h + arrow_h, edge.adopter)):
            rows.append(
                f'<rect x="{pad}" y="{y}" width="{box_w:.1f}" height="{box_h}" rx="6" '
                f'fill="#e8f1f5" stroke="{BAR_COLOUR}" stroke-width="1.5"/>'
            )
            rows.append(
                f'<text x="{centre:.1f}" y="{y + box_h / 2 + 5:.1f}" text-anchor="middle" '
                f'font-size="{FONT_SIZE}" fill="#1b2730">{xml_text(name)}</text>'
            )
        start, end = top + box_h + 3, top + box_h + arrow_h - 3
        rows.append(
            f'<line x1="{centre:.1f}" y1="{start}" x2="{centre:.1f}" y2="{end}" '
            f'stroke="{LINE_COLOUR}" stroke-width="2" marker-end="url(#{marker})"/>'
        )
        first = (start + end) / 2 - (len(lines) - 1) * LINE / 2 + 5
        rows.append(
            _text_lines(
                lines,
                centre + 14,
                first,
                LINE,
                f'font-size="{FONT_SIZE - 1}" font-weight="bold" fill="#1b2730"',
            )
        )
        top += 2 * box_h + arrow_h + gap
    height = int(top - gap + pad)
    parts = _open_svg(width, height, "chart diagram", title, description, chart_id)
    return "\n".join([*parts, *rows, "</svg>"])


_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}
_MERMAID_SPECIAL = re.compile("|".join(re.escape(c) for c in _MERMAID_ENTITIES))


def mermaid_label(text: object) -> str:
    """A quoted Mermaid label: one line, syntax characters as entity codes."""
    value = _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], plain(text))
    return f'"{value}"'


def replication_mermaid(edges: Sequence[Edge]) -> str:
    """A Mermaid flowchart (left to right), one node per region, one arrow per replication.

    Node ids are generated (``r1``, ``r2``...), never taken from the data.
    """
    nodes: dict[str, str] = {}
    for edge in edges:
        for name in (edge.origin, edge.adopter):
            nodes.setdefault(name, f"r{len(nodes) + 1}")
    lines = ["flowchart LR"]
    lines.extend(f"    {node}[{mermaid_label(name)}]" for name, node in nodes.items())
    lines.extend(
        f"    {nodes[e.origin]} -->|{mermaid_label(e.label)}| {nodes[e.adopter]}" for e in edges
    )
    return "\n".join(lines)
