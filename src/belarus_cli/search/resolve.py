"""Turn what a user typed (an id, or a name in any spelling search accepts) into one record."""

from __future__ import annotations

from belarus_cli.errors import NotFoundError, UsageError
from belarus_cli.kb.kinds import KINDS, section_id
from belarus_cli.kb.records import KnowledgeBase, Record
from belarus_cli.output.escape import quoted


def suggest_ids(kb: KnowledgeBase, text: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    ids = [r.id for r in kb]
    return [match for match, _, _ in process.extract(text, ids, scorer=fuzz.WRatio, score_cutoff=60, limit=limit)]


def record_by_id(kb: KnowledgeBase, record_id: str) -> Record:
    """The record with this id; else the one person or body whose name, family name or any other
    spelling is what was typed ("protasevich", "Лукашенко"). Several such: an error that lists them."""
    if not record_id.strip():
        raise UsageError("an empty id: give a record id (belarus search finds one)")
    record = kb.get(record_id.strip())
    if record is not None:  # the briefing's own record too: `cite briefing` cites the whole briefing
        return record
    part = kb.get(section_id(record_id.strip()))  # a section by its number, as `footnotes --section` takes it
    if part is not None and part.kind == "sections":
        return part
    named = named_as(kb, record_id)
    if len(named) == 1:
        return named[0]
    if named:
        raise _names_several(record_id, named)
    raise NotFoundError(f"no record with id {quoted(record_id)}", suggest_ids(kb, record_id))


def _names_several(text: str, named: list[Record]) -> NotFoundError:
    """The error for a name several records share: it lists them, and suggests their ids."""
    listed = "; ".join(f"{r.id} ({r.label})" for r in named[:5])
    return NotFoundError(f"{quoted(text)} names {len(named)} records: {listed}; give an id", [r.id for r in named[:3]])


def named_as(kb: KnowledgeBase, text: str) -> list[Record]:
    """The people and bodies one of whose names, in any spelling the data gives, is ``text`` once
    scripts, case and punctuation are set aside; a person also by family name alone."""
    from .normalise import normalise

    wanted = normalise(text)
    if not wanted:
        return []
    found = []
    for record in [*kb.of_kind("people"), *kb.of_kind("organisations")]:
        name = str(record.get("name") or "")
        names = [name, *record.spellings()]
        if record.kind == "people":
            names.append(name.rpartition(" ")[2])
        if any(normalise(n) == wanted for n in names if n):
            found.append(record)
    return found


NAME_LIKENESS = 80  # how alike (RapidFuzz WRatio) a typed name and a result's name must be to stand for it


def entity(kb: KnowledgeBase, text: str, *kinds: str) -> Record:
    """A person or organisation by id, by a name or spelling the data gives (Lukashenka, Лукашенко), or
    by a name search finds that is like what was typed (a typo). A name several records share, or one
    that nothing is like, is an error: a filter must never put another person in place of the one asked
    for ("nobody" once gave Lisa Nandy's events).

    With several kinds, the best match over all of them wins: a body's exact name must not lose to a
    loose match on some person's name just because people are looked at first.
    """
    record = kb.get(text.strip())
    if record is not None and record.kind in kinds:
        return record
    what = " or ".join(KINDS[kind].singular for kind in kinds)
    named = [r for r in named_as(kb, text) if r.kind in kinds]
    if len(named) == 1:
        return named[0]
    if named:
        raise _names_several(text, named)
    from belarus_cli.kb.filters import RecordFilter

    from .index import SearchIndex
    from .ranking import search

    hits = search(SearchIndex.for_kb(kb), text, where=RecordFilter(kinds=frozenset(kinds)), limit=5)
    for hit in hits:
        if _name_likeness(hit.record, text) >= NAME_LIKENESS:
            return hit.record
    raise NotFoundError(f"no {what} matches {quoted(text)}", suggest_ids(kb, text))


def _name_likeness(record: Record, text: str) -> float:
    """How alike ``text`` is to the record's name or any spelling of it, 0 to 100, scripts and case set
    aside."""
    from rapidfuzz import fuzz

    from .normalise import normalise

    wanted = normalise(text)
    names = [str(record.get("name") or ""), *record.spellings()]
    return max((fuzz.WRatio(wanted, normalise(name)) for name in names if name and wanted), default=0.0)
