"""Two writers on one embedded store: the second is refused with a clear message; readers see whole states.

Issue 9, part 3. The first ``kg ingest`` holds Oxigraph's lock from opening the store to
exiting; a reader opens the store read-only and sees a snapshot: before or after each
article's transaction, never in between.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from test_crash_safety import BROKEN_GRAPHS, _ingest, _snapshot, _write_articles

COUNT_ARTICLES = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article ; kg:contentHash ?h } }
"""


def _wait_for_lock(store: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the writer has opened the store (RocksDB's LOCK file exists)."""
    end = time.monotonic() + timeout
    while not (store / "LOCK").exists():
        assert proc.poll() is None and time.monotonic() < end, "the first ingest never opened the store"
        time.sleep(0.05)


def _writer_holding_the_store(tmp_path: Path) -> tuple[Path, Path, subprocess.Popen]:
    """40 articles, and a ``kg ingest`` of them that has opened (and locked) a new store."""
    articles = tmp_path / "articles"
    _write_articles(articles, 40)
    store = tmp_path / "store"
    writer = _ingest(articles, store)
    _wait_for_lock(store, writer)
    return articles, store, writer


def test_second_writer_is_refused_and_nothing_is_corrupted(tmp_path, kg):
    articles, store, first = _writer_holding_the_store(tmp_path)
    second = kg("ingest", str(articles), store=store)
    assert first.poll() is None, "the first ingest ended before the second started; the test proves nothing"
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode != 0 and "Traceback" not in second.stderr
    message = second.stderr.strip().splitlines()
    assert len(message) == 1 and "in use by another process" in message[0] and str(store) in message[0]
    triples, broken = _snapshot(store)
    assert broken == [] and len(triples) == 40


def test_reader_during_a_write_sees_whole_articles(tmp_path, kg):
    _, store, writer = _writer_holding_the_store(tmp_path)
    counts = []
    while writer.poll() is None or not counts:
        broken = kg("query", BROKEN_GRAPHS, "--format", "csv", store=store)
        count = kg("query", COUNT_ARTICLES, "--format", "csv", store=store)
        if writer.poll() is None or counts:  # only reads that overlapped the write (or the one after) count
            assert broken.returncode == 0, broken.stderr
            assert broken.stdout.split() == ["g"], broken.stdout  # header only: no partial graph
            assert count.returncode == 0, count.stderr
            counts.append(int(count.stdout.split()[-1]))
    writer.communicate(timeout=300)
    assert writer.returncode == 0
    assert counts == sorted(counts) and all(0 <= n <= 40 for n in counts)
    final = kg("query", COUNT_ARTICLES, "--format", "csv", store=store)
    assert int(final.stdout.split()[-1]) == 40
