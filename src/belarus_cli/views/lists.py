"""Columns for each kind of record, shared by list views and search results."""

from __future__ import annotations

from typing import Any

from ..kb.records import KnowledgeBase, Record
from ..output.renderers import Column


def _join(values: list[Any]) -> str:
    return "; ".join(str(v) for v in values)


def record_json(record: Record) -> dict[str, Any]:
    """The full record, as written in the data, with its kind first."""
    return {"kind": record.singular, **record.data}


def speaker_name(kb: KnowledgeBase, record: Record) -> str:
    if not record.get("speaker"):
        return "(unattributed)"
    speaker = kb.get(str(record.get("speaker")))
    return str(speaker.get("name")) if speaker else str(record.get("speaker"))


def columns_for(kind: str, kb: KnowledgeBase) -> list[Column]:
    id_column = Column("id", lambda r: r.id, no_wrap=True)
    if kind == "events":
        return [Column("date", lambda r: r.date_text, no_wrap=True), id_column,
                Column("event", lambda r: str(r.get("title")), ratio=1)]
    if kind == "people":
        return [id_column, Column("name", lambda r: str(r.get("name"))),
                Column("roles", lambda r: _join(r.list("roles")), ratio=1)]
    if kind == "organisations":
        return [id_column, Column("name", lambda r: str(r.get("name")), ratio=1),
                Column("category", lambda r: str(r.get("category")))]
    if kind == "figures":
        return [id_column, Column("value", lambda r: " ".join(
                    str(x) for x in (r.get("qualifier"), r.get("value_text")) if x)),
                Column("counts", lambda r: str(r.get("counts")), ratio=1),
                Column("as at", lambda r: r.date_text)]
    if kind == "quotes":
        return [id_column, Column("speaker", lambda r: speaker_name(kb, r)),
                Column("date", lambda r: r.date_text),
                Column("quote", lambda r: str(r.get("text")), ratio=1)]
    if kind == "footnotes":
        return [Column("no.", lambda r: str(r.get("number")), no_wrap=True),
                Column("section", lambda r: str(r.get("section"))),
                Column("source", lambda r: str(r.get("text")), ratio=1)]
    if kind == "series":
        return [id_column, Column("title", lambda r: str(r.get("title")), ratio=1),
                Column("periods", lambda r: f"{r.list('periods')[0]}-{r.list('periods')[-1]}")]
    raise ValueError(f"no columns for {kind}")
