"""``kg ingest --scheduler`` on a local Dask cluster against a plain ``kg ingest --jobs 1``, same run.

Both ingest the same generated corpus into a fresh Oxigraph server (``kg serve``'s
engine, through the Graph Store Protocol); the cluster has two worker processes with
one thread each on 127.0.0.1, started before the timing (as a cluster would be running).
The two servers' contents are compared (N-Quads export).

Run: ``.venv/bin/python -m benchmarks.ingest_distributed [N_ARTICLES]`` (needs the [distributed] extra)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _ingest(corpus: Path, url: str, *extra: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "kg", "ingest", str(corpus), "--store", url, *extra],
                         capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return time.perf_counter() - start


def measure(n_articles: int = 240) -> dict:
    from distributed import LocalCluster

    from benchmarks.generate import write_corpus
    from kg.store.server import OxigraphServer

    with tempfile.TemporaryDirectory(prefix="kg-bench-dask-") as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as cluster:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, n_articles)
        load = os.getloadavg()[0]
        times, dumps = {}, {}
        for name, extra in (("plain --jobs 1", ["--jobs", "1"]), ("--scheduler (2 workers)",
                                                                  ["--scheduler", cluster.scheduler_address])):
            with OxigraphServer(Path(tmp) / name.replace(" ", "_"), port=0, read_write=True) as srv:
                srv.start(ready_timeout=60)
                times[name] = round(_ingest(corpus, srv.endpoints.base, *extra), 2)
                dumps[name] = subprocess.run([sys.executable, "-m", "kg", "export", "--format", "nq", "--store",
                                              srv.endpoints.base], capture_output=True, check=True,
                                             cwd=PROJECT_ROOT).stdout
    plain, dask = times.values()
    return {"articles": n_articles, "seconds": times, "articles_per_s": {k: round(n_articles / v, 2)
                                                                         for k, v in times.items()},
            "speedup": round(plain / dask, 2), "same_store": len(set(dumps.values())) == 1,
            "load_before": load, "load_after": os.getloadavg()[0]}


def main(argv: list[str]) -> None:
    print(json.dumps(measure(int(argv[0]) if argv else 240), indent=2))


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(PROJECT_ROOT))
    main(sys.argv[1:])
