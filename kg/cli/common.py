"""Pieces shared by the CLI modules: the ``--store`` option, consoles, store opening.

Imports stay light here: this module loads on every ``kg`` invocation.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, Optional, TypeVar

import typer

from kg.config import DEFAULT_QUERY_TIMEOUT
from kg.errors import InputError, LimitExceededError

if TYPE_CHECKING:
    from rich.console import Console

    from kg.store import Store

T = TypeVar("T")

StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Store directory (embedded Oxigraph) or http(s):// SPARQL endpoint. Default: ./.kg/store.",
        show_default=False,
    ),
]


def one_line(exc: BaseException) -> str:
    """An error's message on one line, as the CLI prints it."""
    return " ".join(str(exc).split())


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (results) or stderr (progress, messages)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def open_for_cli(store: str | None, *, read_only: bool = False, create: bool = True) -> Store:
    """Open the store named by ``--store``/``KG_STORE`` (see :func:`kg.store.open_store`)."""
    from kg.store import open_store

    return open_store(store, read_only=read_only, create=create)



def catch_up_index(store: Store) -> None:
    """Bring the position index up to date after a command wrote to ``store`` (:func:`kg.ask.index.catch_up`)."""
    from kg.ask.index import catch_up

    catch_up(store)


TimeoutOption = Annotated[
    Optional[float],
    typer.Option(
        "--timeout",
        envvar="KG_QUERY_TIMEOUT",
        min=0,
        help=f"Stop a query that runs longer than this many seconds (0: no limit). Default: {DEFAULT_QUERY_TIMEOUT:g}.",
        show_default=False,
    ),
]


def call_with_deadline(fn: Callable[[], T], seconds: float | None, what: str) -> T:
    """Run ``fn()``; if it is still running after ``seconds``, end the process with a one-line message.

    The embedded engine cannot cancel a running query, so the CLI stops the whole process:
    reads leave nothing behind, and an update is one Oxigraph transaction that is either
    committed or never written. Only the CLI may call this (it exits).
    """
    seconds = DEFAULT_QUERY_TIMEOUT if seconds is None else seconds
    if seconds <= 0:
        return fn()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # re-raised in the calling thread just below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="kg-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        sys.stderr.write(f"kg: error: {what}: query exceeded the time limit of {seconds:g} s "
                         "(raise it with --timeout or KG_QUERY_TIMEOUT)\n")
        sys.stderr.flush()
        os._exit(LimitExceededError.exit_code)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, in place only once complete.

    The content goes to a temporary file beside ``path`` that replaces it at the end, so a
    failure (or a full disk) leaves no half-written file and an old ``path`` as it was.

    Raises
    ------
    InputError
        ``path`` is a directory, its folder is missing, or it cannot be written.
    """
    import tempfile

    if path.is_dir():
        raise InputError(str(path), "is a directory; give a file name to write")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(str(path), f"no such folder: {folder}")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from exc
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as open() would have made it (mkstemp makes it private)
        with os.fdopen(fd, "wb") as out:
            yield out
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
