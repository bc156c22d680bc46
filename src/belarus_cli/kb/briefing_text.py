"""The briefing's text, with layout undone, for checking the data against it.

Layout only is undone: ``[text](#)`` link wrappers, ``\\$`` for ``$`` (and ``\\(`` for ``(``),
``*emphasis*`` markers, line breaks and runs of spaces. Footnote lines (those that start with a
superscript number) are kept apart from the body, because a page break can drop a block of footnotes
into the middle of a sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The briefing's text as published (Open Parliament Licence v3.0; see ATTRIBUTION.txt beside it).
SHIPPED_BRIEFING = Path(__file__).resolve().parent / "briefing" / "belarus-one-year-on-2021-10-05.txt"

_LINK = re.compile(r"\[([^\]]*)\]\(#\)")
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")
_SPACES = re.compile(r"\s+")
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FOOTNOTE_LINE = re.compile(f"^([{_SUPERSCRIPT}]+) ?(.*)$")
_FOOTNOTE_MARKS = re.compile(f"[{_SUPERSCRIPT}]+")


def undo_layout(text: str) -> str:
    # One dollar sign is printed doubly escaped (footnote 44, "\\$1bn"): still only a dollar sign. Three
    # brackets are escaped too ("\\(Sanctions\\) \\(EU Exit\\)"), which a passage would otherwise keep.
    text = _LINK.sub(r"\1", text).replace("\\\\$", "$").replace("\\$", "$").replace("\\(", "(").replace("\\)", ")")
    return _EMPHASIS.sub(r"\1", text)


def squash(text: str) -> str:
    """Join line breaks and runs of spaces, the way both data and source are compared."""
    return _SPACES.sub(" ", text).strip()


def _superscript_number(marks: str) -> int:
    return int("".join(str(_SUPERSCRIPT.index(c)) for c in marks))


@dataclass
class _Stream:
    """Squashed text plus, for each piece, the source line it came from."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def append(self, line_no: int, line: str) -> None:
        piece = squash(line)
        if not piece:
            return
        if self.text:
            self.text += " "
        self.starts.append(len(self.text))
        self.lines.append(line_no)
        self.text += piece

    def line_at(self, offset: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]


@dataclass(frozen=True)
class Location:
    line: int
    section: str
    in_footnote: int | None = None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: a full stop, "!" or "?", a closing mark after it."""
    return text.rstrip('”’)"').endswith((".", "!", "?"))


def _cut(line: str, following: str) -> bool:
    """Whether ``following`` continues ``line``, a page break between: it starts in lower case or with
    a number ("more than" / "30,000 people") and ``line`` has not ended its sentence (nor introduced a
    list with a colon). A box can also stand between the halves ("but the" / "Eight individuals ..."):
    a capital starts no continuation."""
    ended = ends_sentence(line) or line.endswith(":")
    return not ended and (following[:1].islower() or following[:1].isdigit())


class SourceText:
    def __init__(self, text: str, sections: list[dict[str, Any]]) -> None:
        self.lines = [undo_layout(line) for line in text.splitlines()]
        self.headings = self._find_headings(sections)
        self.body = _Stream()
        self.notes = _Stream()
        self.footnotes: dict[int, str] = {}
        self.mark_sections: dict[int, str] = {}  # footnote number -> section of the text that carries its mark
        for number, line in enumerate(self.lines, 1):
            match = _FOOTNOTE_LINE.match(line)
            if match:
                self.footnotes[_superscript_number(match.group(1))] = squash(match.group(2))
                self.notes.append(number, match.group(2))
            else:
                for mark in _FOOTNOTE_MARKS.findall(line):
                    self.mark_sections.setdefault(_superscript_number(mark), self.section_at(number))
                self.body.append(number, _FOOTNOTE_MARKS.sub("", line))

    @classmethod
    def from_file(cls, path: Path, sections: list[dict[str, Any]]) -> SourceText:
        """The briefing's text from ``path``: a regular file within the data files' size limit (so that
        ``--source /dev/zero`` cannot read for ever); OSError when it is not one."""
        import errno
        import stat

        from .yaml_reader import MAX_FILE_BYTES

        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise OSError(errno.EFBIG, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return cls(path.read_text(encoding="utf-8"), sections)

    def _find_headings(self, sections: list[dict[str, Any]]) -> list[tuple[int, str]]:
        """(line, section number) of each heading, found in order after the contents list."""
        found: list[tuple[int, str]] = []
        stripped = [line.strip() for line in self.lines]
        position = next((i for i, line in enumerate(stripped) if line == "Contents"), 0)
        position = next((i for i in range(position, len(stripped)) if not stripped[i] and i > position), position)
        for section in sections:
            number, title = str(section["number"]), str(section["title"])
            candidates = {title} if number == "summary" else {f"{number} {title}"}
            for i in range(position + 1, len(stripped)):
                after = next((s for s in stripped[i + 1 : i + 4] if s), "")
                if stripped[i] in candidates or (stripped[i] == number and after == title):
                    found.append((i + 1, number))
                    position = i
                    break
        return found

    def section_at(self, line: int) -> str:
        current = ""
        for start, number in self.headings:
            if start <= line:
                current = number
        return current

    def locate(self, quote: str) -> Location | None:
        """The first place ``quote`` appears verbatim (layout undone), in the body or a footnote."""
        found = self.locate_all(quote)
        return found[0] if found else None

    def locate_all(self, quote: str) -> list[Location]:
        wanted = squash(quote)
        found: list[Location] = []
        if not wanted:
            return found
        for stream, in_notes in ((self.body, False), (self.notes, True)):
            offset = stream.text.find(wanted)
            while offset >= 0:
                line = stream.line_at(offset)
                number = None
                if in_notes:
                    match = _FOOTNOTE_LINE.match(self.lines[line - 1])
                    number = _superscript_number(match.group(1)) if match else None
                found.append(Location(line, self.section_at(line), number))
                offset = stream.text.find(wanted, offset + 1)
        return found

    def section_text(self, number: str) -> str:
        """The squashed body text of one section (its own lines only, subsections excluded)."""
        return squash(" ".join(self.section_lines(number)))

    def section_lines(self, number: str) -> list[str]:
        """The body lines of one section, heading first, footnote marks removed, each squashed; blank
        lines left out. A line is a paragraph, a heading, a list item or a row of a table; a sentence
        that a page break cut is joined again (``_cut``)."""
        bounds = [start for start, _ in self.headings] + [len(self.lines) + 1]
        for index, (start, section) in enumerate(self.headings):
            if section == number:
                end = bounds[index + 1]
                lines = (self.lines[i - 1] for i in range(start, end) if not _FOOTNOTE_LINE.match(self.lines[i - 1]))
                joined: list[str] = []
                for text in (squash(_FOOTNOTE_MARKS.sub("", line)) for line in lines):
                    if joined and text and _cut(joined[-1], text):  # a page break between (footnotes)
                        joined[-1] += " " + text
                    elif text:
                        joined.append(text)
                return joined
        return []
