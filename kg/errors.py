"""The exception hierarchy of positions-kg.

Library code raises these (``raise ... from cause``); only the CLI turns them
into one-line messages and exit codes.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error positions-kg raises on purpose.

    ``exit_code`` is what the CLI exits with when the error reaches it.
    """

    exit_code = 1


class InputError(KGError):
    """Bad input: a file that cannot be read, parsed or validated.

    Parameters
    ----------
    path : str
        The offending file (or other input) as the user named it.
    message : str
        What is wrong with it.
    line : int, optional
        1-based line number where the problem is, when known.

    Examples
    --------
    >>> str(InputError("a.ttl", "bad token", line=3))
    'a.ttl:3: bad token'
    """

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class QueryError(KGError):
    """A SPARQL query or update that is malformed or not allowed."""

    exit_code = 2


class UsageError(KGError):
    """A request that does not make sense (unknown name, bad parameter)."""

    exit_code = 2


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class StoreCorruptError(StoreError):
    """The embedded store's files are damaged (RocksDB reports corruption).

    Examples
    --------
    >>> str(StoreCorruptError(".kg/store", "Corruption: CURRENT file corrupted")).split(";")[0]
    '.kg/store: the store is damaged (Corruption: CURRENT file corrupted)'
    """

    def __init__(self, location: str, detail: str) -> None:
        self.location = str(location)
        self.detail = " ".join(detail.split())[:300]
        super().__init__(
            f"{self.location}: the store is damaged ({self.detail}); restore it from an export "
            "(`kg load` the .nq into a new store) or rebuild it with `kg build --store NEW_DIR`"
        )


class StoreLockedError(StoreError):
    """Another process (often ``kg serve``) holds the embedded store's lock."""


class ValidationError(KGError):
    """Data that violates the SHACL shapes."""


class LimitExceededError(KGError):
    """An input exceeds a configured limit (size, claims per article, time)."""
