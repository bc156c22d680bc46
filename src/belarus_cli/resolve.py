"""Turn what a user typed (an id, or a name in any spelling search accepts) into one record."""

from __future__ import annotations

from .errors import NotFoundError
from .model import KnowledgeBase, Record
from .schema import KINDS


def suggest_ids(kb: KnowledgeBase, text: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    ids = [r.id for r in kb if r.kind != "source"]
    return [match for match, _, _ in process.extract(text, ids, scorer=fuzz.WRatio, score_cutoff=60, limit=limit)]


def record_by_id(kb: KnowledgeBase, record_id: str) -> Record:
    record = kb.get(record_id.strip())
    if record is None or record.kind == "source":
        raise NotFoundError(f"no record with id {record_id!r}", suggest_ids(kb, record_id))
    return record


def entity(kb: KnowledgeBase, text: str, kind: str) -> Record:
    """A person or organisation by id, or by name through search (Lukashenka, Лукашенко ...)."""
    record = kb.get(text.strip())
    if record is not None and record.kind == kind:
        return record
    from .search import SearchIndex

    hits = SearchIndex.for_kb(kb).search(text, kinds={kind}, limit=2)
    if hits:
        return hits[0].record
    what = KINDS[kind].singular
    raise NotFoundError(f"no {what} matches {text!r}", suggest_ids(kb, text))
