"""Network analysis of positions with networkx: one module per concern.

- :mod:`kg.analysis.graph` builds a ``MultiDiGraph`` from a store (or a CONSTRUCT subgraph).
"""
