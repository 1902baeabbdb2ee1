"""SHACL validation of the graph with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SH

from kg.config import ontology_file, shapes_file
from kg.rdf.files import parse_turtle_file
from kg.store import Store, select_rows


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path and the shape's message."""

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass
class ValidationReport:
    """The outcome of a validation run."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples_checked: int = 0


@lru_cache(maxsize=1)
def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return parse_turtle_file(shapes_file()), parse_turtle_file(ontology_file())


def validate_graph(data: Graph) -> ValidationReport:
    """Validate an rdflib graph against ``ontology/shapes.ttl``.

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from kg.rdf.vocab import KG
    >>> g = Graph(); _ = g.add((URIRef("http://example.org/s1"), RDF.type, KG.Stance))
    >>> report = validate_graph(g)
    >>> report.conforms, len(report.violations) > 0
    (False, True)
    """
    import pyshacl

    shapes, ontology = _shapes_and_ontology()
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        path = results.value(result, SH.resultPath)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if path is not None else None,
                message=str(results.value(result, SH.resultMessage) or "violates a shape"),
                severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples_checked=len(data))


def validate_store(store: Store) -> ValidationReport:
    """Validate every named graph of the store except the ontology's."""
    from kg.rdf.iris import ONTOLOGY_GRAPH

    data = Graph()
    for g, s, p, o in select_rows(store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")):
        if g != ONTOLOGY_GRAPH:
            data.add((s, p, o))
    return validate_graph(data)
