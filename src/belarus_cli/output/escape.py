"""Make text from data files safe to show on a terminal.

Data is untrusted: an escape sequence could rewrite the screen, a right-to-left override could make a
line read backwards, and Rich markup such as ``[red]`` must print literally (that part is handled by
always handing Rich ``Text`` objects, never strings), and an invisible character (a zero-width space
or joiner, a word joiner, a byte-order mark, a Unicode tag, a Hangul filler) would make a forged
"Roman\u200bProtasevich" look like the real name. All of these are shown as visible ``\\uXXXX``
escapes instead.
"""

from __future__ import annotations

import re

# C0 (except tab/newline), DEL, C1, the Unicode bidi embedding/override/isolate controls, and the
# invisible ones: soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel separator,
# zero-width space/non-joiner/joiner, word joiner and invisible operators, BOM, interlinear annotation,
# and the tag characters.
_UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    "\u2028\u2029\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
)
_UNSAFE = re.compile(f"[{_UNSAFE_CHARACTERS}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe(text: str) -> str:
    return _UNSAFE.sub(_visible, text)


def quoted(value: object) -> str:
    """A value as a message names it: in quotes (double ones if it holds a single one), every control,
    invisible or line-breaking character shown as ``\\uXXXX``, as elsewhere (``repr`` showed an escape
    character as ``\\x1b``, which the README does not say)."""
    # Line breaks and tabs too: a message is one line. (``re`` caches the pattern: no compile at import.)
    text = re.sub(f"[\t\n{_UNSAFE_CHARACTERS}]", _visible, str(value))
    mark = '"' if "'" in text and '"' not in text else "'"
    return f"{mark}{text}{mark}"


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond the first plane as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(encoded: str) -> str:
    """Escape the same characters inside already-encoded JSON (valid JSON, and it round-trips)."""
    return _UNSAFE.sub(_json_escape, encoded)
