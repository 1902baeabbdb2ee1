"""How each kind of node and edge looks: one table, read by the page and by its legend.

Colours are the Okabe–Ito palette, which stays distinguishable under the common
forms of colour blindness; shapes tell node types apart without colour at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The look of one node type.

    Attributes
    ----------
    name : str
        The node ``type`` in :func:`kg.analysis.graph.graph_from_store` graphs.
    label : str
        What the legend calls it.
    shape : str
        A vis-network shape whose label is drawn outside the node.
    color : str
        Fill colour.
    border : str
        Border colour.
    size : int
        Radius in pixels at zoom 1.
    """

    name: str
    label: str
    shape: str
    color: str
    border: str
    size: int

    def vis_group(self) -> dict:
        """The vis-network ``groups`` entry for this type.

        Examples
        --------
        >>> NODE_STYLES["person"].vis_group()["shape"]
        'dot'
        """
        return {
            "shape": self.shape,
            "size": self.size,
            "color": {
                "background": self.color,
                "border": self.border,
                "highlight": {"background": self.color, "border": "#000000"},
                "hover": {"background": self.color, "border": "#000000"},
            },
            "borderWidth": 1.5,
        }


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one kind of edge (a stance polarity, a role, an article's report).

    Attributes
    ----------
    name : str
        The polarity for stance edges, else the edge ``kind`` (``role``, ``reports``).
    label : str
        What the legend calls it.
    color : str
        Line colour.
    width : float
        Line width in pixels at zoom 1.
    dashes : tuple of int
        Dash pattern (dash, gap, ...); empty for a solid line.
    arrow : bool
        Whether the edge ends in an arrow.
    """

    name: str
    label: str
    color: str
    width: float
    dashes: tuple[int, ...] = ()
    arrow: bool = True

    def vis_options(self, *, dashed: bool = True) -> dict:
        """The vis-network options of one edge of this kind, as few as will do.

        Every edge carries these (vis has no edge groups), so they are kept short: a
        colour string (vis derives the highlight and hover colours from it), dashes only
        when dashed, and arrows only to turn off the global ``arrows: "to"``.

        Parameters
        ----------
        dashed : bool
            Draw dashed kinds dashed. Dashes are slow to draw in Chromium (a third of
            the page's CPU time at 10,000 edges), so large graphs go without.

        Examples
        --------
        >>> EDGE_STYLES["reports"].vis_options()
        {'color': '#B5B5B5', 'width': 1.0, 'dashes': [2, 4], 'arrows': ''}
        >>> EDGE_STYLES["supports"].vis_options()
        {'color': '#009E73', 'width': 2.5}
        """
        options: dict = {"color": self.color, "width": self.width}
        if self.dashes and dashed:
            options["dashes"] = list(self.dashes)
        if not self.arrow:
            options["arrows"] = ""
        return options


#: Node styles by node type, in legend order.
NODE_STYLES: dict[str, NodeStyle] = {
    s.name: s
    for s in (
        # Actors are filled with the colour of their position on the proposal (POSITION_COLORS);
        # white is an actor that takes none, so the type shows by shape alone.
        NodeStyle("person", "Person", "dot", "#FFFFFF", "#004B75", 12),
        NodeStyle("country", "Country", "square", "#FFFFFF", "#1F6E9C", 12),
        NodeStyle("organization", "Organisation", "triangle", "#FFFFFF", "#8A3F6B", 13),
        NodeStyle("proposal", "Proposal", "star", "#F0E442", "#6B6400", 22),
        NodeStyle("article", "Article", "hexagon", "#D9D9D9", "#7A7A7A", 9),
    )
}
#: For node types the table does not know (``entity`` when the store lacks a type).
FALLBACK_NODE_STYLE = NodeStyle("entity", "Other", "dot", "#FFFFFF", "#555555", 10)

#: Edge styles: stance polarities first, then the other edge kinds, in legend order.
EDGE_STYLES: dict[str, EdgeStyle] = {
    s.name: s
    for s in (
        EdgeStyle("supports", "Supports", "#009E73", 2.5),
        EdgeStyle("opposes", "Opposes", "#D55E00", 2.5),
        EdgeStyle("conditional", "Conditional support", "#E69F00", 2.5),
        EdgeStyle("neutral", "Neutral", "#7F7F7F", 2.0),
        EdgeStyle("role", "Holds a post in", "#6A7FA8", 1.5, (5, 3)),
        EdgeStyle("reports", "Article reports on", "#B5B5B5", 1.0, (2, 4), arrow=False),
    )
}
FALLBACK_EDGE_STYLE = EdgeStyle("other", "Other", "#555555", 1.0)


#: Preferred edge lengths for the layout, relative to a role edge: an article links to
#: many actors, and pulled as hard as a claim it would drag them all into a knot.
LAYOUT_LENGTHS: dict[str, float] = {"role": 1.0, "stance": 1.2, "reports": 2.0}


def layout_length(data: dict) -> float:
    """The preferred layout length of an edge, from its kind (see ``LAYOUT_LENGTHS``).

    Examples
    --------
    >>> layout_length({"kind": "reports"}), layout_length({})
    (2.0, 1.0)
    """
    return LAYOUT_LENGTHS.get(data.get("kind") or "", 1.0)


def node_style(node_type: str | None) -> NodeStyle:
    """The style for a node type, falling back to a neutral one.

    Examples
    --------
    >>> node_style("country").shape, node_style("party").name
    ('square', 'entity')
    """
    return NODE_STYLES.get(node_type or "", FALLBACK_NODE_STYLE)


def edge_category(data: dict) -> str:
    """The legend category of an edge: its polarity for stances, else its kind; ``other`` if unknown.

    Examples
    --------
    >>> edge_category({"kind": "stance", "polarity": "opposes"}), edge_category({"kind": "role"})
    ('opposes', 'role')
    >>> edge_category({"kind": "stance"}), edge_category({"kind": "cites"})
    ('other', 'other')
    """
    name = data.get("polarity") if data.get("kind") == "stance" else data.get("kind")
    return name if name in EDGE_STYLES else FALLBACK_EDGE_STYLE.name


def edge_style(data: dict) -> EdgeStyle:
    """The style for an edge's attributes (see :func:`edge_category`).

    Examples
    --------
    >>> edge_style({"kind": "stance", "polarity": "supports"}).color
    '#009E73'
    """
    return EDGE_STYLES.get(edge_category(data), FALLBACK_EDGE_STYLE)


#: Node colours by the actor's position on the proposal (kg.analysis.positions), in legend order.
POSITION_COLORS: dict[str, str] = {
    "supports": "#009E73",
    "conditional": "#E69F00",
    "declines own troops": "#CC79A7",
    "opposes the deployment": "#D55E00",
    "mixed": "#0072B2",
    "neutral": "#9E9E9E",
}


def rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as integers.

    Examples
    --------
    >>> rgb("#D55E00")
    (213, 94, 0)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


#: Line style of a stance edge by scope: solid for the deployment as such, dashed for the
#: actor's own troops (what the page's legend shows under "Scope").
SCOPE_DASHES: dict[str, tuple[int, ...]] = {"deployment": (), "own_troops": (10, 6)}
SCOPE_LABELS: dict[str, str] = {"deployment": "the deployment as such", "own_troops": "sending its own troops"}
#: Extra width per doubling of the claims merged into one drawn edge, and the widest edge.
WIDTH_PER_DOUBLING = 1.5
MAX_EDGE_WIDTH = 10.0


def claims_width(base: float, count: int) -> float:
    """Line width of an edge merging ``count`` claims.

    Examples
    --------
    >>> claims_width(2.5, 1), claims_width(2.5, 4), claims_width(2.5, 10_000)
    (2.5, 5.5, 10.0)
    """
    import math

    return round(min(MAX_EDGE_WIDTH, base + WIDTH_PER_DOUBLING * math.log2(max(1, count))), 2)
