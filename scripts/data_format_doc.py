"""Keep docs/data-format.md true to the kind registry (src/belarus_cli/kb/kinds.py).

    python scripts/data_format_doc.py          # exit 1 and show a diff when the field tables are stale
    python scripts/data_format_doc.py --write  # rewrite them from the registry

The prose and the examples are written by hand; each kind's description and field table sit between
``<!-- fields: KIND -->`` and ``<!-- end fields -->`` and come from the registry, so a field added there
shows up here (and tests/test_docs.py fails until this script has been run).
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

from belarus_cli.kb import kind_types as kinds
from belarus_cli.kb.kind_types import Field
from belarus_cli.kb.kinds import COMMON_FIELDS, KINDS, shares_common_fields

DOC = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"
BLOCK = re.compile(r"<!-- fields: (?P<kind>[a-z]+) -->\n.*?<!-- end fields -->", re.DOTALL)

_TYPE_WORDS = {
    kinds.TEXT: "string",
    kinds.URL: "web address (`http://` or `https://`)",
    kinds.INT: "integer",
    kinds.NUMBER: "number",
    kinds.BOOL: "boolean",
    kinds.DATE: "date",
    kinds.QUALIFIER: "date qualifier",
    kinds.SECTION: "section number",
    kinds.SECTION_LIST: "list of section numbers",
    kinds.TEXT_LIST: "list of strings",
    kinds.ALIAS_LIST: "list of strings",
    kinds.TAG_LIST: "list of tags",
    kinds.FOOTNOTE_LIST: "list of footnote numbers",
    kinds.FOOTNOTE_REF: "footnote number",
    kinds.SECTIONS: "list of mappings",
    kinds.SOURCES: "list of mappings",
    kinds.ROWS: "list of mappings",
    kinds.CHOICE: "string (one of the values listed)",
}


def type_words(field: Field) -> str:
    if field.type in (kinds.REF, kinds.REF_LIST):
        targets = " or ".join(KINDS[k].singular for k in field.refs)
        return f"{targets} id" if field.type == kinds.REF else f"list of {targets} ids"
    return _TYPE_WORDS[field.type]


def table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for field in fields:
        required = "derived" if field.derived else "yes" if field.required else "no"
        lines.append(f"| `{field.name}` | {type_words(field)} | {required} | {field.help} |")
    return lines


def block(name: str) -> str:
    if name == "common":
        body = table(COMMON_FIELDS)
    else:
        kind = KINDS[name]
        own = tuple(f for f in kind.fields if f not in COMMON_FIELDS) if shares_common_fields(kind) else kind.fields
        shared = " It also has every field shared by all records (above)." if shares_common_fields(kind) else ""
        body = [f"{kind.help[0].upper()}{kind.help[1:]}.{shared}", "", *table(own)]
    return "\n".join([f"<!-- fields: {name} -->", *body, "<!-- end fields -->"])


def rendered(text: str) -> str:
    return BLOCK.sub(lambda match: block(match.group("kind")), text)


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    new = rendered(text)
    if "--write" in sys.argv:
        DOC.write_text(new, encoding="utf-8")
        return 0
    if new != text:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), str(DOC), "registry"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
