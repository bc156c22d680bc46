"""The command layer: the Typer app, its errors and the session every command shares (``app``), the
shared options, choices and completion (``options``) and the commands, wiring only (``commands``)."""

from . import commands  # noqa: F401 - registers the commands on the app
from .app import app, main

__all__ = ["app", "main"]
