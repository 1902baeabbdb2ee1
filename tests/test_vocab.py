"""The DefinedNamespace in kg/rdf/vocab.py and ontology/kg.ttl agree, both ways."""

from __future__ import annotations

from rdflib import RDFS, Graph

from kg.config import ontology_file, shapes_file
from kg.rdf.vocab import KG


def _ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def _ontology_terms() -> set[str]:
    ns = str(KG._NS)
    return {str(s)[len(ns):] for s in _ontology().subjects() if str(s).startswith(ns) and str(s) != ns}


def _namespace_terms() -> set[str]:
    return set(KG.__annotations__)


def test_every_ontology_term_is_in_the_namespace():
    assert _ontology_terms() - _namespace_terms() == set()


def test_every_namespace_term_is_in_the_ontology():
    assert _namespace_terms() - _ontology_terms() == set()


def test_every_term_has_label_and_comment():
    g = _ontology()
    ns = str(KG._NS)
    missing = [
        str(s) for s in set(g.subjects())
        if str(s).startswith(ns) and (g.value(s, RDFS.label) is None or g.value(s, RDFS.comment) is None)
    ]
    assert missing == []


def test_unknown_term_is_refused():
    try:
        KG.NoSuchTerm  # noqa: B018
    except AttributeError:
        return
    raise AssertionError("KG accepted a term the ontology does not define")


def test_shapes_parse():
    assert len(Graph().parse(shapes_file(), format="turtle")) > 0
