"""One row per fact: descriptions restated in many article graphs never multiply query rows (issue 14).

Each entity's label, class and code and each article's title and outlet are restated in every
graph that mentions them, and the union default graph keeps every copy. The store here is the
seeds' store plus three more graphs that restate every description once more: a query whose
rows depend on how often a description is restated gives more rows there than on the seeds.
"""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import Graph, URIRef

from kg.store import EmbeddedStore, iter_rows
from tests.conftest import run_kg

DESCRIBING = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?p { rdfs:label dcterms:title kg:outlet kg:isoAlpha3 skos:altLabel skos:prefLabel }
  ?s ?p ?o
}
"""


def _query_files() -> list[tuple[str, str]]:
    out = []
    for package in ("kg.queries", "kg.analysis", "kg.ask"):
        for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".rq"):
                out.append((f"{package}/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    path = tmp_path_factory.mktemp("restated") / "store"
    assert run_kg("build", store=path).returncode == 0
    plain = EmbeddedStore(str(path))
    restated = EmbeddedStore(":memory:")
    for quad in plain.oxigraph.quads_for_pattern(None, None, None, None):
        restated.oxigraph.add(quad)
    copies = Graph()
    for triple in plain.query(DESCRIBING):
        copies.add(triple)
    assert len(copies) > 100
    restated.replace_graphs({URIRef(f"https://example.org/restated/{i}"): copies for i in range(3)})
    yield plain, restated
    plain.close()
    restated.close()


@pytest.mark.parametrize(("name", "text"), _query_files(), ids=[name for name, _ in _query_files()])
def test_restated_descriptions_do_not_multiply_rows(stores, name, text):
    plain, restated = stores
    if "stats-counts" in name:
        pytest.skip("counts triples: more triples are more triples")
    rows = list(iter_rows(plain.query(text)))
    again = list(iter_rows(restated.query(text)))
    assert len(again) == len(rows), name


def test_role_edges_give_one_row_per_claim_holder_and_span(stores):
    plain, _ = stores
    text = resources.files("kg.analysis").joinpath("role-edges.rq").read_text(encoding="utf-8")
    rows = list(iter_rows(plain.query(text)))
    facts = {(str(r["claim"]), str(r["holder"]), str(r["quote"]), str(r["start"])) for r in rows}
    claims = {str(r["claim"]) for r in rows}
    assert len(rows) == len(facts)
    assert len(claims) == len(list(iter_rows(plain.query(
        "PREFIX kg: <https://w3id.org/positions-kg/ns#> SELECT DISTINCT ?c WHERE { ?c a kg:RoleAssignment }"))))
