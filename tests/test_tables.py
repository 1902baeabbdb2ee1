"""Human tables of ``kg query`` at 80 columns: labels, never IRIs; CSV/JSON keep the IRIs."""

from __future__ import annotations

import re

import pytest

from kg.queries import all_queries

NARROW = {"COLUMNS": "80"}
CUT_TO_NOTHING = re.compile(r"(?:^|[│┃ ])\S?…(?:[│┃ ]|$)")  # a cell squeezed to at most one character


def _named_queries():
    return sorted(all_queries())


@pytest.mark.parametrize("name", _named_queries())
def test_named_query_tables_show_labels_and_fit_80_columns(seed_store_dir, kg, name):
    out = kg("query", "--name", name, store=seed_store_dir, env=NARROW)
    assert out.returncode == 0, out.stderr
    assert "http://" not in out.stdout and "https://" not in out.stdout, out.stdout[:2000]
    assert max(len(line.rstrip()) for line in out.stdout.splitlines()) <= 80
    assert not CUT_TO_NOTHING.search(out.stdout), out.stdout[:2000]


def test_readme_roles_example_reads_at_80_columns(seed_store_dir, kg):
    out = kg("query", "--name", "roles", "--param", "holder=Latvia", store=seed_store_dir, env=NARROW)
    assert out.returncode == 0, out.stderr
    assert "Andris Sprūds" in out.stdout and "Latvia" in out.stdout
    assert "https://" not in out.stdout
    csv_out = kg("query", "--name", "roles", "--param", "holder=Latvia", "-f", "csv", store=seed_store_dir)
    assert "https://w3id.org/positions-kg/id/" in csv_out.stdout  # machine formats keep the IRIs


def test_free_sparql_table_labels_iris(seed_store_dir, kg):
    select = ("PREFIX kg: <https://w3id.org/positions-kg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
              "SELECT DISTINCT ?person {} WHERE {{ ?c a kg:RoleAssignment ; kg:person ?person {} }} "
              "ORDER BY ?person LIMIT 3")
    table = kg("query", select.format("", ""), store=seed_store_dir, env=NARROW)
    csv_out = kg("query", select.format("?label", ". ?person rdfs:label ?label"), "-f", "csv", store=seed_store_dir)
    assert table.returncode == 0 and csv_out.returncode == 0
    rows = [line.split(",", 1) for line in csv_out.stdout.splitlines()[1:]]
    assert rows and all(iri.startswith("https://") for iri, _ in rows)
    assert "https://" not in table.stdout
    assert all(label in table.stdout for _, label in rows)
