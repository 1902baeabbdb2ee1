"""Stores: where the graph lives, behind one :class:`~kg.store.base.Store` interface.

:mod:`~kg.store.base` (the interface and shared helpers), :mod:`~kg.store.embedded` (an
Oxigraph store in a directory), :mod:`~kg.store.remote` (any SPARQL 1.1 server, with
:mod:`~kg.store.paging` for servers that cap results), :mod:`~kg.store.marker` and
:mod:`~kg.store.server` (``kg serve``); :mod:`~kg.store.dump` (RDF export),
:mod:`~kg.store.validate` (SHACL) and :mod:`~kg.store.integrity` (``kg check``).
:func:`open_store` picks one by location. The
package may import :mod:`kg.errors`, :mod:`kg.rdf.vocab`, :mod:`kg.rdf.iris` and the RDF term
conversion (:mod:`kg.rdf.terms`), the RDF mapping and files for validation; nothing that
extracts, loads, asks or renders.
"""

from __future__ import annotations

import os

from kg.config import DEFAULT_STORE
from kg.store.base import (
    NEW_GRAPH_MARKER_PREFIX,
    QUAD_FORMATS,
    STAGING_PREFIX,
    Store,
    check_rdf_file,
    invalid_rdf,
    is_corruption,
    iter_rows,
    load_files,
    query_prefixes,
    rdf_format_for,
    replace_graphs_update,
    select_rows,
)
from kg.store.embedded import EmbeddedStore, string_rows

__all__ = [
    "DEFAULT_STORE", "NEW_GRAPH_MARKER_PREFIX", "QUAD_FORMATS", "STAGING_PREFIX", "EmbeddedStore", "Store",
    "check_rdf_file", "invalid_rdf", "is_corruption", "is_remote", "iter_rows", "load_files", "open_store",
    "query_prefixes", "rdf_format_for", "replace_graphs_update", "select_rows", "store_location", "string_rows",
]


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
        from kg.store.remote import RemoteStore

        return RemoteStore(where, read_only=read_only)
    return EmbeddedStore(where, read_only=read_only, create=create)
