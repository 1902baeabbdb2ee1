"""What the position index has yet to catch up with: pending marks written beside the data.

The position index (:mod:`kg.ask.index`) is derived from the claims. A write cannot always
recompute it in the same transaction (a bulk load is not one transaction, and the index code
sits above the write paths), so every write path leaves a *pending mark* instead:

- every ``Store.replace_graphs`` (``kg ingest``, any caller of the store API) writes, in the same
  transaction as the graphs, a small graph naming the nodes the written and replaced graphs
  speak about (:func:`with_pending_mark`): all or nothing, like the graphs themselves;
  ``clear_all`` (``kg build``) drops the index with everything else;
- ``Store.load_file`` and ``Store.drop_graphs`` mark the whole index before they write, and take
  the mark back if the write fails (:func:`everything_pending`); ``kg query --update`` marks it in
  the same transaction as the update (:func:`marking_everything`).

:func:`kg.ask.index.catch_up` recomputes what is marked and drops the marks in one update;
answers read the index only while nothing is marked (else they are computed from the claims),
so a crash between a write and its catch-up costs speed, never correctness.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from kg.rdf.vocab import KG
>>> g = Graph(); _ = g.add((URIRef("x:s"), KG.actor, URIRef("x:pol")))
>>> _ = g.add((URIRef("x:s"), KG.speaker, Literal("not a node")))
>>> sorted(str(n) for n in touched_nodes(g))
['x:pol']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, cast

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from kg.rdf.vocab import GRAPH, KG

if TYPE_CHECKING:
    from kg.store.base import Store

#: Named graphs of pending marks start with this IRI.
PENDING_PREFIX = str(GRAPH["index/pending/"])
#: Named graphs of derived data (the index and its marks) start with this IRI.
DERIVED_PREFIX = str(GRAPH["index/"])
_STAGING_PREFIX = str(GRAPH["staging/"])
# What an article's graph says that position rows show: the actors and speakers of its stances,
# and descriptions (labels, classes, ISO codes of nodes; outlets and titles of source articles).
_STANCE_NODES_RQ = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT DISTINCT ?g ?node WHERE { GRAPH ?g { { ?s kg:actor ?node } UNION { ?s kg:speaker ?node } } }
"""
_DESCRIPTIONS_RQ = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?g ?node ?p ?value WHERE {
  VALUES ?p { rdfs:label rdf:type kg:isoAlpha3 kg:outlet dcterms:title }
  GRAPH ?g { ?node ?p ?value }
}
"""
_STATED_RQ = "SELECT ?node ?p ?value WHERE { ?node ?p ?value }"
_PENDING_RQ = """
PREFIX kg: <https://w3id.org/positions-kg/ns#>
SELECT ?mark ?node ?all WHERE { GRAPH ?mark {
  { ?mark kg:pendingNode ?node } UNION { ?mark kg:pendingAll ?all }
} }
"""


def touched_nodes(graph: Graph) -> set[URIRef]:
    """The stance actors and speakers of an in-memory graph."""
    return {o for p in (KG.actor, KG.speaker) for o in graph.objects(None, p) if isinstance(o, URIRef)}


def stored_nodes(store: Store, graph_iri: URIRef) -> set[URIRef]:
    """:func:`touched_nodes` of a named graph as the store holds it (empty when it has none)."""
    rows = _rows(store.query(_STANCE_NODES_RQ, {"g": graph_iri}))
    return {node for row in rows if isinstance(node := row.get("node"), URIRef)}


def redescribed_nodes(store: Store, graph_iri: URIRef, graph: Graph) -> set[URIRef]:
    """The nodes whose description (label, class, code, outlet, title) writing ``graph`` over the
    stored graph of that name may change: one it adds that the store does not state anywhere, or
    one of the stored graph it drops. Descriptions are restated by every article, so most are
    neither, and their nodes' positions need no recomputing."""
    described = {DCTERMS.title, KG.isoAlpha3, KG.outlet, RDF.type, RDFS.label}
    out: set[URIRef] = set()
    for node, p, value in graph:
        if (p in described and isinstance(node, URIRef) and node not in out
                and not list(store.query(_STATED_RQ, {"node": node, "p": p, "value": value}))):
            out.add(node)
    for row in _rows(store.query(_DESCRIPTIONS_RQ, {"g": graph_iri})):
        stated = (row.get("node"), row.get("p"), row.get("value"))
        if isinstance(stated[0], URIRef) and stated not in graph:
            out.add(stated[0])
    return out


def pending_graph(nodes: Iterable[URIRef]) -> tuple[URIRef, Graph]:
    """The pending mark naming ``nodes``: its graph IRI (from the nodes, so that writing the same
    graphs twice leaves one mark) and content."""
    from kg.rdf.iris import content_hash

    named = sorted(set(nodes))
    iri = URIRef(f"{PENDING_PREFIX}{content_hash(*named)}")
    graph = Graph()
    for node in named:
        graph.add((iri, KG.pendingNode, node))
    return iri, graph


def bears_on_claims(graphs: Iterable[object]) -> bool:
    """Whether writing these named graphs can change claims: any graph but the index's own
    (``graph/index/...``) and staging graphs.

    Examples
    --------
    >>> bears_on_claims([GRAPH["article/a"]]), bears_on_claims([GRAPH["index/positions"], GRAPH["staging/1"]])
    (True, False)
    """
    return any(not str(g).startswith((DERIVED_PREFIX, _STAGING_PREFIX)) for g in graphs)


def with_pending_mark(store: Store, graphs: Mapping[URIRef, Graph]) -> dict[URIRef, Graph]:
    """``graphs`` plus the pending mark of writing them over what ``store`` holds under their names
    (``graphs`` alone when they cannot change claims: :func:`bears_on_claims`)."""
    if not bears_on_claims(graphs):
        return dict(graphs)
    nodes: set[URIRef] = set()
    for iri, graph in graphs.items():
        nodes |= touched_nodes(graph) | stored_nodes(store, iri) | redescribed_nodes(store, iri, graph)
    if not nodes:  # graphs about no actor, speaker or labelled node bear on no position
        return dict(graphs)
    iri, mark = pending_graph(nodes)
    return {**graphs, iri: mark}


def mark_everything(store: Store) -> URIRef:
    """Mark the whole index pending (before a write whose effect on the claims is unknown); the mark's IRI."""
    iri = URIRef(f"{PENDING_PREFIX}all")
    graph = Graph()
    graph.add((iri, KG.pendingAll, Literal(True)))
    store.replace_graphs({iri: graph})
    return iri


def marking_everything(update: str) -> str:
    """``update`` followed by the mark of everything, so that both are one transaction (the mark
    uses full IRIs only, so the update's prologue does not matter).

    Examples
    --------
    >>> marking_everything("PREFIX ex: <http://example.org/> DELETE WHERE { ex:a ?p ?o } ;").splitlines()[0]
    'PREFIX ex: <http://example.org/> DELETE WHERE { ex:a ?p ?o } ;'
    """
    iri = f"{PENDING_PREFIX}all"
    body = update.rstrip().rstrip(";").rstrip()
    if not body:
        return update
    return f"{body} ;\nINSERT DATA {{ GRAPH <{iri}> {{ <{iri}> <{KG.pendingAll}> true }} }}"


def is_derived(graph: object) -> bool:
    """Whether a named graph holds derived data (the position index and its marks), not claims."""
    return str(graph).startswith(DERIVED_PREFIX)


def everything_pending_for(store: Store, graphs: Iterable[object]) -> AbstractContextManager[None]:
    """:func:`everything_pending` around a write of ``graphs`` that can change claims, else nothing."""
    return everything_pending(store) if bears_on_claims(graphs) else nullcontext()


@contextmanager
def everything_pending(store: Store) -> Iterator[None]:
    """Mark the whole index pending around a write; a write that fails takes its mark back
    (unless an earlier write had marked everything already)."""
    if pending(store)[1] is None:
        yield
        return
    iri = mark_everything(store)
    try:
        yield
    except BaseException:
        store.update(f"DROP SILENT GRAPH <{iri}>")  # the write left the claims as they were
        raise


def pending(store: Store) -> tuple[list[URIRef], set[URIRef] | None]:
    """The pending marks of ``store`` and the nodes they name (None: everything is pending)."""
    marks: set[URIRef] = set()
    nodes: set[URIRef] | None = set()
    for row in _rows(store.query(_PENDING_RQ)):
        marks.add(URIRef(str(row["mark"])))
        if isinstance(flag := row.get("all"), Literal) and flag.toPython() is True:
            nodes = None
        elif nodes is not None and row.get("node") is not None:
            nodes.add(URIRef(str(row["node"])))
    return sorted(marks), nodes


def _rows(result: Result) -> Iterator[Mapping[str, Node]]:
    """A SELECT's rows as ``{variable: term}`` (unbound variables absent), from any store."""
    for row in result:
        yield cast(ResultRow, row).asdict()
