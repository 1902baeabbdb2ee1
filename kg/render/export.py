"""Writing the positions graph for other tools: GraphML, GEXF (Gephi) and node-link JSON.

GraphML and GEXF hold only scalar attributes: lists (reasons, conditions) are joined with
``"; "`` and missing values are left out. Node-link JSON keeps lists as lists. Nodes and
edges are written in a sorted order, so that the same store gives the same file.

GEXF is static: the quote offsets are plain attributes ``quote_start``/``quote_end`` (GEXF
reads ``start``/``end`` as time), and ``viz`` colours and sizes show the node type, the
actor's position on the proposal (kg.analysis.positions) and the stance polarity.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, BinaryIO

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

GRAPH_FORMATS = ("graphml", "gexf", "json-graph")
LIST_JOINER = "; "


def scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A sorted copy of ``graph`` whose attributes are all strings, numbers or booleans.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("a", label="A", note=None)
    >>> _ = g.add_edge("a", "a", key="k", reasons=["x", "y"], confidence=0.5)
    >>> s = scalar_graph(g)
    >>> dict(s.nodes["a"]), s.edges["a", "a", "k"]["reasons"]
    ({'label': 'A'}, 'x; y')
    """
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        out.add_node(node, **_scalars(data))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        out.add_edge(u, v, key=key, **_scalars(data))
    return out


def _scalars(data: dict) -> dict:
    out: dict[str, str | int | float | bool] = {}
    for name, value in sorted(data.items()):
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            out[name] = LIST_JOINER.join(str(v) for v in (sorted(value) if isinstance(value, (set, frozenset))
                                                           else value))
        elif isinstance(value, (str, int, float, bool)):
            out[name] = value
        else:
            out[name] = str(value)
    return out


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """:func:`scalar_graph` with offsets renamed, a ``position`` per actor and ``viz`` styles.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("c", type="country"); g.add_node("p", type="proposal")
    >>> _ = g.add_edge("c", "p", key="k", kind="stance", polarity="opposes", scope="deployment", start=3, end=9)
    >>> out = gexf_graph(g)
    >>> out.nodes["c"]["position"], out.nodes["c"]["viz"]["color"], sorted(out.edges["c", "p", "k"])[-3:]
    ('opposes the deployment', {'r': 213, 'g': 94, 'b': 0, 'a': 1.0}, ['quote_start', 'scope', 'viz'])
    """
    from kg.analysis.positions import actor_positions
    from kg.render.style import POSITION_COLORS, edge_style, node_style, rgb

    out = scalar_graph(graph)
    positions = actor_positions(graph)
    for node, data in out.nodes(data=True):
        style = node_style(data.get("type"))
        if positions.get(node):
            data["position"] = positions[node]
        r, g, b = rgb(POSITION_COLORS.get(positions.get(node) or "", style.color))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": float(style.size) * (1 + out.degree(node)) ** 0.5}
    for _, _, data in out.edges(data=True):
        for name in ("start", "end"):
            if name in data:
                data[f"quote_{name}"] = data.pop(name)
        edge = edge_style(data)
        r, g, b = rgb(edge.color)
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "thickness": edge.width}
    return out


def node_link(graph: nx.MultiDiGraph) -> dict:
    """The graph as node-link JSON data (``{"directed", "multigraph", "graph", "nodes", "edges"}``).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); _ = g.add_edge("b", "a", key="k", reasons=["r"])
    >>> data = node_link(g)
    >>> [n["id"] for n in data["nodes"]], data["edges"][0]["reasons"]
    (['a', 'b'], ['r'])
    """
    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: str(n["id"]))
    data["edges"] = sorted(data["edges"], key=lambda e: (str(e["source"]), str(e["target"]), str(e.get("key"))))
    return data


def write_graph(graph: nx.MultiDiGraph, fmt: str, out: BinaryIO) -> None:
    """Write ``graph`` to the binary stream ``out`` as ``graphml``, ``gexf`` or ``json-graph``.

    Raises
    ------
    UsageError
        Unknown format.
    """
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(scalar_graph(graph), out, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(gexf_graph(graph), out, encoding="utf-8")
    elif fmt == "json-graph":
        text = json.dumps(node_link(graph), ensure_ascii=False, sort_keys=True, indent=1)
        out.write((text + "\n").encode("utf-8"))
    else:
        raise UsageError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
