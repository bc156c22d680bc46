"""Put text on the clipboard, made as safe as the screen shows it, and say only what happened.

pyperclip where a clipboard tool exists (xclip, xsel, wl-copy, pbcopy, Windows), read back to confirm
the copy; else the OSC 52 sequence, which asks the terminal itself to set the clipboard (over SSH too).
A terminal never says whether it did, so that is reported as sent, not as copied. Inside tmux the plain
sequence is sent (tmux takes OSC 52 itself with ``set-clipboard``, and drops a passthrough-wrapped one
unless ``allow-passthrough`` is on); inside GNU screen, which does not know OSC 52, it is wrapped in
screen's passthrough, a piece at a time (screen limits one string to 768 bytes).
"""

from __future__ import annotations

import base64
import os
from typing import NamedTuple, TextIO

from .escape import safe

SCREEN_CHUNK = 768


class Copied(NamedTuple):
    confirmed: bool  # read back from the clipboard: it holds the text
    how: str  # "the clipboard", "the terminal (OSC 52)"

    def report(self, what: str) -> str:
        if self.confirmed:
            return f"copied {what} to {self.how}"
        return f"sent {what} to {self.how}; the terminal does not confirm it (some ignore OSC 52)"


def copy(text: str, terminal: TextIO | None = None) -> Copied:
    """Copy ``text`` with control characters made visible (as on the screen), so that nothing from the
    data pasted into a shell can run there."""
    text = safe(text)
    if _through_a_tool(text):
        return Copied(True, "the clipboard")
    write_osc52(text, terminal)
    return Copied(False, "the terminal (OSC 52)")


TOOL_SECONDS = 5.0  # a clipboard tool that has not copied and read back by then is given up on


def _through_a_tool(text: str) -> bool:
    """pyperclip's copy, read back, in a thread given TOOL_SECONDS: pyperclip waits for the tool's output
    to close, and a tool whose child keeps it open (an xclip that forks, a wrapper) hung the command for
    good. The thread is a daemon, so a stuck tool never keeps belarus from exiting."""
    import threading

    done: list[bool] = []

    def attempt() -> None:
        try:
            import pyperclip

            pyperclip.copy(text)
            done.append(pyperclip.paste() == text)
        except Exception:  # pyperclip raises its own exception family when no tool is available
            done.append(False)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(TOOL_SECONDS)
    return bool(done and done[0])


def osc52(text: str, environ: dict[str, str] | None = None) -> str:
    environ = dict(os.environ) if environ is None else environ
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{encoded}\x07"
    if environ.get("TMUX"):
        return sequence
    if environ.get("STY") or environ.get("TERM", "").startswith("screen"):
        pieces = [sequence[i : i + SCREEN_CHUNK] for i in range(0, len(sequence), SCREEN_CHUNK)]
        return "".join(f"\x1bP{piece}\x1b\\" for piece in pieces)
    return sequence


def write_osc52(text: str, terminal: TextIO | None = None) -> None:
    sequence = osc52(text)
    if terminal is not None:
        terminal.write(sequence)
        terminal.flush()
        return
    try:
        with open("/dev/tty", "w") as stream:
            stream.write(sequence)
            stream.flush()
    except OSError as exc:
        raise OSError("no clipboard tool and no terminal to send OSC 52 to") from exc
