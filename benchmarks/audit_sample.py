"""Draw the samples for a blind data audit, with a fixed seed (docs/audits holds each audit's report).

Usage (from the repository root):
    python benchmarks/audit_sample.py records SEED [N]     # N records (30), in proportion to the kinds
    python benchmarks/audit_sample.py sentences SEED [N]   # N sentences (40) of the briefing's body
    python benchmarks/audit_sample.py passages SEED [N]    # N records (40) with their ``passage``
    (add --with-library-note to draw as the audits of 2026-12-02 did, from 371 sentences that took in the
    Library's closing boilerplate: it reproduces their samples)

Records: largest-remainder apportionment of N over the kinds, then ``random.Random(SEED).sample`` within
each kind, shuffled; the search aids (``keywords``, ``other_names``) are left out, since they are not the
briefing's words. Sentences: the Summary to the end of section 4 of the shipped briefing text, footnotes,
headings, tables and captions left out, split at sentence ends; link markup and footnote marks removed.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = ROOT / "src" / "belarus_cli" / "kb" / "briefing" / "belarus-one-year-on-2021-10-05.txt"
SEARCH_AIDS = ("keywords", "other_names")
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
BODY_STARTS = 49  # the line of the Summary's heading, after the contents
# The Library's own boilerplate after the last footnote ends the body (seed 20261206 drew a sentence of it).
BODY_ENDS = "The House of Commons Library is a research and information service"


def records(seed: int, count: int) -> str:
    import yaml

    by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for path in sorted((ROOT / "data").glob("*.yaml")):
        if path.name == "source.yaml":
            continue
        for kind, rows in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for row in rows:
                shown = {key: value for key, value in row.items() if key not in SEARCH_AIDS}
                by_kind.setdefault(kind, []).append((f"data/{path.name}", shown))
    total = sum(len(rows) for rows in by_kind.values())
    quota = {kind: count * len(rows) / total for kind, rows in by_kind.items()}
    share = {kind: int(q) for kind, q in quota.items()}
    for kind in sorted(quota, key=lambda k: quota[k] - share[k], reverse=True)[: count - sum(share.values())]:
        share[kind] += 1
    rng = random.Random(seed)
    drawn = [
        {"kind": kind, "file": path, "record": row}
        for kind in sorted(by_kind)
        for path, row in rng.sample(by_kind[kind], share[kind])
    ]
    rng.shuffle(drawn)
    head = f"# seed {seed}; {count} records of {total}; per kind: {share}\n"
    return head + yaml.safe_dump(drawn, allow_unicode=True, sort_keys=False, width=110)


def passages(seed: int, count: int) -> str:
    """Records that carry a ``passage`` (the sentence scripts/source_passages.py chose), with their own
    words, for a check that each passage is the sentence the record is drawn from."""
    import yaml

    rows: list[dict[str, Any]] = []
    for path in sorted((ROOT / "data").glob("*.yaml")):
        for kind, records in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            for row in records if isinstance(records, list) else []:
                if isinstance(row, dict) and row.get("passage"):
                    shown = {key: value for key, value in row.items() if key not in SEARCH_AIDS}
                    rows.append({"kind": kind, "file": f"data/{path.name}", "record": shown})
    drawn = random.Random(seed).sample(rows, count)
    head = f"# seed {seed}; {count} of {len(rows)} records with a passage\n"
    return head + yaml.safe_dump(drawn, allow_unicode=True, sort_keys=False, width=110)


def sentences(seed: int, count: int, *, with_library_note: bool = False) -> str:
    lines = BRIEFING.read_text(encoding="utf-8").splitlines()
    body: list[tuple[int, str]] = []
    for number, line in enumerate(lines[BODY_STARTS - 1 :], BODY_STARTS):
        text = line.strip()
        if text.startswith(BODY_ENDS) and not with_library_note:
            break
        if not text or text[0] in SUPERSCRIPTS or "\t" in text or text.startswith("|") or len(text.split()) < 8:
            continue
        if text.startswith(("Figure", "Source:", "Box", "Cover page", "Image")):
            continue
        clean = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\$", "$")
        clean = re.sub(f"[{SUPERSCRIPTS}]+", "", clean)
        for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", clean):
            if len(sentence.split()) >= 6:
                body.append((number, sentence))
    drawn = sorted(random.Random(seed).sample(body, count))
    head = f"# seed {seed}: {count} of {len(body)} body sentences (line numbers of the shipped text)\n"
    return head + "".join(f"L{number}: {sentence}\n" for number, sentence in drawn)


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--with-library-note"]
    what, seed = args[0], int(args[1])
    if what == "records":
        print(records(seed, int(args[2]) if len(args) > 2 else 30), end="")
    elif what == "sentences":
        count = int(args[2]) if len(args) > 2 else 40
        print(sentences(seed, count, with_library_note="--with-library-note" in sys.argv), end="")
    elif what == "passages":
        print(passages(seed, int(args[2]) if len(args) > 2 else 40), end="")
    else:
        raise SystemExit(f"usage: {sys.argv[0]} records|sentences|passages SEED [N]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
