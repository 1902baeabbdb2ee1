"""Stance blocs: groups of countries that take the same positions.

Each country's position on each proposal is read from the stance edges of the positions
graph (:func:`kg.analysis.graph.graph_from_store`): its latest curated claim, else its
latest extracted one, as ``kg ask`` decides. Two countries agree on a proposal when they
take the same polarity (weight 1), and a little more when the scope is the same too
(weight 0.5). Refusing one's own troops is not opposing the deployment as such, so two
kinds of opposition do not agree at all (Poland, which sends none of its own troops, is
not in a bloc with Russia, which opposes the force). The blocs are the Louvain
communities of that weighted agreement graph, with a fixed seed; their shared positions
name the kind of opposition (``declines own troops``, ``opposes the deployment``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

SAME_POLARITY = 1.0
SAME_SCOPE = 0.5


@dataclass(frozen=True)
class Position:
    """A country's position on one proposal."""

    polarity: str
    scope: str | None
    date: str | None
    method: str | None


@dataclass(frozen=True)
class Bloc:
    """Countries that take the same positions, and the positions most of them share."""

    members: tuple[str, ...]
    labels: tuple[str, ...]
    positions: tuple[tuple[str, str], ...]


def country_positions(graph: nx.MultiDiGraph) -> dict[str, dict[str, Position]]:
    """Each country's position per proposal: ``{country: {proposal: Position}}``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("c", type="country", label="C"); g.add_node("p", type="proposal", label="P")
    >>> _ = g.add_edge("c", "p", key="s1", kind="stance", polarity="supports", scope=None,
    ...                date="2025-01-01", method="curated", confidence=1.0)
    >>> _ = g.add_edge("c", "p", key="s2", kind="stance", polarity="opposes", scope=None,
    ...                date="2025-02-01", method="extracted", confidence=0.8)
    >>> country_positions(g)["c"]["p"].polarity
    'supports'
    """
    claims: dict[tuple[str, str], list[tuple]] = {}
    for actor, proposal, key, data in graph.edges(keys=True, data=True):
        if data.get("kind") != "stance" or graph.nodes[actor].get("type") != "country":
            continue
        # The deciding claim: curated first, then the latest, the most confident, the smallest IRI.
        rank = (data.get("method") == "curated", data.get("date") or "", data.get("confidence") or 0.0,
                [-ord(c) for c in str(key)])
        claims.setdefault((actor, proposal), []).append((rank, data))
    out: dict[str, dict[str, Position]] = {}
    for (actor, proposal), found in sorted(claims.items()):
        _, data = max(found, key=lambda item: item[0])
        out.setdefault(actor, {})[proposal] = Position(data["polarity"], data.get("scope"), data.get("date"),
                                                       data.get("method"))
    return out


def agreement_graph(positions: dict[str, dict[str, Position]]) -> nx.Graph:
    """Countries linked by how many positions they share (see the module docstring for weights).

    Examples
    --------
    >>> p = {"a": {"x": Position("opposes", "own_troops", None, None)},
    ...      "b": {"x": Position("opposes", "deployment", None, None)},
    ...      "c": {"x": Position("supports", None, None, None)}}
    >>> p["d"] = {"x": Position("opposes", "own_troops", None, None)}
    >>> sorted(agreement_graph(p).edges(data="weight"))
    [('a', 'd', 1.5)]
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(positions))
    for a, b in combinations(sorted(positions), 2):
        weight = 0.0
        for proposal in sorted(set(positions[a]) & set(positions[b])):
            pa, pb = positions[a][proposal], positions[b][proposal]
            if pa.polarity == pb.polarity and (pa.polarity != "opposes" or pa.scope == pb.scope):
                weight += SAME_POLARITY + (SAME_SCOPE if pa.scope == pb.scope else 0.0)
        if weight > 0:
            graph.add_edge(a, b, weight=weight)
    return graph


def stance_blocs(graph: nx.MultiDiGraph, *, seed: int = 0) -> list[Bloc]:
    """The stance blocs of the countries in ``graph``, largest first.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("p", type="proposal", label="P")
    >>> for c, polarity in (("POL", "opposes"), ("GRC", "opposes"), ("FRA", "supports")):
    ...     g.add_node(c, type="country", label=c)
    ...     _ = g.add_edge(c, "p", key=c, kind="stance", polarity=polarity, scope="own_troops", method="curated")
    >>> [(b.labels, b.positions) for b in stance_blocs(g)]
    [(('GRC', 'POL'), (('P', 'declines own troops'),)), (('FRA',), (('P', 'supports'),))]
    """
    import networkx as nx

    positions = country_positions(graph)
    agreement = agreement_graph(positions)
    if agreement.number_of_nodes() == 0:
        return []
    communities = nx.community.louvain_communities(agreement, weight="weight", seed=seed)
    blocs = []
    for members in communities:
        ordered = sorted(members, key=lambda n: (str(graph.nodes[n].get("label", n)).casefold(), n))
        blocs.append(Bloc(tuple(ordered), tuple(str(graph.nodes[n].get("label", n)) for n in ordered),
                          _shared_positions(graph, [positions[n] for n in ordered])))
    blocs.sort(key=lambda b: (-len(b.members), b.labels))
    return blocs


def _shared_positions(graph: nx.MultiDiGraph, positions: list[dict[str, Position]]) -> tuple[tuple[str, str], ...]:
    """Per proposal, the position most members take (ties: alphabetical), as (proposal label, position):
    the polarity, or for opposition its kind (kg.analysis.positions)."""
    from kg.analysis.positions import classify

    shared = []
    for proposal in sorted({p for member in positions for p in member}):
        counts = Counter(classify([(m.polarity, m.scope)]) if m.polarity == "opposes" else m.polarity
                         for member in positions if proposal in member for m in [member[proposal]])
        polarity = min(counts, key=lambda pol: (-counts[pol], pol))
        assert polarity is not None  # classify gives None only for no claims
        shared.append((str(graph.nodes[proposal].get("label", proposal)), polarity))
    return tuple(shared)
