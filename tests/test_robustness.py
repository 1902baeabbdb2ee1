"""Bad input never crashes ``kg`` and never changes the store (issue 9, part 1 and 5; issue 16, round two:
hostile files, damaged stores, misbehaving servers, full disks).

Every command-line case runs as a fresh ``kg`` process against one writable copy of the
seeds store (per module, to keep the suite fast) and must give a non-zero exit, a
one-line message naming the input, no traceback, and the same N-Quads as before.
The number of cases tried is the number of tests collected here::

    pytest --collect-only -q tests/test_robustness.py | tail -1
"""

from __future__ import annotations

import contextlib
import inspect
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import parse_article
from kg.errors import KGError

#: Article files that every reader must refuse: (case id, file name, bytes).
BAD_ARTICLES = [
    ("nul-bytes", "nul.txt", b"Latvia said it cannot send troops\x00 due to the budget."),
    ("invalid-utf8", "latin.txt", b"Estonia \xff\xfe said \xc3\x28 it will send troops."),
    ("empty", "empty.txt", b""),
    ("only-whitespace", "blank.txt", b" \n\t\r\n  \n"),
    ("front-matter-not-yaml", "fm.txt", b"---\ntitle: : [unclosed\n---\nPoland said it cannot send troops."),
    ("front-matter-a-list", "fmlist.txt", b"---\n- one\n- two\n---\nPoland said it cannot send troops."),
    ("front-matter-wrong-type", "fmtype.txt", b"---\ntitle: {nested: 1}\n---\nPoland said no."),
    ("front-matter-bad-date", "fmdate.txt", b"---\npublished: \xe2\x80\xae2025-13-45\n---\nPoland said no."),
    ("html-only-scripts", "script.html", b"<html><head><script>alert('x')</script></head><body>"
                                          b"<script>document.write('Troops')</script></body></html>"),
    ("ten-megabyte-line", "huge.txt", b"Troops " * (10_000_000 // 7)),
]

#: Input that ``kg ingest``/``kg extract`` read but that only a human would call odd.
ODD_ARTICLES = [
    ("random-unicode", "odd.txt", "\u202e\U0001f600 ℵ₀ ‮ Ünïcödé \ufeff\u200b \ud7ff 한국어 العربية".encode()),
    ("html-with-script", "page.html", b"<html><body><script>alert('<b>')</script>"
                                      b"<p>Hungary said it cannot send troops.</p></body></html>"),
]


def _quads(store_dir: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines (what ``kg export --format nq`` sorts to)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    try:
        return sorted(str(q) for q in store)
    finally:
        del store


@pytest.fixture(scope="module")
def shared_store(seed_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One writable copy of the seeds store for the whole module; every case must leave it as it was."""
    target = tmp_path_factory.mktemp("robust") / "store"
    shutil.copytree(seed_store_dir, target)
    return target


@pytest.fixture(scope="module")
def shared_before(shared_store: Path) -> list[str]:
    return _quads(shared_store)


def _assert_refused(out, named: str, *, last_line: bool = True) -> None:
    """Non-zero exit, no traceback, and a one-line message naming ``named``."""
    assert out.returncode != 0, out.stdout[-500:]
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert lines, "no message on stderr"
    assert all(len(line) < 2000 for line in lines)
    if last_line:
        assert named in lines[-1], out.stderr
    else:
        assert any(named in line for line in lines), out.stderr


# --- articles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content"), [(n, c) for _, n, c in BAD_ARTICLES],
                         ids=[i for i, _, _ in BAD_ARTICLES])
def test_ingest_refuses_bad_article(name, content, kg, tmp_path, shared_store, shared_before):
    path = tmp_path / name
    path.write_bytes(content)
    out = kg("ingest", str(path), store=shared_store)
    # ingest names each refused file in a warning line, then prints its summary last
    _assert_refused(out, str(path), last_line=False)
    assert "0 added" in out.stderr
    if name == "huge.txt":
        assert "KG_MAX_ARTICLE_BYTES" in out.stderr
    assert _quads(shared_store) == shared_before


@pytest.mark.parametrize(("name", "content"), [(n, c) for _, n, c in BAD_ARTICLES[:3]],
                         ids=[i for i, _, _ in BAD_ARTICLES[:3]])
def test_extract_refuses_bad_article(name, content, kg, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    out = kg("extract", str(path))
    _assert_refused(out, str(path))


@pytest.mark.parametrize(("name", "content"), [(n, c) for _, n, c in ODD_ARTICLES],
                         ids=[i for i, _, _ in ODD_ARTICLES])
def test_odd_article_is_read_or_refused_cleanly(name, content, kg, tmp_path, shared_store, shared_before):
    path = tmp_path / name
    path.write_bytes(content)
    out = kg("extract", str(path), "--format", "jsonl")
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    if out.returncode:
        _assert_refused(out, str(path))
    assert "alert(" not in out.stdout  # script text is never taken for article text


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_missing_article_path(command, kg, tmp_path, shared_store, shared_before):
    missing = tmp_path / "no such dir" / "article.txt"
    out = kg(command, str(missing), *(["--store", str(shared_store)] if command == "ingest" else []))
    _assert_refused(out, str(missing), last_line=False)
    assert _quads(shared_store) == shared_before


def test_too_many_claims_per_article_refuses_it_whole(kg, tmp_path, shared_store, shared_before):
    article = sorted((Path(__file__).parent.parent / "seeds" / "articles").glob("*.txt"))[0]
    copy = tmp_path / "many-claims.txt"
    copy.write_bytes(article.read_bytes() + b"\n\nLatvia said it cannot send troops.\n")
    out = kg("ingest", str(copy), store=shared_store, env={"KG_MAX_CLAIMS_PER_ARTICLE": "1"})
    _assert_refused(out, str(copy), last_line=False)
    assert "KG_MAX_CLAIMS_PER_ARTICLE" in out.stderr
    assert _quads(shared_store) == shared_before


# --- RDF files, curated data, queries -----------------------------------------------------------

BAD_TURTLE = [
    ("unterminated-literal", "a.ttl", b"@prefix kg: <https://w3id.org/positions-kg/ns#> .\nkg:a kg:b \"open .\n"),
    ("iri-with-space", "b.ttl", b"<http://example.org/a b> <http://example.org/p> \"x\" .\n"),
    ("braces-and-drop", "c.ttl", b"} DROP ALL { <http://example.org/a> <http://example.org/p> 1 .\n"),
    ("binary", "d.ttl", bytes(range(256)) * 4),
    ("invalid-utf8", "e.nq", b"<http://example.org/a> <http://example.org/p> \"\xff\xfe\" <http://g> .\n"),
]


@pytest.mark.parametrize(("name", "content"), [(n, c) for _, n, c in BAD_TURTLE], ids=[i for i, _, _ in BAD_TURTLE])
def test_load_refuses_bad_rdf(name, content, kg, tmp_path, shared_store, shared_before):
    path = tmp_path / name
    path.write_bytes(content)
    out = kg("load", str(path), store=shared_store)
    _assert_refused(out, name)
    assert _quads(shared_store) == shared_before


def test_load_refuses_a_bad_file_among_good_ones_and_loads_none(kg, tmp_path, seed_store_copy):
    shared_store, shared_before = seed_store_copy, _quads(seed_store_copy)
    good = tmp_path / "good.ttl"
    good.write_text("<http://example.org/a> <http://example.org/p> \"x\" .\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/p> .\n")
    out = kg("load", str(good), str(bad), store=shared_store)
    _assert_refused(out, "bad.ttl")
    assert _quads(shared_store) == shared_before


def test_load_missing_file(kg, tmp_path, shared_store, shared_before):
    out = kg("load", str(tmp_path / "absent.ttl"), store=shared_store)
    _assert_refused(out, "absent.ttl")
    assert _quads(shared_store) == shared_before


def _build_with_wrongly_typed_curated_data(kg, tmp_path, store):
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).parent.parent / "seeds", seeds)
    (seeds / "curated" / "zz_wrong.ttl").write_text(
        "@prefix kg: <https://w3id.org/positions-kg/ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/positions-kg/id/stance/zz> a kg:Stance ; kg:polarity \"opposes\"^^xsd:integer .\n"
    )
    return kg("build", "--seeds", str(seeds), "--no-extract", store=store)


def test_build_refuses_curated_data_with_wrong_datatype(kg, tmp_path, shared_store, shared_before):
    out = _build_with_wrongly_typed_curated_data(kg, tmp_path, shared_store)
    assert out.returncode == 1 and "violates the shapes" in out.stderr.strip().splitlines()[-1]
    assert _quads(shared_store) == shared_before


def test_build_wrong_datatype_prints_no_traceback(kg, tmp_path, seed_store_copy):
    out = _build_with_wrongly_typed_curated_data(kg, tmp_path, seed_store_copy)
    assert "Traceback" not in out.stderr


def test_build_missing_seeds(kg, tmp_path, shared_store, shared_before):
    missing = tmp_path / "no-seeds"
    out = kg("build", "--seeds", str(missing), "--no-extract", store=shared_store)
    _assert_refused(out, str(missing))
    assert _quads(shared_store) == shared_before


BAD_QUERIES = [
    ("syntax-error", ["SELECT ?s WHERE { ?s ?p "], "SPARQL"),
    ("hostile-text", ["} DROP ALL { \"\u202e\" <a b>"], "SPARQL"),
    ("update-in-a-select", ["SELECT * WHERE { ?s ?p ?o } ; DROP ALL"], "SPARQL"),
    ("unknown-named-query", ["--name", "no-such-query"], "no-such-query"),
    ("param-without-equals", ["--name", "persons-roles", "--param", "Latvia"], "Latvia"),
    ("unknown-param", ["--name", "persons-roles", "--param", "planet=Mars"], "planet"),
    ("missing-rq-file", ["/nonexistent/dir/query.rq"], "query.rq"),
]


@pytest.mark.parametrize(("args", "named"), [(a, n) for _, a, n in BAD_QUERIES], ids=[i for i, _, _ in BAD_QUERIES])
def test_query_refuses_bad_input(args, named, kg, shared_store, shared_before):
    out = kg("query", *args, store=shared_store)
    _assert_refused(out, named)
    assert _quads(shared_store) == shared_before


RUNAWAY_JOIN = "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 3,000^4 rows: never finishes
RUNAWAY_INSERT = "INSERT { GRAPH <urn:x> { ?a ?b ?l } } WHERE { GRAPH ?g " + RUNAWAY_JOIN + " }"


@pytest.mark.parametrize("args", [["SELECT (COUNT(*) AS ?n) WHERE " + RUNAWAY_JOIN],
                                  [RUNAWAY_INSERT, "--update"]],
                         ids=["select", "update"])
def test_query_timeout_stops_a_runaway_query_and_writes_nothing(args, kg_process, shared_store, shared_before):
    # a fresh process: the time limit stops the whole process (the engine cannot cancel a query)
    out = kg_process("query", *args, "--timeout", "1", store=shared_store)
    _assert_refused(out, "time limit of 1 s")
    assert _quads(shared_store) == shared_before


HOSTILE_PARAMS = [
    ("roles", "holder=} DROP ALL {"),
    ("roles", "person=http://x.org/a b> } ; DROP ALL ; SELECT * {"),
    ("who-opposes", "actor=\"'\"\"\" . ?s ?p ?o"),
]


@pytest.mark.parametrize(("name", "param"), HOSTILE_PARAMS, ids=["braces", "iri-with-space", "quotes"])
def test_hostile_param_values_are_bound_or_refused_never_run(name, param, kg, shared_store, shared_before):
    out = kg("query", "--name", name, "--param", param, "--format", "csv", store=shared_store)
    assert "Traceback" not in out.stderr
    if out.returncode:
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    else:
        assert len(out.stdout.strip().splitlines()) == 1, out.stdout  # the header: the value matched nothing
    assert _quads(shared_store) == shared_before


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["ingest", "seeds/articles"],
                                     ["load", "seeds/curated/entities.ttl"], ["build", "--no-extract"],
                                     ["validate"]])
def test_store_that_is_a_file(command, kg, tmp_path):
    store = tmp_path / "store-file"
    store.write_bytes(b"not a store")
    out = kg(*command, store=store)
    _assert_refused(out, str(store))
    assert store.read_bytes() == b"not a store"


@pytest.mark.parametrize("command", [["query", "ASK { ?s ?p ?o }"], ["validate"]])
def test_read_commands_on_a_missing_store(command, kg, tmp_path):
    store = tmp_path / "nowhere"
    out = kg(*command, store=store)
    _assert_refused(out, str(store))
    assert not store.exists()


# --- kg serve defaults --------------------------------------------------------------------------


def test_serve_defaults_to_loopback_and_read_only():
    from kg.cli.serve import serve
    from kg.store.server import oxigraph_command

    defaults = {name: p.default for name, p in inspect.signature(serve).parameters.items()}
    assert defaults["bind"] == "127.0.0.1" and defaults["read_write"] is False
    command = oxigraph_command("/s", defaults["bind"], defaults["port"], read_write=defaults["read_write"])
    assert command[1] == "serve-read-only"
    assert command[command.index("--bind") + 1] == f"127.0.0.1:{defaults['port']}"


# --- the article parser, on random bytes (in-process) -----------------------------------------

_FRONT = st.sampled_from([b"", b"---\n", b"---\ntitle: x\n---\n", b"---\ndate: 2025-02-30\n---\n",
                          b"---\n- [\n---\n", b"<html><script>", b"\xef\xbb\xbf---\npublished: \x00\n---\n"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=_FRONT, body=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_parse_article_raises_only_kg_errors(head, body):
    try:
        article = parse_article(head + body, "random.txt")
    except KGError as exc:
        assert "random.txt" in str(exc)
    else:
        assert isinstance(article.body, str) and "\x00" not in article.body


@settings(max_examples=15, deadline=None)
@given(size=st.integers(min_value=1, max_value=64))
def test_parse_article_enforces_its_size_limit(size):
    from kg.errors import LimitExceededError

    with pytest.raises(LimitExceededError, match=r"big\.txt"):
        parse_article(b"y" * (size + 1), "big.txt", max_bytes=size)


# --- round two (issue 16): hostile files ---------------------------------------------------------

GOOD_ARTICLE = b"---\ntitle: Good article\n---\nLatvia said it cannot send troops to Ukraine.\n"


def _article_ids(store_dir: Path) -> set[str]:
    """Article ids in a store (the local part of each article IRI)."""
    prefix = "<https://w3id.org/positions-kg/id/article/"
    return {line.split()[0][len(prefix):-1] for line in _quads(store_dir)
            if line.startswith(prefix) and "#type> <https://w3id.org/positions-kg/ns#Article>" in line}


def _attribute_bomb(attributes: int) -> bytes:
    """An HTML page whose one tag carries ``attributes`` attributes (about 20 bytes each)."""
    attrs = " ".join(f'data-a{i}="v"' for i in range(attributes))
    return (f"<html><body><div {attrs}><p>Hungary said it cannot send troops.</p></div></body></html>").encode()


def test_ingest_refuses_an_html_attribute_bomb_and_loads_the_other_files(kg, tmp_path, seed_store_copy):
    bomb = tmp_path / "bomb.html"
    bomb.write_bytes(_attribute_bomb(200_000))
    assert bomb.stat().st_size < 5_000_000  # under the article size limit
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD_ARTICLE)
    before = _article_ids(seed_store_copy)
    out = kg("ingest", str(bomb), str(good), store=seed_store_copy, timeout=120)  # a hang guard, not a timing
    _assert_refused(out, str(bomb), last_line=False)
    assert "KG_MAX_HTML_ATTRIBUTES" in out.stderr
    assert "1 added" in out.stderr
    assert _article_ids(seed_store_copy) == before | {"good"}


def test_html_markup_limits_are_configurable(tmp_path, monkeypatch):
    from kg.articles import parse_article
    from kg.errors import LimitExceededError

    page = _attribute_bomb(50)
    monkeypatch.setenv("KG_MAX_HTML_ATTRIBUTES", "10")
    with pytest.raises(LimitExceededError, match=r"page\.html.*KG_MAX_HTML_ATTRIBUTES"):
        parse_article(page, "page.html")
    monkeypatch.setenv("KG_MAX_HTML_ATTRIBUTES", "100")
    monkeypatch.setenv("KG_MAX_HTML_TAGS", "3")
    with pytest.raises(LimitExceededError, match=r"page\.html.*KG_MAX_HTML_TAGS"):
        parse_article(page, "page.html")
    monkeypatch.setenv("KG_MAX_HTML_TAGS", "100")
    assert "Hungary" in parse_article(page, "page.html").body


DEEP_FRONT_MATTER = [
    ("flow-lists", b"---\ntitle: " + b"[" * 500 + b"\n---\nPoland said no."),
    ("flow-maps", b"---\nnote: " + b"{a: " * 400 + b"\n---\nPoland said no."),
    ("block-lists", b"---\nnote:\n" + b"".join(b"  " * i + b"-\n" for i in range(300)) + b"---\nPoland said no."),
]


@pytest.mark.parametrize("content", [c for _, c in DEEP_FRONT_MATTER], ids=[i for i, _ in DEEP_FRONT_MATTER])
def test_ingest_refuses_deeply_nested_front_matter_and_loads_the_good_file(content, kg, tmp_path, seed_store_copy):
    deep = tmp_path / "deep.txt"
    deep.write_bytes(content)
    good = tmp_path / "a.txt"
    good.write_bytes(GOOD_ARTICLE)
    out = kg("ingest", str(good), str(deep), store=seed_store_copy)
    _assert_refused(out, str(deep), last_line=False)
    assert "RecursionError" not in out.stderr
    assert "1 added" in out.stderr
    assert "a" in _article_ids(seed_store_copy)


def test_nested_front_matter_raises_input_error_in_process():
    from kg.errors import InputError

    with pytest.raises(InputError, match=r"deep\.txt"):
        parse_article(b"---\ntitle: " + b"[" * 5000 + b"\n---\nBody.", "deep.txt")


def test_articles_with_names_that_slug_alike_keep_distinct_ids(kg, tmp_path, seed_store_copy):
    names = ["a b.txt", "a-b.txt", "статья.txt", "مقالة.txt", "記事.txt"]
    for name in names:
        (tmp_path / name).write_bytes(GOOD_ARTICLE.replace(b"Good", name.encode()))
    before = _article_ids(seed_store_copy)
    out = kg("ingest", *[str(tmp_path / n) for n in names], store=seed_store_copy)
    assert out.returncode == 0, out.stderr
    assert f"{len(names)} added" in out.stderr
    new = _article_ids(seed_store_copy) - before
    assert len(new) == len(names) and "a-b" in new


def test_same_file_name_in_two_folders_is_two_articles(kg, tmp_path, seed_store_copy):
    for folder, country in (("a", b"Latvia"), ("b", b"Estonia")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_bytes(GOOD_ARTICLE.replace(b"Latvia", country))
    first = kg("ingest", str(tmp_path / "a" / "same.txt"), store=seed_store_copy)
    assert first.returncode == 0 and "1 added" in first.stderr, first.stderr
    second = kg("ingest", str(tmp_path / "b" / "same.txt"), store=seed_store_copy)
    assert second.returncode == 0, second.stderr
    assert "1 added" in second.stderr and "0 replaced" in second.stderr
    again = kg("ingest", str(tmp_path / "a"), str(tmp_path / "b"), store=seed_store_copy)
    assert "2 unchanged" in again.stderr, again.stderr
    quads = "\n".join(_quads(seed_store_copy))
    assert "Latvia said" in quads and "Estonia said" in quads
    # the same source changed is a replacement of its article, not a third one
    (tmp_path / "b" / "same.txt").write_bytes(GOOD_ARTICLE.replace(b"Latvia", b"Finland"))
    changed = kg("ingest", str(tmp_path / "b" / "same.txt"), store=seed_store_copy)
    assert "1 replaced" in changed.stderr, changed.stderr
    assert "Estonia said" not in "\n".join(_quads(seed_store_copy))


def test_seed_article_ids_are_their_file_stems():
    from kg.articles import article_id_for

    for path in (Path(__file__).parent.parent / "seeds" / "articles").iterdir():
        assert article_id_for(str(path)) == path.stem


DEVICES = ["/dev/zero", "/dev/urandom"]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("via", ["direct", "symlink"])
def test_ingest_refuses_devices(device, via, kg, tmp_path, shared_store, shared_before):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    article = Path(device)
    if via == "symlink":
        article = tmp_path / "dev.txt"
        article.symlink_to(device)
    out = kg("ingest", str(article), store=shared_store, timeout=60)
    _assert_refused(out, str(article), last_line=False)
    assert "regular file" in out.stderr
    assert _quads(shared_store) == shared_before


@pytest.mark.parametrize("device", DEVICES)
def test_query_refuses_an_rq_symlink_to_a_device(device, kg, tmp_path, shared_store, shared_before):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    query = tmp_path / "q.rq"
    query.symlink_to(device)
    out = kg("query", str(query), store=shared_store, timeout=60)
    _assert_refused(out, str(query))
    assert "regular file" in out.stderr


@pytest.mark.parametrize("suffix", [".txt", ".rq"])
def test_fifo_is_refused_not_waited_on(suffix, kg, tmp_path, shared_store, shared_before):
    import os

    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    command = ("ingest", str(fifo)) if suffix == ".txt" else ("query", str(fifo))
    out = kg(*command, store=shared_store, timeout=60)
    _assert_refused(out, str(fifo), last_line=False)
    assert "FIFO" in out.stderr
    assert _quads(shared_store) == shared_before


# --- round two: damaged stores ---------------------------------------------------------------------


def _damage(store: Path, kind: str) -> None:
    """Damage a store's files as a bad disk, a full disk or a careless copy would."""
    import random

    tables = sorted(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    if kind == "truncated-sst":
        with tables[-1].open("r+b") as f:
            f.truncate(100)
    elif kind == "truncated-manifest":
        with next(store.glob("MANIFEST-*")).open("r+b") as f:
            f.truncate(10)
    elif kind == "garbage-in-current":
        (store / "CURRENT").write_bytes(b"garbage\n")
    elif kind == "random-bytes-in-sst":  # silent for queries: only kg check reads every block
        raw = bytearray(tables[-1].read_bytes())
        middle = len(raw) // 2
        raw[middle:middle + 2000] = random.Random(16).randbytes(2000)
        tables[-1].write_bytes(bytes(raw))


LOUD_DAMAGE = ["truncated-sst", "truncated-manifest", "garbage-in-current"]
READERS_AND_WRITERS = [["query", "ASK { ?s ?p ?o }"], ["stats", "--no-network"], ["validate"],
                       ["export", "--format", "nq"], ["ingest", "seeds/articles/000_a728b89d9237dc50.txt"],
                       ["check"]]


@pytest.fixture(scope="module")
def damaged_stores(seed_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy of the seeds store per kind of damage."""
    stores = {}
    for kind in [*LOUD_DAMAGE, "random-bytes-in-sst"]:
        target = tmp_path_factory.mktemp(kind) / "store"
        shutil.copytree(seed_store_dir, target)
        _damage(target, kind)
        stores[kind] = target
    return stores


@pytest.mark.parametrize("command", READERS_AND_WRITERS, ids=[c[0] for c in READERS_AND_WRITERS])
@pytest.mark.parametrize("kind", LOUD_DAMAGE)
def test_damaged_store_gives_one_line_naming_it(kind, command, kg, damaged_stores):
    store = damaged_stores[kind]
    out = kg(*command, store=store)
    _assert_refused(out, str(store))
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "damaged" in out.stderr and "kg build" in out.stderr


def test_check_finds_damage_that_queries_do_not_notice(kg, damaged_stores):
    store = damaged_stores["random-bytes-in-sst"]
    assert kg("query", "ASK { ?s ?p ?o }", store=store).returncode == 0  # the damage is silent here
    out = kg("check", store=store)
    _assert_refused(out, str(store))
    assert "damaged" in out.stderr


def test_check_passes_a_sound_store(kg, seed_store_dir):
    out = kg("check", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    assert "sound:" in out.stdout


# --- round two: misbehaving servers ------------------------------------------------------------


class _Fake:
    """A local HTTP server whose every answer is ``answer(handler)``; stopped after the test."""

    def __init__(self, answer) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                self.body = self.rfile.read(length)
                with contextlib.suppress(OSError):  # the client hung up: what a client that gives up does
                    answer(self)

            do_GET = do_PUT = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_server():
    servers = []

    def start(answer) -> str:
        servers.append(_Fake(answer))
        return servers[-1].url

    yield start
    for server in servers:
        server.close()


def _dribble_body(handler) -> None:
    import time

    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(1000):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.5)


def _dribble_headers(handler) -> None:
    import time

    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nX-Slow: " + b"x" * 1000:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.5)


@pytest.mark.parametrize("answer", [_dribble_body, _dribble_headers], ids=["body", "headers"])
@pytest.mark.parametrize("command", [
    # each case waits out its 2 s deadline: a reader and a writer in the fast lane, the rest in the slow one
    ["stats", "--no-network"],
    pytest.param(["export", "--format", "nq"], marks=pytest.mark.slow),
    pytest.param(["validate"], marks=pytest.mark.slow),
    pytest.param(["render"], marks=pytest.mark.slow),
    pytest.param(["ingest", "seeds/articles/000_a728b89d9237dc50.txt"], marks=pytest.mark.slow),
    ["build", "--no-extract"],
], ids=["stats", "export", "validate", "render", "ingest", "build"])
def test_one_deadline_bounds_a_server_sending_a_byte_at_a_time(answer, command, kg, fake_server, tmp_path):
    url = fake_server(answer)
    extra = ["-o", str(tmp_path / "out.html")] if command == ["render"] else []
    out = kg(*command, *extra, "--store", url, env={"KG_HTTP_TIMEOUT": "2"}, timeout=90)  # a hang guard
    _assert_refused(out, url)
    assert "KG_HTTP_TIMEOUT" in out.stderr


def test_a_huge_error_body_is_read_only_in_part(kg, fake_server):
    sent = []

    def endless_error(handler) -> None:
        handler.send_response(500)
        handler.send_header("Content-Type", "text/plain")
        handler.send_header("Content-Length", str(2_000_000_000))
        handler.end_headers()
        chunk = b"server error " * 5000
        for _ in range(2_000_000_000 // len(chunk)):
            handler.wfile.write(chunk)
            sent.append(len(chunk))

    url = fake_server(endless_error)
    out = kg("stats", "--no-network", "--store", url, timeout=120)
    _assert_refused(out, url)
    assert "server error" in out.stderr and len(out.stderr) < 1000
    assert sum(sent) < 50_000_000  # the client hung up long before 2 GB


ODD_RESULTS = [
    ("empty-document", b"{}"),
    ("no-bindings", b'{"head": {"vars": []}, "results": {"bindings": []}}'),
    ("boolean", b'{"head": {}, "boolean": true}'),
    ("other-variables", b'{"head": {"vars": ["x"]}, "results": {"bindings": '
                        b'[{"x": {"type": "literal", "value": "1"}}]}}'),
    ("count-not-a-number", b'{"head": {"vars": ["n"]}, "results": {"bindings": '
                           b'[{"n": {"type": "literal", "value": "many"}}]}}'),
]


def _send_results(handler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _run_on(kg, command: list[str], url: str, tmp_path: Path):
    """``kg COMMAND`` against the server at ``url``; never a traceback."""
    extra = ["-o", str(tmp_path / "out.html")] if command == ["render"] else []
    out = kg(*command, *extra, "--store", url, timeout=120)
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    return out


@pytest.mark.parametrize("body", [b for _, b in ODD_RESULTS], ids=[i for i, _ in ODD_RESULTS])
@pytest.mark.parametrize("command", [["stats"], ["render"], ["conflicts"], ["validate"]],
                         ids=["stats", "render", "conflicts", "validate"])
def test_odd_remote_results_are_refused_in_one_line(body, command, kg, fake_server, tmp_path):
    url = fake_server(lambda handler: _send_results(handler, body))
    out = _run_on(kg, command, url, tmp_path)
    if command == ["validate"]:
        assert "valid:" not in out.stdout, out.stdout  # an empty or unreadable store is not "valid"
    if out.returncode:  # an empty answer is a fair one (e.g. "nothing to draw"); any other names the server
        _assert_refused(out, url if body != ODD_RESULTS[1][1] else "")


def test_validate_calls_an_empty_store_empty_not_valid(kg, tmp_path):
    import pyoxigraph as ox

    store = tmp_path / "empty"
    del_me = ox.Store(str(store))
    del_me.flush()
    del del_me
    out = kg("validate", store=store)
    _assert_refused(out, str(store))
    assert "empty" in out.stderr and "valid:" not in out.stdout


@pytest.mark.parametrize("command", [["stats"], ["render"], ["conflicts"], ["validate"], ["export"]],
                         ids=["stats", "render", "conflicts", "validate", "export"])
def test_remote_rows_of_the_right_shape_but_odd_types_are_refused_in_one_line(command, kg, fake_server, tmp_path):
    import json
    from urllib.parse import parse_qs

    import pyoxigraph as ox

    def answer(handler) -> None:  # every variable asked for, bound to a word where numbers and IRIs belong
        sparql = parse_qs(handler.body.decode()).get("query", [""])[0]
        try:
            names = [v.value for v in ox.Store().query(sparql).variables]
        except (AttributeError, SyntaxError):
            names = []
        row = {n: {"type": "literal", "value": "many"} for n in names}
        _send_results(handler, json.dumps({"head": {"vars": names}, "results": {"bindings": [row, row]}}).encode())

    out = _run_on(kg, command, fake_server(answer), tmp_path)
    if out.returncode:
        _assert_refused(out, "")


# --- round two: disk full ------------------------------------------------------------------------


def _kg_with_file_size_limit(*args: str, store: Path, limit_bytes: int):
    """``kg ARGS`` with writes beyond ``limit_bytes`` per file failing (EFBIG), as on a full disk.

    Python ignores SIGXFSZ, so the write fails with an error instead of killing the process.
    """
    import os
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "KG_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parent.parent, timeout=300, preexec_fn=limit)


def test_load_on_a_full_disk_leaves_no_orphan_bulk_files(tmp_path, seed_store_copy):
    before = _quads(seed_store_copy)
    big = tmp_path / "big.nt"
    with big.open("w") as f:
        for i in range(60_000):
            f.write(f'<http://example.org/s{i}> <http://example.org/p> "value number {i}" .\n')
    out = _kg_with_file_size_limit("load", str(big), store=seed_store_copy, limit_bytes=2_000_000)
    _assert_refused(out, str(big))
    assert not list(seed_store_copy.glob("bulk-*.sst"))
    assert _quads(seed_store_copy) == before


def test_orphan_bulk_files_are_removed_when_a_writer_opens_the_store(kg, seed_store_copy):
    orphan = seed_store_copy / "bulk-123456789.sst"
    orphan.write_bytes(b"x" * 1000)
    assert kg("ingest", "seeds/articles/000_a728b89d9237dc50.txt", store=seed_store_copy).returncode == 0
    assert not orphan.exists()


def test_ingest_on_a_full_disk_gives_its_summary_and_one_error(tmp_path, seed_store_copy):
    before = _quads(seed_store_copy)
    for article in sorted((Path(__file__).parent.parent / "seeds" / "articles").glob("*.txt")):
        (tmp_path / f"new-{article.name}").write_bytes(article.read_bytes() + b"\nEstonia said it will send troops.\n")
    out = _kg_with_file_size_limit("ingest", str(tmp_path), store=seed_store_copy, limit_bytes=100_000)
    _assert_refused(out, str(seed_store_copy))
    assert "ingested:" in out.stderr  # the summary is not lost
    assert len([line for line in out.stderr.splitlines() if line.startswith("kg: error")]) == 1
    assert _quads(seed_store_copy) == before


# --- round two: file names ---------------------------------------------------------------------

ODD_FILE_NAMES = ["my file.ttl", "a>b.ttl", "ü{x}.ttl", "a%20b.ttl", 'q"uote.ttl']


def test_load_files_whose_names_are_not_iri_safe(kg, tmp_path, seed_store_copy):
    paths = []
    for i, name in enumerate(ODD_FILE_NAMES):
        paths.append(tmp_path / name)
        paths[-1].write_text(f'<http://example.org/a> <http://example.org/p> "{i}" .\n')
    out = kg("load", *map(str, paths), store=seed_store_copy)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    graphs = kg("query", "SELECT ?g WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } }", "--format", "csv",
                store=seed_store_copy).stdout.split()[1:]
    assert len(set(graphs)) == len(ODD_FILE_NAMES)  # one graph per file: distinct names stay distinct
    assert kg("validate", store=seed_store_copy).returncode == 0


@pytest.mark.parametrize("where", ["directory", "missing-folder"])
def test_export_to_a_directory_or_a_missing_folder(where, kg, tmp_path, shared_store, shared_before):
    target = tmp_path if where == "directory" else tmp_path / "missing" / "x.ttl"
    out = kg("export", "-o", str(target), store=shared_store)
    _assert_refused(out, str(target))
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_export_failing_half_way_leaves_the_old_file(kg, tmp_path, damaged_stores):
    target = tmp_path / "old.nq"
    target.write_bytes(b"previous export\n")
    out = kg("export", "--format", "nq", "-o", str(target), store=damaged_stores["truncated-sst"])
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert target.read_bytes() == b"previous export\n" and list(tmp_path.iterdir()) == [target]


# --- round two: the smaller ones -----------------------------------------------------------------


def test_a_very_long_question_is_refused_without_echoing_it(kg, shared_store):
    question = "who opposes troop deployment " * 4000
    out = kg("ask", question, store=shared_store)
    _assert_refused(out, "characters long")
    assert len(out.stderr) < 500 and len(out.stdout) < 500


def test_a_query_string_in_the_store_url_is_refused_and_not_echoed(kg):
    out = kg("stats", "--store", "http://127.0.0.1:9/ds?api_key=s3cret-value#frag")
    _assert_refused(out, "http://127.0.0.1:9/ds")
    assert "s3cret-value" not in out.stderr + out.stdout and "/query" not in out.stderr


@pytest.mark.parametrize("command", [["ingest", "seeds/articles/000_a728b89d9237dc50.txt"], ["build", "--no-extract"],
                                     ["load", "seeds/curated/entities.ttl"]], ids=["ingest", "build", "load"])
def test_a_folder_with_other_files_does_not_become_a_store(command, kg, tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes")
    out = kg(*command, store=folder)
    _assert_refused(out, str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_an_empty_folder_becomes_a_store(kg, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert kg("load", "seeds/curated/entities.ttl", store=folder).returncode == 0


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "  ", "5e6"])
@pytest.mark.parametrize("name", ["KG_MAX_ARTICLE_BYTES", "KG_MAX_CLAIMS_PER_ARTICLE", "KG_MAX_HTML_TAGS"])
def test_bad_limit_values_are_refused_not_replaced_by_defaults(name, value, kg, shared_store, shared_before):
    out = kg("ingest", "seeds/articles/000_a728b89d9237dc50.txt", store=shared_store, env={name: value})
    if not value.strip():  # unset in effect: the default applies
        assert out.returncode == 0, out.stderr
        return
    _assert_refused(out, name)
    assert len(out.stderr.strip().splitlines()) == 1
    assert _quads(shared_store) == shared_before


@pytest.fixture()
def read_only_mount(seed_store_dir: Path, tmp_path: Path):
    """A copy of the seeds store on a read-only bind mount (skipped where mounting is not allowed)."""
    import subprocess

    source, mount = tmp_path / "source", tmp_path / "ro"
    shutil.copytree(seed_store_dir, source)
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if bound.returncode:
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_serve_read_only_works_on_a_read_only_mount(kg, read_only_mount):
    import subprocess
    import sys

    from test_remote import _served_url

    if shutil.which("oxigraph") is None and not (Path(sys.executable).parent / "oxigraph").exists():
        pytest.skip("no oxigraph server here")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(read_only_mount), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent)
    try:
        out = kg("query", "ASK { ?s ?p ?o }", store=_served_url(proc))
        assert out.returncode == 0 and out.stdout.strip() == "true", out.stderr
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert kg("query", "ASK { ?s ?p ?o }", store=read_only_mount).stdout.strip() == "true"


ARTICLE_COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/positions-kg/ns#Article> }"


def test_readers_while_a_writer_rebuilds_see_a_whole_store_or_one_line(kg, seed_store_copy):
    """What the README promises for reading a store another process writes (pyoxigraph: undefined).

    Each read opens its own read-only snapshot: it sees the store before or after each of
    the writer's transactions (``kg build`` replaces everything in one), or it fails with
    one line naming the store (a file the snapshot needed was compacted away); never a
    traceback, never a half-written state.
    """
    import os
    import subprocess
    import sys

    expected = int(kg("query", ARTICLE_COUNT, "--format", "csv", store=seed_store_copy).stdout.split()[-1])
    env = {k: v for k, v in os.environ.items() if k != "KG_STORE"}
    writer = subprocess.Popen([sys.executable, "-m", "kg", "build", "--store", str(seed_store_copy)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                              cwd=Path(__file__).parent.parent)
    reads, overlapped, failures = 0, 0, []
    try:
        while writer.poll() is None or reads == 0:
            overlapped += writer.poll() is None
            out = kg("query", ARTICLE_COUNT, "--format", "csv", store=seed_store_copy)
            reads += 1
            assert "Traceback" not in out.stderr, out.stderr[-2000:]
            if out.returncode:
                _assert_refused(out, str(seed_store_copy))
                failures.append(out.stderr)
            else:
                assert int(out.stdout.split()[-1]) == expected  # the old store or the new one, never between
    finally:
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert overlapped, "the build ended before the first read; the test proves nothing"
    assert len(failures) < reads, failures  # most reads just work
    print(f"{reads} reads, {overlapped} during the build, {len(failures)} refused")
