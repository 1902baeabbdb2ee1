"""Exports that other tools read: format from the extension, static GEXF with viz, compact JSON-LD, TriG,
and ``kg eval --format json``."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.render.style import POSITION_COLORS, rgb

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(scope="module")
def exported(seed_store_dir, kg, tmp_path_factory):
    """Each format written once with ``-o`` and no ``-f``."""
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for name in ("positions.graphml", "positions.gexf", "all.jsonld", "all.trig", "all.nq", "all.ttl"):
        out = kg("export", "-o", str(folder / name), store=seed_store_dir)
        assert out.returncode == 0, out.stderr
        paths[name.rsplit(".", 1)[1]] = folder / name
    return paths


def test_format_follows_the_extension(exported):
    assert nx.read_graphml(exported["graphml"]).number_of_edges() > 0  # GraphML, not Turtle


def test_format_mismatch_is_an_error_and_writes_nothing(seed_store_dir, kg, tmp_path):
    target = tmp_path / "positions.graphml"
    out = kg("export", "-f", "ttl", "-o", str(target), store=seed_store_dir)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "graphml" in out.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []
    unknown = kg("export", "-o", str(tmp_path / "x.dat"), store=seed_store_dir)
    assert unknown.returncode == 2 and "pass -f" in unknown.stderr


def test_gexf_is_static_with_offsets_as_attributes_and_viz_by_position(exported):
    graph = nx.read_gexf(exported["gexf"])
    assert graph.graph.get("mode") != "dynamic"
    stances = [d for _, _, d in graph.edges(data=True) if d.get("kind") == "stance"]
    assert stances and all("start" not in d and "end" not in d for d in stances)
    assert all(isinstance(d["quote_start"], int) for d in stances if "quote_start" in d)
    assert sum("quote_start" in d for d in stances) > len(stances) // 2
    positioned = {n: d for n, d in graph.nodes(data=True) if d.get("position")}
    assert {d["position"] for d in positioned.values()} >= {"supports", "declines own troops"}
    for data in positioned.values():
        color = data["viz"]["color"]
        assert (color["r"], color["g"], color["b"]) == rgb(POSITION_COLORS[data["position"]])
    sizes = {d["viz"]["size"] for _, d in graph.nodes(data=True)}
    assert len(sizes) > 3


def test_gexf_schema_essentials(exported):
    root = ET.parse(exported["gexf"]).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    (graph,) = root.findall(f"{GEXF}graph")
    assert graph.get("mode") == "static" and graph.get("defaultedgetype") == "directed"
    declared = {cls.get("class"): {a.get("id"): a.get("type") for a in cls.findall(f"{GEXF}attribute")}
                for cls in graph.findall(f"{GEXF}attributes")}
    assert all(cls.get("mode") == "static" for cls in graph.findall(f"{GEXF}attributes"))
    nodes = graph.find(f"{GEXF}nodes").findall(f"{GEXF}node")
    edges = graph.find(f"{GEXF}edges").findall(f"{GEXF}edge")
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    for element, cls in [(n, "node") for n in nodes] + [(e, "edge") for e in edges]:
        assert element.get("start") is None and element.get("end") is None
        for value in element.iter(f"{GEXF}attvalue"):
            kind = declared[cls][value.get("for")]
            if kind in ("integer", "long"):
                int(value.get("value"))
            elif kind in ("float", "double"):
                float(value.get("value"))
        color = element.find(f"{VIZ}color")
        assert color is not None and all(0 <= int(color.get(c)) <= 255 for c in "rgb")
    assert all(float(n.find(f"{VIZ}size").get("value")) > 0 for n in nodes)


def test_jsonld_is_compacted_and_a_plain_graph_reads_every_triple(exported):
    doc = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/positions-kg/ns#"
    assert any(key.startswith("kg:") for node in doc["@graph"] for key in node)
    plain = Graph().parse(exported["jsonld"], format="json-ld")
    assert len(plain) == len(Graph().parse(exported["ttl"], format="turtle")) > 1000


def test_trig_keeps_the_named_graphs(exported):
    trig, nq = Dataset(), Dataset()
    trig.parse(exported["trig"], format="trig")
    nq.parse(exported["nq"], format="nquads")
    graphs = {g.identifier for g in trig.graphs() if len(g)}
    assert len(graphs) >= 10
    assert sorted(map(str, trig.quads())) == sorted(map(str, nq.quads()))


def test_export_help_says_what_each_format_is_for(kg):
    out = kg("export", "--help", env={"COLUMNS": "120"})
    for name, tool in (("gexf", "Gephi"), ("trig", "TriG"), ("jsonld", "JSON-LD"), ("graphml", "GraphML")):
        assert name in out.stdout and tool in out.stdout


def test_eval_json(kg):
    from tests.conftest import PROJECT_ROOT, SEEDS

    out = kg("eval", str(PROJECT_ROOT / "tests" / "gold"), str(SEEDS / "articles"), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["articles"] == 5
    for measure in ("roles", "role_types", "stances"):
        score = data[measure]
        assert 0 <= score["precision"] <= 1 and score["tp"] + score["fn"] > 0
