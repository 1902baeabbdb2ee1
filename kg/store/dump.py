"""Writing the store out as RDF (Turtle, N-Quads, TriG, JSON-LD)."""

from __future__ import annotations

from typing import BinaryIO

from kg.errors import UsageError
from kg.store import EmbeddedStore, Store
from kg.store.base import select_rows

RDF_EXPORT_FORMATS = {"ttl": "TURTLE", "nq": "N_QUADS", "trig": "TRIG", "jsonld": "JSON_LD"}
PREFIXES = {
    "kg": "https://w3id.org/positions-kg/ns#",
    "id": "https://w3id.org/positions-kg/id/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def export_rdf(store: Store, fmt: str, out: BinaryIO) -> None:
    """Serialise the whole store to ``out``.

    ``ttl`` writes the union of the named graphs (graph names are lost), ``nq`` and ``trig``
    keep every quad with its graph, ``jsonld`` writes the union compacted with a ``@context``
    for the ``kg:`` vocabulary and the other prefixes (any JSON-LD reader, even one without
    named graphs, reads every triple).

    Raises
    ------
    UsageError
        Unknown format.
    """
    import pyoxigraph as ox

    if fmt not in RDF_EXPORT_FORMATS:
        raise UsageError(f"unknown RDF export format {fmt!r}; expected one of {', '.join(RDF_EXPORT_FORMATS)}")
    rdf_format = getattr(ox.RdfFormat, RDF_EXPORT_FORMATS[fmt])
    quads = _quads(store)
    if fmt == "ttl":
        ox.serialize(_union(quads), out, format=rdf_format, prefixes=PREFIXES)
    elif fmt == "jsonld":
        out.write(compact_jsonld(_union(quads)))
    elif fmt == "trig":
        ox.serialize(quads, out, format=rdf_format, prefixes=PREFIXES)
    else:
        ox.serialize(quads, out, format=rdf_format)


def compact_jsonld(triples: list) -> bytes:
    """Oxigraph triples as compacted JSON-LD with ``PREFIXES`` as its ``@context``.

    Examples
    --------
    >>> import json, pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode(PREFIXES["id"] + "x"), ox.NamedNode(PREFIXES["kg"] + "polarity"),
    ...               ox.Literal("opposes"))
    >>> doc = json.loads(compact_jsonld([t]))
    >>> doc["@context"]["kg"], doc["@id"], doc["kg:polarity"]
    ('https://w3id.org/positions-kg/ns#', 'id:x', 'opposes')
    """
    import json

    import pyoxigraph as ox
    from rdflib import Graph

    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    doc = json.loads(graph.serialize(format="json-ld", context=dict(PREFIXES)))
    if isinstance(doc.get("@graph"), list):  # one node order whatever order the store gave the triples in
        doc["@graph"].sort(key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False))
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")


def _union(quads: list) -> list:
    """The distinct triples of ``quads``, in first-seen order."""
    import pyoxigraph as ox

    seen = set()
    triples = []
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        if t not in seen:
            seen.add(t)
            triples.append(t)
    return triples


def _quads(store: Store) -> list:
    import pyoxigraph as ox

    if isinstance(store, EmbeddedStore):
        quads = list(store.oxigraph.quads_for_pattern(None, None, None, None))
    else:
        from kg.rdf.terms import to_ox, to_ox_iri, to_ox_resource

        rows = select_rows(store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
        quads = [ox.Quad(to_ox_resource(s), to_ox_iri(p), to_ox(o), to_ox_resource(g)) for s, p, o, g in rows]
    # One order whatever the engine (a server's answer order is its own): N-Quads text order.
    return sorted(quads, key=str)
