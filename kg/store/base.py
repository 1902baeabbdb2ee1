"""What every store offers (:class:`Store`) and what the embedded and remote stores share.

The query prefixes, the staging-graph names of large loads, the one SPARQL update that
replaces named graphs, RDF file formats and the row helpers. May import :mod:`kg.errors`
and :mod:`kg.rdf.vocab` (and :mod:`kg.rdf.iris` for file graphs); never another ``kg.store`` module.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

from rdflib import Graph, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from kg.errors import InputError
from kg.rdf.vocab import GRAPH

if TYPE_CHECKING:
    from kg.store.embedded import EmbeddedStore


#: Prefix of staging graphs used while a large file loads; leftovers are dropped on open.
STAGING_PREFIX = str(GRAPH["staging/"])


#: Prefix of the empty marker graph naming a new graph while it loads (see ``load_file``).
NEW_GRAPH_MARKER_PREFIX = f"{STAGING_PREFIX}new/"


RDF_SUFFIX_FORMATS = {
    ".ttl": "TURTLE",
    ".turtle": "TURTLE",
    ".nt": "N_TRIPLES",
    ".ntriples": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".nquads": "N_QUADS",
    ".trig": "TRIG",
    ".jsonld": "JSON_LD",
    ".json": "JSON_LD",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
}


QUAD_FORMATS = {"N_QUADS", "TRIG"}


@functools.cache
def query_prefixes() -> dict[str, str]:
    """Prefixes every embedded query may use undeclared: rdflib's usual ones, ``kg:`` and ``id:``.

    Examples
    --------
    >>> query_prefixes()["kg"], query_prefixes()["rdfs"]
    ('https://w3id.org/positions-kg/ns#', 'http://www.w3.org/2000/01/rdf-schema#')
    """
    from kg.rdf.vocab import ID, KG

    return {**{prefix: str(ns) for prefix, ns in Graph().namespaces()}, "kg": str(KG), "id": str(ID)}


class Store:
    """What every store offers; see :class:`EmbeddedStore` and ``kg.store.remote.RemoteStore``."""

    location: str
    read_only: bool

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a SPARQL query; ``bindings`` values are bound, never formatted into the text."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""
        raise NotImplementedError

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, clear_all: bool = False) -> None:
        """Replace each named graph by the given content, all or nothing.

        With ``clear_all`` every other graph is dropped in the same transaction.
        """
        raise NotImplementedError

    def load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        """Bulk-load an RDF file; triple formats go into ``graph``. Returns the quads loaded."""
        raise NotImplementedError

    def construct(self, sparql: str) -> EmbeddedStore:
        """The triples of a CONSTRUCT (or DESCRIBE) query, held in a new in-memory store.

        Raises
        ------
        QueryError
            A syntax error, or a query of another form (SELECT, ASK).
        """
        raise NotImplementedError

    def drop_graphs(self, graphs: list[URIRef]) -> None:
        """Drop the named graphs (silently when missing), in one transaction."""
        from kg.store.pending import everything_pending_for

        with everything_pending_for(self, graphs):  # the position index is recomputed after it
            self.update(" ".join(f"DROP SILENT GRAPH <{checked_iri(g)}> ;" for g in graphs).rstrip(" ;") or "")

    def named_graphs(self) -> list[URIRef]:
        """The named graphs of data in the store, sorted (not the position index's: :mod:`kg.store.pending`)."""
        from kg.store.pending import is_derived

        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(cast(URIRef, row[0]) for row in select_rows(rows) if not is_derived(row[0]))

    def count_triples(self) -> int:
        """Number of quads in the named graphs of data (a COUNT query: avoid on hot paths)."""
        from kg.store.pending import DERIVED_PREFIX

        query = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                 f'FILTER(!STRSTARTS(STR(?g), "{DERIVED_PREFIX}")) }}')
        rows = list(select_rows(self.query(query)))
        return int(rows[0][0])

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None, /) -> None:
        self.close()


def replace_graphs_update(graphs: Mapping[URIRef, Graph], *, clear_all: bool = False) -> str:
    """One SPARQL update that replaces each named graph by its new content.

    Examples
    --------
    >>> from rdflib import Namespace, Literal
    >>> EX = Namespace("http://example.org/")
    >>> g = Graph(); _ = g.add((EX.a, EX.p, Literal("x")))
    >>> print(replace_graphs_update({EX.g: g}))
    DROP SILENT GRAPH <http://example.org/g> ;
    INSERT DATA { GRAPH <http://example.org/g> {
    <http://example.org/a> <http://example.org/p> "x" .
    } }
    """
    parts = ["CLEAR SILENT ALL ;"] if clear_all else []
    inserts = []
    for iri, graph in graphs.items():
        name = checked_iri(iri)
        if not clear_all:
            parts.append(f"DROP SILENT GRAPH <{name}> ;")
        body = graph.serialize(format="nt").strip()
        if body:
            inserts.append(f"GRAPH <{name}> {{\n{body}\n}}")
    if inserts:
        parts.append("INSERT DATA { " + "\n".join(inserts) + " }")
    return "\n".join(parts).rstrip(" ;")


def rdf_format_for(path: str) -> str:
    """The pyoxigraph ``RdfFormat`` name for a file, from its suffix.

    Examples
    --------
    >>> rdf_format_for("data.nq")
    'N_QUADS'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_SUFFIX_FORMATS:
        known = ", ".join(sorted(RDF_SUFFIX_FORMATS))
        raise InputError(path, f"unknown RDF file type {suffix or '(none)'!r}; expected one of {known}")
    return RDF_SUFFIX_FORMATS[suffix]


def checked_iri(iri: object) -> str:
    text = str(iri)
    if any(c in text for c in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not a safe IRI: {text!r}")
    return text


def is_corruption(exc: BaseException) -> bool:
    """True for RocksDB's report of damaged store files (pyoxigraph raises them as ``RuntimeError``).

    Examples
    --------
    >>> is_corruption(RuntimeError("Corruption: block checksum mismatch")), is_corruption(RuntimeError("x"))
    (True, False)
    """
    return isinstance(exc, RuntimeError) and exception_line(exc).startswith("Corruption")


def exception_line(exc: BaseException) -> str:
    text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return " ".join(text.split())


def check_rdf_file(path: str | os.PathLike[str]) -> None:
    """Parse an RDF file without storing it; raise ``InputError`` (with the line) if it is not valid.

    Examples
    --------
    >>> import tempfile
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".nt", delete=False)
    >>> _ = f.write("<http://x/a> <http://x/p> <http://x/b> .\\n<http://x/a> ."); f.close()
    >>> try:
    ...     check_rdf_file(f.name)
    ... except InputError as e:
    ...     print(e.line)
    2
    """
    import pyoxigraph as ox

    name = str(path)
    fmt = rdf_format_for(name)
    if not os.path.isfile(name):
        raise InputError(name, "no such file")
    try:
        for _ in ox.parse(path=name, format=getattr(ox.RdfFormat, fmt)):
            pass
    except SyntaxError as exc:
        raise invalid_rdf(name, fmt, exc) from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc


def load_files(store: Store, paths: Sequence[Path]) -> Iterator[tuple[Path, int]]:
    """Load RDF files, each into the named graph of its file name; yield each file and its count.

    A syntax error in any file stops the load before anything is written: each file
    after the first is parsed once before the first is loaded (a single file needs no
    such pass, its load being all or nothing).
    """
    from kg.rdf.iris import file_graph
    for path in paths[1:]:
        check_rdf_file(path)
    for path in paths:
        yield path, store.load_file(path, file_graph(path.stem))


def invalid_rdf(name: str, fmt: str, exc: SyntaxError) -> InputError:
    """The error for a file ``name`` that does not parse as ``fmt`` (e.g. ``"N_TRIPLES"``), with its line.

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> try:
    ...     list(ox.parse(b"<http://x/a> <http://x/p> .", format=ox.RdfFormat.TURTLE))
    ... except SyntaxError as exc:
    ...     error = invalid_rdf("a.ttl", "TURTLE", exc)
    >>> str(error).startswith("a.ttl:1: not valid Turtle:"), error.line
    (True, 1)
    """
    return InputError(name, f"not valid {fmt.replace('_', '-').title()}: {exception_line(exc)}", line=_syntax_line(exc))


def _syntax_line(exc: SyntaxError) -> int | None:
    if exc.lineno:
        return exc.lineno
    if len(exc.args) > 1 and isinstance(exc.args[1], tuple) and len(exc.args[1]) > 1:
        return exc.args[1][1]
    return None


def select_rows(result: Result) -> Iterator[ResultRow]:
    """The rows of a SELECT ``Result``, typed as rows.

    rdflib types ``Result.__iter__`` for every query form (``ResultRow | tuple | bool``); a
    SELECT result yields only ``ResultRow``. The same iteration, nothing is checked or copied.

    Examples
    --------
    >>> from rdflib import Literal, Variable
    >>> r = Result("SELECT"); r.vars = [Variable("x")]; r.bindings = [{Variable("x"): Literal(1)}]
    >>> [row.x for row in select_rows(r)]
    [rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))]
    """
    return cast(Iterator[ResultRow], iter(result))


def iter_rows(result: Result) -> Iterator[dict[str, Node | None]]:
    """SELECT rows as dicts keyed by variable name."""
    names = [str(v) for v in result.vars or []]
    for row in select_rows(result):
        yield dict(zip(names, row, strict=True))


