"""Network analysis (issue 4): centrality, stance blocs, graph export, kg stats and kg export."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from kg.analysis.blocs import Position, agreement_graph, country_positions, stance_blocs
from kg.analysis.centrality import top_betweenness, top_degree
from kg.analysis.graph import graph_from_store
from kg.errors import UsageError
from kg.render.export import node_link, scalar_graph, write_graph


def _star() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("p", type="proposal", label="force")
    for code, polarity, scope in (("POL", "opposes", "own_troops"), ("GRC", "opposes", "own_troops"),
                                  ("RUS", "opposes", "deployment"), ("FRA", "supports", "deployment"),
                                  ("GBR", "supports", "deployment")):
        g.add_node(code, type="country", label=code)
        g.add_edge(code, "p", key=f"{code}-1", kind="stance", polarity=polarity, scope=scope,
                   date="2025-04-10", method="curated", confidence=1.0, reasons=["r1", "r2"], speaker=None)
    return g


def test_degree_ranks_the_hub_first_and_filters_by_type():
    g = _star()
    assert top_degree(g, 1)[0].node == "p"
    countries = top_degree(g, 10, node_type="country")
    assert [c.type for c in countries] == ["country"] * 5
    assert [c.label for c in countries] == sorted(c.label for c in countries)  # equal scores: by label


def test_betweenness_finds_the_bridge():
    g = nx.MultiDiGraph()
    for n in "abcde":
        g.add_node(n, type="country", label=n)
    for u, v in ("ab", "bc", "cd", "de"):
        g.add_edge(u, v)
    assert top_betweenness(g, 1)[0].node == "c"
    assert len(top_betweenness(g, 3)) == 3


def test_curated_claims_decide_a_countrys_position():
    g = _star()
    g.add_edge("POL", "p", key="POL-2", kind="stance", polarity="supports", scope="own_troops",
               date="2025-09-01", method="extracted", confidence=0.9)
    assert country_positions(g)["POL"]["p"].polarity == "opposes"


def test_agreement_weights_same_scope_more():
    positions = country_positions(_star())
    weights = {tuple(sorted((u, v))): w for u, v, w in agreement_graph(positions).edges(data="weight")}
    assert weights[("FRA", "GBR")] == 1.5 and weights[("GRC", "POL")] == 1.5
    assert ("FRA", "POL") not in weights
    assert ("POL", "RUS") not in weights  # declining own troops is not opposing the deployment


def test_blocs_group_countries_with_the_same_positions():
    blocs = stance_blocs(_star())
    members = [set(b.members) for b in blocs]
    assert {"POL", "GRC"} in members and {"FRA", "GBR"} in members and {"RUS"} in members
    positions = {b.members: dict(b.positions)["force"] for b in blocs}
    assert positions[("GRC", "POL")] == "declines own troops" and positions[("RUS",)] == "opposes the deployment"
    assert stance_blocs(_star()) == blocs  # seeded: the same every time


def test_blocs_on_the_seeds(seed_store):
    blocs = stance_blocs(graph_from_store(seed_store, articles=False))
    by_member = {m: set(b.labels) for b in blocs for m in b.labels}
    assert {"Poland", "Greece"} <= by_member["Poland"]
    assert {"Latvia", "Finland", "Netherlands"} <= by_member["Latvia"]
    assert {"France", "United Kingdom"} <= by_member["France"]
    assert "Poland" not in by_member["France"]
    assert "Russian Federation" not in by_member["Poland"]  # the two kinds of opposition stay apart


def test_agreement_graph_of_no_countries_is_empty():
    assert stance_blocs(nx.MultiDiGraph()) == []
    assert agreement_graph({"a": {"p": Position("opposes", None, None, None)}}).number_of_edges() == 0


def test_scalar_graph_joins_lists_and_drops_missing_values():
    edge = scalar_graph(_star()).edges["POL", "p", "POL-1"]
    assert edge["reasons"] == "r1; r2" and "speaker" not in edge


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_read_back(fmt):
    g = _star()
    buffer = io.BytesIO()
    write_graph(g, fmt, buffer)
    buffer.seek(0)
    back = nx.read_graphml(buffer) if fmt == "graphml" else nx.read_gexf(buffer)
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())


def test_json_graph_keeps_lists_and_reads_back():
    g = _star()
    buffer = io.BytesIO()
    write_graph(g, "json-graph", buffer)
    data = json.loads(buffer.getvalue())
    assert data == node_link(g) | {"edges": data["edges"]}
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == g.number_of_edges()
    assert back.edges["POL", "p", "POL-1"]["reasons"] == ["r1", "r2"]


def test_unknown_graph_format():
    with pytest.raises(UsageError, match="unknown graph format"):
        write_graph(_star(), "dot", io.BytesIO())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json-graph"])
def test_kg_export_writes_the_network(kg, seed_store_dir, tmp_path, fmt):
    target = tmp_path / f"positions.{fmt}"
    out = kg("export", "--format", fmt, "-o", str(target), store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    if fmt == "json-graph":
        graph = nx.node_link_graph(json.loads(target.read_text(encoding="utf-8")), edges="edges")
    else:
        graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert {"Poland", "Russian Federation", "reassurance force"} <= labels
    kinds = {data.get("kind") for _, _, data in graph.edges(data=True)}
    assert {"stance", "role"} <= kinds


def test_kg_export_graph_is_deterministic(kg, seed_store_dir):
    first = kg("export", "--format", "graphml", store=seed_store_dir)
    assert first.returncode == 0 and first.stdout == kg("export", "--format", "graphml", store=seed_store_dir).stdout


def test_kg_stats_adds_centrality_and_blocs(kg, seed_store_dir):
    out = kg("stats", "--top", "3", store=seed_store_dir)
    assert out.returncode == 0, out.stderr
    assert "top 3 by degree centrality" in out.stdout and "top 3 by betweenness centrality" in out.stdout
    assert "stance blocs" in out.stdout and "reassurance force: opposes" in out.stdout
    plain = kg("stats", "--no-network", store=seed_store_dir)
    assert plain.returncode == 0 and "stance blocs" not in plain.stdout
