"""Ingesting articles: one graph per article, unchanged ones skipped, bad files reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.load.ingest import content_stamp, ingest, stored_stamp
from kg.rdf.iris import article_graph_iri
from kg.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def _dump(store) -> set:
    return set(store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"))


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_add_then_unchanged_then_replaced(tmp_path, articles):
    with open_store(str(tmp_path / "store")) as store:
        first = ingest(store, [articles])
        assert (first.added, first.replaced, first.unchanged, first.failed) == (2, 0, 0, 0)
        assert first.claims > 0
        before = _dump(store)
        second = ingest(store, [articles])
        assert (second.added, second.unchanged) == (0, 2)
        assert _dump(store) == before
        changed = sorted(articles.glob("*.txt"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nPoland will not send troops.\n", encoding="utf-8")
        third = ingest(store, [articles])
        assert (third.replaced, third.unchanged) == (1, 1)
        from kg.articles import load_article

        article = load_article(changed)
        assert stored_stamp(store, article_graph_iri(article.article_id)) == content_stamp(article)
        assert len([g for g in store.named_graphs() if "/article/" in str(g)]) == 2


def test_build_and_ingest_make_the_same_article_graphs(tmp_path, seed_store):
    """One article-to-graph path: ``kg build`` and ``kg ingest`` store the seeds' articles identically."""
    with open_store(str(tmp_path / "ingested")) as store:
        report = ingest(store, [SEEDS])
        assert report.added == len(list(SEEDS.glob("*.txt")))
        ingested = {q for q in _dump(store) if "/article/" in str(q[0])}
    built = {q for q in _dump(seed_store) if "/article/" in str(q[0])}
    assert ingested and built == ingested


def test_over_the_claims_limit_an_article_is_refused_on_every_path(tmp_path, articles, monkeypatch):
    from kg.errors import LimitExceededError
    from kg.load.build import build

    monkeypatch.setenv("KG_MAX_CLAIMS_PER_ARTICLE", "1")
    with open_store(str(tmp_path / "store")) as store:
        report = ingest(store, [articles])
        assert (report.added, report.failed) == (0, 2)
        assert all("exceed the limit of 1" in why for _, why in report.failures)
        seeds = tmp_path / "seeds"
        (seeds / "curated").mkdir(parents=True)
        shutil.copytree(articles, seeds / "articles")
        with pytest.raises(LimitExceededError, match="exceed the limit of 1"):
            build(store, seeds, validate=False)
        assert not [g for g in store.named_graphs() if "/article/" in str(g)]


def test_bad_files_are_reported_and_not_loaded(tmp_path, monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\xff")
    (bad / "latin1.txt").write_bytes("Caf\xe9 troops".encode("latin-1"))
    (bad / "frontmatter.md").write_text("---\ntitle: [oops\n---\nBody text.\n", encoding="utf-8")
    big = bad / "big.txt"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    (tmp_path / "nothing").mkdir()
    progress = []
    with open_store(str(tmp_path / "store")) as store:
        report = ingest(store, [bad, tmp_path / "nothing", tmp_path / "missing.txt"],
                        on_progress=lambda *a: progress.append(a))
        assert report.failed == 7 and report.done == 0
        assert store.named_graphs() == []
    named = " ".join(message for _, message in report.failures)
    for name in ("empty.txt", "binary.txt", "latin1.txt", "frontmatter.md", "big.txt", "nothing", "missing.txt"):
        assert name in named
    assert all(outcome == "failed" for *_, outcome in progress)


def test_too_long_to_parse_is_a_failure(tmp_path, monkeypatch, articles):
    monkeypatch.setenv("KG_MAX_EXTRACT_CHARS", "1000")
    with open_store(str(tmp_path / "store")) as store:
        report = ingest(store, [articles])
    assert report.failed == 2 and "extraction limit" in report.failures[0][1]


def test_cli_ingest_exit_codes(tmp_path, kg, articles):
    store = tmp_path / "store"
    ok = kg("ingest", str(articles), "--store", str(store))
    assert ok.returncode == 0, ok.stderr
    assert "2 added" in ok.stderr
    again = kg("ingest", str(articles), "--store", str(store))
    assert again.returncode == 0 and "2 unchanged" in again.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    failed = kg("ingest", str(empty), "--store", str(store))
    assert failed.returncode != 0
    assert "empty.txt" in failed.stderr and "Traceback" not in failed.stderr


def test_cli_extract_jsonl_and_eval(kg):
    import json

    out = kg("extract", str(SEEDS / "002_8517f6327cf266ec.txt"), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    claims = [json.loads(line) for line in out.stdout.splitlines()]
    assert {c["kind"] for c in claims} == {"role", "stance"}
    ev = kg("eval", str(Path(__file__).parent / "gold"), str(SEEDS))
    assert ev.returncode == 0, ev.stderr
    assert "stances" in ev.stdout
    bad = kg("extract", "/nonexistent/file.txt")
    assert bad.returncode != 0 and "file.txt" in bad.stderr


def test_jobs_give_the_same_store_and_stay_idempotent(tmp_path):
    from kg.load.parallel import MIN_ARTICLES_PER_PROCESS, processes_for
    from tests.test_crash_safety import _write_articles

    folder = tmp_path / "many"
    n = 2 * MIN_ARTICLES_PER_PROCESS + 3
    _write_articles(folder, n)
    assert processes_for(2, n) == 1  # a worker process is started beside the writer
    dumps, reports = [], []
    for jobs in (1, 2):
        with open_store(str(tmp_path / f"store{jobs}")) as store:
            reports.append(ingest(store, [folder], jobs=jobs))
            dumps.append(_dump(store))
            again = ingest(store, [folder], jobs=jobs)
            assert (again.added, again.unchanged) == (0, n)
    assert dumps[0] == dumps[1] and dumps[0]
    assert [(r.added, r.claims) for r in reports] == [(n, reports[0].claims)] * 2
