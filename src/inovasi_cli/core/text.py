"""Text rules every layer shares: folding for comparison, slugs, and record text made
inert before it reaches a terminal or a log."""

from __future__ import annotations

import re
import unicodedata

# An id part: lowercase ASCII letters and digits, words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_SLUG = 60

# Letters NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l"}
    | {"Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "ı": "i"}
)
_APOSTROPHES = re.compile(r"['’`]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparing names and searching."""
    if text.isascii():  # nothing to decompose: the same result, without the walk
        return text.lower().strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def slugify(name: str, max_length: int = MAX_SLUG) -> str:
    """A readable ASCII id from a name: ``Elektronik Makam (E-Makam)`` ->
    ``elektronik-makam-e-makam``. Accents are stripped, ``&`` reads ``dan``, any run of
    other characters becomes one hyphen, and a long result is cut at a word boundary."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " dan ")
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:  # a single word longer than the cap
        slug = words[0][:max_length]
    return slug


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
