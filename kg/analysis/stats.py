"""Counts that describe a store: triples, entities, claims by polarity, articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.queries import get_query
from kg.store import Store, select_rows


@dataclass
class StoreStats:
    """Headline counts of a store."""

    counts: dict[str, int] = field(default_factory=dict)
    stances_by_polarity: dict[str, dict[str, int]] = field(default_factory=dict)


def store_stats(store: Store) -> StoreStats:
    """Count triples, persons, countries, organisations, stances (by polarity) and articles.

    Parameters
    ----------
    store : Store

    Returns
    -------
    StoreStats
    """
    row = next(select_rows(store.query(get_query("stats-counts").text)))
    counts = {str(var): int(value) for var, value in zip(row.labels, row, strict=True)}
    by_polarity: dict[str, dict[str, int]] = {}
    for polarity, method, n in select_rows(store.query(get_query("stances-by-polarity").text)):
        by_polarity.setdefault(str(polarity), {})[str(method)] = int(n)
    return StoreStats(counts=counts, stances_by_polarity=by_polarity)


@dataclass
class NetworkStats:
    """The most central actors of the positions network and the countries' stance blocs."""

    degree: list = field(default_factory=list)
    betweenness: list = field(default_factory=list)
    blocs: list = field(default_factory=list)


def network_stats(store: Store, k: int = 5) -> NetworkStats:
    """Top-``k`` degree and betweenness centrality and the stance blocs of ``store``.

    Builds the positions graph (without article nodes, which would outrank every actor)
    with :func:`kg.analysis.graph.graph_from_store`; networkx is imported here only.

    Examples
    --------
    >>> from kg.store import EmbeddedStore
    >>> network_stats(EmbeddedStore(":memory:")).blocs
    []
    """
    from kg.analysis.blocs import stance_blocs
    from kg.analysis.centrality import top_betweenness, top_degree
    from kg.analysis.graph import graph_from_store

    graph = graph_from_store(store, articles=False)
    return NetworkStats(degree=top_degree(graph, k), betweenness=top_betweenness(graph, k),
                        blocs=stance_blocs(graph))
