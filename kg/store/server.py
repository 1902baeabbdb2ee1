"""Serving a store directory with Oxigraph's SPARQL server (the ``oxigraph`` CLI from PyPI).

While a server runs it leaves the marker of :mod:`kg.store.marker` in the directory, so
that embedded opens refuse the store and point to the server's URL. May import
:mod:`kg.store.marker`, :mod:`kg.store.embedded` and :mod:`kg.errors`.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.errors import StoreError
from kg.store.marker import ensure_not_served, marker_path, on_read_only_mount

if TYPE_CHECKING:
    import subprocess

DEFAULT_PORT = 7878
READY_TIMEOUT = 30.0


@dataclass(frozen=True)
class Endpoints:
    """The URLs of a running Oxigraph server.

    Examples
    --------
    >>> e = endpoints("127.0.0.1", 7878, read_write=False)
    >>> e.base, e.query, e.update
    ('http://127.0.0.1:7878', 'http://127.0.0.1:7878/query', None)
    """

    base: str
    query: str
    update: str | None
    store: str
    page: str


def endpoints(host: str, port: int, *, read_write: bool) -> Endpoints:
    """The endpoint URLs of an Oxigraph server listening on ``host:port``."""
    if host in ("0.0.0.0", "::", ""):  # listening everywhere: name this machine
        import socket

        host = socket.gethostname()
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    return Endpoints(base=base, query=f"{base}/query", update=f"{base}/update" if read_write else None,
                     store=f"{base}/store", page=f"{base}/")


def oxigraph_executable() -> str:
    """Path of the ``oxigraph`` CLI: next to this Python (the virtualenv), else on ``PATH``."""
    here = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def oxigraph_command(store_dir: str | None, host: str, port: int, *, read_write: bool) -> list[str]:
    """The ``oxigraph serve`` command line; no ``store_dir`` means an in-memory server.

    The default graph is served as the union of the named graphs, as the embedded
    store queries it, so that the built-in query page answers like ``kg query``.

    Examples
    --------
    >>> oxigraph_command("/s", "127.0.0.1", 7878, read_write=False)[1:]
    ['serve-read-only', '--location', '/s', '--bind', '127.0.0.1:7878', '--union-default-graph']
    """
    mode = "serve" if read_write else "serve-read-only"
    if store_dir is None and not read_write:
        raise ValueError("a read-only server needs a store directory")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    location = ["--location", store_dir] if store_dir is not None else []
    return [oxigraph_executable(), mode, *location, "--bind", bind, "--union-default-graph"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


# --- the marker that tells embedded stores a server owns the directory ---------------------


def _check_port_free(host: str, port: int) -> None:
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        if os.name == "posix":  # as the server binds: a port in TIME_WAIT is free
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from exc


# --- the server process -------------------------------------------------------------------


class OxigraphServer:
    """An ``oxigraph serve`` (or ``serve-read-only``) child process over a store directory.

    Parameters
    ----------
    store_dir : str, optional
        The store directory; ``None`` serves an empty in-memory store (read-write only).
    host : str
        Address to listen on.
    port : int
        Port to listen on; 0 picks a free one.
    read_write : bool
        Accept SPARQL Update and Graph Store writes.

    Examples
    --------
    >>> with OxigraphServer(None, port=0, read_write=True) as server:
    ...     urls = server.start()
    ...     urls.query.endswith("/query")
    True
    """

    def __init__(self, store_dir: str | os.PathLike[str] | None, host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT, *, read_write: bool = False) -> None:
        self.store_dir = str(Path(store_dir).resolve()) if store_dir is not None else None
        self.host = host
        self.port = port or free_port(host)
        self.read_write = read_write
        self.endpoints = endpoints(host, self.port, read_write=read_write)
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._marked = False

    def start(self, ready_timeout: float = READY_TIMEOUT) -> Endpoints:
        """Start the server and wait (at most ``ready_timeout`` s) until it answers.

        Raises
        ------
        StoreLockedError
            Another process serves or writes the store.
        StoreError
            No store there (read-only), or the server did not start (its message included).
        """
        import subprocess
        import tempfile

        command = oxigraph_command(self.store_dir, self.host, self.port, read_write=self.read_write)
        _check_port_free(self.host, self.port)  # else the readiness probe might reach another server
        if self.store_dir is not None:
            self._claim_store(self.store_dir)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server; closed in stop()
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent(),
            )
            self._write_marker()
            self._wait_ready(self.process, ready_timeout)
        except BaseException:
            self.stop()
            raise
        return self.endpoints

    def wait(self) -> int:
        """Block until the server exits; its exit status."""
        if self.process is None:
            raise RuntimeError("the server was not started")
        return self.process.wait()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` s) and remove the marker."""
        import subprocess

        try:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            self._remove_marker()
            if self._log is not None:
                self._log.close()
                self._log = None

    def log_tail(self) -> str:
        """The server's error message, else the last line it printed (for error messages)."""
        if self._log is None:
            return ""
        self._log.seek(0)
        lines = [line.strip() for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")]
        return (errors or lines or [""])[-1]

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _claim_store(self, store_dir: str) -> None:
        """Refuse a store (``store_dir``) that is served or written elsewhere; drop staging leftovers."""
        from kg.store.embedded import EmbeddedStore

        path = Path(store_dir)
        if not path.exists() and not self.read_write:
            raise StoreError(f"{store_dir}: no store here; run `kg build` first")
        ensure_not_served(path)
        if not self.read_write and on_read_only_mount(path):
            # Nothing can write it (so there is no lock to take, nor leftovers to drop): check it opens.
            EmbeddedStore(store_dir, read_only=True).close()
            return
        # Opening it read-write takes the RocksDB lock (failing if a process writes it)
        # and drops the staging graphs an interrupted load left behind.
        EmbeddedStore(store_dir, read_only=False, create=self.read_write).close()

    def _write_marker(self) -> None:
        if self.store_dir is None or self.process is None or on_read_only_mount(Path(self.store_dir)):
            return  # on a read-only mount no embedded writer can open the store: no marker needed
        info = {"url": self.endpoints.base, "pids": [os.getpid(), self.process.pid],
                "read_write": self.read_write}
        marker_path(self.store_dir).write_text(json.dumps(info), encoding="utf-8")
        self._marked = True

    def _remove_marker(self) -> None:
        if self._marked and self.store_dir is not None:
            marker_path(self.store_dir).unlink(missing_ok=True)
            self._marked = False

    def _wait_ready(self, process: subprocess.Popen[bytes], timeout: float) -> None:
        import urllib.error
        import urllib.request

        host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        probe = f"http://{f'[{host}]' if ':' in host else host}:{self.port}/query?query=ASK%7B%7D"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + timeout
        while True:
            status = process.poll()
            if status is not None:
                said = self.log_tail()
                raise StoreError(f"the oxigraph server did not start (exit {status})" + (f": {said}" if said else ""))
            try:
                with opener.open(probe, timeout=1.0):
                    return
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise StoreError(f"{self.endpoints.base}: the oxigraph server did not answer "
                                     f"within {timeout:g} s") from None
                time.sleep(0.05)


def die_with_parent():
    """A ``preexec_fn`` that makes the server die with this process (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    return lambda: prctl(pr_set_pdeathsig, signal.SIGTERM)
