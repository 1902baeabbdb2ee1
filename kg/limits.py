"""Configurable limits: a whole number from an environment variable, else a default."""

from __future__ import annotations

import os


def limit_from_env(name: str, default: int, *, minimum: int = 0) -> int:
    """``$name`` as an integer when it is a whole number of at least ``minimum``, else ``default``.

    Examples
    --------
    >>> limit_from_env("KG_NO_SUCH_LIMIT", 5)
    5
    >>> os.environ["KG_EXAMPLE_LIMIT"] = "0"
    >>> limit_from_env("KG_EXAMPLE_LIMIT", 5), limit_from_env("KG_EXAMPLE_LIMIT", 5, minimum=1)
    (0, 5)
    >>> del os.environ["KG_EXAMPLE_LIMIT"]
    """
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) >= minimum else default
