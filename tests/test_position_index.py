"""The position index (issue 14): after every write path, answers read from it are the answers
computed from the claims, byte for byte, and it is used (not silently bypassed).

Write paths: ``kg build``, ``kg ingest`` (new and replaced articles), ``kg load`` of article graphs,
``kg query --update``, and a write that crashed before its catch-up (pending marks left behind).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.ask import ask
from kg.ask.entities import resolve_proposal_phrase
from kg.ask.index import INDEX_GRAPH, catch_up, indexed_summary
from kg.ask.questions import parse_question
from kg.store import open_store
from kg.store.pending import pending, with_pending_mark

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ROOT / "tests" / "data" / "invented"
#: Every summary question form: polarities, scopes, actor types, a limit.
QUESTIONS = [
    "who opposes troop deployment and why",
    "who supports the reassurance force",
    "who sets conditions on the reassurance force",
    "which countries oppose sending troops",
    "which people support the reassurance force",
    "who opposes sending own troops",
]


def _from_index_and_claims(path: Path | str, limit: int | None = 20) -> list[tuple[dict, dict]]:
    with open_store(str(path), read_only=True, create=False) as store:
        for question in QUESTIONS:
            q = parse_question(question)
            proposal = resolve_proposal_phrase(store, q.proposal).iri
            assert indexed_summary(store, proposal, polarities=q.polarities, scopes=q.scopes,
                                   actor_types=q.actor_types, limit=limit) is not None, "the index was not used"
        return [(ask(store, q, limit=limit).to_json(), ask(store, q, limit=limit, use_index=False).to_json())
                for q in QUESTIONS]


def _assert_same(path: Path | str, limit: int | None = 20) -> None:
    pairs = _from_index_and_claims(path, limit)
    for (indexed, computed), question in zip(pairs, QUESTIONS, strict=True):
        assert indexed == computed, question
    assert any(indexed["answers"] for indexed, _ in pairs)


def test_after_build(seed_store_dir):
    _assert_same(seed_store_dir)
    _assert_same(seed_store_dir, limit=None)
    _assert_same(seed_store_dir, limit=1)


def test_after_ingest_of_new_and_replaced_articles(seed_store_copy, tmp_path, kg):
    articles = tmp_path / "articles"
    shutil.copytree(INVENTED, articles)
    assert kg("ingest", str(articles), "--store", str(seed_store_copy)).returncode == 0
    _assert_same(seed_store_copy)
    # An article replaced by a version that says the opposite: its actors' entries follow.
    changed = sorted(articles.glob("*.txt"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace(" not ", " "), encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text
    out = kg("ingest", str(changed), "--store", str(seed_store_copy))
    assert out.returncode == 0 and "1 replaced" in out.stderr, out.stderr
    _assert_same(seed_store_copy)
    with open_store(str(seed_store_copy), read_only=True) as store:
        assert pending(store) == ([], set())


def test_after_load_of_article_graphs(seed_store_copy, tmp_path, kg):
    other = tmp_path / "other"
    assert kg("ingest", str(INVENTED), "--store", str(other)).returncode == 0
    dump = tmp_path / "articles.nq"
    assert kg("export", "--format", "nq", "-o", str(dump), "--store", str(other)).returncode == 0
    lines = [line for line in dump.read_text(encoding="utf-8").splitlines()
             if "/graph/article/" in line]  # the article graphs only, not the other store's index
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = kg("load", str(dump), "--store", str(seed_store_copy))
    assert out.returncode == 0, out.stderr
    _assert_same(seed_store_copy)


def test_after_an_update(seed_store_copy, kg):
    update = """PREFIX kg: <https://w3id.org/positions-kg/ns#>
    DELETE { GRAPH ?g { ?s kg:polarity ?p } } INSERT { GRAPH ?g { ?s kg:polarity kg:Supports } }
    WHERE { GRAPH ?g { ?s kg:polarity ?p ; kg:actor <https://w3id.org/positions-kg/id/country/RUS> } }"""
    before = _from_index_and_claims(seed_store_copy)
    out = kg("query", "--update", update, "--store", str(seed_store_copy))
    assert out.returncode == 0, out.stderr
    after = _from_index_and_claims(seed_store_copy)
    assert after != before  # the update changed the answers, and the index followed
    _assert_same(seed_store_copy)


def test_a_write_that_did_not_catch_up_is_answered_from_the_claims(seed_store_copy):
    """A crash between an article write and its catch-up leaves pending marks: the index is not read."""
    from kg.articles import load_article
    from kg.extract import extract_articles
    from kg.load.article import article_graph
    from kg.rdf.iris import article_graph_iri

    article = load_article(sorted(INVENTED.glob("*.txt"))[1])
    claims = extract_articles([article])[0].claims
    with open_store(str(seed_store_copy)) as store:
        store.replace_graphs(with_pending_mark(store, {article_graph_iri(article.article_id):
                                                       article_graph(article, claims)}))
        marks, nodes = pending(store)
        assert marks and nodes
        q = parse_question(QUESTIONS[0])
        proposal = resolve_proposal_phrase(store, q.proposal).iri
        assert indexed_summary(store, proposal, polarities=q.polarities, scopes=q.scopes,
                               actor_types=q.actor_types, limit=20) is None
        assert ask(store, QUESTIONS[0]).to_json() == ask(store, QUESTIONS[0], use_index=False).to_json()
        assert catch_up(store) > 0
        assert pending(store) == ([], set())
    _assert_same(seed_store_copy)


def test_a_store_without_an_index_is_rebuilt_whole(seed_store_copy):
    with open_store(str(seed_store_copy)) as store:
        store.drop_graphs([INDEX_GRAPH])
        assert ask(store, QUESTIONS[0]).to_json() == ask(store, QUESTIONS[0], use_index=False).to_json()
        assert catch_up(store) > 0
    _assert_same(seed_store_copy)


def test_the_index_holds_no_claims(seed_store):
    """Derived data stays out of the answers' own queries: no stance or role lives in the index graph."""
    rows = list(seed_store.query(
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s a ?type } }", {"g": INDEX_GRAPH}))
    assert rows == []


@pytest.mark.slow
def test_after_ingest_of_the_corpus(seed_store_copy, kg):
    corpus = ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent (the development corpus lives beside the repository)")
    assert kg("ingest", str(corpus), "--store", str(seed_store_copy)).returncode == 0
    _assert_same(seed_store_copy)
    _assert_same(seed_store_copy, limit=None)


def test_json_totals_and_limit(seed_store_dir, kg):
    out = kg("ask", QUESTIONS[0], "--limit", "1", "--format", "json", "--store", str(seed_store_dir))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    shown: dict[str, int] = {}
    for row in doc["answers"]:
        shown[row["section"]] = shown.get(row["section"], 0) + 1
    assert all(n == 1 for n in shown.values()) and set(shown) == set(doc["totals"])
    assert any(total > 1 for total in doc["totals"].values())

