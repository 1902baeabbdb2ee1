"""``kg ingest`` killed at random moments leaves every article graph whole or absent (issue 9, part 2)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

COUNTRIES = ["Latvia", "Poland", "Hungary", "Italy", "Spain", "Greece", "Slovakia", "Portugal", "Austria", "Ireland"]
REASONS = ["the budget", "its own border", "a lack of troops", "parliament's vote", "the elections"]
TEMPLATES = [
    "{country} said it cannot send troops due to {reason}.",
    "The prime minister of {country} said {country} will not send troops to Ukraine because of {reason}.",
    "{country} is ready to send troops to Ukraine as part of the reassurance force, the minister said.",
]
KILLS = 10

GRAPH_QUADS = """
SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }
"""
ARTICLE_GRAPHS = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a kg:Article } }
"""
BROKEN_GRAPHS = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?a a kg:Article }
  FILTER (
    NOT EXISTS { GRAPH ?g { ?a kg:contentHash ?h } }
    || EXISTS { GRAPH ?g { ?c kg:evidence ?e . FILTER NOT EXISTS { GRAPH ?g { ?e kg:quote ?q } } } }
    || EXISTS { GRAPH ?g { ?c a ?t . FILTER (?t IN (kg:Stance, kg:RoleAssignment))
                          FILTER NOT EXISTS { GRAPH ?g { ?c kg:evidence ?e } } } }
  )
}
"""


def _write_articles(folder: Path, n: int = 100) -> None:
    folder.mkdir()
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        text = " ".join(t.format(country=country, reason=REASONS[(i + k) % len(REASONS)])
                        for k, t in enumerate(TEMPLATES[: 1 + i % len(TEMPLATES)]))
        (folder / f"crash_{i:03d}.txt").write_text(
            f"---\ntitle: Report {i} on {country}\noutlet: Test Wire\n"
            f"published: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n{text} Article number {i}.\n",
            encoding="utf-8",
        )


def _snapshot(store_dir: Path) -> tuple[dict[str, frozenset[str]], list[str]]:
    """Each article graph's triples, and the article graphs that are not whole."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    try:
        graphs = [str(row["g"]) for row in store.query(ARTICLE_GRAPHS)]
        triples = {g: frozenset(str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g[1:-1])))
                   for g in graphs}
        broken = [str(row["g"]) for row in store.query(BROKEN_GRAPHS)]
    finally:
        del store
    return triples, broken


def _log_bytes(store_dir: Path) -> int:
    """Bytes in the store's write-ahead logs (a few dozen once opened, then growing with each article)."""
    return sum(f.stat().st_size for f in store_dir.glob("*.log")) if store_dir.is_dir() else 0


def _wait_for_first_write(store_dir: Path, proc: subprocess.Popen) -> float:
    """Wait until the ingest writes its first article (or ends); the time it did."""
    while _log_bytes(store_dir) < 4096 and proc.poll() is None:  # opening the store writes a few bytes
        time.sleep(0.01)
    return time.monotonic()


def _ingest(articles: Path, store: Path, jobs: int = 1) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    command = [sys.executable, "-m", "kg", "ingest", str(articles), "--store", str(store), "--jobs", str(jobs)]
    return subprocess.Popen(command,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=PROJECT_ROOT)


@pytest.mark.parametrize("jobs", [1, 2])
def test_sigkill_during_ingest_never_leaves_a_partial_article(tmp_path, kg, jobs):
    import psutil

    articles = tmp_path / "articles"
    _write_articles(articles)
    clean = _ingest(articles, tmp_path / "clean", jobs)
    writing = _wait_for_first_write(tmp_path / "clean", clean)
    _, err = clean.communicate(timeout=300)
    write_span = time.monotonic() - writing  # from the first article written to the end
    assert clean.returncode == 0, err
    reference, broken = _snapshot(tmp_path / "clean")
    assert broken == [] and len(reference) == 100
    rng = random.Random(9)
    survived, partial_runs = 0, 0
    for attempt in range(KILLS):
        # each kill starts from an empty store, so that every kill can land among the writes
        store = tmp_path / f"store{attempt}"
        proc = _ingest(articles, store, jobs)
        # Aim at the writes: wait for this run's first (spaCy loads before it, for a time that
        # varies from run to run), then kill somewhere in the clean run's span of writes.
        _wait_for_first_write(store, proc)
        time.sleep(rng.uniform(0, 0.9) * write_span)
        workers = []
        with contextlib.suppress(psutil.NoSuchProcess):
            workers = psutil.Process(proc.pid).children(recursive=True)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            survived += 1
        proc.wait()
        _, alive = psutil.wait_procs(workers, timeout=30)  # extraction workers die with the writer
        assert not alive, f"{len(alive)} extraction processes outlived a killed ingest"
        if not store.exists():  # killed before the store was created
            continue
        triples, broken = _snapshot(store)
        assert broken == [], f"partial article graphs after a kill: {broken[:3]}"
        for graph, content in triples.items():
            assert content == reference[graph], f"{graph} differs from a clean ingest of it"
        partial_runs += 0 < len(triples) < 100
    assert survived >= KILLS // 2, f"only {survived} of {KILLS} runs were still going when killed"
    assert partial_runs >= 2, f"only {partial_runs} kills landed among the writes; the test proves little"
    check = kg("validate", store=store)
    assert check.returncode == 0, check.stderr
    rerun = _ingest(articles, store, jobs)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    triples, broken = _snapshot(store)
    assert broken == [] and triples == reference
    print(f"crash safety: {survived} SIGKILLs survived, {partial_runs} left some articles in, 0 partial graphs")
