"""Benchmarks of positions-kg against rdflib's in-memory graph; see ``benchmarks/README.md``."""
