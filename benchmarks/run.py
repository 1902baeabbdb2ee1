"""Run the benchmarks: ours side by side with rdflib's in-memory graph, at several sizes.

Usage::

    python benchmarks/run.py [--quick | --full] [--sizes N,N] [--json PATH]

``--quick`` measures 10k and 100k quads (under 3 minutes on 2 cores), the default adds
1M, ``--full`` adds 5M. Each size's data comes from ``benchmarks/generate.py`` (seeded,
cached), and every workload runs in a fresh process, so that each peak memory figure
is that workload's own and a query that runs away is stopped by a timeout instead of
holding up the run. ``--json`` writes every figure with its size, the baseline's
figure and the ratio ours/baseline, so that runs can be compared over time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `kg` and `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate, workloads
from kg.queries.resolve import DEFAULT_PROPOSAL
from kg.rdf.iris import file_graph

#: The question the cold-start figure asks (the product's headline question).
ASK_QUESTION = "who opposes troop deployment and why"
#: Nodes and edges of the graph page whose render time has a target (<= 3 s).
RENDER_SIZE = (5000, 10000)


@dataclass(frozen=True)
class Settings:
    """How much a run measures."""

    mode: str
    sizes: tuple[int, ...]
    repeat: int  # timed runs per query (after one warm-up)
    budget: float  # seconds of timed runs per query, at most (at least one run)
    timeout: float  # seconds before a workload's process is stopped
    query_timeout: float  # the same for one answer query (warm-up and timed runs)
    baseline_max: int  # largest size the rdflib baseline is run at
    cold_runs: int  # fresh `kg` processes timed


MODES = {
    "quick": Settings("quick", (10_000, 100_000), repeat=10, budget=3, timeout=60, query_timeout=15,
                      baseline_max=100_000, cold_runs=3),
    "default": Settings("default", (10_000, 100_000, 1_000_000), repeat=20, budget=15, timeout=300,
                        query_timeout=120, baseline_max=1_000_000, cold_runs=5),
    "full": Settings("full", (10_000, 100_000, 1_000_000, 5_000_000), repeat=20, budget=15, timeout=900,
                     query_timeout=120, baseline_max=1_000_000, cold_runs=5),
}


# -- figures and targets ---------------------------------------------------------------------------


def figure(size: int | None, metric: str, unit: str, ours: float | None, baseline: float | None = None,
           baseline_name: str | None = None, note: str | None = None, **details: object) -> dict:
    """One measured figure: ours, the baseline's, their ratio (ours/baseline), and the target."""
    ratio = float(f"{ours / baseline:.4g}") if ours is not None and baseline else None
    record = {"size": size, "metric": metric, "unit": unit, "ours": ours, "baseline": baseline,
              "baseline_name": baseline_name, "ratio": ratio}
    target, met = target_for(record)
    record.update(target=target, met=met, note=note, details=details or None)
    return record


def target_for(record: dict) -> tuple[str | None, bool | None]:
    """The issue's target for a figure, and whether the figure meets it (None: not measured).

    Examples
    --------
    >>> target_for({"metric": "load-nq", "size": 10, "ours": 1.1, "ratio": 1.1})
    ('ours <= 1.25x bulk_load', True)
    >>> target_for({"metric": "who-opposes p50", "size": 1_000_000, "ours": 12.0, "ratio": None})
    ('<= 10 ms', False)
    """
    metric, size, ours, ratio = record["metric"], record["size"], record["ours"], record["ratio"]
    if metric in ("load-nq", "load-nt"):
        return "ours <= 1.25x bulk_load", None if ratio is None else ratio <= 1.25
    if metric == "who-opposes p50" and size == 100_000:
        return ">= 100x faster than rdflib", None if ratio is None else ratio <= 0.01
    if metric == "who-opposes p50" and size == 1_000_000:
        return "<= 10 ms", None if ours is None else ours <= 10
    if metric == "peak RSS" and size == 5_000_000:
        return "<= 2048 MB", None if ours is None else ours <= 2048
    if metric.startswith("kg ask cold start"):
        return "<= 1.0 s", None if ours is None else ours <= 1.0
    if metric == "extraction":
        return ">= 7 articles/s", None if ours is None else ours >= 7
    if metric == f"render {RENDER_SIZE[0]:,} nodes / {RENDER_SIZE[1]:,} edges":
        return "<= 3 s", None if ours is None else ours <= 3
    return None, None


# -- workers: each runs in its own process and prints one JSON record per line -------------------


def worker_load(spec: dict) -> Iterator[dict]:
    """Load a file ``spec["repeat"]`` times into fresh stores, by ``kg load``'s path or by bulk_load."""
    loader = workloads.load_ours if spec["how"] == "ours" else workloads.load_bulk
    runs = []
    for i in range(spec["repeat"]):
        target = Path(spec["store"] if i == 0 else f"{spec['store']}-{i}")
        runs.append(loader(Path(spec["file"]), target, spec.get("graph"))["seconds"])
        if i:
            shutil.rmtree(target, ignore_errors=True)
    yield {"key": "load", "seconds": statistics.median(runs), "runs": runs, "rss_mb": workloads.peak_rss_mb()}


def worker_answer(spec: dict) -> Iterator[dict]:
    """Warm p50/p95 of one answer query on a store built by ``worker_load``."""
    from kg.store import EmbeddedStore

    store = EmbeddedStore(spec["store"], read_only=True)
    query = _answer_query(spec)
    result = workloads.latency(workloads.rows_of(store, query), repeat=spec["repeat"], budget=spec["budget"])
    yield {"key": query.key, "source": query.source, **result, "rss_mb": workloads.peak_rss_mb()}


def worker_export(spec: dict) -> Iterator[dict]:
    """graph_from_store on one proposal's stances, timed twice (the first run opens caches)."""
    from kg.store import EmbeddedStore

    store = EmbeddedStore(spec["store"], read_only=True)
    first = workloads.export_subgraph(store)
    second = workloads.export_subgraph(store)
    construct, _ = workloads.timed(lambda: store.query(workloads.PROPOSAL_STANCES_RQ).graph)
    yield {"key": "export", **second, "first_seconds": first["seconds"], "construct_seconds": round(construct, 4),
           "rss_mb": workloads.peak_rss_mb()}


def worker_baseline(spec: dict) -> Iterator[dict]:
    """rdflib: parse the N-Triples into ``Graph()``, then the same queries and export."""
    load, graph = workloads.load_rdflib(Path(spec["file"]))
    yield {"key": "load", **load, "rss_mb": workloads.peak_rss_mb()}
    store = workloads.RdflibStore(graph)
    for key in ("who-opposes", "positions-by-country"):
        query = _answer_query({**spec, "query": key})
        try:
            result = workloads.latency(workloads.rows_of(store, query), repeat=spec["repeat"], budget=spec["budget"])
        except Exception as exc:  # rdflib's engine fails on some valid queries: time its variant
            failure = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
            variant = replace(query, text=workloads.rdflib_variant(query.text))
            try:
                result = workloads.latency(workloads.rows_of(store, variant), repeat=spec["repeat"],
                                           budget=spec["budget"])
                result["variant"] = f"rdflib fails on the query ({failure}); timed without DISTINCT in GROUP_CONCAT"
            except Exception as again:
                result = {"error": f"{failure}; variant: {type(again).__name__}: {again}"}
        yield {"key": key, "source": query.source, **result, "rss_mb": workloads.peak_rss_mb()}
    yield {"key": "export", **workloads.export_subgraph_rdflib(graph), "rss_mb": workloads.peak_rss_mb()}


def worker_render(spec: dict) -> Iterator[dict]:
    """``benchmarks/render.py``'s ``measure(n_nodes, n_edges)``: a graph page drawn and interactive in Chromium."""
    measure = import_module("benchmarks.render").measure
    accepted = inspect.signature(measure).parameters
    kwargs = {k: v for k, v in spec.items() if k in accepted and k not in ("nodes", "edges")}
    yield {"key": "render", "result": measure(spec["nodes"], spec["edges"], **kwargs),
           "rss_mb": workloads.peak_rss_mb()}


def worker_extraction(spec: dict) -> Iterator[dict]:
    """``benchmarks/extraction.py``'s ``measure``: our pipeline and plain ``nlp.pipe`` on the same texts."""
    measure = import_module("benchmarks.extraction").measure
    accepted = inspect.signature(measure).parameters
    kwargs = {k: v for k, v in spec.items() if k in accepted}
    result = measure(**kwargs)
    fields = {name: getattr(result, name) for name in dir(result)
              if not name.startswith("_") and isinstance(getattr(result, name), int | float)}
    yield {"key": "extraction", "result": fields, "rss_mb": workloads.peak_rss_mb()}


WORKERS: dict[str, Callable[[dict], Iterator[dict]]] = {
    "load": worker_load, "answer": worker_answer, "export": worker_export, "baseline": worker_baseline,
    "render": worker_render, "extraction": worker_extraction,
}


def _answer_query(spec: dict) -> workloads.AnswerQuery:
    queries = {q.key: q for q in workloads.answer_queries(spec["proposal"], spec["country"])}
    return queries[spec["query"]]


def run_worker(name: str, spec: dict, timeout: float) -> tuple[list[dict], str | None]:
    """Run a worker in a fresh process; its records, and an error text when it failed or timed out."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--spec", json.dumps(spec)]
    error = None
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        out = proc.stdout
        if proc.returncode != 0:
            lines = [line for line in proc.stderr.splitlines() if line.strip()]
            error = f"exit {proc.returncode}: {lines[-1] if lines else 'no message'}"
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        error = f"stopped after {timeout:.0f} s (timeout)"
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")], error


# -- one size ---------------------------------------------------------------------------------------


def measure_size(files: generate.DatasetFiles, settings: Settings, workdir: Path,
                 progress: Callable[[str], None], timed_out: dict[tuple[str, str], str]) -> list[dict]:
    """Every per-size figure for one generated dataset.

    ``timed_out`` names the (layout, query) pairs that timed out at a smaller size; they
    are not run again, and this size's timeouts are added to it.
    """
    size = files.quads
    requested = files.requested
    common = {"proposal": DEFAULT_PROPOSAL, "country": files.country,
              "repeat": settings.repeat, "budget": settings.budget}
    load_repeat = 3 if size <= 100_000 else 1
    stores = {"nq": workdir / "ours-nq", "nt": workdir / "ours-nt"}
    loads: dict[tuple[str, str], dict] = {}
    rss: dict[str, float] = {}
    for fmt, path, graph in (("nq", files.nquads, None), ("nt", files.ntriples, str(file_graph(files.ntriples.stem)))):
        for how in ("bulk", "ours"):
            progress(f"load {fmt} ({how})")
            store = stores[fmt] if how == "ours" else workdir / f"bulk-{fmt}"
            records, error = run_worker("load", {"how": how, "file": str(path), "graph": graph, "store": str(store),
                                                 "repeat": load_repeat}, settings.timeout)
            loads[fmt, how] = records[0] if records else {"error": error}
            if how == "ours" and fmt == "nq" and records:
                rss["load"] = records[0]["rss_mb"]
            if how == "bulk":
                shutil.rmtree(store, ignore_errors=True)
    baseline: dict[str, dict] = {}
    baseline_note = None
    if requested <= settings.baseline_max:
        progress("rdflib baseline")
        records, error = run_worker("baseline", {**common, "file": str(files.ntriples)},
                                    2 * settings.timeout + 4 * settings.budget)
        baseline = {r["key"]: r for r in records}
        if error:
            baseline_note = f"rdflib baseline: {error}"
    else:
        baseline_note = f"rdflib not run above {settings.baseline_max:,} quads (minutes to parse, >1 KB/triple)"
    answers: dict[tuple[str, str], dict] = {}
    for layout in ("nq", "nt"):
        for key in ("who-opposes", "positions-by-country"):
            if (layout, key) in timed_out:  # cost only grows with size: don't wait for it again
                answers[layout, key] = {"error": f"not run: {timed_out[layout, key]}"}
                continue
            progress(f"{key} on {layout}")
            records, error = run_worker("answer", {**common, "store": str(stores[layout]), "query": key},
                                        settings.query_timeout)
            answers[layout, key] = records[0] if records else {"error": error}
            if not records and error and "timeout" in error:
                timed_out[layout, key] = f"timed out at {size:,} quads"
            if records and layout == "nq":
                rss[key] = records[0]["rss_mb"]
    progress("export")
    records, error = run_worker("export", {"store": str(stores["nq"])}, settings.timeout)
    export = records[0] if records else {"error": error}
    if records:
        rss["export"] = records[0]["rss_mb"]
    return size_figures(files, loads, answers, export, baseline, baseline_note, rss)


def size_figures(files: generate.DatasetFiles, loads: dict, answers: dict, export: dict, baseline: dict,
                 baseline_note: str | None, rss: dict) -> list[dict]:
    """Turn one size's worker records into figures."""
    size = files.quads
    sources = {q.key: q.source for q in workloads.answer_queries(DEFAULT_PROPOSAL, files.country)}
    out = []
    for fmt, what, count in (("nq", "N-Quads, one graph per article", files.quads),
                             ("nt", "N-Triples into one named graph", files.triples)):
        ours, bulk = loads[fmt, "ours"], loads[fmt, "bulk"]
        out.append(figure(size, f"load-{fmt}", "s", ours.get("seconds"), bulk.get("seconds"), "pyoxigraph bulk_load",
                          note=ours.get("error") or bulk.get("error") or what,
                          ours_per_s=_rate(count, ours.get("seconds")),
                          baseline_per_s=_rate(count, bulk.get("seconds")), quads=count))
    rdflib_load = baseline.get("load", {})
    if rdflib_load:
        out.append(figure(size, "load vs rdflib", "s", loads["nt", "ours"].get("seconds"), rdflib_load.get("seconds"),
                          "rdflib Graph().parse (N-Triples)",
                          ours_per_s=_rate(files.triples, loads["nt", "ours"].get("seconds")),
                          baseline_per_s=_rate(files.triples, rdflib_load.get("seconds"))))
    for key in ("who-opposes", "positions-by-country"):
        ours, base, one = answers["nq", key], baseline.get(key, {}), answers["nt", key]
        note = "; ".join(filter(None, [sources[key], ours.get("error")]))
        if base.get("variant"):
            note = f"{note}; {base['variant']}"
        if base.get("error"):
            note = f"{note}; rdflib: {base['error']}"
        elif not base:
            note = f"{note}; {baseline_note}" if baseline_note else note
        for stat in ("p50", "p95"):
            out.append(figure(size, f"{key} {stat}", "ms", ours.get(f"{stat}_ms"), base.get(f"{stat}_ms"),
                              "rdflib Graph().query", note=note, rows=ours.get("rows"),
                              baseline_rows=base.get("rows"), runs=ours.get("runs"), status=_status(ours)))
        # The same query on the same triples loaded as one graph: what repeats across graphs cost.
        out.append(figure(size, f"{key} p50, one graph", "ms", one.get("p50_ms"), base.get("p50_ms"),
                          "rdflib Graph().query", note=one.get("error") or "store loaded from the N-Triples union",
                          rows=one.get("rows"), baseline_rows=base.get("rows"), runs=one.get("runs"),
                          status=_status(one)))
    base_export = baseline.get("export", {})
    out.append(figure(size, "export (networkx)", "s", export.get("seconds"), base_export.get("seconds"),
                      "rdflib CONSTRUCT, same networkx build", note=export.get("error"),
                      nodes=export.get("nodes"), edges=export.get("edges"),
                      construct_seconds=export.get("construct_seconds"), first_seconds=export.get("first_seconds")))
    base_rss = max((r.get("rss_mb", 0) for r in baseline.values()), default=None) or None
    out.append(figure(size, "peak RSS", "MB", max(rss.values(), default=None), base_rss, "rdflib Graph()",
                      note="ours: largest of the load, query and export processes", per_process=rss))
    return out


def _status(record: dict) -> str | None:
    error = record.get("error")
    if not error:
        return None
    return "skipped" if error.startswith("not run") else "timeout" if "timeout" in error else "error"


def _rate(count: int, seconds: float | None) -> float | None:
    return round(count / seconds) if seconds else None


# -- once per run -------------------------------------------------------------------------------------


def kg_command() -> list[str]:
    """The ``kg`` console script next to this interpreter, else ``python -m kg``."""
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def measure_cold_start(settings: Settings, workdir: Path, progress: Callable[[str], None]) -> list[dict]:
    """``kg ask`` as a fresh process on a store built from the seeds with ``kg build``."""
    store = workdir / "seeds-store"
    env = {**os.environ, "KG_STORE": str(store)}
    progress("kg build (seeds)")
    build_note = "store built with `kg build`"
    built = subprocess.run([*kg_command(), "build"], capture_output=True, text=True, env=env, timeout=900)
    if built.returncode != 0:
        build_note = f"`kg build` failed ({_last_line(built.stderr)}); store built with `kg build --no-extract`"
        built = subprocess.run([*kg_command(), "build", "--no-extract"], capture_output=True, text=True, env=env,
                               timeout=900)
        if built.returncode != 0:
            return [figure(None, "kg ask cold start", "s", None, note=f"kg build failed: {_last_line(built.stderr)}")]
    if _has_command("ask"):
        metric, args = "kg ask cold start", ["ask", ASK_QUESTION]
    else:
        metric, args = "kg ask cold start (kg query --name persons-roles: ask not registered)", \
            ["query", "--name", "persons-roles"]
    progress(metric)
    # One traced run first: which heavy libraries the command imports (and a warm page cache).
    traced = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", *args], capture_output=True, text=True,
                            env=env, timeout=300)
    heavy = sorted({m for m in ("spacy", "networkx", "pyvis", "pyshacl", "igraph", "pandas", "torch")
                    if re.search(rf"\|\s+{m}$", traced.stderr, re.M)})
    times, failures = [], []
    while len(times) < settings.cold_runs and sum(times) < 10:  # a slow command is timed once or twice
        seconds, proc = workloads.timed(lambda: subprocess.run([*kg_command(), *args], capture_output=True,
                                                                 text=True, env=env, timeout=300))
        times.append(round(seconds, 3))
        if proc.returncode != 0:
            failures.append(_last_line(proc.stderr))
    floor = [workloads.timed(lambda: subprocess.run([sys.executable, "-c", "pass"]))[0] for _ in range(3)]
    note = f"{build_note}; heavy modules imported: {', '.join(heavy) or 'none'}"
    if failures:
        note += f"; command failed: {failures[0]}"
    return [figure(None, metric, "s", statistics.median(times), round(statistics.median(floor), 3),
                   "python -c pass (interpreter start)", note=note, runs=times, command=" ".join(["kg", *args]))]


def measure_extraction(settings: Settings) -> list[dict]:
    """Extraction throughput from ``benchmarks/extraction.py``, once that module exists."""
    if not (Path(__file__).parent / "extraction.py").exists():
        return [figure(None, "extraction", "articles/s", None, note="benchmarks/extraction.py not written yet")]
    spec = {"n_articles": 40 if settings.mode == "quick" else 200, "n_process": 2}
    records, error = run_worker("extraction", spec, settings.timeout * 5)
    if not records:
        return [figure(None, "extraction", "articles/s", None, note=error)]
    result = records[0]["result"]
    return [figure(None, "extraction", "articles/s", _round(result.get("ours_per_second")),
                   _round(result.get("plain_per_second")), "plain nlp.pipe, same model and texts",
                   note=f"{spec['n_articles']} articles of the seeds, n_process={spec['n_process']}; "
                        f"time ours/plain {result.get('ratio', 0):.2f} (target <= 1.5)",
                   result=result, rss_mb=records[0]["rss_mb"])]


def measure_render(size: int | None, nodes: int, edges: int, settings: Settings, *, baseline: bool = False) -> dict:
    """Render time of a graph of ``nodes`` and ``edges`` from ``benchmarks/render.py``'s ``measure``.

    With ``baseline``, pyvis's defaults render the same graph too (their time to stabilise).
    """
    metric = "render (exported subgraph)" if size else f"render {nodes:,} nodes / {edges:,} edges"
    spec = {"nodes": nodes, "edges": edges, "baseline": baseline}
    records, error = run_worker("render", spec, settings.timeout * (3 if baseline else 1))
    if not records:
        return figure(size, metric, "s", None, note=error, nodes=nodes, edges=edges, status="error")
    result = records[0]["result"]
    pyvis = result.get("pyvis_defaults") or {}
    pyvis_s = pyvis.get("browser_stabilized_s")
    note = "layout + HTML + browser until interactive"
    if pyvis and pyvis_s is None:
        note += f"; pyvis defaults: {pyvis.get('status')}"
    return figure(size, metric, "s", result.get("seconds"), pyvis_s,
                  "pyvis defaults, until stabilised" if pyvis_s else None, note=note, nodes=nodes, edges=edges,
                  result=result, rss_mb=records[0]["rss_mb"])


def has_render() -> bool:
    """Whether the colleague's ``benchmarks/render.py`` is there (it drives Chromium)."""
    return (Path(__file__).parent / "render.py").exists() and Path("/usr/bin/chromium").exists()


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _has_command(name: str) -> bool:
    from kg.cli import app

    return any((c.name or c.callback.__name__.replace("_", "-")) == name for c in app.registered_commands)


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no message"


# -- the run --------------------------------------------------------------------------------------------


def run(settings: Settings, json_path: Path | None = None, *, seeds: bool = True, quiet: bool = False) -> dict:
    """Run every benchmark of ``settings``; the report (also written to ``json_path``).

    With ``seeds`` false, the figures measured on the seeds (cold start, extraction) are skipped.
    """
    started = time.perf_counter()
    load_before = os.getloadavg()

    def progress(message: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    figures: list[dict] = []
    datasets = {}
    timed_out: dict[tuple[str, str], str] = {}
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        for size in settings.sizes:
            progress(f"dataset of {size:,} quads")
            files = generate.write_dataset(size)
            datasets[str(size)] = files.to_json()
            size_dir = workdir / str(size)
            size_dir.mkdir()
            found = measure_size(files, settings, size_dir, lambda m, s=size: progress(f"{s:,}: {m}"), timed_out)
            export = next(f for f in found if f["metric"] == "export (networkx)")["details"]
            if has_render() and export.get("nodes"):
                progress(f"{size:,}: render")
                found.append(measure_render(files.quads, export["nodes"], export["edges"], settings))
            figures += found
            shutil.rmtree(size_dir, ignore_errors=True)
        if seeds:
            figures += measure_cold_start(settings, workdir, progress)
            progress("extraction")
            figures += measure_extraction(settings)
            if has_render():
                progress("render at the issue's size")
                figures.append(measure_render(None, *RENDER_SIZE, settings, baseline=settings.mode != "quick"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report = {
        "meta": {
            "command": " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]),
            "mode": settings.mode,
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - started, 1),
            "machine": machine(),
            # Other processes on the machine slow every figure: the 1-minute load average
            # before and after the run says how busy it was (2 cores: above 2 is contended).
            "load_average": {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)},
            "seed": generate.DEFAULT_SEED,
            "generator_version": generate.GENERATOR_VERSION,
        },
        "datasets": datasets,
        "figures": figures,
    }
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def machine() -> dict:
    """What the figures were measured on."""
    from importlib.metadata import version

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            **{name: version(name) for name in ("pyoxigraph", "rdflib", "networkx")}}


def markdown_table(report: dict) -> str:
    """The figures as a Markdown table (size, metric, ours, baseline, ratio, target, met)."""
    rows = ["| size | metric | ours | baseline | ours/baseline | target | met |", "|---|---|---|---|---|---|---|"]
    for f in report["figures"]:
        size = _size_label(f["size"])
        ours = _cell(f["ours"], f["unit"], (f["details"] or {}).get("ours_per_s"))
        status = (f["details"] or {}).get("status")
        if f["ours"] is None and status:
            ours = {"timeout": "timeout", "skipped": "not run (timed out at a smaller size)"}.get(status, "error")
        base = _cell(f["baseline"], f["unit"], (f["details"] or {}).get("baseline_per_s"))
        if f["baseline"] is not None and f["baseline_name"]:
            base = f"{base} ({f['baseline_name']})"
        elif f["note"] and f["baseline"] is None and f["ours"] is not None and "baseline" in (f["note"] or ""):
            base = "not run"
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.3g}"
        met = {True: "yes", False: "**no**", None: ""}[f["met"]]
        rows.append(f"| {size} | {f['metric']} | {ours} | {base} | {ratio} | {f['target'] or ''} | {met} |")
    return "\n".join(rows)


def _size_label(size: int | None) -> str:
    if size is None:
        return "seeds"
    for label, value in generate.SIZES.items():
        if abs(size - value) <= value * 0.05:
            return label
    return f"{size:,}"


def _cell(value: float | None, unit: str, per_s: float | None = None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.3g} {unit}" if value < 1000 else f"{value:,.0f} {unit}"
    return f"{text} ({per_s:,.0f}/s)" if per_s else text


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="10k and 100k quads, fewer repetitions (< 3 min)")
    mode.add_argument("--full", action="store_true", help="10k, 100k, 1M and 5M quads")
    parser.add_argument("--sizes", help="comma-separated sizes in quads, instead of the mode's")
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--sizes-only", action="store_true",
                        help="skip the seeds figures (kg ask cold start, extraction)")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a worker, or the whole benchmark and print the table."""
    args = parse_args(argv)
    if args.worker:
        for record in WORKERS[args.worker](json.loads(args.spec)):
            print(json.dumps(record), flush=True)
        return
    settings = MODES["quick" if args.quick else "full" if args.full else "default"]
    if args.sizes:
        settings = replace(settings, sizes=tuple(int(s) for s in args.sizes.split(",")))
    report = run(settings, args.json, seeds=not args.sizes_only)
    print(markdown_table(report))
    if args.json:
        print(f"\nfigures written to {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
