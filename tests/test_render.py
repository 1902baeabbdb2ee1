"""``kg render`` and kg.render without a browser: the page's text, data, safety and the CLI."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.render import render_html, top_nodes
from kg.render.layout import layout_positions, remove_overlaps
from kg.render.network import LARGE_GRAPH_EDGES, label_box, node_positions, to_pyvis
from kg.render.page import source_options
from kg.render.select import construct_subgraph
from kg.render.tooltips import edge_tooltip, node_tooltips

PAYLOAD = "</script><script>alert(1)</script><img src=x onerror=alert(2)> & 'q' \"qq\""


def page_data(html: str) -> dict:
    """The JSON data block of a page."""
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))


class Elements(HTMLParser):
    """Every start tag of a page with its (unescaped) attributes, and the raw text of each element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[list] = []  # [tag, attributes, text]
        self._open: list | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = [tag, dict(attrs), ""]
        self.texts.append(self._open)

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2] += data

    def named(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]

    def inline(self, tag: str) -> list[str]:
        """Raw text of every ``<script>``/``<style>`` without attributes (what a CSP hash covers)."""
        return [text for name, attrs, text in self.texts if name == tag and not attrs]


def small_graph(label: str = "Poland", quote: str = "We cannot send troops.") -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("c", type="country", label=label, iri="c")
    g.add_node("p", type="person", label="Jan Kowalski", iri="p")
    g.add_node("f", type="proposal", label="reassurance force", iri="f")
    g.add_node("a", type="article", label="A long article title that will not fit on the canvas", iri="a")
    common = {"source": "a", "source_label": "Article", "outlet": "Daily", "date": "2025-04-01",
              "method": "curated", "quote": quote}
    g.add_edge("c", "f", key="s1", kind="stance", polarity="opposes", scope="own_troops",
               reasons=["regional security"], conditions=[], speaker="Jan Kowalski", confidence=1.0, **common)
    g.add_edge("c", "f", key="s2", kind="stance", polarity="conditional", scope="deployment",
               reasons=[], conditions=["after a ceasefire"], speaker=None, confidence=0.8, **common)
    g.add_edge("p", "c", key="r1", kind="role", role="Prime Minister", role_type="head_of_government", **common)
    g.add_edge("a", "c", key="a|c", kind="reports", source="a")
    g.add_edge("a", "p", key="a|p", kind="reports", source="a")
    return g


# ---- the page ----

def test_page_data_counts_equal_the_graph():
    g = small_graph()
    data = page_data(render_html(g))
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len(data["edges"]) == g.number_of_edges()
    assert {e["id"] for e in data["edges"]} == {k for *_, k in g.edges(keys=True)}
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_page_escapes_every_text_from_the_data():
    g = small_graph(label=f"Land {PAYLOAD}", quote=f"Quote {PAYLOAD}")
    g.add_edge("c", "f", key="s3", kind="stance", polarity="supports", source=f"src {PAYLOAD}",
               source_label=f"Title {PAYLOAD}", outlet=PAYLOAD)
    page = render_html(g, title=f"Heading {PAYLOAD}")
    elements = Elements(page)
    assert {tag for tag, _ in elements.tags} <= {"html", "head", "meta", "title", "style", "body", "header", "h1",
                                                 "input", "datalist", "label", "select", "option", "button", "span",
                                                 "div", "main", "aside", "section", "h2", "fieldset", "legend",
                                                 "svg", "rect", "circle", "polygon", "line", "p", "script"}
    assert len(elements.named("script")) == 3  # the data block, vis-network and our own
    for pattern in (r"<title>(.*?)</title>", r"<h1>(.*?)</h1>"):
        text = re.search(pattern, page, re.S).group(1)
        assert "<" not in text and html.unescape(text) == f"Heading {PAYLOAD}"
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', page)
    assert any(html.unescape(value) == f"src {PAYLOAD}" for value, _ in options)
    data = page_data(page)  # the text survives, exactly, in the data
    assert ["", f"Land {PAYLOAD}"] in [n["kg"]["tip"][0] for n in data["nodes"]]
    quotes = [line[1] for e in data["edges"] for line in e["kg"]["tip"] if line[0] == "Quote"]
    assert f"“Quote {PAYLOAD}”" in quotes


def test_page_requests_nothing_from_outside():
    elements = Elements(render_html(small_graph()))
    assert not elements.named("link") and not elements.named("img") and not elements.named("iframe")
    assert not [attrs for _, attrs in elements.tags if {"src", "href", "srcset", "action"} & set(attrs)]
    for css in elements.inline("style"):
        assert "@import" not in css
        assert all(url.startswith("data:") for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css))
    csp = next(m["content"] for m in elements.named("meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


def test_csp_hashes_allow_exactly_the_inline_scripts_and_styles():
    elements = Elements(render_html(small_graph()))
    csp = next(m["content"] for m in elements.named("meta") if m.get("http-equiv") == "Content-Security-Policy")

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts, styles = elements.inline("script"), elements.inline("style")
    assert len(scripts) == 2 and len(styles) == 2
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    style_src = re.search(r"style-src ([^;]*)", csp).group(1).split()
    assert sorted(script_src) == sorted(digest(s) for s in scripts)
    assert sorted(style_src) == sorted(digest(s) for s in styles)


def test_legend_lists_the_types_and_claims_present_with_counts():
    html = render_html(small_graph())
    legend = html[html.index('id="kg-legend"'):html.index('id="kg-details"')]
    text = re.sub(r"<[^>]+>", " ", legend)
    for name, count in (("Country", 1), ("Person", 1), ("Proposal", 1), ("Article", 1), ("Opposes", 1),
                        ("Conditional support", 1), ("Holds a post in", 1), ("Article reports on", 2)):
        assert re.search(rf"{name}\s+{count}\b", text), name
    assert "Supports" not in text  # absent from this graph
    assert 'data-filter="category" value="opposes"' in legend


def test_unknown_node_types_and_edge_kinds_get_a_legend_entry_of_their_own():
    g = small_graph()
    g.add_node("x", type="party", label="Some Party", iri="x")
    g.add_edge("x", "c", key="k", kind="cites", source="a")
    page = render_html(g)
    data = page_data(page)
    assert {n["kg"]["type"] for n in data["nodes"] if n["id"] == "x"} == {"entity"}
    assert {e["kg"]["category"] for e in data["edges"] if e["id"] == "k"} == {"other"}
    assert 'data-filter="type" value="entity"' in page and 'data-filter="category" value="other"' in page


def test_large_graphs_are_drawn_with_solid_lines_and_the_legend_says_so():
    small = render_html(small_graph())
    assert any("dashes" in e for e in page_data(small)["edges"]) and "stroke-dasharray" in small
    g = small_graph()
    for i in range(LARGE_GRAPH_EDGES):
        g.add_node(f"x{i}", type="person", label=f"P{i}", iri=f"x{i}")
        g.add_edge(f"x{i}", "c", key=f"r{i}", kind="role", role="Minister", source="a")
    large = render_html(g)
    assert not any("dashes" in e for e in page_data(large)["edges"]) and "stroke-dasharray" not in large


def test_source_filter_names_articles_by_date_outlet_and_title():
    assert [(s.iri, s.label) for s in source_options(small_graph())] == [("a", "2025-04-01 · Daily · Article")]


# ---- network, tooltips, layout ----

def test_parallel_claims_are_bent_apart():
    edges = {e["id"]: e for e in to_pyvis(small_graph()).edges}
    assert "smooth" not in edges["s1"]
    assert edges["s2"]["smooth"]["type"] in ("curvedCW", "curvedCCW")


def test_labels_are_names_not_iris_and_long_ones_are_cut():
    nodes = {n["id"]: n for n in to_pyvis(small_graph()).nodes}
    assert nodes["c"]["label"] == "Poland"
    assert nodes["a"]["label"].endswith("…") and len(nodes["a"]["label"]) <= 36
    assert nodes["a"]["kg"]["tip"][0] == ("", "A long article title that will not fit on the canvas")


def test_tooltips_say_claim_reason_quote_outlet_and_date():
    g = small_graph()
    tip = dict(edge_tooltip(g.edges["c", "f", "s1"], "Poland", "reassurance force"))
    assert tip[""] == "Poland opposes reassurance force"
    assert tip["Reason"] == "regional security"
    assert tip["Quote"] == "“We cannot send troops.”"
    assert tip["Source"] == "Daily — Article"
    assert tip["Date"] == "2025-04-01"
    assert dict(edge_tooltip(g.edges["c", "f", "s2"], "Poland", "f"))["Condition"] == "after a ceasefire"
    assert edge_tooltip(g.edges["p", "c", "r1"], "Jan", "Poland")[0] == ("", "Jan: Prime Minister, Poland")
    tips = node_tooltips(g)
    node = dict(tips["c"])
    assert node["Stances"] == "1 conditional, 1 opposes"
    assert ("Post", "Prime Minister, Poland") in tips["p"]
    article = dict(tips["a"])
    assert article["Outlet"] == "Daily" and article["Date"] == "2025-04-01"


def test_layout_is_deterministic_and_spread_out():
    g = nx.gnm_random_graph(60, 120, seed=3)
    first, second = layout_positions(g), layout_positions(g)
    assert first == second
    assert len(set(first.values())) == 60
    big = nx.gnm_random_graph(700, 1400, seed=3)  # the Fruchterman–Reingold path
    assert layout_positions(big) == layout_positions(big)


def test_no_two_node_labels_overlap_after_layout():
    g = small_graph()
    for i in range(40):
        g.add_node(f"x{i}", type="person", label=f"Person number {i}", iri=f"x{i}")
        g.add_edge(f"x{i}", "f", key=f"e{i}", kind="stance", polarity="supports", source="a")
    pos = node_positions(g)
    boxes = {n: label_box(d) for n, d in g.nodes(data=True)}
    nodes = list(pos)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            (ax, ay), (bx, by) = pos[a], pos[b]
            ay, by = ay + boxes[a][2], by + boxes[b][2]
            apart_x = abs(ax - bx) >= (boxes[a][0] + boxes[b][0]) / 2
            apart_y = abs(ay - by) >= (boxes[a][1] + boxes[b][1]) / 2
            assert apart_x or apart_y, (a, b)


def test_remove_overlaps_separates_coincident_nodes():
    pos = remove_overlaps({"a": (0.0, 0.0), "b": (0.0, 0.0)}, {"a": (10, 10, 0), "b": (10, 10, 0)})
    assert pos["a"] != pos["b"]


def test_top_nodes_keeps_the_best_connected():
    g = small_graph()
    kept = top_nodes(g, 2)
    assert set(kept) == {"c", "a"}  # c has 4 claims; a, f and p 2 each: the tie goes by label
    assert kept.number_of_edges() == 1
    assert top_nodes(g, 10) is g


# ---- the command ----

def test_render_command_writes_the_page(kg, seed_store_dir: Path, seed_store, tmp_path: Path):
    from kg.analysis.graph import graph_from_store

    out = tmp_path / "graph.html"
    result = kg("render", "-o", str(out), store=seed_store_dir)
    assert result.returncode == 0, result.stderr
    graph = graph_from_store(seed_store)
    data = page_data(out.read_text(encoding="utf-8"))
    # one drawn edge per actor, proposal, polarity and scope (kg.render.aggregate): every claim is in one
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert sum(e["kg"]["count"] for e in data["edges"]) == graph.number_of_edges() > len(data["edges"])
    assert f"{graph.number_of_nodes()} nodes" in result.stderr


def test_render_filters_by_polarity_and_caps_nodes(kg, seed_store_dir: Path, tmp_path: Path):
    out = tmp_path / "g.html"
    result = kg("render", "-o", str(out), "--polarity", "opposes", store=seed_store_dir)
    assert result.returncode == 0, result.stderr
    categories = {e["kg"]["category"] for e in page_data(out.read_text(encoding="utf-8"))["edges"]}
    assert categories == {"opposes", "reports"}
    result = kg("render", "-o", str(out), "--max-nodes", "5", store=seed_store_dir)
    assert result.returncode == 0, result.stderr
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 5


def test_render_with_a_construct_query(kg, seed_store_dir: Path, tmp_path: Path):
    query = tmp_path / "opposes.rq"
    query.write_text(
        "PREFIX kg: <https://w3id.org/positions-kg/ns#>\n"
        "CONSTRUCT { ?s ?p ?o } WHERE { ?st kg:polarity kg:Opposes .\n"
        "  { ?st ?p ?o BIND(?st AS ?s) } UNION { ?st kg:actor ?s . ?s ?p ?o }"
        " UNION { ?st kg:evidence ?s . ?s ?p ?o } }\n", encoding="utf-8")
    out = tmp_path / "g.html"
    result = kg("render", "-o", str(out), "--query", str(query), store=seed_store_dir)
    assert result.returncode == 0, result.stderr
    edges = page_data(out.read_text(encoding="utf-8"))["edges"]
    assert edges and {e["kg"]["category"] for e in edges} == {"opposes", "reports"}


@pytest.mark.parametrize(("args", "message"), [
    (["--polarity", "sideways"], "unknown polarity 'sideways'"),
    (["--since", "2025-02-30"], "--since: not a date"),
    (["--since", "2025-05-01", "--until", "2025-04-01"], "is after --until"),
    (["--source", "no_such_article"], "nothing to draw"),
    (["--max-nodes", "0"], "--max-nodes must be at least 1"),
    (["--query", "missing.rq"], "missing.rq: cannot read query file"),
])
def test_render_bad_input_is_one_line_error(kg, seed_store_dir: Path, tmp_path: Path, args, message):
    out = tmp_path / "g.html"
    result = kg("render", "-o", str(out), *args, store=seed_store_dir, cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.startswith("kg: error:") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_render_rejects_a_select_query(kg, seed_store_dir: Path, tmp_path: Path):
    query = tmp_path / "select.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    result = kg("render", "-o", str(tmp_path / "g.html"), "--query", str(query), store=seed_store_dir)
    assert result.returncode == 2
    assert "expected a CONSTRUCT or DESCRIBE query, got SELECT" in result.stderr


def test_construct_subgraph_keeps_only_the_constructed_triples(seed_store):
    sub = construct_subgraph(seed_store, "PREFIX kg: <https://w3id.org/positions-kg/ns#>\n"
                                         "CONSTRUCT { ?s a kg:Country } WHERE { ?s a kg:Country }")
    assert 0 < sub.count_triples() < seed_store.count_triples()


@pytest.mark.server
def test_render_from_a_remote_endpoint_matches_the_embedded_store(kg, seed_store_copy: Path, tmp_path: Path):
    from kg.store.server import OxigraphServer

    embedded, remote = tmp_path / "embedded.html", tmp_path / "remote.html"
    result = kg("render", "-o", str(embedded), "--polarity", "opposes", store=seed_store_copy)
    assert result.returncode == 0, result.stderr
    with OxigraphServer(seed_store_copy, port=0) as server:
        urls = server.start()
        result = kg("render", "-o", str(remote), "--polarity", "opposes", store=urls.base)
    assert result.returncode == 0, result.stderr
    data = page_data(remote.read_text(encoding="utf-8"))
    assert data["edges"] and data == page_data(embedded.read_text(encoding="utf-8"))
