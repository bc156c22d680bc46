"""Put text on the clipboard: pyperclip where a clipboard tool exists, else the OSC 52 sequence.

OSC 52 asks the terminal itself to set the clipboard, which works over SSH and in tmux (with
``set-clipboard on``) where no clipboard program is installed.
"""

from __future__ import annotations

import base64
import os
from typing import TextIO


def copy(text: str, terminal: TextIO | None = None) -> str:
    """Copy ``text``; return how it was copied ("clipboard" or "terminal (OSC 52)")."""
    try:
        import pyperclip

        pyperclip.copy(text)
        return "clipboard"
    except Exception:  # pyperclip raises its own exception family when no tool is available
        pass
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{encoded}\x07"
    if os.environ.get("TMUX"):
        sequence = f"\x1bPtmux;\x1b{sequence}\x1b\\"
    stream = terminal
    if stream is None:
        try:
            stream = open("/dev/tty", "w")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise OSError("no clipboard tool and no terminal to send OSC 52 to") from exc
        with stream:
            stream.write(sequence)
            stream.flush()
    else:
        stream.write(sequence)
        stream.flush()
    return "terminal (OSC 52)"
