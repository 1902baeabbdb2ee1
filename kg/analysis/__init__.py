"""Network analysis of positions with networkx: one module per concern.

- :mod:`kg.analysis.graph` builds a ``MultiDiGraph`` from a store (or a CONSTRUCT subgraph);
- :mod:`kg.analysis.positions` the positions graph (actor -> proposal, one edge per polarity and scope);
- :mod:`kg.analysis.blocs` and :mod:`kg.analysis.centrality`: stance blocs, central actors;
- :mod:`kg.analysis.stats`: the counts and network figures ``kg stats`` prints.

Functions take a graph (or a store) and return a result, as networkx's do. May import
stores, queries and RDF terms; nothing of answers, rendering or the CLI.
"""
