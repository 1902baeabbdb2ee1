"""Who is central in the positions network: top-k degree and betweenness centrality.

Works on the ``MultiDiGraph`` of :func:`kg.analysis.graph.graph_from_store`. Degree counts
every claim edge (an actor with many reported stances and roles is well connected);
betweenness is computed on the undirected simple graph underneath (who bridges otherwise
separate parts of the network), sampled on large graphs with a fixed seed so that the
result is the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

#: Above this many nodes, betweenness is estimated from this many sampled sources.
BETWEENNESS_SAMPLE = 500


@dataclass(frozen=True)
class Centrality:
    """A node's centrality score, with what it is."""

    node: str
    label: str
    type: str
    score: float


def top_degree(graph: nx.MultiDiGraph, k: int = 10, *, node_type: str | None = None) -> list[Centrality]:
    """The ``k`` nodes with the highest degree centrality (ties by label and IRI).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
    k : int
        How many nodes to return.
    node_type : str, optional
        Rank only nodes of this type (``country``, ``person``, ...).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("p", type="proposal", label="force")
    >>> for c in ("a", "b", "c"):
    ...     g.add_node(c, type="country", label=c.upper())
    ...     _ = g.add_edge(c, "p", key=c)
    >>> [(c.label, round(c.score, 2)) for c in top_degree(g, 2)]
    [('force', 1.0), ('A', 0.33)]
    """
    import networkx as nx

    return _top(graph, nx.degree_centrality(graph) if len(graph) > 1 else {}, k, node_type)


def top_betweenness(graph: nx.MultiDiGraph, k: int = 10, *, node_type: str | None = None,
                    seed: int = 0) -> list[Centrality]:
    """The ``k`` nodes with the highest betweenness centrality on the undirected simple graph.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = [g.add_node(n, type="country", label=n) for n in "abc"]
    >>> _ = g.add_edge("a", "b"); _ = g.add_edge("b", "c")
    >>> [(c.node, c.score) for c in top_betweenness(g, 1)]
    [('b', 1.0)]
    """
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    if len(simple) < 3:
        return _top(graph, dict.fromkeys(simple, 0.0), k, node_type)
    sample = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
    scores = nx.betweenness_centrality(simple, k=sample, seed=seed if sample else None)
    return _top(graph, scores, k, node_type)


def _top(graph: nx.MultiDiGraph, scores: dict, k: int, node_type: str | None) -> list[Centrality]:
    rows = []
    for node, score in scores.items():
        data = graph.nodes[node]
        if node_type is not None and data.get("type") != node_type:
            continue
        rows.append(Centrality(str(node), str(data.get("label", node)), str(data.get("type", "entity")), float(score)))
    rows.sort(key=lambda c: (-c.score, c.label.casefold(), c.node))
    return rows[:k]
