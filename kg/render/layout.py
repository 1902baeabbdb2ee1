"""Node positions computed in Python, so that the browser draws at once with physics off.

Measured on this project's 2-core machine, random graphs with twice as many edges as
nodes (``benchmarks/render.py`` measures the 5,000-node case end to end):

=========  ==================  ===============  ======================
nodes      igraph Kamada–Kawai igraph FR (grid) networkx spring_layout
=========  ==================  ===============  ======================
34         0.002 s             0.003 s          0.011 s
300        0.12 s              0.02 s           0.22 s
500        0.78 s              0.04 s           needs SciPy
5,000      —                   0.45 s           92 s
=========  ==================  ===============  ======================

Kamada–Kawai spreads a small graph around its hubs far more evenly than
Fruchterman–Reingold or networkx's spring layout (compare the seeds' graph), but is
quadratic; so small graphs get Kamada–Kawai followed by a pass that pushes apart
overlapping node-and-label boxes, and large graphs igraph's grid
Fruchterman–Reingold. networkx is not used: it is slower at every size.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

Engine = Literal["auto", "kamada-kawai", "fruchterman-reingold"]
Positions = dict[str, tuple[float, float]]
#: Width and height of the box a node and its label cover, and how far below the
#: node's centre that box's centre lies, in pixels at zoom 1.
Box = tuple[float, float, float]

#: Up to this many nodes ``auto`` uses Kamada–Kawai (0.12 s at 300 nodes, 0.78 s at 500).
KAMADA_KAWAI_MAX_NODES = 300
#: Up to this many nodes overlaps are removed (every pair is compared in each pass).
OVERLAP_MAX_NODES = 500
#: Fruchterman–Reingold iterations (igraph's default is 500): at 5,000 nodes 250 take
#: half the time (0.23 s of CPU instead of 0.46 s) for a layout that looks the same.
FR_ITERATIONS = 250
#: From this many nodes on, the few nodes far outside the bulk (isolated nodes, which
#: Fruchterman–Reingold flings away) are pulled in, so the first view is not mostly empty.
OUTLIER_MIN_NODES = 50
#: Average distance between neighbouring nodes, in pixels at zoom 1.
SPACING = 110.0


def layout_positions(graph: nx.Graph, *, engine: Engine = "auto", seed: int = 7,
                     edge_length: Callable[[dict], float] | None = None,
                     spacing: float = SPACING) -> Positions:
    """Positions for every node of ``graph``, in screen pixels.

    Edge directions are ignored; parallel edges count once. The same graph and seed
    give the same positions.

    Parameters
    ----------
    graph : networkx.Graph
        Any networkx graph (a ``MultiDiGraph`` from :func:`kg.analysis.graph.graph_from_store`).
    engine : {"auto", "kamada-kawai", "fruchterman-reingold"}
        ``auto``: Kamada–Kawai up to ``KAMADA_KAWAI_MAX_NODES`` nodes, else
        Fruchterman–Reingold (see the module docstring for the measurements).
    seed : int
        Seed of igraph's random numbers for this call.
    edge_length : callable, optional
        Edge attributes -> preferred length relative to 1 (Kamada–Kawai only); between
        two nodes joined by several edges the shortest wins.
    spacing : float
        Scale: the layout spans about ``spacing * sqrt(n)`` pixels each way.

    Returns
    -------
    dict
        Node -> (x, y), centred on the origin, y growing downwards as on screen.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = layout_positions(nx.path_graph(["a", "b", "c"]))
    >>> sorted(pos), len(set(pos.values()))
    (['a', 'b', 'c'], 3)
    >>> pos == layout_positions(nx.path_graph(["a", "b", "c"]))
    True
    """
    import igraph as ig

    nodes = list(graph.nodes)
    if len(nodes) <= 1:
        return {node: (0.0, 0.0) for node in nodes}
    if engine == "auto":
        engine = "kamada-kawai" if len(nodes) <= KAMADA_KAWAI_MAX_NODES else "fruchterman-reingold"
    if engine not in ("kamada-kawai", "fruchterman-reingold"):
        raise UsageError(f"unknown layout engine {engine!r}; expected auto, kamada-kawai or fruchterman-reingold")
    pairs = _simple_edges(graph, {node: i for i, node in enumerate(nodes)}, edge_length)
    g = ig.Graph(n=len(nodes), edges=list(pairs))
    # igraph draws its random numbers (initial positions, jitter in every step) from
    # Python's global ``random`` module unless told otherwise: give it a generator of
    # its own for this call, so the layout is the same from run to run, then put back
    # igraph's default.
    ig.set_random_number_generator(random.Random(seed))
    try:
        if engine == "kamada-kawai":
            layout = g.layout_kamada_kawai(weights=list(pairs.values()) if edge_length else None)
        else:
            layout = g.layout_fruchterman_reingold(grid=True, niter=FR_ITERATIONS)
    finally:
        ig.set_random_number_generator(random)
    return _fit([(float(x), float(y)) for x, y in layout.coords], nodes, spacing * math.sqrt(len(nodes)))


def remove_overlaps(positions: Positions, boxes: Mapping[str, Box], *, gap: float = 6.0,
                    iterations: int = 80) -> Positions:
    """Move nodes apart until the boxes of nodes and their labels no longer overlap.

    Each overlapping pair is pushed apart along the axis where it overlaps least, so
    the layout's shape is kept. Graphs above ``OVERLAP_MAX_NODES`` nodes are returned
    unchanged (the pass compares every pair).

    Parameters
    ----------
    positions : dict
        Node -> (x, y), as from :func:`layout_positions`.
    boxes : mapping
        Node -> (width, height, offset): the box a node and its label cover, its centre
        ``offset`` pixels below the node's.
    gap : float
        Minimum free space between two boxes.
    iterations : int
        At most this many passes.

    Examples
    --------
    >>> pos = remove_overlaps({"a": (0.0, 0.0), "b": (10.0, 0.0)}, {"a": (40, 20, 0), "b": (40, 20, 0)})
    >>> pos  # 40 x 20 boxes plus the gap of 6: apart along y, where they overlapped least
    {'a': (0.0, -13.0), 'b': (10.0, 13.0)}
    """
    import numpy as np

    nodes = list(positions)
    if len(nodes) < 2 or len(nodes) > OVERLAP_MAX_NODES:
        return dict(positions)
    xy = np.array([positions[n] for n in nodes], dtype=float)
    size = np.array([boxes[n][:2] for n in nodes], dtype=float) + gap
    offset = np.array([boxes[n][2] for n in nodes], dtype=float)
    centre = xy + np.column_stack([np.zeros(len(nodes)), offset])
    # Coincident centres get pushed by index order instead of not at all.
    tie = np.sign(np.arange(len(nodes))[:, None] - np.arange(len(nodes))[None, :]).astype(float)
    for _ in range(iterations):
        delta = centre[:, None, :] - centre[None, :, :]
        overlap = (size[:, None, :] + size[None, :, :]) / 2 - np.abs(delta)
        both = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(both, False)
        if not both.any():
            break
        along_x = overlap[..., 0] < overlap[..., 1]
        direction = np.where(delta != 0, np.sign(delta), tie[..., None])
        push = np.zeros_like(delta)
        push[..., 0] = np.where(both & along_x, direction[..., 0] * overlap[..., 0] / 2, 0)
        push[..., 1] = np.where(both & ~along_x, direction[..., 1] * overlap[..., 1] / 2, 0)
        centre += push.sum(axis=1)
    moved = centre - np.column_stack([np.zeros(len(nodes)), offset])
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(nodes, moved, strict=True)}


def _simple_edges(graph: nx.Graph, index: dict[str, int],
                  edge_length: Callable[[dict], float] | None) -> dict[tuple[int, int], float]:
    lengths: dict[tuple[int, int], float] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = (min(index[u], index[v]), max(index[u], index[v]))
        length = edge_length(data) if edge_length else 1.0
        lengths[pair] = min(length, lengths.get(pair, length))
    return dict(sorted(lengths.items()))


def _fit(raw: list[tuple[float, float]], nodes: list[str], size: float) -> Positions:
    import numpy as np

    xy = np.array(raw, dtype=float)
    if len(nodes) >= OUTLIER_MIN_NODES:
        low, high = np.percentile(xy, 1, axis=0), np.percentile(xy, 99, axis=0)
        margin = (high - low) * 0.05
        xy = np.clip(xy, low - margin, high + margin)
    low, high = xy.min(axis=0), xy.max(axis=0)
    extent = float((high - low).max()) or 1.0
    xy = (xy - (low + high) / 2) * (size / extent)
    # Rounded: positions are written into the page, and 0.1 px is below what anyone sees.
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, xy, strict=True)}
