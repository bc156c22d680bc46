"""Make text from data files safe to show on a terminal.

Data is untrusted: an escape sequence could rewrite the screen, a right-to-left override could make a
line read backwards, and Rich markup such as ``[red]`` must print literally (that part is handled by
always handing Rich ``Text`` objects, never strings). Control and bidi-control characters are shown as
visible ``\\uXXXX`` escapes instead.
"""

from __future__ import annotations

import re

# C0 (except tab/newline), DEL, C1, and the Unicode bidi embedding/override/isolate controls.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(text: str) -> str:
    return _UNSAFE.sub(_visible, text)


def json_safe(encoded: str) -> str:
    """Escape the same characters inside already-encoded JSON (valid JSON, and it round-trips)."""
    return _UNSAFE.sub(_visible, encoded)
