"""Terms and query results between pyoxigraph and rdflib.

The embedded store runs SPARQL on pyoxigraph directly and hands rdflib ``Result``
objects to the rest of the package (the remote store parses server answers into the
same). oxrdflib's query path gives the same results but converts every cell anew and
imports rdflib's SPARQL engine (0.2 s of start-up) on first use; here, terms that
repeat within one result (the proposal, polarities, sources) are converted once.
Measured on the who-opposes query at 100k quads (361 rows): 69 ms through oxrdflib,
of which 19 ms in Oxigraph (``python benchmarks/run.py --quick`` times the whole path).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast, overload

from rdflib import XSD, BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier, Node

if TYPE_CHECKING:
    import pyoxigraph


_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """The pyoxigraph term for an rdflib IRI, blank node or literal.

    Examples
    --------
    >>> to_ox(Literal("ja", lang="lv"))
    <Literal value=ja language=lv>
    >>> to_ox(URIRef("http://example.org/a"))
    <NamedNode value=http://example.org/a>
    """
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        return ox.Literal(term, language=term.language,
                          datatype=ox.NamedNode(term.datatype) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_resource(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode:
    """:func:`to_ox` for a subject or graph name (an IRI or a blank node).

    rdflib types every position of a triple as ``Node``; pyoxigraph's ``Triple`` and ``Quad``
    take only IRIs and blank nodes here (and refuse a literal). Nothing is checked.
    """
    return cast("pyoxigraph.NamedNode | pyoxigraph.BlankNode", to_ox(term))


def to_ox_iri(term: Node) -> pyoxigraph.NamedNode:
    """:func:`to_ox` for a predicate (an IRI); see :func:`to_ox_resource`."""
    return cast("pyoxigraph.NamedNode", to_ox(term))


class TermConverter:
    """Converts pyoxigraph terms to rdflib terms, each distinct term once.

    Plain literals come back typed ``xsd:string``, as RDF 1.1 (and oxrdflib) has them, or,
    with ``plain_strings``, as rdflib's plain literals.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> convert = TermConverter()
    >>> convert(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))).toPython()
    7
    >>> convert(ox.NamedNode("http://example.org/a")) is convert(ox.NamedNode("http://example.org/a"))
    True
    """

    def __init__(self, *, plain_strings: bool = False) -> None:
        self._seen: dict[object, Identifier] = {}
        self._plain_strings = plain_strings

    @overload
    def __call__(self, term: None) -> None: ...
    @overload
    def __call__(self, term: pyoxigraph.NamedNode) -> URIRef: ...
    @overload
    def __call__(self, term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
                 | pyoxigraph.Triple) -> Identifier: ...
    @overload
    def __call__(self, term: object) -> Identifier | None: ...

    def __call__(self, term: object) -> Identifier | None:
        if term is None:
            return None
        known = self._seen.get(term)
        if known is None:
            known = self._seen[term] = self._convert(term)
        return known

    def _convert(self, term: object) -> Identifier:
        import pyoxigraph as ox

        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            if self._plain_strings and term.datatype.value == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=self(term.datatype))
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        raise TypeError(f"unexpected Oxigraph term: {term!r}")

    def triple(self, triple: pyoxigraph.Triple) -> tuple[Node, Node, Node]:
        """An rdflib triple from a pyoxigraph ``Triple`` (or ``Quad``: its graph is dropped)."""
        return self(triple.subject), self(triple.predicate), self(triple.object)


def substitutions(bindings: Mapping[str, Node]) -> dict:
    """pyoxigraph ``substitutions`` for a query from ``{variable name: rdflib term}``."""
    import pyoxigraph as ox

    return {ox.Variable(name): to_ox(value) for name, value in bindings.items()}


def result_from_ox(answer: object) -> Result:
    """An rdflib ``Result`` (SELECT rows, ASK boolean or CONSTRUCT graph) from a pyoxigraph answer.

    SELECT rows are converted as they are read.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    >>> [str(row.o) for row in result_from_ox(store.query("SELECT ?o WHERE { ?s ?p ?o }"))]
    ['o']
    >>> result_from_ox(store.query("ASK { ?s ?p 'o' }")).askAnswer
    True
    """
    import pyoxigraph as ox

    convert = TermConverter()
    if isinstance(answer, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(answer)
        return out
    if isinstance(answer, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in answer.variables]
        names = out.vars
        out.bindings = ({v: convert(value) for v, value in zip(names, row, strict=True) if value is not None}
                        for row in answer)
        return out
    if isinstance(answer, ox.QueryTriples):
        return construct_result(convert.triple(t) for t in answer)
    raise TypeError(f"unexpected query result: {answer!r}")


def construct_result(triples: Iterable[tuple[Node, Node, Node]]) -> Result:
    """A CONSTRUCT ``Result`` whose graph holds ``triples``."""
    out = Result("CONSTRUCT")
    out.graph = Graph()
    out.graph += triples
    return out
