"""What the benchmarks measure, one function per workload, for our store and for the baseline.

Each function returns plain dicts (JSON-ready). ``benchmarks/run.py`` runs every
workload in its own process, so that peak memory is per workload and one slow query
cannot hold up the rest.

The baseline is rdflib's in-memory ``Graph()`` holding the same triples, queried with
the same SPARQL text and the same bindings through :class:`RdflibStore`, which offers
the :class:`kg.store.Store` interface over an rdflib graph.
"""

from __future__ import annotations

import re
import resource
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from kg.rdf.iris import country_iri
from kg.store import Store

#: A CONSTRUCT selecting one proposal's stances and what their edges show (see the file).
PROPOSAL_STANCES_RQ = resources.files(__package__).joinpath("proposal-stances.rq").read_text(encoding="utf-8")


class RdflibStore(Store):
    """The :class:`kg.store.Store` interface over an rdflib graph, queried by rdflib's own engine.

    Examples
    --------
    >>> from rdflib import Literal, Namespace
    >>> EX = Namespace("http://example.org/")
    >>> g = Graph(); _ = g.add((EX.a, EX.p, Literal("x")))
    >>> [str(r.o) for r in RdflibStore(g).query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": EX.a})]
    ['x']
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.location = ":rdflib:"
        self.read_only = True

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        return self.graph.query(sparql, initBindings=dict(bindings or {}))


@dataclass(frozen=True)
class AnswerQuery:
    """A query the benchmarks time: its text, bindings, and where the text came from."""

    key: str
    text: str
    bindings: dict[str, Node]
    source: str


def answer_queries(proposal: str, country: str) -> list[AnswerQuery]:
    """The "who opposes <proposal> and why" and "positions of <country>" queries.

    The named queries ``who-opposes`` and ``positions-by-country`` when the package has
    them. Until then: a country's positions are ``who-opposes`` with the country bound as
    actor and any polarity, and without ``who-opposes`` either, ``kg/analysis/stance-edges.rq``
    bound to the opposes polarity or to the country as actor.

    Parameters
    ----------
    proposal : str
        The proposal's key or label (e.g. ``reassurance force``), as a user gives it.
    country : str
        An ISO alpha-3 code.
    """
    from kg.queries import all_queries, bind_params

    raw_by_type = {"proposal": proposal, "country": country, "polarity": "opposes"}
    named = all_queries()
    out = []
    for key in ("who-opposes", "positions-by-country"):
        if key in named:
            query = named[key]
            raw = {name: raw_by_type[ptype] for name, ptype in query.params.items() if ptype in raw_by_type}
            out.append(AnswerQuery(key, query.text, bind_params(query, raw), f"kg/queries/{key}.rq"))
        elif key == "positions-by-country" and "actor" in getattr(named.get("who-opposes"), "params", {}):
            # A country's positions: the who-opposes query with the country as actor, any polarity.
            query = named["who-opposes"]
            raw = {name: raw_by_type[ptype] for name, ptype in query.params.items() if ptype == "proposal"}
            bindings = {**bind_params(query, raw), "actor": country_iri(country)}
            out.append(AnswerQuery(key, query.text, bindings, "kg/queries/who-opposes.rq with actor=<country>, "
                                   "any polarity (positions-by-country not written yet)"))
        else:
            out.append(_fallback(key, country))
    return out


def _fallback(key: str, country: str) -> AnswerQuery:
    from kg.analysis.graph import STANCE_EDGES_RQ
    from kg.rdf.vocab import KG

    if key == "who-opposes":
        return AnswerQuery(key, STANCE_EDGES_RQ, {"polarityFilter": KG.Opposes},
                           "kg/analysis/stance-edges.rq, polarityFilter=kg:Opposes (who-opposes not written yet)")
    return AnswerQuery(key, STANCE_EDGES_RQ, {"actor": country_iri(country)},
                       "kg/analysis/stance-edges.rq, actor=<country> (positions-by-country not written yet)")


def rdflib_variant(sparql: str) -> str:
    """The query with ``DISTINCT`` dropped inside ``GROUP_CONCAT``, which rdflib can run.

    rdflib 7 raises ``NotBoundError`` for ``GROUP_CONCAT(DISTINCT ?x)`` when an OPTIONAL
    leaves ``?x`` unbound in some row; without ``DISTINCT`` it skips such rows. The work
    is the same, so the variant stands in for the baseline when the query itself fails.

    Examples
    --------
    >>> rdflib_variant('(GROUP_CONCAT(DISTINCT ?r; SEPARATOR=",") AS ?rs)')
    '(GROUP_CONCAT(?r; SEPARATOR=",") AS ?rs)'
    """
    return re.sub(r"GROUP_CONCAT\(\s*DISTINCT\s+", "GROUP_CONCAT(", sparql, flags=re.I)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds ``fn()`` took, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, interpolating linearly between ranks.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5), percentile([5.0], 0.95)
    (2.5, 5.0)
    """
    ranked = sorted(values)
    position = (len(ranked) - 1) * q
    low = int(position)
    high = min(low + 1, len(ranked) - 1)
    return ranked[low] + (ranked[high] - ranked[low]) * (position - low)


def latency(fn: Callable[[], object], *, repeat: int, budget: float) -> dict:
    """Warm latency of ``fn``: one untimed warm-up run, then up to ``repeat`` timed runs within ``budget`` s.

    Returns
    -------
    dict
        ``p50_ms``, ``p95_ms``, ``runs`` and ``rows`` (``len`` of the last result).
    """
    warmup, result = timed(fn)
    times: list[float] = []
    spent = warmup
    while len(times) < repeat and (not times or spent < budget):
        seconds, result = timed(fn)
        times.append(seconds)
        spent += seconds
    return {"p50_ms": round(percentile(times, 0.5) * 1000, 3), "p95_ms": round(percentile(times, 0.95) * 1000, 3),
            "runs": len(times), "warmup_ms": round(warmup * 1000, 3), "rows": len(result)}  # type: ignore[arg-type]


def rows_of(store: Store, query: AnswerQuery) -> Callable[[], list]:
    """A function running ``query`` on ``store`` and fetching every row (what a caller pays)."""
    return lambda: list(store.query(query.text, query.bindings))


def export_subgraph(store: Store, *, construct: str = PROPOSAL_STANCES_RQ) -> dict:
    """Time :func:`kg.analysis.graph.graph_from_store` on one proposal's stances; nodes and edges."""
    from kg.analysis.graph import graph_from_store

    seconds, graph = timed(lambda: graph_from_store(store, construct=construct))
    return {"seconds": round(seconds, 4), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def export_subgraph_rdflib(graph: Graph, *, construct: str = PROPOSAL_STANCES_RQ) -> dict:
    """The same export with the CONSTRUCT (the part that grows with the store) run by rdflib.

    The edge queries of :mod:`kg.analysis.graph` then run on the small subgraph in Oxigraph, as
    ``graph_from_store(construct=...)`` does: rdflib cannot run them (``GROUP_CONCAT(DISTINCT ...)``
    over an unbound OPTIONAL variable raises ``NotBoundError``).
    """
    from kg.analysis.graph import graph_from_store
    from kg.store import EmbeddedStore

    def run():
        return graph_from_store(EmbeddedStore.from_graph(graph.query(construct).graph))

    seconds, nx_graph = timed(run)
    return {"seconds": round(seconds, 4), "nodes": nx_graph.number_of_nodes(), "edges": nx_graph.number_of_edges()}


def load_ours(path: Path, store_dir: Path, graph: str | None = None) -> dict:
    """``kg load``'s path: open an embedded store, :meth:`~kg.store.EmbeddedStore.load_file`, close."""
    from rdflib import URIRef

    from kg.store import EmbeddedStore

    def run():
        store = EmbeddedStore(str(store_dir))
        try:
            return store.load_file(path, URIRef(graph) if graph else None)
        finally:
            store.close()

    seconds, _count = timed(run)
    return {"seconds": round(seconds, 4)}


def load_bulk(path: Path, store_dir: Path, graph: str | None = None) -> dict:
    """pyoxigraph's own ``bulk_load`` of the same file into a new on-disk store."""
    import pyoxigraph as ox

    from kg.store import rdf_format_for

    def run():
        store = ox.Store(str(store_dir))
        store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, rdf_format_for(str(path))),
                        to_graph=ox.NamedNode(graph) if graph else None)
        store.flush()

    seconds, _ = timed(run)
    return {"seconds": round(seconds, 4)}


def load_rdflib(path: Path) -> tuple[dict, Graph]:
    """rdflib's N-Triples parser into an in-memory ``Graph()``."""
    graph = Graph()
    seconds, _ = timed(lambda: graph.parse(str(path), format="nt"))
    return {"seconds": round(seconds, 4), "triples": len(graph)}, graph
