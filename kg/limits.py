"""Configurable limits: a whole number from an environment variable, else a default."""

from __future__ import annotations

import os

from kg.errors import UsageError


def limit_from_env(name: str, default: int, *, minimum: int = 0) -> int:
    """``$name`` as a whole number of at least ``minimum``; ``default`` when unset or empty.

    Raises
    ------
    UsageError
        The variable is set to anything else (``abc``, ``-5``, ``1.5``): a limit the user set
        on purpose is never silently replaced by the default.

    Examples
    --------
    >>> limit_from_env("KG_NO_SUCH_LIMIT", 5)
    5
    >>> os.environ["KG_EXAMPLE_LIMIT"] = "0"
    >>> limit_from_env("KG_EXAMPLE_LIMIT", 5)
    0
    >>> limit_from_env("KG_EXAMPLE_LIMIT", 5, minimum=1)
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: KG_EXAMPLE_LIMIT must be a whole number of at least 1, got '0'
    >>> del os.environ["KG_EXAMPLE_LIMIT"]
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < minimum:
        raise UsageError(f"{name} must be a whole number of at least {minimum}, got {raw[:40]!r}")
    return int(raw)


def check_limits_env(env: dict[str, str] | None = None) -> None:
    """Refuse any ``KG_MAX_*`` variable that is set but not a whole number, before a command starts.

    (Each limit is read where it applies, once per file; a bad value would otherwise be
    reported once per file.)

    Examples
    --------
    >>> check_limits_env({"KG_MAX_ARTICLE_BYTES": "5000"})
    >>> check_limits_env({"KG_MAX_ARTICLE_BYTES": "-5"})
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: KG_MAX_ARTICLE_BYTES must be a whole number of at least 0, got '-5'
    """
    env = os.environ if env is None else env
    for name in sorted(k for k in env if k.startswith("KG_MAX_")):
        raw = env[name].strip()
        if raw and not (raw.isascii() and raw.isdigit()):
            raise UsageError(f"{name} must be a whole number of at least 0, got {raw[:40]!r}")
