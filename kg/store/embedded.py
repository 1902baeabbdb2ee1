"""The graph store: an embedded, persistent Oxigraph store behind an rdflib-result API.

One named graph per source (the ontology, each curated file, each article). Writes
go through pyoxigraph's own transactional calls (a single SPARQL update, or
``bulk_load`` for large files), never through rdflib's per-triple adds, and queries
run on Oxigraph's engine with parameters bound as substitutions, and come back as
rdflib ``Result`` objects (see :mod:`kg.oxterms`). ``EmbeddedStore.dataset`` gives
an rdflib ``Dataset`` view through oxrdflib for code that wants rdflib's Graph API.

A remote SPARQL 1.1 endpoint is chosen by giving an ``http(s)://`` location.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import InputError, QueryError, StoreCorruptError, StoreError, StoreLockedError
from kg.vocab import GRAPH

if TYPE_CHECKING:
    import pyoxigraph

DEFAULT_STORE = ".kg/store"
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
    from kg.vocab import ID, KG

    return {**{prefix: str(ns) for prefix, ns in Graph().namespaces()}, "kg": str(KG), "id": str(ID)}


def store_location(location: str | None = None) -> str:
    """The store to use: ``location``, else ``$KG_STORE``, else ``./.kg/store``.

    Examples
    --------
    >>> store_location("/tmp/s")
    '/tmp/s'
    """
    return location or os.environ.get("KG_STORE") or DEFAULT_STORE


def is_remote(location: str) -> bool:
    """True when ``location`` names a SPARQL endpoint rather than a directory.

    Examples
    --------
    >>> is_remote("http://127.0.0.1:7878"), is_remote(".kg/store")
    (True, False)
    """
    return location.startswith(("http://", "https://"))


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


def open_store(location: str | None = None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open the store at ``location`` (see :func:`store_location`).

    Parameters
    ----------
    location : str, optional
        A directory for the embedded store, or an ``http(s)://`` SPARQL endpoint.
    read_only : bool
        Open without taking the write lock's intent (embedded: Oxigraph's read-only mode).
    create : bool
        Create the directory when missing (ignored for read-only and remote stores).

    Raises
    ------
    StoreLockedError
        Another process (often ``kg serve``) holds the store.
    StoreError
        The location cannot be used as a store.
    """
    where = store_location(location)
    if is_remote(where):
        from kg.remote import RemoteStore

        return RemoteStore(where, read_only=read_only)
    return EmbeddedStore(where, read_only=read_only, create=create)


class Store:
    """What every store offers; see :class:`EmbeddedStore` and ``kg.remote.RemoteStore``."""

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
        result = self.query(sparql)
        if result.type not in ("CONSTRUCT", "DESCRIBE") or result.graph is None:
            raise QueryError(f"expected a CONSTRUCT or DESCRIBE query, got {result.type}")
        return EmbeddedStore.from_graph(result.graph)

    def drop_graphs(self, graphs: list[URIRef]) -> None:
        """Drop the named graphs (silently when missing), in one transaction."""
        self.update(" ".join(f"DROP SILENT GRAPH <{_checked_iri(g)}> ;" for g in graphs).rstrip(" ;") or "")

    def named_graphs(self) -> list[URIRef]:
        """The named graphs in the store, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row[0] for row in rows)

    def count_triples(self) -> int:
        """Number of quads in all named graphs (a COUNT query: avoid on hot paths)."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0][0])

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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

    def __init__(self, path: str, *, read_only: bool = False, create: bool = True) -> None:
        import pyoxigraph as ox

        self.location = path
        self.read_only = read_only
        self._dataset: Dataset | None = None
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
        from kg.serve import ensure_not_served  # serve-read-only takes no lock: kg serve leaves a marker

        ensure_not_served(p)
        try:
            self._ox: pyoxigraph.Store = _open_read_only(path) if read_only else ox.Store(path)
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{path}: the store is in use by another process (is `kg serve` running? "
                    "then use --store http://127.0.0.1:7878 or stop it)"
                ) from exc
            raise StoreError(f"{path}: cannot open store: {exc}") from exc
        except RuntimeError as exc:  # RocksDB's "Corruption: ..." (a truncated .sst, MANIFEST or CURRENT)
            raise StoreCorruptError(path, _one_line(exc)) from exc
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

    @property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` view (default graph = union of the named graphs)."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore

            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=True)
        return self._dataset

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        from kg.oxterms import result_from_ox

        answer = self._query(sparql, bindings)
        try:
            return result_from_ox(answer)  # reads the solutions: damage may show only now
        except RuntimeError as exc:
            if is_corruption(exc):
                raise StoreCorruptError(self.location, _one_line(exc)) from exc
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

    def _query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> object:
        """pyoxigraph's answer to a query, with parameters bound and errors as ``KGError``."""
        if not isinstance(sparql, str):  # a prepared Query would fall back to rdflib's engine
            raise TypeError("queries must be SPARQL strings so that they run on Oxigraph")
        from kg.oxterms import substitutions

        try:
            return self._ox.query(sparql, use_default_graph_as_union=True, prefixes=query_prefixes(),
                                  substitutions=substitutions(bindings or {}))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {_one_line(exc)}") from exc
        except RuntimeError as exc:  # e.g. a bound variable missing from the projection
            if is_corruption(exc):
                raise StoreCorruptError(self.location, _one_line(exc)) from exc
            raise QueryError(f"query failed: {_one_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: query failed: {_one_line(exc)}") from exc

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only")
        if not sparql.strip():
            return
        try:
            self._ox.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {_one_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: update failed: {_one_line(exc)}") from exc

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, clear_all: bool = False) -> None:
        self.update(replace_graphs_update(graphs, clear_all=clear_all))

    def load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        """Bulk-load one RDF file into ``graph`` (quad formats: into their own graphs).

        The graph changes only if the whole file loads; the number of triples loaded
        (-1 for quad formats).
        """
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
            raise StoreError(f"{name}: load failed: {_one_line(exc)}") from exc
        if staging is None:
            self._ox.flush()
            return -1
        count = int(next(iter(self._ox.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=staging
        )))[0].value)
        self.update(f"MOVE SILENT <{staging.value}> TO <{_checked_iri(graph)}>")
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
            raise StoreError(f"{name}: load failed: {_one_line(exc)}") from exc
        count = int(next(iter(self._ox.query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=target
        )))[0].value)
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
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if hasattr(g, "value"))

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
            self._dataset = None
            del self._ox
            self._ox = None  # type: ignore[assignment]
            if failed is not None:
                raise StoreError(f"{self.location}: cannot write the store to disk: {_one_line(failed)} "
                                 "(is the disk full?)") from failed


#: Files RocksDB keeps in a store folder (and kg serve's marker): a folder holding anything else is not a store.
_STORE_FILES = re.compile(r"(CURRENT|IDENTITY|LOCK|LOG(\.old\..*)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob)"
                          r"|bulk-\d+\.sst|kg-serve\.json)")


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
        name = _checked_iri(iri)
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


def _checked_iri(iri: object) -> str:
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
    return isinstance(exc, RuntimeError) and _one_line(exc).startswith("Corruption")


def _one_line(exc: BaseException) -> str:
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
    from kg.iris import file_graph

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
    return InputError(name, f"not valid {fmt.replace('_', '-').title()}: {_one_line(exc)}", line=_syntax_line(exc))


def _syntax_line(exc: SyntaxError) -> int | None:
    if exc.lineno:
        return exc.lineno
    if len(exc.args) > 1 and isinstance(exc.args[1], tuple) and len(exc.args[1]) > 1:
        return exc.args[1][1]
    return None


def iter_rows(result: Result) -> Iterator[dict[str, Node | None]]:
    """SELECT rows as dicts keyed by variable name."""
    names = [str(v) for v in result.vars or []]
    for row in result:
        yield dict(zip(names, row, strict=True))


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
        answer = store._query(sparql, bindings)
        names = [v.value for v in answer.variables]
        for solution in answer:
            values = [solution[i] for i in range(len(names))]
            yield {n: None if t is None else t.value for n, t in zip(names, values, strict=True)}
        return
    for row in iter_rows(store.query(sparql, bindings)):
        yield {k: None if v is None else str(v) for k, v in row.items()}
