"""``kg ingest --jobs 1`` against ``--jobs N`` over the same corpus, in the same run.

Each run is a fresh ``kg ingest`` process into a new embedded store (what a user waits
for: start-up, spaCy loading in every process, extraction and writes); the corpus is
``benchmarks/generate.py``'s (articles that quote the stances and roles they report).
The runs alternate (1, N, 1, N, ...) so that a change in the machine's load hits both;
the figure is the ratio of the medians. Target: >= 1.7x with 2 jobs on 2 cores. The
stores written by both are compared (N-Quads export), so a faster run that writes
something else would show.

Run: ``.venv/bin/python -m benchmarks.ingest_jobs [N_ARTICLES] [JOBS] [REPEATS]``
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ingest_seconds(corpus: Path, store: Path, jobs: int) -> float:
    """Wall-clock seconds of one ``kg ingest CORPUS --store STORE --jobs JOBS`` process."""
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    start = time.perf_counter()
    command = [sys.executable, "-m", "kg", "ingest", str(corpus), "--store", str(store), "--jobs", str(jobs)]
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=3600)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return seconds


def export(store: Path) -> bytes:
    return subprocess.run([sys.executable, "-m", "kg", "export", "--format", "nq", "--store", str(store)],
                          capture_output=True, check=True, cwd=PROJECT_ROOT).stdout


def measure(n_articles: int = 120, jobs: int = 2, repeats: int = 2) -> dict:
    from benchmarks.generate import write_corpus

    with tempfile.TemporaryDirectory(prefix="kg-bench-jobs-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, n_articles)
        times: dict[int, list[float]] = {1: [], jobs: []}
        stores: dict[int, Path] = {}
        for r in range(repeats):
            for j in (1, jobs):
                stores[j] = Path(tmp) / f"store-{j}-{r}"
                times[j].append(ingest_seconds(corpus, stores[j], j))
        same = export(stores[1]) == export(stores[jobs])
    one, many = statistics.median(times[1]), statistics.median(times[jobs])
    return {"articles": n_articles, "jobs": jobs, "cores": os.cpu_count(), "load_before": os.getloadavg()[0],
            "seconds_jobs_1": times[1], f"seconds_jobs_{jobs}": times[jobs],
            "articles_per_s_jobs_1": round(n_articles / one, 2),
            f"articles_per_s_jobs_{jobs}": round(n_articles / many, 2),
            "speedup": round(one / many, 2), "same_store": same, "load_after": os.getloadavg()[0]}


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 120
    jobs = int(argv[1]) if len(argv) > 1 else 2
    repeats = int(argv[2]) if len(argv) > 2 else 2
    print(json.dumps(measure(n, jobs, repeats), indent=2))


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(PROJECT_ROOT))
    main(sys.argv[1:])
