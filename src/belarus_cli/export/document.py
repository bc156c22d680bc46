"""The whole knowledge base as one JSON document: the briefing's details and every record by kind, each
as written in the data, with its short source and citation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from belarus_cli.kb.kinds import KINDS, RECORD_KINDS
from belarus_cli.kb.records import KnowledgeBase


def document(kb: KnowledgeBase) -> dict[str, Any]:
    from belarus_cli.cite.parts import short_source
    from belarus_cli.cite.styles import cite

    return {
        "briefing": kb.source.data,
        **{
            key: [
                {**record.to_json(), "source": short_source(kb, record, whole=True), "citation": cite(kb, record)}
                for record in kb.of_kind(key)
            ]
            for key in RECORD_KINDS
            if KINDS[key]
        },
    }


def write_document(kb: KnowledgeBase, path: Path) -> None:
    """The document as `-f json` writes JSON: control, bidi and invisible characters as \\uXXXX escapes
    (the same string once parsed), so that no viewer of the file is handed them raw."""
    from belarus_cli.output.escape import json_safe

    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json_safe(json.dumps(document(kb), ensure_ascii=False, indent=2)) + "\n")
