"""From a positions graph (networkx) to a pyvis ``Network`` ready to be written as a page.

Each graph node becomes one vis node and each graph edge one vis edge (the page merges
claims first, :mod:`kg.render.aggregate`, so an edge may stand for ``count`` claims and is
drawn wider). Besides vis's own options, every item carries a ``kg`` object the page
reads for its filters and tooltips: ``type`` and ``position`` (the actor's position on
the proposal, :mod:`kg.analysis.positions`, which also gives its colour) for nodes;
``category`` (polarity or kind), ``scope`` (drawn as the line style), ``count``,
``sources`` and ``color`` for edges; ``tip`` (plain-text lines) for both.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.render.layout import Box, Engine, Positions, layout_positions, remove_overlaps
from kg.render.style import (
    FALLBACK_NODE_STYLE,
    NODE_STYLES,
    POSITION_COLORS,
    SCOPE_DASHES,
    claims_width,
    edge_category,
    edge_style,
    layout_length,
    node_style,
)
from kg.render.tooltips import claims_tooltip, node_tooltips

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

#: From this many edges on, edges are drawn solid and hidden while the view is dragged
#: or zoomed, so that the page stays responsive.
LARGE_GRAPH_EDGES = 2000
#: Labels longer than this are shortened on the canvas (the tooltip has them whole).
MAX_LABEL_CHARS = 36
#: Label font size in pixels (vis ``nodes.font.size``) and the average width of a character.
FONT_SIZE = 14
CHAR_WIDTH = 7.8
#: Curvature step between parallel edges (several claims between the same two nodes),
#: and the curvature of the outermost one however many there are.
PARALLEL_ROUNDNESS = 0.12
MAX_ROUNDNESS = 0.5


def short_label(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis.

    Examples
    --------
    >>> short_label("Coalition of the willing: 10 countries ready", 20)
    'Coalition of the…'
    >>> short_label("Poland")
    'Poland'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–—-") + "…"


def label_box(data: dict) -> Box:
    """The box a node and its label (drawn below it) cover: width, height, centre offset.

    Examples
    --------
    >>> label_box({"type": "person", "label": "Jo"})
    (24, 46, 11.0)
    """
    size = node_style(data.get("type")).size
    text = short_label(data.get("label") or "")
    label_height = FONT_SIZE + 8
    return max(2 * size, round(len(text) * CHAR_WIDTH)), 2 * size + label_height, label_height / 2


def node_positions(graph: nx.MultiDiGraph, *, engine: Engine = "auto", seed: int = 7) -> Positions:
    """Where to draw each node: a layout (see :mod:`kg.render.layout`) without overlapping labels.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> sorted(node_positions(g))
    ['a', 'b', 'c']
    """
    positions = layout_positions(graph, engine=engine, seed=seed, edge_length=layout_length)
    return remove_overlaps(positions, {node: label_box(data) for node, data in graph.nodes(data=True)})


def vis_options(*, large: bool) -> dict:
    """vis-network options: styles by node type, physics off, interaction tuned to the size.

    Parameters
    ----------
    large : bool
        The graph has ``LARGE_GRAPH_EDGES`` edges or more.

    Examples
    --------
    >>> vis_options(large=False)["physics"]
    {'enabled': False}
    """
    groups = {style.name: style.vis_group() for style in (*NODE_STYLES.values(), FALLBACK_NODE_STYLE)}
    return {
        "groups": groups,
        "nodes": {
            "font": {"size": FONT_SIZE, "face": "system-ui, sans-serif", "color": "#1A1A1A",
                     "strokeWidth": 3, "strokeColor": "#FFFFFF"},
        },
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 0.5,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        # Positions come from Python: no simulation, so the first frame is the final one.
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "multiselect": True,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
    }


def main_proposal(graph: nx.MultiDiGraph) -> str | None:
    """The proposal with the most stance claims (ties: the smallest key), or None.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "p", {"kind": "stance"}), ("b", "p", {"kind": "stance", "count": 2}),
    ...                      ("a", "q", {"kind": "stance"})])
    >>> main_proposal(g)
    'p'
    """
    counts: Counter[str] = Counter()
    for _, target, data in graph.edges(data=True):
        if data.get("kind") == "stance":
            counts[target] += data.get("count", 1)
    return min(counts, key=lambda p: (-counts[p], str(p))) if counts else None


def to_pyvis(graph: nx.MultiDiGraph, positions: Positions | None = None, *, heading: str = "",
             proposal: str | None = None) -> Network:
    """A pyvis ``Network`` with one node per graph node and one edge per graph edge.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        From :func:`kg.analysis.graph.graph_from_store`.
    positions : dict, optional
        Node -> (x, y) in pixels; :func:`node_positions` when not given.
    heading : str
        The page's title.
    proposal : str, optional
        Colour actors by their position on this proposal (default: :func:`main_proposal`).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="country", label="Poland", iri="p")
    >>> g.add_node("f", type="proposal", label="force", iri="f")
    >>> _ = g.add_edge("p", "f", key="s1", kind="stance", polarity="opposes", source="a")
    >>> net = to_pyvis(g)
    >>> net.num_nodes(), net.num_edges(), net.get_edges()[0]["kg"]["category"]
    (2, 1, 'opposes')
    """
    from pyvis.network import Network

    if positions is None:
        positions = node_positions(graph)
    net = Network(directed=True, height="100%", width="100%", heading=heading)
    # number_of_edges() sums degrees on a MultiDiGraph (0.05 s at 10,000 edges): once.
    large = graph.number_of_edges() >= LARGE_GRAPH_EDGES
    net.options = vis_options(large=large)
    # pyvis's add_node/add_edge look ids up in lists (0.8 s at 5,000 nodes and 10,000
    # edges); graph keys are unique already, so records are appended as add_node does.
    tips = node_tooltips(graph)
    from kg.analysis.positions import actor_positions

    stands = actor_positions(graph, proposal or main_proposal(graph))
    for node, data in graph.nodes(data=True):
        _append_node(net, node, data, positions[node], tips[node], stands.get(node))
    parallel = Counter(frozenset((u, v)) for u, v in graph.edges())
    seen: Counter[frozenset] = Counter()
    for u, v, key, data in graph.edges(keys=True, data=True):
        pair = frozenset((u, v))
        rank = seen[pair]
        seen[pair] += 1
        bend = parallel_bend(rank, parallel[pair])
        if bend and str(u) > str(v):  # sides are relative to the direction: mirror reversed edges
            bend["type"] = "curvedCCW" if bend["type"] == "curvedCW" else "curvedCW"
        labels = (graph.nodes[u].get("label", u), graph.nodes[v].get("label", v))
        _append_edge(net, u, v, str(key), data, bend, claims_tooltip(data, *labels), not large)
    return net


def _append_node(net: Network, node: str, data: dict, xy: tuple[float, float], tip: list,
                 position: str | None) -> None:
    from pyvis.node import Node

    style = node_style(data.get("type"))
    extra = {}
    if position in POSITION_COLORS:  # an actor: coloured by its position, shaped by its type
        fill = POSITION_COLORS[position]
        extra["color"] = {"background": fill, "border": style.border,
                          "highlight": {"background": fill, "border": "#000000"},
                          "hover": {"background": fill, "border": "#000000"}}
        tip = [*tip[:2], ("Position", position), *tip[2:]]
    record = Node(
        node, style.shape, label=short_label(data.get("label") or node), group=style.name,
        x=xy[0], y=xy[1], kg={"type": style.name, "position": position or "", "tip": tip}, **extra,
    ).options
    net.nodes.append(record)
    net.node_ids.append(node)
    net.node_map[node] = record


def parallel_bend(rank: int, count: int) -> dict | None:
    """vis ``smooth`` option of the ``rank``-th of ``count`` edges between the same two nodes.

    Parallel claims (say five stances of one country) would be drawn on top of each
    other: the first is straight, the next ones bend alternately left and right, further
    each time, the outermost by ``MAX_ROUNDNESS`` at most.

    Examples
    --------
    >>> [parallel_bend(r, 3) for r in range(3)]  # doctest: +NORMALIZE_WHITESPACE
    [None, {'enabled': True, 'type': 'curvedCW', 'roundness': 0.12},
     {'enabled': True, 'type': 'curvedCCW', 'roundness': 0.12}]
    >>> parallel_bend(19, 20)["roundness"]
    0.5
    """
    if rank == 0:
        return None
    step = min(PARALLEL_ROUNDNESS, MAX_ROUNDNESS / (count // 2))
    side = "curvedCW" if rank % 2 else "curvedCCW"
    return {"enabled": True, "type": side, "roundness": round(step * ((rank + 1) // 2), 3)}


def _append_edge(net: Network, u: str, v: str, key: str, data: dict, bend: dict | None, tip: list,
                 dashed: bool) -> None:
    from pyvis.edge import Edge

    style = edge_style(data)
    options = style.vis_options(dashed=dashed)
    count = data.get("count", 1)
    options["width"] = claims_width(style.width, count)
    if data.get("kind") == "stance" and dashed:
        options.pop("dashes", None)
        if SCOPE_DASHES.get(data.get("scope") or ""):
            options["dashes"] = list(SCOPE_DASHES[data["scope"]])
    if bend:
        options["smooth"] = bend
    sources = data.get("sources") or ([data["source"]] if data.get("source") else [])
    kg = {"category": edge_category(data), "scope": data.get("scope") or "", "count": count,
          "sources": sources, "color": style.color, "tip": tip}
    net.edges.append(Edge(u, v, directed=True, id=key, kg=kg, **options).options)
