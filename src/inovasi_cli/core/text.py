"""Record text is data: make it inert before it reaches a terminal or a log."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts ANSI sequences), DEL, the Unicode line and paragraph
# separators (line breaks to many parsers), and bidi overrides that can reorder what a
# terminal shows; newline and tab are handled by the callers that allow them.
CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, *, newlines: bool = False) -> str:
    """Text safe to print: control characters shown as escapes, never interpreted."""
    text = CONTROL_CHARACTERS.sub(_escape, text)
    if not newlines:
        text = text.replace("\n", "\\n").replace("\t", " ")
    return text
