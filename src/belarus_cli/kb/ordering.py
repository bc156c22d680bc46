"""The orders a list can be shown in (``--sort``), each a pure sort of records."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from .records import KnowledgeBase, Record


class Order(StrEnum):
    date = "date"  # when it happened or held, the briefing's precision kept; undated last
    briefing = "briefing"  # where the briefing states it: by section, then as the data lists it
    name = "name"  # by name, title, quote or what a figure counts, A to Z


# What each list shows when no --sort is given (README, "Lists"): statements and figures in the order
# they were made or held, people as the briefing introduces them, bodies A to Z.
DEFAULT_ORDER = {
    "quotes": Order.date,
    "figures": Order.date,
    "people": Order.briefing,
    "organisations": Order.name,
    "sections": Order.briefing,  # one record per section: the contents list's order
}


def ordered(kb: KnowledgeBase, records: Iterable[Record], order: Order) -> list[Record]:
    """``records`` in ``order``; ties keep the briefing's order, then the id, so output is stable."""
    sections = {str(s["number"]): i for i, s in enumerate(kb.source.data["sections"])}

    def in_briefing(record: Record) -> tuple[int, str, int, str]:
        return (sections.get(str(record.get("section")), len(sections)), str(record.file), record.line, record.id)

    from .timeline import sort_key  # here: the CLI imports this module for Order on every start

    if order is Order.briefing:
        return sorted(records, key=in_briefing)
    if order is Order.name:
        return sorted(records, key=lambda r: (_name(r).casefold(), in_briefing(r)))
    return sorted(records, key=lambda r: (sort_key(r)[:-1], in_briefing(r)))  # as the timeline places dates


def _name(record: Record) -> str:
    """What --sort name sorts by: a figure by what it counts (its label leads with the number, so "1,080"
    came before "eight"), anything else by its label (name, title, quote)."""
    return str(record.get("counts") or record.label) if record.kind == "figures" else record.label
