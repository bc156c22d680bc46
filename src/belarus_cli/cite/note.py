"""A briefing-note block: each record as one sentence of fact, each with a footnote citing it in the
chosen style, as Markdown (``[^n]`` footnotes, which pandoc and most editors read), HTML, or a Word
document with real footnotes (written by pandoc from the Markdown: ``pypandoc_binary`` ships pandoc
in its wheel, so nothing is downloaded at run time).

The sentences draw only on the record: a quote verbatim with who said it and when, a figure with what
it counts and as at when, an event's summary (our words) with its date, a person's or body's roles.
"""

from __future__ import annotations

import errno
import html
import re
from pathlib import Path

from belarus_cli.kb.records import KnowledgeBase, Record, speaker_ids
from belarus_cli.output.escape import safe

from . import Style
from .styles import cite


def fact(kb: KnowledgeBase, record: Record) -> str:
    """The record as one sentence of fact, in plain text."""
    data = record.data
    when = record.date.display(record.get("date_qualifier"), long=True) if record.date else ""
    if record.kind == "quotes":
        return _quote_sentence(kb, record, when)
    if record.kind == "figures":
        qualifier = f"{data['qualifier']} " if data.get("qualifier") else ""
        as_at = f" ({when})" if record.get("date_qualifier") else f" (as at {when})" if when else ""
        return _sentence(f"{qualifier}{data['value_text']}: {_flat(data['counts'])}{as_at}")
    if record.kind == "events":
        summary = _flat(data["summary"])
        return _sentence(f"{when}: {summary}" if when else summary)
    if record.kind == "people":
        return _sentence(f"{data['name']}: {'; '.join(_flat(r) for r in data['roles'])}")
    if record.kind == "organisations":
        return _sentence(f"{data['name']}: {_flat(data['description'])}")
    if record.kind == "footnotes":
        return _sentence(f"Footnote {data['number']} of the briefing: {_flat(data['text'])}")
    if record.kind == "source":
        return _sentence(f"{data['publisher']} briefing by {data['author']}: “{_flat(data['title'])}” ({when})")
    if record.kind == "sections":
        # "Section 3.3 (“Diplomatic measures”) covers the steps ...": each summary starts with a word that
        # reads lower-case after "covers", or with a name, which keeps its capital.
        number, summary = str(data["section"]), _flat(data["summary"])
        part = "The briefing's summary" if number == "summary" else f"Section {number} (“{data['title']}”)"
        lowered = (
            summary[:1].lower() + summary[1:] if summary.split(" ", 1)[0].lower() in _LOWER_AFTER_COVERS else summary
        )
        return _sentence(f"{part} covers {lowered}")
    return _sentence(_flat(record.label))


_LOWER_AFTER_COVERS = frozenset({"a", "an", "the", "how", "what", "where", "why", "when", "who"})


def _quote_sentence(kb: KnowledgeBase, record: Record, when: str) -> str:
    """ "Dominic Raab said on 6 September 2021: “...”." A qualified date goes in brackets ("said (by 1
    September 2021)", not "said on by"); a fragment that would mislead alone is given in the briefing's
    own clause (``as_reported``: "will not “deprive his country of sovereignty”"), dated at its end."""
    if not when:
        on = ""
    elif record.get("date_qualifier"):
        on = f" ({when})"
    else:
        on = f" on {when}" if record.date and record.date.day else f" in {when}"
    if record.get("as_reported"):  # dated at the end: "As the briefing reports on 24 May" misdates the briefing
        clause = _flat(record.get("as_reported")).rstrip(".")
        return f"As the briefing reports: {clause}" + (f" ({when})." if when else ".")
    quote = _flat(record.get("text"))
    end = "" if quote.endswith((".", "?", "!")) else "."  # “... protests.” needs no second full stop
    if speaker_ids(record) or record.get("said_by"):
        return f"{kb.speaker_name(record)} said{on}: “{quote}”{end}"
    return f"The briefing quotes, without saying who said it{on}: “{quote}”{end}"


def _flat(value: object) -> str:
    return " ".join(str(value).split())


def _sentence(text: str) -> str:
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith((".", "?", "!", "”")) else text + "."


# Markdown's own characters in data are escaped, so that text from the data is text, never markup,
# raw HTML or a link.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")


def _markdown_text(text: str) -> str:
    """Made safe first (controls, bidi and invisible characters as \\uXXXX, as on the screen), then
    escaped, so that the backslash of \\u202e is Markdown's literal backslash: unescaped, pandoc read
    it as the LaTeX command \\u and dropped it, and a Word document reversed the text after U+202E."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", safe(text))


def markdown(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    """Each fact a paragraph ending in its footnote mark; the footnotes after them."""
    facts = [f"{_markdown_text(fact(kb, r))}[^{n}]" for n, r in enumerate(records, 1)]
    notes = [f"[^{n}]: {_markdown_text(cite(kb, r, style).replace(chr(10), ' '))}" for n, r in enumerate(records, 1)]
    return "\n\n".join(facts) + "\n\n" + "\n".join(notes) + "\n"


def html_block(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    paragraphs = [
        f'<p>{html.escape(fact(kb, r))}<sup id="fnref{n}"><a href="#fn{n}">{n}</a></sup></p>'
        for n, r in enumerate(records, 1)
    ]
    notes = [
        f'<li id="fn{n}">{html.escape(cite(kb, r, style)).replace(chr(10), "<br>")} <a href="#fnref{n}">↩</a></li>'
        for n, r in enumerate(records, 1)
    ]
    return "\n".join([*paragraphs, '<section class="footnotes">', "<ol>", *notes, "</ol>", "</section>"]) + "\n"


class PandocMissing(RuntimeError):
    """Neither the pypandoc_binary wheel nor a pandoc on PATH is there to write Word documents."""


def write_docx(kb: KnowledgeBase, records: list[Record], style: Style, path: Path) -> None:
    """A Word document with one real footnote per fact (pandoc turns Markdown footnotes into them)."""
    try:
        import pypandoc
    except ImportError:
        raise PandocMissing(
            "--format docx needs pandoc: install the docx extra (pip install '.[docx]' in the project folder)"
        ) from None
    try:
        pypandoc.convert_text(markdown(kb, records, style), "docx", format="markdown", outputfile=str(path))
    except OSError as exc:  # pandoc not found, or the file cannot be written
        raise PandocMissing(f"--format docx: {exc}") from None
    except RuntimeError as exc:  # pandoc ran and failed: its message is many lines and a GHC backtrace
        message = str(exc)
        if "No space left on device" in message or "resource exhausted" in message:
            raise OSError(errno.ENOSPC, "No space left on device") from None  # write_atomically: exit 74
        raise PandocMissing(f"--format docx: pandoc failed: {message.splitlines()[0][:200]}") from None
