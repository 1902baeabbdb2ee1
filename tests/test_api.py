"""The Python API: ``import kg`` is light, returns what the CLI returns, and docs/api.md runs."""

from __future__ import annotations

import doctest
import json
import shutil
import subprocess
import sys

import kg as kg_api
from tests.conftest import PROJECT_ROOT

QUESTION = "who opposes troop deployment and why"


def test_import_kg_is_light():
    code = "import sys, kg; print(sorted(m for m in ('rdflib', 'spacy', 'networkx', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert {"open_store", "ask", "query", "extract", "to_networkx"} <= set(dir(kg_api))


def test_ask_returns_the_cli_json(seed_store, seed_store_dir, kg):
    cli = kg("ask", QUESTION, "--format", "json", store=seed_store_dir)
    assert cli.returncode == 0, cli.stderr
    assert kg_api.ask(seed_store, QUESTION) == json.loads(cli.stdout)


def test_query_rows_match_the_cli_json(seed_store, seed_store_dir, kg):
    cli = json.loads(kg("query", "--name", "roles", "--param", "holder=Latvia", "-f", "json",
                        store=seed_store_dir).stdout)
    result = kg_api.query(seed_store, "roles", holder="Latvia")
    assert result.columns == cli["head"]["vars"]
    dicts = result.to_dicts()
    assert len(dicts) == len(cli["results"]["bindings"]) > 0
    for row, binding in zip(dicts, cli["results"]["bindings"], strict=True):
        assert set(row) == set(binding)
        assert all(str(row[k]) == binding[k]["value"] or isinstance(row[k], (int, float)) for k in row)
    frame = result.to_dataframe()
    assert list(frame.columns) == result.columns and len(frame) == len(dicts)


def test_extract_text_and_path():
    article = PROJECT_ROOT / "tests" / "data" / "ask_article.txt"
    from_path = kg_api.extract(str(article))
    assert from_path and {c["kind"] for c in from_path} <= {"role", "stance"}
    from_text = kg_api.extract(article.read_text(encoding="utf-8"))
    assert len(from_text) == len(from_path)


def test_docs_api_md_runs(seed_store_dir, tmp_path, monkeypatch):
    shutil.copytree(seed_store_dir, tmp_path / ".kg" / "store")
    monkeypatch.chdir(tmp_path)
    failed, attempted = doctest.testfile(str(PROJECT_ROOT / "docs" / "api.md"), module_relative=False,
                                         optionflags=doctest.ELLIPSIS)
    assert attempted > 5 and failed == 0
