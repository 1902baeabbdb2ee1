"""The embedded store: atomic graph replacement, locking, queries on Oxigraph's engine."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace

from kg.errors import InputError, QueryError, StoreError, StoreLockedError
from kg.store import EmbeddedStore, open_store, replace_graphs_update

EX = Namespace("http://example.org/")


def _graph(*values: str) -> Graph:
    g = Graph()
    for i, v in enumerate(values):
        g.add((EX[f"s{i}"], EX.p, Literal(v)))
    return g


def test_replace_graph_is_idempotent_and_replaces(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.replace_graphs({EX.g: _graph("a", "b")})
        store.replace_graphs({EX.g: _graph("a", "b")})
        assert store.count_triples() == 2
        store.replace_graphs({EX.g: _graph("c")})
        assert [str(r[0]) for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")] == ["c"]


def test_clear_all_replaces_everything(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        store.replace_graphs({EX.g1: _graph("a"), EX.g2: _graph("b")})
        store.replace_graphs({EX.g3: _graph("c")}, clear_all=True)
        assert store.named_graphs() == [EX.g3]


def test_store_persists_across_opens(tmp_path):
    path = str(tmp_path / "s")
    with open_store(path) as store:
        store.replace_graphs({EX.g: _graph("kept")})
    with open_store(path, read_only=True) as store:
        assert store.count_triples() == 1


def test_second_writer_gets_a_clear_lock_error(tmp_path):
    path = str(tmp_path / "s")
    with open_store(path), pytest.raises(StoreLockedError, match="in use by another process"):
        open_store(path)


def test_store_location_that_is_a_file(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(str(f))


def test_bindings_are_bound_not_formatted(tmp_path):
    hostile = Literal('x" } ; DROP ALL ; SELECT * { "')
    with open_store(str(tmp_path / "s")) as store:
        store.replace_graphs({EX.g: _graph("a")})
        rows = list(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": hostile}))
        assert rows == []
        assert store.count_triples() == 1


def test_syntax_error_is_a_query_error(tmp_path):
    with open_store(str(tmp_path / "s")) as store, pytest.raises(QueryError, match="syntax"):
        store.query("SELECT ?x WHERE { ?x")


def test_queries_never_fall_back_to_rdflibs_engine(tmp_path, monkeypatch):
    """oxrdflib silently runs prepared queries on rdflib's engine; ours must not."""
    import rdflib.plugins.sparql.processor as processor

    def refuse(*_a, **_k):
        raise AssertionError("query ran on rdflib's pure-Python engine")

    monkeypatch.setattr(processor.SPARQLProcessor, "query", refuse)
    monkeypatch.setattr(processor, "evalQuery", refuse, raising=False)
    from kg.queries import all_queries

    with open_store(str(tmp_path / "s")) as store:
        store.replace_graphs({EX.g: _graph("a")})
        assert len(list(store.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 1
        for named in all_queries().values():
            list(store.query(named.text))
        with pytest.raises(TypeError):
            from rdflib.plugins.sparql import prepareQuery

            store.query(prepareQuery("SELECT ?s WHERE { ?s ?p ?o }"))


def test_load_file_bad_turtle_names_line_and_keeps_graph(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("<http://x/a> <http://x/p> <http://x/b> .\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <http://x/p> \n")
    with open_store(str(tmp_path / "s")) as store:
        assert store.load_file(good, EX.g) == 1
        with pytest.raises(InputError) as err:
            store.load_file(bad, EX.g)
        assert "bad.ttl" in str(err.value)
        assert err.value.line is not None
        assert store.count_triples() == 1
        assert store.named_graphs() == [EX.g]


def test_staging_leftovers_are_dropped_on_open(tmp_path):
    from kg.store import STAGING_PREFIX

    path = str(tmp_path / "s")
    with open_store(path) as store:
        store.replace_graphs({EX.g: _graph("a")})
        store.update(f"INSERT DATA {{ GRAPH <{STAGING_PREFIX}123> {{ <http://x/a> <http://x/p> 'half' }} }}")
    with open_store(path) as store:
        assert store.named_graphs() == [EX.g]


def test_update_text_is_one_transaction():
    text = replace_graphs_update({EX.g: _graph("a")}, clear_all=True)
    assert text.startswith("CLEAR SILENT ALL")
    assert text.count("INSERT DATA") == 1


def test_in_memory_store_from_graph():
    store = EmbeddedStore.from_graph(_graph("a", "b"))
    assert store.count_triples() == 2


def test_read_only_open_retries_a_file_a_compaction_removed(tmp_path, monkeypatch):
    """A reader opening while a writer compacts can find a listed table file gone: a race, tried again."""
    import pyoxigraph

    from kg.store.embedded import _open_read_only

    pyoxigraph.Store(str(tmp_path / "s")).flush()
    real, calls = pyoxigraph.Store.read_only, []

    def flaky(path):
        calls.append(path)
        if len(calls) == 1:
            raise OSError("IO error: No such file or directory: While open a file for random read: 000012.sst")
        return real(path)

    monkeypatch.setattr(pyoxigraph.Store, "read_only", staticmethod(flaky))
    assert len(_open_read_only(str(tmp_path / "s"))) == 0 and len(calls) == 2
    monkeypatch.setattr(pyoxigraph.Store, "read_only", staticmethod(lambda p: (_ for _ in ()).throw(
        RuntimeError("Corruption: bad block"))))
    with pytest.raises(RuntimeError, match="Corruption"):
        _open_read_only(str(tmp_path / "s"))
