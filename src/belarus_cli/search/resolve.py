"""Turn what a user typed (an id, or a name in any spelling search accepts) into one record."""

from __future__ import annotations

from belarus_cli.errors import NotFoundError
from belarus_cli.kb.kinds import KINDS
from belarus_cli.kb.records import KnowledgeBase, Record


def suggest_ids(kb: KnowledgeBase, text: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    ids = [r.id for r in kb if r.kind != "source"]
    return [match for match, _, _ in process.extract(text, ids, scorer=fuzz.WRatio, score_cutoff=60, limit=limit)]


def record_by_id(kb: KnowledgeBase, record_id: str) -> Record:
    record = kb.get(record_id.strip())
    if record is None or record.kind == "source":
        raise NotFoundError(f"no record with id {record_id!r}", suggest_ids(kb, record_id))
    return record


def entity(kb: KnowledgeBase, text: str, *kinds: str) -> Record:
    """A person or organisation by id, or by name through search (Lukashenka, Лукашенко ...).

    With several kinds, the best match over all of them wins: a body's exact name must not lose to a
    loose match on some person's name just because people are looked at first.
    """
    record = kb.get(text.strip())
    if record is not None and record.kind in kinds:
        return record
    from belarus_cli.kb.filters import RecordFilter

    from .index import SearchIndex
    from .ranking import search

    hits = search(SearchIndex.for_kb(kb), text, where=RecordFilter(kinds=frozenset(kinds)), limit=2)
    if hits:
        return hits[0].record
    what = " or ".join(KINDS[kind].singular for kind in kinds)
    raise NotFoundError(f"no {what} matches {text!r}", suggest_ids(kb, text))
