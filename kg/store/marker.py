"""The marker ``kg serve`` leaves in a store directory while its server runs.

``oxigraph serve-read-only`` does not take the store's RocksDB lock, and reading a store
that another process writes is undefined behaviour; so while a server runs, ``kg serve``
leaves a marker file (:data:`MARKER_NAME`) in the store directory and the embedded store
refuses to open it (:func:`ensure_not_served`), pointing to the server's URL instead. A
marker whose processes are gone is ignored. May import :mod:`kg.errors` only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.errors import StoreLockedError

MARKER_NAME = "kg-serve.json"


def marker_path(store_dir: str | os.PathLike[str]) -> Path:
    """Where ``kg serve`` leaves its marker in a store directory."""
    return Path(store_dir) / MARKER_NAME


def served_at(store_dir: str | os.PathLike[str]) -> str | None:
    """The URL of the ``kg serve`` server running over ``store_dir``, if any.

    Examples
    --------
    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> served_at(d) is None
    True
    >>> _ = marker_path(d).write_text(json.dumps({"url": "http://x", "pids": [os.getpid()]}))
    >>> served_at(d)
    'http://x'
    """
    try:
        info = json.loads(marker_path(store_dir).read_text(encoding="utf-8"))
        url, pids = str(info["url"]), [int(p) for p in info["pids"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return url if any(_alive(pid) for pid in pids) else None


def ensure_not_served(store_dir: str | os.PathLike[str]) -> None:
    """Raise :class:`StoreLockedError` when ``kg serve`` is serving ``store_dir``."""
    url = served_at(store_dir)
    if url is not None:
        raise StoreLockedError(
            f"{store_dir}: the store is being served by `kg serve`; use --store {url} or stop the server "
            f"(if no server runs, delete {marker_path(store_dir)})"
        )


def on_read_only_mount(path: Path) -> bool:
    """True when ``path`` is on a file system mounted read-only.

    Examples
    --------
    >>> on_read_only_mount(Path("/proc/self")) in (True, False)
    True
    """
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:  # a zombie (dead, not yet reaped) still answers kill(0)
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]
