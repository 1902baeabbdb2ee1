"""``kg ingest --scheduler``: extraction on a Dask cluster (two local worker processes) into an
Oxigraph server gives the store a plain ``kg ingest`` gives (issue 17)."""

from __future__ import annotations

import pytest

from kg.store.server import OxigraphServer
from tests.test_crash_safety import _write_articles

distributed = pytest.importorskip("distributed", reason="the [distributed] extra (Dask distributed) is not installed")

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes, one thread each, on 127.0.0.1 (no dashboard)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, scheduler_port=0) as local:
        yield local


def test_cluster_ingest_into_a_server_matches_a_plain_ingest(cluster, tmp_path, kg):
    articles = tmp_path / "articles"
    _write_articles(articles, 40)
    plain = tmp_path / "plain"
    out = kg("ingest", str(articles), "--store", str(plain), "--jobs", "1")
    assert out.returncode == 0, out.stderr
    with OxigraphServer(tmp_path / "served", port=0, read_write=True) as srv:
        srv.start(ready_timeout=60)
        url = srv.endpoints.base
        for _ in range(2):  # the second run finds every article unchanged and sends nothing
            there = kg("ingest", str(articles), "--store", url, "--scheduler", cluster.scheduler_address)
            assert there.returncode == 0, there.stderr
            assert there.stderr.splitlines()[-1] in (out.stderr.splitlines()[-1],
                                                      "ingested: 0 added, 0 replaced, 40 unchanged, 0 failed; "
                                                      "0 claims loaded")
        served = kg("export", "--format", "nq", "--store", url)
    assert served.returncode == 0, served.stderr
    assert served.stdout == kg("export", "--format", "nq", "--store", str(plain)).stdout
    assert served.stdout.count("\n") > 40
    assert there.stderr.splitlines()[-1].endswith("40 unchanged, 0 failed; 0 claims loaded")
    tasks = cluster.scheduler.task_prefixes["extract_batch"].state_counts
    assert tasks["memory"] + tasks["released"] + tasks["forgotten"] >= 3  # 40 articles in batches, on the workers


def test_unreachable_scheduler_is_a_one_line_error(tmp_path, kg):
    from kg.store.server import free_port

    articles = tmp_path / "articles"
    _write_articles(articles, 1)
    out = kg("ingest", str(articles), "--store", str(tmp_path / "s"), "--scheduler",
             f"tcp://127.0.0.1:{free_port()}", env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("kg: error: tcp://127.0.0.1:")
