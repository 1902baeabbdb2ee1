"""One drawn edge per actor, proposal, polarity and scope, however many claims say it.

The positions graph has one edge per claim: five sources quoting Poland's refusal are five
parallel lines into the proposal. The page draws them as one edge whose width grows with
the number of claims and whose tooltip lists them; the scope (the deployment as such, or
the actor's own troops) stays apart, because the page draws it as the line style. Role
edges are merged per person and post holder, report edges per article and actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


def edge_group(u: str, v: str, data: dict) -> tuple:
    """What claims share a drawn edge: the two nodes, the kind and, for a stance, polarity and scope.

    Examples
    --------
    >>> edge_group("POL", "p", {"kind": "stance", "polarity": "opposes", "scope": "own_troops", "date": "x"})
    ('POL', 'p', 'stance', 'opposes', 'own_troops')
    >>> edge_group("a", "b", {"kind": "role", "role": "Prime Minister"})
    ('a', 'b', 'role', None, None)
    """
    kind = data.get("kind")
    if kind == "stance":
        return u, v, kind, data.get("polarity"), data.get("scope")
    return u, v, kind, None, None


def aggregate_claims(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with one edge per :func:`edge_group`.

    Each edge keeps the attributes of its latest claim and adds ``count`` (claims merged),
    ``claims`` (their attribute dicts, oldest first) and ``sources`` (their articles).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for key, date, scope in (("a", "2025-01-01", "own_troops"), ("b", "2025-02-01", "own_troops"),
    ...                          ("c", "2025-03-01", "deployment")):
    ...     _ = g.add_edge("POL", "p", key=key, kind="stance", polarity="opposes", scope=scope, date=date,
    ...                    source=f"art-{key}")
    >>> out = aggregate_claims(g)
    >>> sorted((d["scope"], d["count"], d["sources"]) for _, _, d in out.edges(data=True))
    [('deployment', 1, ['art-c']), ('own_troops', 2, ['art-a', 'art-b'])]
    >>> again = aggregate_claims(out)
    >>> sorted(again.edges(keys=True, data="count")) == sorted(out.edges(keys=True, data="count"))
    True
    """
    import networkx as nx

    groups: dict[tuple, list[tuple[str, dict]]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        groups.setdefault(edge_group(u, v, data), []).append((str(key), data))
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for group, members in groups.items():
        # an edge merged before stands for its claims (so merging twice changes nothing)
        claims = [(key, claim) for key, data in members for claim in data.get("claims") or [data]]
        claims.sort(key=lambda item: (item[1].get("date") or "", item[0]))
        latest = {k: v for k, v in claims[-1][1].items() if k not in ("count", "claims", "sources")}
        key = members[0][0] if len(members) == 1 else "|".join(str(part) for part in group)
        out.add_edge(group[0], group[1], key=key, **{
            **latest,
            "count": len(claims),
            "claims": [data for _, data in claims],
            "sources": sorted({str(d["source"]) for _, d in claims if d.get("source")}),
        })
    return out
