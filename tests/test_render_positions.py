"""The graph page answers the question: position colours, merged claims, scope, --proposal (no browser)."""

from __future__ import annotations

import networkx as nx

from kg.render import render_html
from kg.render.style import POSITION_COLORS, SCOPE_DASHES
from tests.test_render import page_data


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("force", type="proposal", label="force", iri="force")
    g.add_node("other", type="proposal", label="other plan", iri="other")
    claims = [("POL", "supports", "deployment"), ("POL", "opposes", "own_troops"), ("POL", "opposes", "own_troops"),
              ("RUS", "opposes", "deployment"), ("FRA", "supports", "own_troops"), ("FRA", "supports", "own_troops"),
              ("FRA", "supports", "own_troops")]
    for i, (actor, polarity, scope) in enumerate(claims):
        g.add_node(actor, type="country", label=actor, iri=actor)
        g.add_edge(actor, "force", key=f"c{i}", kind="stance", polarity=polarity, scope=scope,
                   date=f"2025-0{i + 1}-01", source=f"art{i % 2}", quote=f"quote {i}")
    g.add_edge("RUS", "other", key="o1", kind="stance", polarity="supports", scope="deployment", source="art0")
    return g


def test_page_colours_actors_by_position_and_merges_claims():
    data = page_data(render_html(_graph()))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {a: nodes[a]["kg"]["position"] for a in ("POL", "RUS", "FRA")} == {
        "POL": "declines own troops", "RUS": "opposes the deployment", "FRA": "supports"}
    assert all(nodes[a]["color"]["background"] == POSITION_COLORS[nodes[a]["kg"]["position"]]
               for a in ("POL", "RUS", "FRA"))
    edges = {(e["from"], e["to"], e["kg"]["category"], e["kg"]["scope"]): e for e in data["edges"]}
    assert len(edges) == len(data["edges"]) == 5
    fra = edges[("FRA", "force", "supports", "own_troops")]
    assert fra["kg"]["count"] == 3 and fra["width"] > edges[("RUS", "force", "opposes", "deployment")]["width"]
    assert [t for f, t in fra["kg"]["tip"] if f == "Quote"] == ["“quote 4”", "“quote 5”", "“quote 6”"]
    assert fra["dashes"] == list(SCOPE_DASHES["own_troops"])
    assert "dashes" not in edges[("RUS", "force", "opposes", "deployment")]
    assert sorted(edges[("POL", "force", "opposes", "own_troops")]["kg"]["sources"]) == ["art0", "art1"]


def test_positions_follow_the_chosen_proposal():
    data = page_data(render_html(_graph(), proposal="other"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["RUS"]["kg"]["position"] == "supports" and nodes["POL"]["kg"]["position"] == ""


def test_render_proposal_option(kg, seed_store_dir, tmp_path):
    out = tmp_path / "g.html"
    bad = kg("render", "-o", str(out), "--proposal", "no such plan", store=seed_store_dir)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "known:" in bad.stderr and not out.exists()
    good = kg("render", "-o", str(out), "--proposal", "reassurance-force", store=seed_store_dir)
    assert good.returncode == 0, good.stderr
    assert any(n["kg"]["position"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"])


def test_position_legend_escapes_the_proposal_label():
    g = _graph()
    g.nodes["force"]["label"] = "<script>alert(1)</script>"
    html = render_html(g)
    assert "<script>alert(1)</script>" not in html
    assert "Position on &lt;script&gt;alert(1)&lt;/script&gt;" in html
