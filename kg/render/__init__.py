"""Drawing the positions graph as an interactive, self-contained HTML page (pyvis / vis-network).

- :mod:`kg.render.style`: colours and shapes per node type and per claim polarity;
- :mod:`kg.render.layout`: node positions computed in Python (igraph or networkx);
- :mod:`kg.render.tooltips`: what each tooltip says, as plain text;
- :mod:`kg.render.network`: graph -> pyvis ``Network``;
- :mod:`kg.render.select`: the best-connected part of a large graph;
- :mod:`kg.render.page`: ``Network`` -> one offline HTML file;
- :mod:`kg.render.export`: the same graph as GraphML, GEXF or node-link JSON for other tools.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("p", type="country", label="Poland", iri="p")
>>> "Poland" in render_html(g)
True
"""

from kg.render.layout import layout_positions
from kg.render.network import to_pyvis
from kg.render.page import network_html, render_html, write_html
from kg.render.select import top_nodes

__all__ = ["layout_positions", "network_html", "render_html", "to_pyvis", "top_nodes", "write_html"]
