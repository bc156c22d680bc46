"""Putting rows on the screen or in a file: the terminal's facts (``terminal``), what a command hands
over (``view``), the one registry of formats (``renderers``), the two table layouts (``text_table`` for
plain output, ``rich_table`` for a colour terminal), escaping untrusted text (``escape``) and the
clipboard."""
