"""Choosing which part of a large graph to draw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import QueryError, UsageError
from kg.store import EmbeddedStore, Store

if TYPE_CHECKING:
    import networkx as nx


def top_nodes(graph: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The subgraph induced by the ``max_nodes`` best-connected nodes.

    Nodes are ranked by degree (each claim counts), ties broken by label then key, so
    the choice is the same from run to run. The graph itself is returned when it is
    small enough.

    Raises
    ------
    UsageError
        ``max_nodes`` is not positive.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("c", "hub"), ("a", "b")])
    >>> sorted(top_nodes(g, 3))
    ['a', 'b', 'hub']
    """
    if max_nodes < 1:
        raise UsageError(f"--max-nodes must be at least 1, got {max_nodes}")
    if graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(graph.nodes[n].get("label", n)), str(n)))
    return graph.subgraph(ranked[:max_nodes]).copy()


def construct_subgraph(store: Store, sparql: str, *, origin: str = "query") -> EmbeddedStore:
    """Run a CONSTRUCT (or DESCRIBE) on ``store`` and hold its result in an in-memory store.

    Only the subgraph travels, so a large or remote store is never pulled whole; the
    result feeds :func:`kg.analysis.graph.graph_from_store` like any store.

    Parameters
    ----------
    store : Store
        Embedded or remote.
    sparql : str
        The query text.
    origin : str
        Where the query came from (a file name), for error messages.

    Raises
    ------
    QueryError
        A syntax error, or a query of another form (SELECT, ASK).

    Examples
    --------
    >>> sub = construct_subgraph(EmbeddedStore(":memory:"), "CONSTRUCT WHERE { ?s ?p ?o }")
    >>> sub.count_triples()
    0
    >>> construct_subgraph(sub, "SELECT * WHERE { ?s ?p ?o }", origin="q.rq")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: q.rq: expected a CONSTRUCT or DESCRIBE query, got SELECT
    """
    try:
        return store.construct(sparql)
    except QueryError as exc:
        raise QueryError(f"{origin}: {exc}") from exc
