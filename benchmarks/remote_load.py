"""Loading a file into a SPARQL server through the Graph Store Protocol, beside the embedded load.

For each size, the same N-Triples file (``benchmarks/generate.py``'s dataset) is loaded
into one graph three ways, one after the other in this run:

* ``embedded``: :meth:`kg.store.EmbeddedStore.load_file` into a new store directory
  (``kg load``'s path, the baseline);
* ``oxigraph``: :meth:`kg.store.remote.RemoteStore.load_file` into a fresh ``oxigraph serve``
  (one PUT to a staging graph, then one ``MOVE``: what ``kg load --store URL`` does);
* ``virtuoso``: the same into a fresh Virtuoso (Debian's ``virtuoso-t``, own ini and
  database, ``KG_ENDPOINT_STYLE=virtuoso``), when it is installed.

Each figure is wall-clock seconds from the call to the committed graph, triples/s,
and the ratio to the embedded load. The graph's size is checked on every store.
Target: >= 40,000 triples/s into the Oxigraph server at 1M.

Run: ``.venv/bin/python -m benchmarks.remote_load [SIZE,SIZE]`` (default 100000,1000000)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/positions-kg/graph/bench"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def _timed_load(store, path: Path) -> tuple[float, int]:
    from rdflib import URIRef

    start = time.perf_counter()
    count = store.load_file(path, URIRef(GRAPH))
    return time.perf_counter() - start, count


def _stored(store) -> int:
    return int(next(iter(store.query(COUNT)))[0])


def load_embedded(path: Path, folder: Path) -> dict:
    from kg.store import EmbeddedStore

    store = EmbeddedStore(str(folder / "embedded"))
    try:
        seconds, count = _timed_load(store, path)
        return {"seconds": round(seconds, 3), "triples": count, "stored": _stored(store)}
    finally:
        store.close()


def load_oxigraph(path: Path, folder: Path) -> dict:
    from kg.store.remote import RemoteStore
    from kg.store.server import OxigraphServer

    with OxigraphServer(folder / "oxigraph", port=0, read_write=True) as srv:
        srv.start(ready_timeout=60)
        with RemoteStore(srv.endpoints.base, env={"KG_ENDPOINT_STYLE": "oxigraph"}) as store:
            seconds, count = _timed_load(store, path)
            return {"seconds": round(seconds, 3), "triples": count, "stored": _stored(store)}


def load_virtuoso(path: Path, folder: Path) -> dict:
    from kg.store.remote import RemoteStore
    from tests.virtuoso import VirtuosoServer, missing

    reason = missing()
    if reason:
        return {"skipped": reason}
    env = {"KG_ENDPOINT_STYLE": "virtuoso", "KG_HTTP_TIMEOUT": "600"}
    with VirtuosoServer(folder / "virtuoso", max_rows=10_000, buffers=100_000) as srv, \
            RemoteStore(srv.url, env=env) as store:
        seconds, count = _timed_load(store, path)
        return {"seconds": round(seconds, 3), "triples": count, "stored": _stored(store)}


def measure(sizes: list[int]) -> dict:
    from benchmarks.generate import write_dataset

    out = {"load_before": os.getloadavg()[0], "cores": os.cpu_count(), "sizes": {}}
    for size in sizes:
        path = write_dataset(size).ntriples
        row = {}
        for name, load in (("embedded", load_embedded), ("oxigraph", load_oxigraph), ("virtuoso", load_virtuoso)):
            with tempfile.TemporaryDirectory(prefix=f"kg-bench-{name}-") as tmp:
                row[name] = load(path, Path(tmp))
            figure = row[name]
            if "seconds" in figure:
                figure["triples_per_s"] = round(figure["triples"] / figure["seconds"])
                if name != "embedded":
                    figure["ratio_to_embedded"] = round(figure["seconds"] / row["embedded"]["seconds"], 2)
            print(size, name, json.dumps(figure), file=sys.stderr, flush=True)
        out["sizes"][size] = row
    out["load_after"] = os.getloadavg()[0]
    return out


def main(argv: list[str]) -> None:
    sizes = [int(s) for s in argv[0].split(",")] if argv else [100_000, 1_000_000]
    print(json.dumps(measure(sizes), indent=2))


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(PROJECT_ROOT))
    main(sys.argv[1:])
