"""The graph store: an embedded, persistent Oxigraph store behind an rdflib-result API.

One named graph per source (the ontology, each curated file, each article). Writes
go through pyoxigraph's own transactional calls (a single SPARQL update, or
``bulk_load`` for large files), never through rdflib's per-triple adds, and queries
run on Oxigraph's engine with parameters bound as substitutions, and come back as
rdflib ``Result`` objects (see :mod:`kg.rdf.terms`, which converts Oxigraph's terms
directly, faster than going through an rdflib store plugin).

May import :mod:`kg.store.base` and :mod:`kg.store.marker` (and :mod:`kg.errors`, the RDF
term conversion); the remote store is :mod:`kg.store.remote`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import quote, unquote

from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, QueryError, StoreCorruptError, StoreError, StoreLockedError
from kg.rdf.vocab import GRAPH
from kg.store.base import (
    NEW_GRAPH_MARKER_PREFIX,
    QUAD_FORMATS,
    STAGING_PREFIX,
    Store,
    checked_iri,
    exception_line,
    invalid_rdf,
    is_corruption,
    iter_rows,
    query_prefixes,
    rdf_format_for,
    replace_graphs_update,
)

if TYPE_CHECKING:
    import pyoxigraph


#: Attempts at a read-only open that races a writer's compaction (see :func:`_open_read_only`).
READ_ONLY_OPEN_ATTEMPTS = 5


def _open_read_only(path: str) -> pyoxigraph.Store:
    """``pyoxigraph.Store.read_only``, tried again when a writer's compaction removed a file it listed.

    A read-only open reads the list of table files, then opens them; a writer compacting
    meanwhile can delete one in between ("No such file or directory" from RocksDB). That
    is a race with a live writer, not damage: the next attempt reads the new list.
    """
    import time

    import pyoxigraph as ox

    for attempt in range(READ_ONLY_OPEN_ATTEMPTS):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            if "no such file" not in str(exc).lower() or attempt == READ_ONLY_OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _count_solution(answer: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples) -> int:
    """The number in the first row of a ``SELECT (COUNT(*) AS ?n)`` answer.

    pyoxigraph types ``Store.query`` for every query form; a SELECT's answer is ``QuerySolutions``.
    """
    return int(next(iter(cast("pyoxigraph.QuerySolutions", answer)))[0].value)


class EmbeddedStore(Store):
    """An Oxigraph store in a directory (or ``":memory:"``), answering with rdflib ``Result`` objects.

    Examples
    --------
    >>> import tempfile, os
    >>> from rdflib import Literal, Namespace
    >>> EX = Namespace("http://example.org/")
    >>> g = Graph(); _ = g.add((EX.a, EX.p, Literal("x")))
    >>> with EmbeddedStore(os.path.join(tempfile.mkdtemp(), "s")) as store:
    ...     store.replace_graphs({EX.g: g})
    ...     [str(r.o) for r in store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": EX.a})]
    ['x']
    """

    _ox: pyoxigraph.Store

    def __init__(self, path: str, *, read_only: bool = False, create: bool = True) -> None:
        import pyoxigraph as ox

        self.location = path
        self.read_only = read_only
        if path == ":memory:":
            self._ox = ox.Store()
            return
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise StoreError(f"{path}: store location is a file, not a directory")
        if not p.exists() and (read_only or not create):
            raise StoreError(f"{path}: no store here; run `kg build` first")
        if not p.exists():
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the store's folder: {exc.strerror or exc}") from exc
        if not read_only:
            ensure_store_or_empty(p)
        from kg.store.marker import ensure_not_served  # serve-read-only takes no lock: kg serve leaves a marker

        ensure_not_served(p)
        try:
            self._ox = _open_read_only(path) if read_only else ox.Store(path)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{path}: the store is in use by another process (is `kg serve` running? "
                    "then use --store http://127.0.0.1:7878 or stop it)"
                ) from exc
            raise StoreError(f"{path}: cannot open store: {exc}") from exc
        except RuntimeError as exc:  # RocksDB's "Corruption: ..." (a truncated .sst, MANIFEST or CURRENT)
            raise StoreCorruptError(path, exception_line(exc)) from exc
        if not read_only:
            remove_bulk_leftovers(p)
            self._drop_staging_leftovers()

    @classmethod
    def from_graph(cls, graph: Graph, name: URIRef = GRAPH["subgraph"]) -> EmbeddedStore:
        """An in-memory store holding ``graph`` as one named graph (e.g. a CONSTRUCT result)."""
        store = cls(":memory:")
        store.replace_graphs({name: graph})
        return store

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The underlying ``pyoxigraph.Store`` (for bulk paths and benchmarks)."""
        return self._ox

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        from kg.rdf.terms import result_from_ox

        answer = self._query(sparql, bindings)
        try:
            return result_from_ox(answer)  # reads the solutions: damage may show only now
        except RuntimeError as exc:
            if is_corruption(exc):
                raise StoreCorruptError(self.location, exception_line(exc)) from exc
            raise

    def construct(self, sparql: str) -> EmbeddedStore:
        """The triples of a CONSTRUCT (or DESCRIBE) query, held in a new in-memory store.

        Oxigraph to Oxigraph: the triples never become rdflib objects (about 1 KB each).

        Examples
        --------
        >>> sub = EmbeddedStore(":memory:").construct("CONSTRUCT WHERE { ?s ?p ?o }")
        >>> sub.count_triples()
        0
        >>> sub.construct("SELECT * WHERE { ?s ?p ?o }")
        Traceback (most recent call last):
        ...
        kg.errors.QueryError: expected a CONSTRUCT or DESCRIBE query, got SELECT
        """
        import pyoxigraph as ox

        answer = self._query(sparql)
        if not isinstance(answer, ox.QueryTriples):
            kind = "ASK" if isinstance(answer, ox.QueryBoolean) else "SELECT"
            raise QueryError(f"expected a CONSTRUCT or DESCRIBE query, got {kind}")
        subgraph = EmbeddedStore(":memory:")
        name = ox.NamedNode(str(GRAPH["subgraph"]))
        subgraph._ox.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in answer)
        return subgraph

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples:
        """pyoxigraph's answer to a query, with parameters bound and errors as ``KGError``."""
        if not isinstance(sparql, str):  # a prepared Query would fall back to rdflib's engine
            raise TypeError("queries must be SPARQL strings so that they run on Oxigraph")
        from kg.rdf.terms import substitutions

        try:
            return self._ox.query(sparql, use_default_graph_as_union=True, prefixes=query_prefixes(),
                                  substitutions=substitutions(bindings or {}))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exception_line(exc)}") from exc
        except RuntimeError as exc:  # e.g. a bound variable missing from the projection
            if is_corruption(exc):
                raise StoreCorruptError(self.location, exception_line(exc)) from exc
            raise QueryError(f"query failed: {exception_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {exception_line(exc)}") from exc

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only")
        if not sparql.strip():
            return
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exception_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: update failed: {exception_line(exc)}") from exc

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, clear_all: bool = False) -> None:
        from kg.store.pending import with_pending_mark

        marked = graphs if clear_all else with_pending_mark(self, graphs)  # clear_all drops the index too
        self.update(replace_graphs_update(marked, clear_all=clear_all))

    def load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        """Bulk-load one RDF file into ``graph`` (quad formats: into their own graphs).

        The graph changes only if the whole file loads; the number of triples loaded
        (-1 for quad formats).
        """
        from kg.store.pending import everything_pending

        with everything_pending(self):
            return self._load_file(path, graph)

    def _load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        import pyoxigraph as ox

        name = str(path)
        fmt = rdf_format_for(name)
        target = None if fmt in QUAD_FORMATS else ox.NamedNode(str(graph)) if graph else None
        if fmt not in QUAD_FORMATS and target is None:
            raise ValueError("a graph is needed for triple formats")
        if not os.path.isfile(name):
            raise InputError(name, "no such file")
        if target is not None and not self._ox.contains_named_graph(target):
            return self._load_new_graph(name, fmt, target)
        staging = ox.NamedNode(f"{STAGING_PREFIX}{os.getpid()}") if target is not None else None
        try:
            # Into a staging graph first, so that a syntax error or a crash leaves the
            # target graph as it was; staging leftovers are dropped when a store opens.
            self._ox.bulk_load(path=name, format=getattr(ox.RdfFormat, fmt), to_graph=staging)
        except SyntaxError as exc:
            if staging is not None:
                self._drop_staging_leftovers()
            raise invalid_rdf(name, fmt, exc) from exc
        except OSError as exc:
            remove_bulk_leftovers(Path(self.location))
            raise StoreError(f"{name}: load failed: {exception_line(exc)}") from exc
        if staging is None:
            self._ox.flush()
            return -1
        count = _count_solution(self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=staging))
        self.update(f"MOVE SILENT <{staging.value}> TO <{checked_iri(graph)}>")
        return count

    def _load_new_graph(self, name: str, fmt: str, target: pyoxigraph.NamedNode) -> int:
        """Bulk-load straight into a graph that does not exist yet.

        Staging and then MOVE would write every quad twice, the MOVE in one in-memory
        transaction (about 10x the time of the bulk load itself). Instead an empty marker
        graph names the new graph while it loads; if the load fails or the process dies
        half-way, the marker tells :meth:`_drop_staging_leftovers` to drop the half-loaded graph.
        """
        import pyoxigraph as ox

        marker = ox.NamedNode(f"{NEW_GRAPH_MARKER_PREFIX}{quote(target.value, safe='')}")
        self._ox.add_graph(marker)
        self._ox.flush()  # the marker must be on disk before any quad of the new graph
        try:
            self._ox.bulk_load(path=name, format=getattr(ox.RdfFormat, fmt), to_graph=target)
        except SyntaxError as exc:
            self._drop_staging_leftovers()
            raise invalid_rdf(name, fmt, exc) from exc
        except OSError as exc:
            remove_bulk_leftovers(Path(self.location))
            self._drop_staging_leftovers()
            raise StoreError(f"{name}: load failed: {exception_line(exc)}") from exc
        count = _count_solution(self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=target))
        self._ox.remove_graph(marker)
        self._ox.flush()
        return count

    def _drop_staging_leftovers(self) -> None:
        import pyoxigraph as ox

        leftovers = [g for g in self._ox.named_graphs() if getattr(g, "value", "").startswith(STAGING_PREFIX)]
        for g in leftovers:
            if g.value.startswith(NEW_GRAPH_MARKER_PREFIX):  # a new graph that did not finish loading
                half_loaded = ox.NamedNode(unquote(g.value.removeprefix(NEW_GRAPH_MARKER_PREFIX)))
                if self._ox.contains_named_graph(half_loaded):
                    self._ox.remove_graph(half_loaded)
            self._ox.remove_graph(g)

    def named_graphs(self) -> list[URIRef]:
        from kg.store.pending import is_derived

        return sorted(URIRef(g.value) for g in self._ox.named_graphs()
                      if hasattr(g, "value") and not is_derived(g.value))

    def __exit__(self, exc_type: object, exc: BaseException | None, *_tb: object) -> None:
        try:
            self.close()
        except StoreError:
            if exc is None:  # else the error already on its way is the one to report (often the same cause)
                raise

    def close(self) -> None:
        """Flush and release the store; a flush that fails (disk full) is a ``StoreError``.

        Every write was already committed to the store's log, so a failed flush loses nothing
        that was reported done; the store is released either way.
        """
        if getattr(self, "_ox", None) is not None:
            failed: OSError | None = None
            if not self.read_only and self.location != ":memory:":
                try:
                    self._ox.flush()
                except OSError as exc:
                    failed = exc
            del self._ox
            self._ox = None  # type: ignore[assignment]
            if failed is not None:
                raise StoreError(f"{self.location}: cannot write the store to disk: {exception_line(failed)} "
                                 "(is the disk full?)") from failed


#: Files RocksDB keeps in a store folder (and kg serve's marker): a folder holding anything else is not a store.
#: RocksDB writes CURRENT and OPTIONS through temporary files ("OPTIONS-000006.dbtmp") and renames them:
#: a second writer arriving while the first creates the store must see a store, not foreign files.
_STORE_FILES = re.compile(r"(CURRENT|IDENTITY|LOCK|LOG(\.old\..*)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob)"
                          r"|(OPTIONS-)?\d+\.dbtmp|bulk-\d+\.sst|kg-serve\.json)")


def ensure_store_or_empty(directory: Path) -> None:
    """Refuse to make a store in a folder that holds other files (a typo in ``--store`` would
    otherwise turn, say, a home folder into a store).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> ensure_store_or_empty(folder)
    >>> _ = (folder / "notes.txt").write_text("x")
    >>> try:
    ...     ensure_store_or_empty(folder)
    ... except StoreError as exc:
    ...     print(str(exc).split(": ", 1)[1][:51])
    the folder holds other files (notes.txt) and is not
    """
    if not directory.is_dir():
        return
    try:
        others = sorted(e.name for e in directory.iterdir() if not _STORE_FILES.fullmatch(e.name))
    except OSError as exc:
        raise StoreError(f"{directory}: cannot read the store's folder: {exc.strerror or exc}") from exc
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise StoreError(f"{directory}: the folder holds other files ({shown}) and is not a store; "
                         "give an empty or new folder, or an existing store")


def remove_bulk_leftovers(directory: Path) -> list[Path]:
    """Delete the ``bulk-*.sst`` files a failed bulk load left in a store folder; the files deleted.

    Oxigraph's bulk loader writes its tables as ``bulk-*.sst`` and hands them to RocksDB,
    which renames them into the store; a load that fails (disk full) leaves them behind,
    unreferenced. Only the writer, which holds the store's lock, calls this.
    """
    if str(directory) == ":memory:":
        return []
    removed = []
    for leftover in directory.glob("bulk-*.sst"):
        try:
            leftover.unlink()
        except OSError:
            continue
        removed.append(leftover)
    return removed


def construct_store(store: Store, sparql: str) -> EmbeddedStore:
    """The triples of a CONSTRUCT (or DESCRIBE) query on any store, in a new in-memory store.

    Raises
    ------
    QueryError
        A syntax error, or a query of another form (SELECT, ASK).
    """
    result = store.query(sparql)
    if result.type not in ("CONSTRUCT", "DESCRIBE") or result.graph is None:
        raise QueryError(f"expected a CONSTRUCT or DESCRIBE query, got {result.type}")
    return EmbeddedStore.from_graph(result.graph)


def string_rows(store: Store, sparql: str, bindings: Mapping[str, Node] | None = None,
                ) -> Iterator[dict[str, str | None]]:
    """SELECT rows as dicts of lexical forms (IRIs, literal values; None when unbound).

    The fast path for large answers: on an embedded store no rdflib term is built (about ten
    times cheaper per row); other stores give the same strings through :func:`iter_rows`.

    Examples
    --------
    >>> list(string_rows(EmbeddedStore(":memory:"), "SELECT ?x ?y WHERE { VALUES ?x { 1 } }"))
    [{'x': '1', 'y': None}]
    """
    if isinstance(store, EmbeddedStore):
        # pyoxigraph types an answer for every query form; a SELECT's is QuerySolutions.
        answer = cast("pyoxigraph.QuerySolutions", store._query(sparql, bindings))
        names = [v.value for v in answer.variables]
        for solution in answer:
            values = [solution[i] for i in range(len(names))]
            yield {n: None if t is None else t.value for n, t in zip(names, values, strict=True)}
        return
    for row in iter_rows(store.query(sparql, bindings)):
        yield {k: None if v is None else str(v) for k, v in row.items()}
