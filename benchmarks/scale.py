"""Scale: synthetic knowledge bases of 1,000, 10,000 and 100,000 records in the real format.

Usage (from the repository root, with the package installed):
    python benchmarks/scale.py [--sizes 1000 10000 100000] [--queries 20]

For each size it writes a knowledge base into a temporary directory, then in fresh processes measures:
cold load (parse, validate, build and write the cache and the search index), warm load (from the
cache), the time per search query on the warm index, each process's peak memory (max RSS), and a whole
`belarus search` process on the warm cache (the median over the queries, one process each), which is
what a researcher waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

WORDS = (
    "sanction election protest regime opposition journalist detained court sentence border military "
    "exercise loan integration summit statement airline flight minister council union media group "
    "campaign prisoner referendum constitution pipeline potash export treaty visa embassy"
).split()
NAMES = (
    "Alexandr Viktor Maria Roman Sofia Maxim Anton Ivan Svetlana Sergei Valery Krystsina Ales Vitaly "
    "Dmitri Peter Stefan Keir Janek Brian"
).split()
SURNAMES = (
    "Lukashenko Babaryko Kolesnikova Protasevich Sapega Znak Rodnenkov Kravtsov Tikhanovskaya "
    "Tsepkalo Tsimanouskaya Bialiatski Shishov Trenin Dickinson Meister Giles Lasocki Whitmore"
).split()

SOURCE = """source:
  id: briefing
  title: "Synthetic briefing"
  author: Test Author
  publisher: House of Commons Library
  date: "2021-10-05"
  licence: Open Parliament Licence
  sections:
    - {number: summary, title: Summary, page: 4}
    - {number: "1", title: Background, page: 6}
    - {number: "2", title: Situation, page: 9}
"""


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(directory: Path, size: int, seed: int = 7) -> None:
    """``size`` records: 5% people, 5% organisations, 40% events, 30% figures, 20% quotes."""
    rng = random.Random(seed)
    (directory / "source.yaml").write_text(SOURCE, encoding="utf-8")
    notes = ["footnotes:"] + [
        f"  - {{number: {n}, section: '1', role: comment, text: 'Source {n}, {phrase(rng, 4)}'}}" for n in range(1, 99)
    ]
    (directory / "footnotes.yaml").write_text("\n".join(notes) + "\n", encoding="utf-8")
    n_people, n_orgs = max(1, size // 20), max(1, size // 20)
    people = ["people:"]
    for i in range(n_people):
        name = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}{i}"
        people += [
            f"  - id: person-{i}",
            f"    name: {name}",
            f"    roles: [{phrase(rng, 3)}]",
            f"    aliases: [{name.upper()}]",
            "    section: '1'",
            "    tags: [people]",
        ]
    orgs = ["organisations:"]
    for i in range(n_orgs):
        orgs += [
            f"  - id: org-{i}",
            f"    name: {phrase(rng, 2).title()} Council {i}",
            "    category: ngo",
            f"    description: {phrase(rng, 8)}",
            "    section: '2'",
        ]
    (directory / "people.yaml").write_text("\n".join(people) + "\n", encoding="utf-8")
    (directory / "organisations.yaml").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    rest = size - n_people - n_orgs
    n_events, n_figures = rest * 8 // 18, rest * 6 // 18
    n_quotes = rest - n_events - n_figures
    for chunk in range(10):  # ten files, as a large knowledge base would be split
        lines = ["events:"]
        for i in range(chunk, n_events, 10):
            lines += [
                f"  - id: event-{i}",
                f"    date: '{rng.randint(1991, 2021)}-{rng.randint(1, 12):02d}'",
                f"    title: {phrase(rng, 6)}",
                f"    summary: {phrase(rng, 20)}",
                "    section: '2'",
                f"    people: [person-{rng.randrange(n_people)}]",
                f"    organisations: [org-{rng.randrange(n_orgs)}]",
                f"    footnotes: [{rng.randint(1, 98)}]",
                "    tags: [events]",
            ]
        lines.append("figures:")
        for i in range(chunk, n_figures, 10):
            value = rng.randint(1, 100000)
            lines += [
                f"  - id: figure-{i}",
                f"    value: {value}",
                f"    value_text: '{value:,}'",
                "    unit: people",
                f"    counts: {phrase(rng, 6)}",
                "    section: '2'",
                f"    events: [event-{rng.randrange(n_events)}]",
            ]
        lines.append("quotes:")
        for i in range(chunk, n_quotes, 10):
            lines += [
                f"  - id: quote-{i}",
                f"    text: {phrase(rng, 15)}",
                f"    speaker: person-{rng.randrange(n_people)}",
                f"    date: '2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'",
                "    section: '2'",
            ]
        (directory / f"section-{chunk}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


MEASURE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    start = time.perf_counter()
    from belarus_cli.kb.store import load
    from belarus_cli.search.index import SearchIndex
    from belarus_cli.search.ranking import search
    kb = load(Path(sys.argv[1]))
    index = SearchIndex.for_kb(kb)
    loaded = time.perf_counter() - start
    queries = json.loads(sys.argv[2])
    start = time.perf_counter()
    found = [len(search(index, q)) for q in queries]
    per_query = (time.perf_counter() - start) / max(1, len(queries))
    # The process and its worker processes (a cold build parses on every core).
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    print(json.dumps({"records": len(kb.records), "load": loaded, "per_query": per_query,
                      "peak_mb": peak_mb, "found": sum(found)}))
""")


def measure(directory: Path, queries: list[str], cache: Path) -> dict[str, float]:
    env = {**os.environ, "BELARUS_CACHE_DIR": str(cache)}
    env.pop("BELARUS_NO_CACHE", None)
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(directory), json.dumps(queries)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def whole_searches(directory: Path, queries: list[str], cache: Path) -> tuple[float, float]:
    """The median wall time and the largest peak memory (MB) of one `belarus search` process per query."""
    import resource
    import statistics
    import time

    env = {**os.environ, "BELARUS_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("BELARUS_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte code cached, as on a user's machine
    command = [sys.executable, "-m", "belarus_cli", "--data", str(directory), "search"]
    time.sleep(2.1)  # past the cache's guard against racy writes (cache.RACY_NS), as any later run is
    subprocess.run([*command, "warm-up"], capture_output=True, env=env, check=False)
    times = []
    for query in queries:
        start = time.perf_counter()
        done = subprocess.run([*command, *query.split()], capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1: no matches; anything else would time a failure
            raise SystemExit(f"belarus search {query!r} failed: {done.stderr.decode(errors='replace').strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def import_floor(runs: int = 5) -> float:
    """The median wall time of importing the stack, on this machine now: whole-search times read
    against it, since a shared machine's speed varies from day to day."""
    import statistics
    import time

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-c", "import typer, rich.table, rich.console, yaml, rapidfuzz.process"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(11)
    queries = (
        [f"{rng.choice(SURNAMES)}" for _ in range(args.queries // 4)]
        + [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(args.queries // 4)]
        + [f"{rng.choice(SURNAMES)[:-1]}x" for _ in range(args.queries // 4)]  # typos
        + [f"{rng.randint(1, 100000):,}" for _ in range(args.queries - 3 * (args.queries // 4))]
    )
    floor = import_floor()
    print(f"import floor (python -c 'import typer, rich.table, rich.console, yaml, rapidfuzz.process'): {floor:.2f}s")
    print(
        f"{'records':>8} {'cold load+index':>16} {'warm load+index':>16} {'search/query':>13} "
        f"{'cold peak MB':>13} {'warm peak MB':>13} {'whole search':>13}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            directory, cache = Path(tmp) / "kb", Path(tmp) / "cache"
            directory.mkdir()
            generate(directory, size)
            cold = measure(directory, [], cache)
            warm = measure(directory, queries, cache)
            whole, _ = whole_searches(directory, queries, cache)
            print(
                f"{int(warm['records']):8,} {cold['load']:15.2f}s {warm['load']:15.2f}s "
                f"{warm['per_query'] * 1000:11.1f}ms {cold['peak_mb']:13.0f} {warm['peak_mb']:13.0f} "
                f"{whole:12.2f}s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
