"""RDF terms and graphs: the vocabulary, minted IRIs, claims mapped to graphs, RDF files.

- :mod:`kg.rdf.vocab`: the ``KG`` and ``KGR`` namespaces, kept in sync with ``ontology/kg.ttl``;
- :mod:`kg.rdf.iris`: stable IRIs for countries, persons, organisations, articles, claims;
- :mod:`kg.rdf.terms`: terms and results between pyoxigraph and rdflib;
- :mod:`kg.rdf.mapping`: articles and claim records turned into named graphs;
- :mod:`kg.rdf.files`: RDF files parsed with errors that name the file and line.

These modules import rdflib, pyoxigraph, the records of :mod:`kg.claims` and
:mod:`kg.articles`, and nothing of the layers above (stores, extraction, answers). This
``__init__`` imports nothing, so that ``from kg.rdf.vocab import KG`` stays cheap.
"""
