"""Pieces shared by the CLI modules: the ``--store`` option, consoles, store opening.

Imports stay light here: this module loads on every ``kg`` invocation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from kg.store import Store

StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Store directory (embedded Oxigraph) or http(s):// SPARQL endpoint. Default: ./.kg/store.",
        show_default=False,
    ),
]


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (results) or stderr (progress, messages)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def open_for_cli(store: str | None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open the store named by ``--store``/``KG_STORE`` (see :func:`kg.store.open_store`)."""
    from kg.store import open_store

    return open_store(store, read_only=read_only, create=create)
