"""An actor's position on a proposal, in the five classes an analyst reads a map by.

Each stance claim has a polarity (supports, conditional, opposes, neutral) and a scope:
``deployment`` (the force as such) or ``own_troops`` (the actor's own soldiers). Refusing
one's own troops while backing the force is not opposing it, so the classes are:

- ``supports``: only supporting claims;
- ``conditional``: support on conditions (and perhaps plain support);
- ``declines own troops``: refuses to send its own troops, without opposing the deployment;
- ``opposes the deployment``: opposes the force as such;
- ``mixed``: claims that disagree (opposes the deployment and supports it, or sends and
  refuses its own troops);
- ``neutral``: only neutral claims.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

SUPPORTS = "supports"
CONDITIONAL = "conditional"
DECLINES_OWN = "declines own troops"
OPPOSES_DEPLOYMENT = "opposes the deployment"
MIXED = "mixed"
NEUTRAL = "neutral"

#: The classes in legend order.
POSITIONS = (SUPPORTS, CONDITIONAL, DECLINES_OWN, OPPOSES_DEPLOYMENT, MIXED, NEUTRAL)


def classify(claims: Iterable[tuple[str, str | None]]) -> str | None:
    """The position class of a set of ``(polarity, scope)`` claims (None when there are none).

    Examples
    --------
    >>> classify([("supports", "deployment"), ("opposes", "own_troops")])
    'declines own troops'
    >>> classify([("opposes", "deployment")]), classify([("opposes", "deployment"), ("supports", "deployment")])
    ('opposes the deployment', 'mixed')
    >>> classify([("supports", "own_troops"), ("conditional", "deployment")]), classify([("neutral", None)])
    ('conditional', 'neutral')
    >>> classify([("supports", "own_troops"), ("opposes", "own_troops")]), classify([])
    ('mixed', None)
    """
    pairs = {(polarity, scope or "deployment") for polarity, scope in claims}
    if not pairs:
        return None
    polarities = {p for p, _ in pairs} - {"neutral"}
    if not polarities:
        return NEUTRAL
    backs = bool(polarities & {"supports", "conditional"})
    if ("opposes", "deployment") in pairs:
        return MIXED if backs else OPPOSES_DEPLOYMENT
    if ("opposes", "own_troops") in pairs:
        sends_own = any(p in ("supports", "conditional") and s == "own_troops" for p, s in pairs)
        return MIXED if sends_own else DECLINES_OWN
    return CONDITIONAL if "conditional" in polarities else SUPPORTS


def actor_positions(graph: nx.MultiDiGraph, proposal: str | None = None) -> dict[str, str]:
    """Each actor's position class on ``proposal`` (default: over every proposal's claims).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("POL", "p", key="a", kind="stance", polarity="supports", scope="deployment")
    >>> _ = g.add_edge("POL", "p", key="b", kind="stance", polarity="opposes", scope="own_troops")
    >>> _ = g.add_edge("RUS", "p", key="c", kind="stance", polarity="opposes", scope="deployment")
    >>> actor_positions(g)
    {'POL': 'declines own troops', 'RUS': 'opposes the deployment'}
    """
    claims: dict[str, list[tuple[str, str | None]]] = {}
    for actor, target, data in graph.edges(data=True):
        if data.get("kind") == "stance" and (proposal is None or target == proposal):
            claims.setdefault(actor, []).append((data.get("polarity"), data.get("scope")))
    # classify gives None only for no claims; every actor here has one
    return {actor: position for actor, found in sorted(claims.items()) if (position := classify(found)) is not None}
