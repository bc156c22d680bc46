"""The command layer: the Typer app (``app``), shared options and completion (``options``) and the
commands, each a few lines of wiring over the modules below (``commands``)."""

from .commands import app, main

__all__ = ["app", "main"]
