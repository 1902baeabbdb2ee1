"""The position summary at corpus scale (issue 14), side by side in one run.

For each size a generated store (``benchmarks/generate.py``, one named graph per article) is
loaded with ``EmbeddedStore.load_file`` and asked "who opposes the reassurance force and why":

- ``who-opposes summary p50`` (ours): :func:`kg.ask.ask`, the default answer (20 rows per section
  with their quotes), in process; the baseline is what the previous ``kg ask`` read for the same
  answer: every stance on the proposal with every evidence span (``who-opposes``) and the
  descriptions of what they refer to;
- ``kg ask fresh process``: the command as a new process, against ``python -c pass``; the lines it
  prints at 100 columns are recorded;
- ``summary upkeep on load``: the summary keeps no index (it is computed from the claims when
  asked), so loading costs what it cost before; the load time is recorded for reference.

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


def baseline_read(store, proposal: str) -> list:
    """What the previous ``kg ask`` read: every stance with every evidence span, and the descriptions."""
    from rdflib import URIRef

    from kg.ask.stances import DESCRIPTIONS_RQ, stance_records

    records = stance_records(store, proposal)
    list(store.query(DESCRIPTIONS_RQ, {"proposal": URIRef(proposal)}))
    return records


def measure(size: int, store_dir: Path, repeat: int, budget: float) -> list[dict]:
    from kg.ask import ask
    from kg.store import EmbeddedStore

    files = generate.write_dataset(size)
    path = store_dir / f"positions-{files.quads}"
    figures = []
    if not path.exists():
        with EmbeddedStore(str(path)) as store:
            seconds, _ = workloads.timed(lambda: store.load_file(files.nquads))
        figures.append({"size": size, "metric": "load (no summary index to keep up to date)", "unit": "s",
                        "ours": round(seconds, 3), "note": "the summary is computed when asked: upkeep 0%"})
    with EmbeddedStore(str(path), read_only=True) as store:
        ours = workloads.latency(lambda: ask(store, QUESTION).answers, repeat=repeat, budget=budget)
        base = workloads.latency(lambda: baseline_read(store, files.proposal), repeat=max(1, repeat // 3),
                                 budget=budget)
        totals = dict(ask(store, QUESTION).totals)
    figures.append({"size": size, "metric": "who-opposes summary p50", "unit": "ms", "ours": ours["p50_ms"],
                    "baseline": base["p50_ms"], "baseline_name": "previous kg ask reads (who-opposes + descriptions)",
                    "ratio": round(ours["p50_ms"] / base["p50_ms"], 3), "runs": ours["runs"], "totals": totals})
    figures.append(_fresh_process(size, path))
    for f in figures:
        target = TARGETS.get((f["metric"], size))
        if target is not None:
            f["target"], f["met"] = target, f["ours"] <= target
    return figures


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
