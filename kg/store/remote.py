"""A store on a SPARQL 1.1 server: the same :class:`~kg.store.Store` API over HTTP.

Queries and updates go through the SPARQL 1.1 Protocol, loads through the Graph
Store HTTP Protocol: each named graph is sent whole in one request (N-Triples),
never triple by triple. Results are parsed with pyoxigraph and converted exactly as
the embedded store converts its own, so every command prints the same output on
either store.

Three things the protocol does not give, and how they are made up for:

* **Bindings.** The protocol has no ``initBindings``; :func:`bind_values` writes each
  bound term, checked against the grammar of a single RDF term, into a ``VALUES``
  block at the start of the query's WHERE group. That is where Oxigraph's own
  substitutions act: FILTERs, OPTIONALs and the projection all see the value.
* **Atomic loads.** Graphs are uploaded under temporary names (below
  :data:`kg.store.STAGING_PREFIX`), then one SPARQL update moves them over their
  targets; an upload that fails is dropped and the targets stay as they were.
* **The union default graph.** Commands query the default graph as the union of
  the named graphs, as the embedded store does; the server must do the same (see
  docs/remote-stores.md; the ``oxigraph`` style asks for it per query).

Configuration comes from the environment: ``KG_ENDPOINT_STYLE`` (a preset of endpoint
paths, see :data:`STYLES`), ``KG_QUERY_PATH``/``KG_UPDATE_PATH``/``KG_GSP_PATH``
(override one path), ``KG_HTTP_TIMEOUT`` (seconds, default 30), and credentials
``KG_HTTP_USER``/``KG_HTTP_PASSWORD`` (``KG_HTTP_AUTH=digest`` for digest auth) or
``KG_HTTP_TOKEN`` (bearer). Credentials never appear in messages or ``repr``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import itertools
import os
import re
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypedDict, Unpack
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.config import DEFAULT_HTTP_TIMEOUT
from kg.errors import InputError, KGError, QueryError, StoreError, UsageError
from kg.store.base import (
    QUAD_FORMATS,
    STAGING_PREFIX,
    Store,
    invalid_rdf,
    query_prefixes,
    rdf_format_for,
    select_rows,
)
from kg.store.binding import ABSOLUTE_IRI, SPARQL_TOKENS, bind_values, query_form, sparql_term
from kg.store.embedded import EmbeddedStore, construct_store
from kg.store.paging import row_cap, uncapped

if TYPE_CHECKING:
    import pyoxigraph
    import requests
    from requests.auth import AuthBase

#: The slowest write rate waited for, on top of the timeout (Oxigraph's transactions on a
#: slow disk: ~4,000 quads/s for 200k quads in one transaction).
WRITE_QUADS_PER_SECOND = 1000
#: Staging graphs of other clients older than this are taken for leftovers of a crash.
STALE_STAGING_SECONDS = 3600
REMOTE_STAGING_PREFIX = f"{STAGING_PREFIX}remote/"
ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5, application/rdf+xml;q=0.4"
)
#: What graph results (CONSTRUCT, DESCRIBE) are asked for: a server that can also write them as a
#: table of ?s ?p ?o (Virtuoso) must not be offered the table formats.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.4"
_MESSAGE_LIMIT = 300
LIST_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"
#: Credentials a server might echo in an error message.
_AUTH_VALUE = re.compile(r"\b(Basic|Bearer|Digest)\s+[^\s,;]+", re.I)


@dataclass(frozen=True)
class EndpointStyle:
    """Where a kind of server puts its endpoints, relative to the store location.

    Attributes
    ----------
    name : str
        The preset's name (``KG_ENDPOINT_STYLE``).
    query_path, update_path, gsp_path : str
        SPARQL query, SPARQL update and Graph Store Protocol endpoints, relative to
        the location (``""`` is the location itself) or absolute ``http(s)://`` URLs.
    gsp_graph_param : str
        The Graph Store Protocol's graph parameter (Virtuoso says ``graph-uri``).
    query_params : tuple of (str, str)
        Extra URL parameters sent with every query.
    graph_management : bool
        Whether the server runs ``MOVE``/``ADD``/``DROP``; if not, the same changes are
        written as ``INSERT``/``DELETE WHERE`` operations.
    upload_media_type : str
        Content type of uploads (the body is always N-Triples, a subset of Turtle).
    upload_params : tuple of (str, str)
        Extra URL parameters of uploads. Uploads go to private staging graphs, so a
        server's faster non-transactional loading is safe there.
    list_graphs : str
        The query listing the named graphs (Virtuoso answers nothing to ``GRAPH ?g {}``;
        it keeps no empty graphs, so its graphs are those of its quads).
    preamble : str
        Text put before every query and update (Virtuoso: pragmas that hide its own system
        graphs, :data:`VIRTUOSO_SYSTEM_GRAPHS`, from the union default graph and from ``GRAPH ?g``).
    """

    name: str
    query_path: str
    update_path: str
    gsp_path: str
    gsp_graph_param: str = "graph"
    query_params: tuple[tuple[str, str], ...] = ()
    graph_management: bool = True
    upload_media_type: str = "application/n-triples"
    upload_params: tuple[tuple[str, str], ...] = ()
    list_graphs: str = LIST_GRAPHS
    preamble: str = ""


#: The graphs a fresh Virtuoso database holds for itself (a new one is made at each start).
VIRTUOSO_SYSTEM_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                          "http://localuriqaserver/sparql")
_VIRTUOSO_PREAMBLE = "".join(f"define input:default-graph-exclude <{g}> define input:named-graph-exclude <{g}>\n"
                             for g in VIRTUOSO_SYSTEM_GRAPHS)

#: Endpoint presets, by ``KG_ENDPOINT_STYLE``; docs/remote-stores.md says which location each expects.
STYLES: dict[str, EndpointStyle] = {
    style.name: style
    for style in (
        EndpointStyle("oxigraph", "query", "update", "store", query_params=(("union-default-graph", ""),),
                      upload_params=(("no_transaction", ""),)),
        EndpointStyle("fuseki", "query", "update", "data"),
        EndpointStyle("graphdb", "", "statements", "rdf-graphs/service"),
        EndpointStyle("virtuoso", "sparql", "sparql", "sparql-graph-crud", gsp_graph_param="graph-uri",
                      upload_media_type="text/turtle",
                      list_graphs="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", preamble=_VIRTUOSO_PREAMBLE),
        EndpointStyle("qlever", "", "", "", graph_management=False),
    )
}


def endpoint_style(name: str | None = None, env: Mapping[str, str] | None = None) -> EndpointStyle:
    """The endpoint style: preset ``name`` (else ``$KG_ENDPOINT_STYLE``, else ``oxigraph``) with path overrides.

    Examples
    --------
    >>> endpoint_style("fuseki", env={}).gsp_path
    'data'
    >>> endpoint_style(env={"KG_ENDPOINT_STYLE": "graphdb", "KG_GSP_PATH": "gsp"}).gsp_path
    'gsp'
    """
    env = os.environ if env is None else env
    key = (name or env.get("KG_ENDPOINT_STYLE") or "oxigraph").strip().lower()
    if key not in STYLES:
        raise UsageError(f"unknown endpoint style {key!r} (KG_ENDPOINT_STYLE); expected one of {', '.join(STYLES)}")
    style = STYLES[key]
    query_path, update_path, gsp_path = (env.get(var) for var in ("KG_QUERY_PATH", "KG_UPDATE_PATH", "KG_GSP_PATH"))
    return replace(style, query_path=style.query_path if query_path is None else query_path,
                   update_path=style.update_path if update_path is None else update_path,
                   gsp_path=style.gsp_path if gsp_path is None else gsp_path)


def http_timeout(env: Mapping[str, str] | None = None) -> float:
    """Seconds to wait for a server (``$KG_HTTP_TIMEOUT``, default 30).

    Examples
    --------
    >>> http_timeout({"KG_HTTP_TIMEOUT": "2.5"}), http_timeout({})
    (2.5, 30.0)
    """
    env = os.environ if env is None else env
    raw = env.get("KG_HTTP_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_HTTP_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):
        raise UsageError(f"KG_HTTP_TIMEOUT must be a positive number of seconds, got {raw!r}")
    return value


# --- results -------------------------------------------------------------------------------


def parse_result(body: bytes, media_type: str) -> Result:
    """An rdflib ``Result`` from a SPARQL response body, built as the embedded store builds its own.

    Examples
    --------
    >>> body = b'{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"x"}}]}}'
    >>> [row.o.datatype for row in parse_result(body, "application/sparql-results+json")]
    [rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#string')]
    """
    import pyoxigraph as ox

    from kg.rdf.terms import TermConverter, construct_result, result_from_ox

    media = media_type.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media)
    if media == "application/json":
        results_format = ox.QueryResultsFormat.JSON
    if results_format is not None:
        return result_from_ox(ox.parse_query_results(body, format=results_format))
    rdf_format = ox.RdfFormat.from_media_type(media)
    if rdf_format is None:
        raise ValueError(f"unexpected response type {media_type!r}")
    convert = TermConverter()
    return construct_result(convert.triple(t) for t in ox.parse(body, format=rdf_format))


def result_shape_problem(sparql: str, result: Result) -> str | None:
    """What is wrong with the shape of a server's ``result`` for ``sparql``, or None.

    The query is run on an empty in-memory Oxigraph store, which gives its form and its
    projected variables; the answer must have the same form and the same variables, and
    a query that gives rows even on an empty store (``COUNT`` without ``GROUP BY``) must
    give rows. A query Oxigraph cannot parse (a server's own extension) is not checked.

    Examples
    --------
    >>> empty = parse_result(b'{"head": {"vars": []}, "results": {"bindings": []}}', "application/json")
    >>> result_shape_problem("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", empty)
    'expected variables ?n, got none'
    >>> result_shape_problem("ASK { ?s ?p ?o }", empty)
    'expected an ASK answer, got SELECT'
    """
    import pyoxigraph as ox


    try:
        expected = ox.Store().query(sparql, prefixes=query_prefixes())
    except (SyntaxError, RuntimeError, OSError):
        return None
    if isinstance(expected, ox.QueryBoolean):
        return None if result.type == "ASK" else f"expected an ASK answer, got {result.type}"
    if isinstance(expected, ox.QueryTriples):
        return None if result.type in ("CONSTRUCT", "DESCRIBE") else f"expected triples, got {result.type}"
    if result.type != "SELECT":
        return f"expected rows, got {result.type}"
    wanted = sorted(v.value for v in expected.variables)
    got = sorted(str(v) for v in result.vars or [])
    if wanted != got:
        def names(variables: list[str]) -> str:
            return " ".join(f"?{v}" for v in variables) or "none"

        return f"expected variables {names(wanted)}, got {names(got)}"
    if any(True for _ in expected) and not len(result):
        return "no rows, where even an empty store gives some"
    return None


def _ntriples(triples: Iterable[pyoxigraph.Triple]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _graph_ntriples(graph: Graph) -> bytes:
    import pyoxigraph as ox

    from kg.rdf.terms import to_ox, to_ox_iri, to_ox_resource

    return _ntriples(ox.Triple(to_ox_resource(s), to_ox_iri(p), to_ox(o)) for s, p, o in graph)


# --- the store -----------------------------------------------------------------------------


class RemoteStore(Store):
    """A store on a SPARQL 1.1 endpoint (query, update, Graph Store Protocol).

    Parameters
    ----------
    location : str
        The server's base URL, e.g. ``http://127.0.0.1:7878`` (Oxigraph) or
        ``http://host:3030/ds`` (Fuseki); user:password in the URL count as basic auth.
    read_only : bool
        Refuse every write locally.
    style : str, optional
        Endpoint preset (see :data:`STYLES`); default ``$KG_ENDPOINT_STYLE`` or ``oxigraph``.
    env : mapping, optional
        Where configuration and credentials are read (default ``os.environ``).

    Examples
    --------
    >>> store = RemoteStore("http://user:secret@127.0.0.1:9/", env={"KG_HTTP_TOKEN": "t0ken"})
    >>> store
    RemoteStore('http://127.0.0.1:9', style='oxigraph', read_only=False, auth='bearer')
    >>> store.endpoints["query"]
    'http://127.0.0.1:9/query'
    """

    def __init__(self, location: str, *, read_only: bool = False, style: str | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        env = os.environ if env is None else env
        parts = urlsplit(location)
        try:
            usable = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
        except ValueError:  # a port that is not a number
            usable = False
        if not usable:
            shown = f"{parts.scheme}://{parts.hostname or ''}{parts.path}"
            raise StoreError(f"{shown}: not the http(s) URL of a SPARQL endpoint")
        if parts.query or parts.fragment:  # never echoed: it may hold a key; endpoints would go after it
            shown = f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"
            raise StoreError(f"{shown}: a store URL takes no ?query or #fragment part; give the server's base URL "
                             "(endpoint paths: KG_ENDPOINT_STYLE, KG_QUERY_PATH; credentials: KG_HTTP_TOKEN)")
        self.location = _without_userinfo(parts).rstrip("/")
        self.read_only = read_only
        self.style = endpoint_style(style, env)
        self.timeout = http_timeout(env)
        self.endpoints = {
            "query": _join(self.location, self.style.query_path),
            "update": _join(self.location, self.style.update_path),
            "gsp": _join(self.location, self.style.gsp_path),
        }
        self._auth_kind, self._auth, self._headers, self._secrets = _credentials(parts, env)
        self._loopback = _is_loopback(parts.hostname or "")  # a host name: checked above
        self._session: requests.Session | None = None
        #: Rows the server answers at most (learnt from its answers; see kg.store.paging).
        self.row_cap = row_cap(self.style.name, env)

    def __repr__(self) -> str:
        return (f"RemoteStore({self.location!r}, style={self.style.name!r}, read_only={self.read_only}, "
                f"auth={self._auth_kind!r})")

    # -- the Store API --

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        if not isinstance(sparql, str):
            raise TypeError("queries must be SPARQL strings")
        text = bind_values(sparql, bindings)
        result, headers = self._answer(text)
        return uncapped(self, text, result, headers)

    def select_page(self, text: str) -> Result:
        """One query, as the server answers it (no paging past its row cap)."""
        return self._answer(text)[0]

    def _preamble(self, query: str) -> str:
        """The style's preamble, except for a query that names its graph (``GRAPH <iri>``): Virtuoso 7.2
        matches nothing in a named graph under its graph-exclude pragmas, and such a query needs none."""
        if not self.style.preamble:
            return ""
        tokens = [m for m in SPARQL_TOKENS.finditer(query) if m.lastgroup != "comment"]
        for word, following in itertools.pairwise(tokens):
            if word.group().upper() == "GRAPH" and not following.group().startswith(("?", "$", "{")):
                return ""
        return self.style.preamble

    def _answer(self, text: str) -> tuple[Result, Mapping[str, str]]:
        response = self._request(
            "POST", "query", params=list(self.style.query_params), data={"query": self._preamble(text) + text},
            headers={"Accept": GRAPH_ACCEPT if query_form(text) in ("CONSTRUCT", "DESCRIBE") else ACCEPT},
        )
        try:
            result = parse_result(response.content, response.headers.get("Content-Type", ""))
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{self.endpoints['query']}: unreadable answer: {self._brief(str(exc))}") from exc
        problem = result_shape_problem(text, result)
        if problem:
            raise StoreError(f"{self.endpoints['query']}: unexpected answer: {problem}")
        return result, response.headers

    def update(self, sparql: str, *, quads: int = 0) -> None:
        """Run a SPARQL update; ``quads`` (how many it writes) lengthens the wait for its answer."""
        self._check_writable()
        if sparql.strip():
            self._request("POST", "update", data={"update": self.style.preamble + sparql}, quads=quads)

    def replace_graphs(self, graphs: Mapping[URIRef, Graph], *, clear_all: bool = False) -> None:
        """Replace each named graph, all or nothing: upload each under a temporary name,
        then move them all over their targets in one SPARQL update.

        With ``clear_all`` the same update first removes every other named graph (the
        default graph is left alone: on union-default-graph servers "the default graph"
        means different things).
        """
        from kg.store.pending import with_pending_mark

        self._check_writable()
        for iri in graphs:
            _checked_graph(iri)
        self._drop_stale_staging()
        graphs = graphs if clear_all else with_pending_mark(self, graphs)
        with _Staging(self) as staging:
            moves, drops = [], []
            for iri, graph in graphs.items():
                if len(graph):
                    moves.append((staging.upload(_graph_ntriples(graph), len(graph)), URIRef(iri)))
                else:
                    drops.append(URIRef(iri))
            existing, old = [], 0
            if clear_all:
                existing = [g for g in self.named_graphs() if not str(g).startswith(staging.prefix)]
                old = self.count_triples()
            self.update(self._commit_update(moves, drops, replace=True, existing=existing,
                                            clear_except=staging.prefix if clear_all else None),
                        quads=2 * staging.quads + old)
            staging.committed()

    def load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        """Load an RDF file: triple formats replace ``graph`` (returns its size), quad
        formats add to their own graphs (returns -1, as the embedded store does).

        The file is parsed here first, so a syntax error names the file and line, and
        nothing is sent; each graph then goes in one request to a temporary name.
        """
        from kg.store.pending import everything_pending

        with everything_pending(self):
            return self._load_file(path, graph)

    def _load_file(self, path: str | os.PathLike[str], graph: URIRef | None = None) -> int:
        self._check_writable()
        name = str(path)
        fmt = rdf_format_for(name)
        if fmt not in QUAD_FORMATS and graph is None:
            raise ValueError("a graph is needed for triple formats")
        if not os.path.isfile(name):
            raise InputError(name, "no such file")
        per_graph = _read_rdf_file(name, fmt, graph)
        self._drop_stale_staging()
        if fmt not in QUAD_FORMATS and graph is not None and graph not in self.named_graphs():
            return self._load_new_graph(URIRef(graph), *per_graph[graph])
        with _Staging(self) as staging:
            moves = [(staging.upload(body, n), target) for target, (body, n) in per_graph.items() if n]
            if fmt in QUAD_FORMATS:
                self.update(self._commit_update(moves, [], replace=False), quads=2 * staging.quads)
                count = -1
            else:
                count = self._count_graph(moves[0][0]) if moves else 0
                self.update(self._commit_update(moves, [] if moves else [graph], replace=True),
                            quads=2 * staging.quads)
            staging.committed()
        return count

    def drop_graphs(self, graphs: list[URIRef]) -> None:
        from kg.store.pending import everything_pending_for

        with everything_pending_for(self, graphs):  # the position index is recomputed after it
            self.update(self._commit_update([], list(graphs), replace=True))

    def construct(self, sparql: str) -> EmbeddedStore:
        """The triples of a CONSTRUCT (or DESCRIBE) query, in a new in-memory store (see :func:`construct_store`)."""
        return construct_store(self, sparql)

    def named_graphs(self) -> list[URIRef]:
        """The named graphs, sorted; empty ones too, as the embedded store lists them.

        ``GRAPH ?g {}`` lists graphs without reading their quads (a DISTINCT over all
        quads would scan the whole store on every write).
        """
        from kg.store.pending import is_derived

        rows = select_rows(self.query(self.style.list_graphs))
        return sorted(row[0] for row in rows if isinstance(row[0], URIRef) and not is_derived(row[0]))

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def __exit__(self, exc_type: object, exc: BaseException | None, *_tb: object) -> None:
        """Close; an answer the caller could not use (a word where a number or an IRI belongs)
        becomes one :class:`~kg.errors.StoreError` naming the server, instead of a traceback."""
        self.close()
        if isinstance(exc, _UNUSABLE_ANSWER) and not isinstance(exc, KGError):
            raise StoreError(f"{self.location}: the server's answer cannot be used "
                             f"({type(exc).__name__}: {self._brief(str(exc))})") from exc

    # -- writes --

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: store is open read-only")

    def _put_graph(self, name: URIRef, body: bytes, quads: int) -> None:
        """PUT one whole graph as ``name`` (Graph Store Protocol)."""
        self._request(
            "PUT", "gsp", params=[(self.style.gsp_graph_param, str(name)), *self.style.upload_params], data=body,
            headers={"Content-Type": f"{self.style.upload_media_type}; charset=utf-8"}, quads=quads,
        )

    def _commit_update(self, moves: Sequence[tuple[URIRef, URIRef | None]], drops: Sequence[URIRef | None], *,
                       replace: bool, clear_except: str | None = None, existing: Sequence[URIRef] = ()) -> str:
        """One SPARQL update: optionally clear all but ``clear_except``, drop ``drops``, move
        (``replace``) or add each staged graph to its target (``None``: the default graph)."""
        managed = self.style.graph_management
        ops = []
        if clear_except is not None:
            if managed:
                ops += [f"DROP SILENT GRAPH <{_checked_graph(g)}>" for g in existing]
            # Also catches graphs another client created after the listing, in the same transaction.
            ops.append("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                       f"FILTER(!STRSTARTS(STR(?g), {sparql_term(Literal(clear_except))})) }}")
        for target in drops:
            if target is not None:
                ops.append(f"DROP SILENT GRAPH <{_checked_graph(target)}>" if managed
                           else f"DELETE WHERE {{ GRAPH <{_checked_graph(target)}> {{ ?s ?p ?o }} }}")
        for staging, target in moves:
            source = f"GRAPH <{_checked_graph(staging)}>"
            dest = "DEFAULT" if target is None else f"GRAPH <{_checked_graph(target)}>"
            if managed:  # not SILENT: a staging graph gone missing fails the whole update
                ops.append(f"{'MOVE' if replace else 'ADD'} {source} TO {dest}")
                if not replace:
                    ops.append(f"DROP {source}")
                continue
            template = "?s ?p ?o" if target is None else f"{dest} {{ ?s ?p ?o }}"
            if replace:
                ops.append(f"DELETE WHERE {{ {template} }}")
            ops.append(f"INSERT {{ {template} }} WHERE {{ {source} {{ ?s ?p ?o }} }}")
            ops.append(f"DELETE WHERE {{ {source} {{ ?s ?p ?o }} }}")
        return " ;\n".join(ops)

    def _count_graph(self, name: URIRef) -> int:
        rows = list(select_rows(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})))
        return int(rows[0][0])

    def _drop_stale_staging(self) -> None:
        """Drop staging graphs that crashed clients left behind more than an hour ago
        (with the half-loaded new graph a stale marker names)."""
        now = time.time()
        stale = [g for g in self.named_graphs() if (_staging_age(g, now) or 0) > STALE_STAGING_SECONDS]
        stale += [URIRef(target) for target in map(_new_graph_of, stale) if target]
        if stale:
            self.drop_graphs(stale)

    def _load_new_graph(self, target: URIRef, body: bytes, triples: int) -> int:
        """Upload straight into a graph the server does not hold yet (the triples loaded).

        Staging and then MOVE would write every triple twice, the MOVE in one transaction
        (Oxigraph: ~4,000 quads/s against ~40,000/s for its non-transactional loader). A
        marker graph under the staging prefix names the new graph while it loads: a failed
        upload drops both; one a crash interrupted is dropped with its marker by a later
        write once the marker is stale, as the embedded store does with its own marker.
        """
        marker = URIRef(f"{_staging_run()}new/{quote(str(_checked_graph(target)), safe='')}")
        self._put_graph(marker, f"<{marker}> <{STAGING_PREFIX}loads> <{target}> .\n".encode(), 1)
        try:
            if triples:
                self._put_graph(target, body, triples)
        except BaseException:
            with contextlib.suppress(Exception):
                self.drop_graphs([target, marker])
            raise
        self.drop_graphs([marker])
        return triples

    # -- HTTP --

    def _request(self, method: str, endpoint: str, *, quads: int = 0,
                 **kwargs: Unpack[_RequestOptions]) -> requests.Response:
        """One HTTP request, answer read whole, within one deadline (see :func:`request_deadline`);
        writing ``quads`` may take that much longer (servers answer a write once it is committed)."""
        import requests

        url = self.endpoints[endpoint]
        wait = self.timeout + quads / WRITE_QUADS_PER_SECOND
        if self._session is None:
            self._session = requests.Session()
            self._session.trust_env = not self._loopback  # no proxy or .netrc for this machine
            self._session.headers.update({"User-Agent": "positions-kg", **self._headers})
            self._session.auth = self._auth
        exchange = _Exchange(self._session, method, url, timeout=(self.timeout, wait), **kwargs)
        try:
            response = exchange.run(wait)
        except _Overdue as exc:
            self._session = None  # the worker may still hold it; a later request starts afresh
            raise StoreError(f"{url}: no complete answer within {exc.seconds:g} s (KG_HTTP_TIMEOUT)") from exc
        except requests.Timeout as exc:
            raise StoreError(f"{url}: no answer within {wait:g} s (KG_HTTP_TIMEOUT)") from exc
        except requests.ConnectionError as exc:
            raise StoreError(f"{url}: cannot connect ({_connection_reason(exc)}); is the server running?") from exc
        except requests.RequestException as exc:
            raise StoreError(f"{url}: request failed: {self._brief(str(exc))}") from exc
        if response.status_code < 300:
            return response
        raise self._http_error(url, endpoint, response)

    def _http_error(self, url: str, endpoint: str, response: requests.Response) -> Exception:
        status = f"HTTP {response.status_code} {response.reason or ''}".strip()
        said = self._brief(response.text)
        detail = f"{status}: {said}" if said else status
        if response.status_code in (401, 403) and not said.lower().startswith("the server is read-only"):
            hint = "check KG_HTTP_USER/KG_HTTP_PASSWORD or KG_HTTP_TOKEN"
            return StoreError(f"{url}: access refused ({detail}); {hint}")
        if response.status_code == 403:
            return StoreError(f"{url}: the server refuses writes ({detail}); start it with `kg serve --read-write`")
        if response.status_code in (404, 405):
            return StoreError(f"{url}: no SPARQL {endpoint} endpoint here ({status}); "
                              f"check the location and KG_ENDPOINT_STYLE (now {self.style.name!r})")
        if response.status_code == 400 and endpoint in ("query", "update"):
            return QueryError(f"{url}: the server rejected the {endpoint}: {said or status}")
        return StoreError(f"{url}: {detail}")

    def _brief(self, text: str) -> str:
        """One line of at most a few hundred characters, with any credential masked."""
        line = _AUTH_VALUE.sub(r"\1 ***", " ".join(text.split()))
        for secret in self._secrets:
            line = line.replace(secret, "***")
        return line if len(line) <= _MESSAGE_LIMIT else line[:_MESSAGE_LIMIT] + "…"


#: What code that reads well-formed answers raises on values of the wrong kind (see ``RemoteStore.__exit__``).
_UNUSABLE_ANSWER = (ValueError, TypeError, KeyError, IndexError, StopIteration, ArithmeticError)
#: Bytes of an error answer read at most (the message shows a few hundred characters of it).
ERROR_BODY_BYTES = 64 * 1024
#: A slow answer's deadline grows by one second per this many bytes received, so that a large
#: result arriving steadily is not cut off, while a server sending a byte a second still is.
DEADLINE_BYTES_PER_SECOND = 100_000


def request_deadline(wait: float, received: int) -> float:
    """Seconds a request may take in all, having received ``received`` bytes of its answer so far.

    Examples
    --------
    >>> request_deadline(30.0, 0), request_deadline(30.0, 1_000_000)
    (30.0, 40.0)
    """
    return wait + received / DEADLINE_BYTES_PER_SECOND


class _RequestOptions(TypedDict, total=False):
    """The ``requests`` arguments a store request passes on (see ``RemoteStore._request``)."""

    params: list[tuple[str, str]]
    data: bytes | dict[str, str]
    headers: dict[str, str]


class _ExchangeOptions(_RequestOptions, total=False):
    """:class:`_RequestOptions` and the (connect, read) timeout."""

    timeout: tuple[float, float]


class _Overdue(Exception):
    """The whole request (connection, headers and body) took longer than its deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class _Exchange:
    """One request, sent and read in a worker thread that the caller waits for until the deadline.

    ``requests`` bounds each socket read, not the request: a server that sends one byte a
    second never times out. The worker reads the answer in chunks (an error answer only
    up to :data:`ERROR_BODY_BYTES`) and stops at the deadline too; the caller gives up then.
    """

    def __init__(self, session: requests.Session, method: str, url: str, **kwargs: Unpack[_ExchangeOptions]) -> None:
        self.session, self.method, self.url, self.kwargs = session, method, url, kwargs
        self.received = 0
        self.outcome: dict[str, object] = {}
        self.overdue = False

    def run(self, wait: float) -> requests.Response:
        import threading

        started = time.monotonic()
        worker = threading.Thread(target=self._work, args=(started, wait), name="kg-http", daemon=True)
        worker.start()
        while worker.is_alive():
            left = started + request_deadline(wait, self.received) - time.monotonic()
            if left <= 0:
                self.overdue = True
                raise _Overdue(round(time.monotonic() - started, 1))
            worker.join(min(left, 0.5))
        if "error" in self.outcome:
            raise self.outcome["error"]  # type: ignore[misc]
        return self.outcome["response"]  # type: ignore[return-value]

    def _work(self, started: float, wait: float) -> None:
        try:
            response = self.session.request(self.method, self.url, stream=True, **self.kwargs)
            cap = None if response.status_code < 300 else ERROR_BODY_BYTES
            chunks = []
            with contextlib.closing(response):
                for chunk in response.iter_content(chunk_size=65536 if cap is None else 4096):
                    chunks.append(chunk)
                    self.received += len(chunk)
                    late = time.monotonic() - started > request_deadline(wait, self.received)
                    if self.overdue or late or (cap is not None and self.received >= cap):
                        break
            response._content = b"".join(chunks)[:cap]  # what .content and .text give from now on
            self.outcome["response"] = response
        except BaseException as exc:  # handed to the waiting thread
            self.outcome["error"] = exc


class _Staging:
    """The temporary graphs of one write; dropped (best effort) unless the write committed."""

    def __init__(self, store: RemoteStore) -> None:
        self.store = store
        self.prefix = _staging_run()
        self.names: list[URIRef] = []
        self.quads = 0

    def upload(self, body: bytes, quads: int) -> URIRef:
        """Send one graph under a fresh temporary name; that name."""
        name = URIRef(f"{self.prefix}{len(self.names)}")
        self.names.append(name)  # before sending: a failed upload may have left part of it
        self.quads += quads
        self.store._put_graph(name, body, quads)
        return name

    def committed(self) -> None:
        """The commit moved every temporary graph away: nothing to drop."""
        self.names.clear()

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, exc_type: object, *_exc: object) -> None:
        if exc_type is None or not self.names:
            return
        # The original error is what matters; leftovers go stale and are dropped by a later write.
        with contextlib.suppress(Exception):
            self.store.update(self.store._commit_update([], list(self.names), replace=True), quads=self.quads)


def _read_rdf_file(name: str, fmt: str, graph: URIRef | None) -> dict[URIRef | None, tuple[bytes, int]]:
    """N-Triples and triple count per target graph (``None``: the default graph) of an RDF file."""
    import pyoxigraph as ox


    triples: dict[URIRef | None, list[pyoxigraph.Triple]] = {}
    try:
        for item in ox.parse(path=name, format=getattr(ox.RdfFormat, fmt)):
            if fmt in QUAD_FORMATS:
                if isinstance(item.graph_name, ox.BlankNode):
                    raise InputError(name, "graphs named by blank nodes cannot be sent to a server")
                key = None if isinstance(item.graph_name, ox.DefaultGraph) else URIRef(item.graph_name.value)
                triples.setdefault(key, []).append(item.triple)
            else:
                triples.setdefault(graph, []).append(item)
    except SyntaxError as exc:
        raise invalid_rdf(name, fmt, exc) from exc
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc}") from exc
    if graph is not None and fmt not in QUAD_FORMATS:
        triples.setdefault(graph, [])
    return {key: (_ntriples(items), len(items)) for key, items in triples.items()}


def _staging_run() -> str:
    """A fresh staging prefix: creation time (for stale detection) and a random part."""
    return f"{REMOTE_STAGING_PREFIX}{int(time.time())}-{uuid.uuid4().hex[:12]}/"


def _staging_age(graph: URIRef, now: float) -> float | None:
    """Seconds since a remote staging graph was created, or None for other graphs.

    Examples
    --------
    >>> _staging_age(URIRef(REMOTE_STAGING_PREFIX + "1000-abc/0"), 1060.0)
    60.0
    """
    text = str(graph)
    if not text.startswith(REMOTE_STAGING_PREFIX):
        return None
    stamp = text[len(REMOTE_STAGING_PREFIX):].split("-", 1)[0]
    return now - int(stamp) if stamp.isdigit() else None


def _new_graph_of(marker: URIRef) -> str | None:
    """The graph a new-graph load marker names, or None for other graphs.

    Examples
    --------
    >>> _new_graph_of(URIRef(REMOTE_STAGING_PREFIX + "1000-abc/new/http%3A%2F%2Fx%2Fg"))
    'http://x/g'
    """
    from urllib.parse import unquote

    text = str(marker)
    if not text.startswith(REMOTE_STAGING_PREFIX) or "/new/" not in text:
        return None
    return unquote(text.rsplit("/new/", 1)[1]) or None


def _checked_graph(iri: object) -> str:
    text = str(iri)
    if isinstance(iri, BNode) or not ABSOLUTE_IRI.fullmatch(text):
        raise StoreError(f"not a usable graph name: {text!r}")
    return text


def _join(base: str, path: str) -> str:
    """An endpoint URL: ``path`` under ``base``, or ``path`` itself when absolute.

    Examples
    --------
    >>> _join("http://h:3030/ds", "query"), _join("http://h:7200/repositories/x", "")
    ('http://h:3030/ds/query', 'http://h:7200/repositories/x')
    """
    if path.startswith(("http://", "https://")):
        return path
    return f"{base}/{path.lstrip('/')}" if path else base


def _without_userinfo(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def _credentials(parts: SplitResult, env: Mapping[str, str]) -> tuple[str, AuthBase | None, dict[str, str], list[str]]:
    """(kind, requests auth, extra headers, secrets to mask) from the environment or the URL."""
    from urllib.parse import unquote

    token = env.get("KG_HTTP_TOKEN")
    user = env.get("KG_HTTP_USER") or (unquote(parts.username) if parts.username else None)
    password = env.get("KG_HTTP_PASSWORD") or (unquote(parts.password) if parts.password else "")
    if token:
        return "bearer", None, {"Authorization": f"Bearer {token}"}, [token]
    if user:
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        kind = (env.get("KG_HTTP_AUTH") or "basic").lower()
        if kind not in ("basic", "digest"):
            raise UsageError(f"KG_HTTP_AUTH must be basic or digest, got {kind!r}")
        auth = HTTPDigestAuth(user, password) if kind == "digest" else HTTPBasicAuth(user, password)
        import base64

        basic = base64.b64encode(f"{user}:{password}".encode()).decode()
        return kind, auth, {}, [s for s in (password, basic) if s]
    return "none", None, {}, []


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connection_reason(exc: Exception) -> str:
    text = str(exc)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if match:
        return match.group(1).strip().lower()
    for known in ("connection refused", "name or service not known", "timed out", "connection reset"):
        if known in text.lower():
            return known
    return "connection failed"

