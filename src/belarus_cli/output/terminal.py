"""The facts about where output goes, decided once per run and passed down: colour or plain, and width."""

from __future__ import annotations

import os
import shutil
from typing import NamedTuple, TextIO

MIN_WIDTH = 20  # narrower than this (COLUMNS=0, a broken pty) is read as not known: 80


class Terminal(NamedTuple):  # a NamedTuple: a dataclass costs a millisecond of start-up to define
    plain: bool  # no colour and no box drawing: not a terminal, NO_COLOR set, or TERM=dumb
    width: int

    @classmethod
    def of(cls, stream: TextIO) -> Terminal:
        plain = not stream.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
        width = shutil.get_terminal_size((80, 24)).columns
        return cls(plain=plain, width=width if width >= MIN_WIDTH else 80)  # COLUMNS=0 drew nothing

    def as_plain(self) -> Terminal:
        """The same width without colour: for text that goes to a pager or a buffer."""
        return Terminal(plain=True, width=self.width)
