"""Citations: the pieces every citation arranges (``parts``), the named styles (``styles``) and the
output formats, text to reference-manager exports (``formats``).

The names of the styles and formats live here, apart from the code that renders them, so that the CLI
can offer them as choices without importing that code at start-up; ``styles.STYLES`` and
``formats.FORMATS`` map every name to its renderer (a test holds them in step).
"""

from enum import StrEnum


class Style(StrEnum):
    commons = "commons"
    oscola = "oscola"
    harvard = "harvard"


class CiteFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    bibtex = "bibtex"
    csl_json = "csl-json"


class NoteFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
