"""CLI commands: ``kg serve`` (issue 6)."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.common import StoreOption


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(serve)


def serve(
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7878,
    bind: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens the store to the network.")] = (
        "127.0.0.1"
    ),
    read_write: Annotated[bool, typer.Option("--read-write", help="Accept SPARQL Update and Graph Store writes.")] = (
        False
    ),
    store: StoreOption = None,
) -> None:
    """Serve the store with Oxigraph's SPARQL server and query page, read-only unless --read-write.

    Other kg commands then use it through --store http://127.0.0.1:PORT. Ctrl-C stops it.

    Example: kg serve --port 7878
    """
    import signal

    from kg.cli.common import console
    from kg.errors import StoreError, UsageError
    from kg.store import is_remote, store_location
    from kg.store.server import OxigraphServer

    where = store_location(store)
    if is_remote(where):
        raise UsageError(f"{where}: kg serve serves a store directory, not an endpoint")
    if not 0 <= port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {port}")
    out = console()

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Both stop the server, even where a shell started us with SIGINT ignored (`kg serve &`).
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server = OxigraphServer(where, bind, port, read_write=read_write)
    try:
        urls = server.start()
        mode = "read-write" if read_write else "read-only"
        out.print(f"serving {where} ({mode}) with Oxigraph", markup=False)
        out.print(f"  query page:    {urls.page}", markup=False)
        out.print(f"  SPARQL query:  {urls.query}", markup=False)
        out.print(f"  SPARQL update: {urls.update or '(read-only: start with --read-write)'}", markup=False)
        out.print(f"  Graph Store:   {urls.store}", markup=False)
        out.print(f"  kg commands:   --store {urls.base}", markup=False)
        out.print("Ctrl-C stops the server.", markup=False)
        out.file.flush()
        status = server.wait()
        said = server.log_tail() or "no message"
    except KeyboardInterrupt:
        console(stderr=True).print("server stopped")
        return
    finally:
        server.stop()
    raise StoreError(f"the oxigraph server stopped unexpectedly (exit {status}): {said}")
