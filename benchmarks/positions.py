"""The position summary at corpus scale (issue 14), side by side in one run.

For each size a generated store (``benchmarks/generate.py``, one named graph per article) is
loaded with ``EmbeddedStore.load_file`` and asked "who opposes the reassurance force and why":

- ``who-opposes summary p50`` (ours): :func:`kg.ask.ask`, the default answer (20 rows per section
  with their quotes), in process, read from the position index (:mod:`kg.ask.index`); the
  baseline is the same answer computed from the claims (``use_index=False``), and ``identical``
  says whether both gave the same JSON;
- ``kg ask fresh process``: the command as a new process, against ``python -c pass``; the lines it
  prints at 100 columns are recorded;
- ``summary upkeep on load``: the index rebuilt whole after a bulk load, against the load itself;
- ``summary upkeep on ingest``: the index's catch-up after ``ingest`` of the seed articles into
  the loaded store, against the ingest (extraction included).

Run: ``.venv/bin/python benchmarks/positions.py --sizes 10000 100000 1000000 --json out.json``.
``--store-dir`` keeps the loaded stores between runs (they are rebuilt when missing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import generate, workloads

QUESTION = "who opposes the reassurance force and why"
TARGETS = {("who-opposes summary p50", 1_000_000): 20.0, ("who-opposes summary p50", 5_000_000): 100.0,
           ("kg ask fresh process", 1_000_000): 1.0}


def measure(size: int, store_dir: Path, repeat: int, budget: float) -> list[dict]:
    from kg.ask import ask
    from kg.ask.index import catch_up
    from kg.store import EmbeddedStore

    files = generate.write_dataset(size)
    path = store_dir / f"positions-{files.quads}"
    figures = []
    if not path.exists():
        with EmbeddedStore(str(path)) as store:
            loaded, _ = workloads.timed(lambda: store.load_file(files.nquads))
            indexed, entries = workloads.timed(lambda: catch_up(store))
        figures.append({"size": size, "metric": "summary upkeep on load (index rebuilt whole)", "unit": "s",
                        "ours": round(indexed, 3), "baseline": round(loaded, 3),
                        "baseline_name": "EmbeddedStore.load_file of the same N-Quads", "entries": entries,
                        "ratio": round(indexed / loaded, 3)})
    with EmbeddedStore(str(path), read_only=True) as store:
        ours = workloads.latency(lambda: ask(store, QUESTION).answers, repeat=repeat, budget=budget)
        base = workloads.latency(lambda: ask(store, QUESTION, use_index=False).answers, repeat=max(1, repeat // 3),
                                 budget=budget)
        same = ask(store, QUESTION).to_json() == ask(store, QUESTION, use_index=False).to_json()
        totals = dict(ask(store, QUESTION).totals)
    figures.append({"size": size, "metric": "who-opposes summary p50", "unit": "ms", "ours": ours["p50_ms"],
                    "baseline": base["p50_ms"], "baseline_name": "the same answer computed from the claims "
                    "(ask(..., use_index=False))", "ratio": round(ours["p50_ms"] / base["p50_ms"], 3),
                    "runs": ours["runs"], "totals": totals, "identical": same})
    figures.append(_fresh_process(size, path))
    figures.append(_ingest_upkeep(size, path))
    for f in figures:
        target = TARGETS.get((f["metric"], size))
        if target is not None:
            f["target"], f["met"] = target, f["ours"] <= target
    return figures


def _ingest_upkeep(size: int, path: Path) -> dict:
    """``kg ingest`` of the seed articles into the store: the ingest, and the index's catch-up after it."""
    from kg.ask.index import catch_up
    from kg.config import seeds_dir
    from kg.load.ingest import ingest
    from kg.store import EmbeddedStore

    articles = seeds_dir() / "articles"
    with EmbeddedStore(str(path)) as store:
        ingested, report = workloads.timed(lambda: ingest(store, [articles], jobs=1))
        upkeep, entries = workloads.timed(lambda: catch_up(store))
    return {"size": size, "metric": "summary upkeep on ingest", "unit": "s", "ours": round(upkeep, 3),
            "baseline": round(ingested, 3), "baseline_name": f"ingest of {report.added + report.replaced} seed "
            "articles (extraction included)", "entries": entries, "ratio": round(upkeep / ingested, 3)}


def _fresh_process(size: int, path: Path) -> dict:
    env = {**os.environ, "KG_STORE": str(path), "COLUMNS": "100"}
    command = [sys.executable, "-m", "kg", "ask", QUESTION]
    times, out = [], None
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
        times.append(time.perf_counter() - start)
    floor = min(workloads.timed(lambda: subprocess.run([sys.executable, "-c", "pass"]))[0] for _ in range(3))
    lines = out.stdout.splitlines() if out else []
    return {"size": size, "metric": "kg ask fresh process", "unit": "s", "ours": round(statistics.median(times), 3),
            "baseline": round(floor, 3), "baseline_name": "python -c pass", "lines": len(lines),
            "width": max(map(len, lines), default=0), "exit": out.returncode if out else None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per latency figure")
    parser.add_argument("--store-dir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    store_dir = args.store_dir or Path(tempfile.mkdtemp(prefix="kg-positions-"))
    store_dir.mkdir(parents=True, exist_ok=True)
    report = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_before": os.getloadavg(),
              "figures": []}
    for size in args.sizes:
        for figure in measure(size, store_dir, args.repeat, args.budget):
            print(json.dumps(figure), flush=True)
            report["figures"].append(figure)
    report["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
