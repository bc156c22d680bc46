"""Give each event, figure and quote the briefing's sentence it is drawn from, as its ``passage`` field.

    python scripts/source_passages.py            # writes passage: into the data files, in place
    python scripts/source_passages.py --check    # says which records would change; writes nothing

A record's summary is in the curators' words; the sentence it comes from is in the briefing's, and a
researcher's query often echoes those (the briefing is what they read). The passage is that sentence,
verbatim, from the record's own sections (``section`` and ``also_in``): for a quote, the sentence that
holds its words; for an event or a figure, the sentence sharing most of the record's own words, each
word weighted by how rare it is among the briefing's sentences (its idf), when it shares at least
MIN_SHARE of them; otherwise the record gets none. A figure's sentence must print its number (its
``value_text``), and an event's no year but its own. A title's words count twice, and an event's date
counts as words. Ties go to the earlier sentence. ``belarus validate --source`` checks every passage
is printed in the record's sections; blind audits checked samples of them against the text
(docs/audits). Run again after adding records or changing their sections.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from belarus_cli.kb.briefing_check import read_briefing  # noqa: E402
from belarus_cli.kb.briefing_text import ends_sentence, squash  # noqa: E402
from belarus_cli.kb.records import KnowledgeBase, Record  # noqa: E402
from belarus_cli.kb.store import default_data_dir, load  # noqa: E402
from belarus_cli.search.index import searched_values  # noqa: E402
from belarus_cli.search.normalise import content_tokens, stems  # noqa: E402

KINDS = ("events", "figures", "quotes")
MIN_SHARE = 0.3  # of a record's words (by idf), the least its sentence must share (0.15-0.45 measured)
# A sentence ends at . ! ? or a closing quotation mark, before a capital, an opening mark or a bracket.
SENTENCE_END = re.compile(r"(?<=[.!?”’])\s+(?=[A-Z“‘\"(])")
WIDTH = 100  # the data files' line width
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def sentences(text: str) -> list[str]:
    """The whole sentences of a line: a heading, a caption or a sentence that a box cuts short (its end
    printed after it) has no full stop, and is no passage."""
    return [s for s in SENTENCE_END.split(text) if len(s) > 20 and ends_sentence(s)]


def words(text: str) -> set[str]:
    found = content_tokens(text)
    return set(stems(found)) if found else set()


def _eligible(record: Record, candidates: list[str]) -> list[str]:
    """A figure's sentence prints its number as the briefing does; an event's prints no year but its
    own (the likeliest sentence once gave 2016 for an arms embargo of 2011)."""
    if record.kind == "figures":
        number = squash(str(record.get("value_text")))
        return [s for s in candidates if number in s]
    if record.kind == "events" and record.date is not None:
        year = str(record.date.year)
        return [s for s in candidates if year in s or not YEAR.search(s)]
    return candidates


def _weights(record: Record, rarity: Callable[[str], float]) -> dict[str, float]:
    """Each of the record's own words by its rarity; its title's (or a figure's ``counts``) twice, since
    they state the fact the summary explains; and its date as the briefing writes it ("28 September
    2021"), which the sentence that states an event usually prints."""
    weight = {w: rarity(w) for w in words(own_words(record))}
    for w in words(str(record.get("title") or record.get("counts") or "")):
        weight[w] = 2 * rarity(w)
    date = record.date
    for w in words(date.display(long=True)) if date is not None else ():
        weight.setdefault(w, rarity(w))
    return weight


def own_words(record: Record) -> str:
    """The record's own searched text: no keywords, tags, ids or lists of links."""
    skip = {"keywords", "tags", "id", "passage", "note"}
    return " ".join(str(v) for name, _, v in searched_values(record) if name not in skip and not isinstance(v, list))


def passages(kb: KnowledgeBase) -> dict[str, str]:
    source = read_briefing(kb, None)
    by_section = {
        str(s["number"]): [part for line in source.section_lines(str(s["number"]))[1:] for part in sentences(line)]
        for s in kb.source.data["sections"]
    }
    everything = [s for found in by_section.values() for s in found]
    counts = Counter(w for s in everything for w in words(s))

    def rarity(word: str) -> float:
        return math.log(1 + len(everything) / (1 + counts[word]))

    chosen: dict[str, str] = {}
    for record in (r for kind in KINDS for r in kb.of_kind(kind) if not r.get("series")):  # a table's cells: the table
        sections = [str(s) for s in [record.get("section"), *record.list("also_in")] if s]
        candidates = [s for section in sections for s in by_section.get(section, [])]
        if record.kind == "quotes":
            text = squash(str(record.get("text")))
            found = next((s for s in candidates if text in s), None)
            if found and len(found) > len(text) + 20:  # a sentence that says more than the quote itself
                chosen[record.id] = found
            continue
        candidates = _eligible(record, candidates)
        weight = _weights(record, rarity)
        total = math.fsum(weight.values()) or 1.0
        best, best_share = None, MIN_SHARE
        for sentence in candidates:  # the first of equals wins: the order of the text
            # fsum: exact, so the share is the same whatever order a set yields its words in (a plain
            # sum differed in its last bit between runs, and a tie went another way)
            share = math.fsum(weight[w] for w in words(sentence) if w in weight) / total
            if share > best_share or (best is None and share >= best_share):
                best, best_share = sentence, share
        if best:
            chosen[record.id] = best
    return chosen


def folded(passage: str) -> list[str]:
    """``passage: >-`` and the text wrapped at the data files' width, which YAML folds back exactly."""
    lines = textwrap.wrap(passage, WIDTH - 6, break_long_words=False, break_on_hyphens=False)
    return ["    passage: >-\n", *(f"      {line}\n" for line in lines)]


def rewrite(path: Path, records: list[Record], chosen: dict[str, str]) -> None:
    """Put each record's passage at the end of its block in ``path`` (replacing an old one)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for record in sorted(records, key=lambda r: r.line, reverse=True):  # from the end: lines stay put
        start = record.line - 1
        end = start + 1
        while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
            end += 1
        while not lines[end - 1].strip():
            end -= 1
        block = lines[start:end]
        kept: list[str] = []
        skipping = False
        for line in block:
            if line.startswith("    passage:"):
                skipping = True
                continue
            if skipping and line.startswith("      "):
                continue
            skipping = False
            kept.append(line)
        if record.id in chosen:
            kept += folded(chosen[record.id])
        lines[start:end] = kept
    path.write_text("".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="say which records would change; write nothing")
    args = parser.parse_args()
    kb = load(default_data_dir(), use_cache=False)
    chosen = passages(kb)
    stale = [r for kind in KINDS for r in kb.of_kind(kind) if r.get("passage") != chosen.get(r.id)]
    if args.check:
        for record in stale:
            print(f"{record.file}:{record.line}: {record.id}: passage would change")
        return 1 if stale else 0
    by_file: dict[Path, list[Record]] = {}
    for record in stale:
        by_file.setdefault(Path(record.file), []).append(record)
    for path, records in sorted(by_file.items()):
        rewrite(path, records, chosen)
    print(f"{len(chosen)} passages; {len(stale)} records changed in {len(by_file)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
