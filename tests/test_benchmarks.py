"""The benchmark code at a tiny size: generated data has kg.rdf.mapping's shape, the run writes every figure.

No timing is asserted here; ``benchmarks/run.py`` measures, this checks that it measures
the right thing on the right data.
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef

from benchmarks import generate, run, workloads
from kg.articles import load_article
from kg.claims import RoleClaim, StanceClaim
from kg.errors import InputError
from kg.rdf.iris import article_graph_iri
from kg.rdf.vocab import KG
from kg.store import NEW_GRAPH_MARKER_PREFIX, EmbeddedStore
from tests.conftest import PROJECT_ROOT


@pytest.fixture(scope="module")
def sample():
    """Twelve generated articles with their claims."""
    articles = generate.iter_articles(generate.make_world(200))
    return [next(articles) for _ in range(12)]


def _triples(lines: list[str]) -> Graph:
    g = Graph()
    g.parse(data="".join(line[: line.rindex(" <")] + " .\n" for line in lines), format="nt")
    return g


def test_fast_writer_gives_exactly_what_kg_rdf_gives(sample):
    for article, claims in sample:
        lines = generate.article_nquads(article, claims)
        assert all(line.endswith(f" <{article_graph_iri(article.article_id)}> .\n") for line in lines)
        assert set(_triples(lines)) == set(generate.reference_graph(article, claims))


def test_sample_has_every_kind_of_claim_and_passes_shacl(sample):
    from kg.store.validate import validate_graph

    claims = [c for _, cs in sample for c in cs]
    assert {type(c) for c in claims} == {RoleClaim, StanceClaim}
    assert {c.polarity for c in claims if isinstance(c, StanceClaim)} == {"supports", "opposes", "conditional",
                                                                          "neutral"}
    assert {c.actor_type for c in claims if isinstance(c, StanceClaim)} >= {"country", "person"}
    data = Graph()
    for article, cs in sample:
        data += generate.reference_graph(article, cs)
    report = validate_graph(data)
    assert report.conforms, report.violations[:3]


def test_quotes_sit_at_their_offsets_and_corpus_files_parse_back(sample, tmp_path):
    for article, claims in sample:
        assert all(article.body[c.start:c.end] == c.quote for c in claims)
    written = generate.write_corpus(tmp_path, 3)
    expected = [a for a, _ in sample[:3]]
    for path, article in zip(written, expected, strict=True):
        parsed = load_article(path)
        assert (parsed.body, parsed.title, parsed.published, parsed.content_hash) == (
            article.body, article.title, article.published, article.content_hash)


def test_dataset_is_deterministic_sized_and_loads_as_written(tmp_path):
    first = generate.write_dataset(2000, tmp_path / "a")
    second = generate.write_dataset(2000, tmp_path / "b")
    assert first.nquads.read_bytes() == second.nquads.read_bytes()
    nq_lines = first.nquads.read_text(encoding="utf-8").splitlines()
    nt_lines = first.ntriples.read_text(encoding="utf-8").splitlines()
    assert first.quads == len(nq_lines) >= 2000
    assert first.triples == len(nt_lines) == len(set(nt_lines))
    assert first.articles >= 1 and first.stances > 0 and first.roles > 0
    with EmbeddedStore(":memory:") as store:
        store.load_file(first.nquads)
        assert store.count_triples() == first.quads  # no quad repeated within a graph
        graphs = store.named_graphs()
        assert article_graph_iri("a0000000") in graphs
        assert len([g for g in graphs if "/graph/article/" in g]) == first.articles
    assert len(_triples(nq_lines)) == first.triples  # the N-Triples file is the union of the graphs


def test_answer_queries_bind_what_the_queries_declare():
    queries = {q.key: q for q in workloads.answer_queries("reassurance force", "POL")}
    assert set(queries) == {"who-opposes", "positions-by-country"}
    opposes = queries["who-opposes"]
    assert KG.Opposes in opposes.bindings.values()
    assert all(f"?{name}" in opposes.text for name in opposes.bindings)


def test_new_graph_load_is_dropped_when_it_fails_or_is_left_half_done(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <http://x/p> \n")
    path = str(tmp_path / "s")
    with EmbeddedStore(path) as store:
        with pytest.raises(InputError, match=r"bad\.nt"):
            store.load_file(bad, URIRef("http://x/g"))
        assert store.named_graphs() == []
        # A process that died while loading leaves its marker and a half-loaded graph.
        import pyoxigraph as ox

        store.oxigraph.add_graph(ox.NamedNode(NEW_GRAPH_MARKER_PREFIX + quote("http://x/h", safe="")))
        store.oxigraph.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("half"),
                                   ox.NamedNode("http://x/h")))
    with EmbeddedStore(path) as store:
        assert store.named_graphs() == []
        good = tmp_path / "good.nt"
        good.write_text("<http://x/a> <http://x/p> <http://x/b> .\n")
        assert store.load_file(good, URIRef("http://x/g")) == 1
        assert store.load_file(good, URIRef("http://x/g")) == 1  # an existing graph is replaced
        assert store.named_graphs() == [URIRef("http://x/g")]


def test_doctests_of_the_benchmark_modules():
    for module in (generate, workloads, run):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__


@pytest.mark.slow
def test_run_writes_every_figure_with_size_and_ratio(tmp_path):
    out = tmp_path / "figures.json"
    env = {**os.environ, "KG_BENCH_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--sizes", "2000", "--sizes-only", "--json", str(out)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    assert set(report) == {"meta", "datasets", "figures"}
    assert report["meta"]["machine"]["cpus"] >= 1
    metrics = {f["metric"] for f in report["figures"]}
    assert {"load-nq", "load-nt", "load vs rdflib", "who-opposes p50", "who-opposes p95",
            "positions-by-country p50", "export (networkx)", "peak RSS"} <= metrics
    for f in report["figures"]:
        assert set(f) >= {"size", "metric", "unit", "ours", "baseline", "ratio", "target", "met"}
        assert f["size"] >= 2000
        if f["ours"] is not None and f["baseline"]:
            assert f["ratio"] == pytest.approx(f["ours"] / f["baseline"], rel=1e-3)
    load = next(f for f in report["figures"] if f["metric"] == "load-nq")
    assert load["ours"] > 0 and load["baseline"] > 0 and load["target"]
    export = next(f for f in report["figures"] if f["metric"] == "export (networkx)")
    assert export["details"]["nodes"] > 0
    assert "| who-opposes p50 |" in proc.stdout


def test_position_benchmark_writes_its_figures_at_a_tiny_size(tmp_path, monkeypatch):
    from benchmarks import positions

    monkeypatch.setattr(generate, "cache_dir", lambda: tmp_path / "cache")
    figures = positions.measure(3000, tmp_path / "stores", repeat=1, budget=1.0)
    by_metric = {f["metric"]: f for f in figures}
    summary = by_metric["who-opposes summary p50"]
    assert summary["ours"] > 0 and summary["baseline"] > 0 and summary["ratio"] > 0 and summary["totals"]
    fresh = by_metric["kg ask fresh process"]
    assert fresh["exit"] == 0 and 0 < fresh["lines"] <= 80 and fresh["width"] <= 100
