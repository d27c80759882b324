"""The one JSON writer of every output (read commands, exports, ``validate`` and
``review`` reports): readable Unicode, and no character that could reorder, split or
hide what a reader sees."""

from __future__ import annotations

import json
import re
from typing import Any

# json.dumps(ensure_ascii=False) escapes C0 controls but passes these through raw: DEL and
# the C1 controls (0x9b starts a terminal escape), U+2028/U+2029 (line breaks to
# JavaScript and str.splitlines), bidi overrides and isolates (U+202E), and lone
# surrogates (a file name that is not UTF-8), which no UTF-8 output could encode.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_COMPACT = json.JSONEncoder(ensure_ascii=False)  # reused: one encoder, not one per record


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON with readable Unicode but none of those characters raw (they only occur
    inside strings, where a ``\\uXXXX`` escape is equivalent)."""
    encoder = _COMPACT if indent is None else json.JSONEncoder(ensure_ascii=False, indent=indent)
    text = encoder.encode(data)
    if _JSON_UNSAFE.search(text) is None:  # the common case: nothing to escape
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
