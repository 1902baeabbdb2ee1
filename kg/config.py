"""Every setting positions-kg reads: where its data files are, its limits, each ``KG_*`` variable.

The ontology, shapes and seeds ship inside the package (``kg/ontology`` and ``kg/seeds``),
read through :mod:`importlib.resources`, so a wheel installed anywhere finds them; in the
source tree those two folders are symbolic links to the top-level ``ontology/`` and
``seeds/``. Each ``KG_*`` environment variable is listed in :data:`SETTINGS` with its
default and what it changes (``tests/test_config.py`` checks that every variable the code
reads is listed); the modules that apply a setting import its default from here. This
module imports only :mod:`kg.errors`.

Examples
--------
>>> ontology_file().name, shapes_file().name
('kg.ttl', 'shapes.ttl')
>>> (seeds_dir() / "curated").is_dir()
True
>>> SETTINGS["KG_STORE"].default
'.kg/store'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import UsageError

#: Where commands open a store when neither ``--store`` nor ``KG_STORE`` says.
DEFAULT_STORE = ".kg/store"
#: Bound on one ``kg query``/``kg ask`` evaluation, in seconds (0 = none).
DEFAULT_QUERY_TIMEOUT = 60.0
#: Seconds a remote store's HTTP request may take (writes get more, by their size).
DEFAULT_HTTP_TIMEOUT = 30.0
#: Largest article file read, in bytes.
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
#: Tags an HTML article may hold before it is refused unparsed.
DEFAULT_MAX_HTML_TAGS = 100_000
#: Attributes one HTML tag may carry: the HTML extraction takes time that grows with the
#: cube of a tag's attributes (16,000: 1.6 s; 64,000: 100 s).
DEFAULT_MAX_HTML_ATTRIBUTES = 1_000
#: Longest article body the parser takes, in characters.
DEFAULT_MAX_EXTRACT_CHARS = 1_000_000
#: Claims one article may yield before it is refused whole.
DEFAULT_MAX_CLAIMS_PER_ARTICLE = 2000
#: Default result caps of servers known to cut results silently, by endpoint style.
DEFAULT_ROW_CAPS = {"virtuoso": 10_000}


@dataclass(frozen=True)
class Setting:
    """One ``KG_*`` environment variable: its default (None: unset) and what it changes."""

    default: str | None
    what: str


#: Every environment variable positions-kg reads.
SETTINGS: dict[str, Setting] = {
    "KG_STORE": Setting(DEFAULT_STORE, "the store: a folder (embedded Oxigraph) or a SPARQL endpoint URL"),
    "KG_QUERY_TIMEOUT": Setting(f"{DEFAULT_QUERY_TIMEOUT:g}", "seconds one kg query / kg ask evaluation may take"),
    "KG_ONTOLOGY_DIR": Setting(None, "a folder with kg.ttl and shapes.ttl instead of the packaged ones"),
    "KG_SEEDS_DIR": Setting(None, "a seeds folder (curated/, articles/) instead of the packaged one"),
    "KG_MAX_ARTICLE_BYTES": Setting(str(DEFAULT_MAX_ARTICLE_BYTES), "largest article file read"),
    "KG_MAX_HTML_TAGS": Setting(str(DEFAULT_MAX_HTML_TAGS), "tags an HTML article may hold"),
    "KG_MAX_HTML_ATTRIBUTES": Setting(str(DEFAULT_MAX_HTML_ATTRIBUTES), "attributes one HTML tag may carry"),
    "KG_MAX_EXTRACT_CHARS": Setting(str(DEFAULT_MAX_EXTRACT_CHARS), "longest article body parsed"),
    "KG_MAX_CLAIMS_PER_ARTICLE": Setting(str(DEFAULT_MAX_CLAIMS_PER_ARTICLE), "claims one article may yield"),
    "KG_ENDPOINT_STYLE": Setting(None, "a remote server's endpoint paths preset (oxigraph, fuseki, virtuoso, ...)"),
    "KG_QUERY_PATH": Setting(None, "a remote server's query path, overriding the style"),
    "KG_UPDATE_PATH": Setting(None, "a remote server's update path, overriding the style"),
    "KG_GSP_PATH": Setting(None, "a remote server's graph store protocol path, overriding the style"),
    "KG_HTTP_TIMEOUT": Setting(f"{DEFAULT_HTTP_TIMEOUT:g}", "seconds one HTTP request to a remote store may take"),
    "KG_HTTP_USER": Setting(None, "user name for a remote store (with KG_HTTP_PASSWORD)"),
    "KG_HTTP_PASSWORD": Setting(None, "password for a remote store"),
    "KG_HTTP_AUTH": Setting("basic", "basic or digest authentication for KG_HTTP_USER"),
    "KG_HTTP_TOKEN": Setting(None, "a bearer token for a remote store"),
    "KG_RESULT_ROW_CAP": Setting(None, "rows a remote server returns at most per query (results are paged by it)"),
}


#: The repository root when kg runs from the source tree (editable install); not used
#: to find data, which lives in the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def package_data(name: str) -> Path:
    """The folder ``name`` shipped inside the ``kg`` package, as a file-system path."""
    return Path(str(files("kg") / name))


def ontology_dir() -> Path:
    """``$KG_ONTOLOGY_DIR`` or the packaged ``kg/ontology``."""
    return Path(os.environ.get("KG_ONTOLOGY_DIR") or package_data("ontology"))


def ontology_file() -> Path:
    """The OWL ontology in Turtle."""
    return ontology_dir() / "kg.ttl"


def shapes_file() -> Path:
    """The SHACL shapes in Turtle."""
    return ontology_dir() / "shapes.ttl"


def seeds_dir() -> Path:
    """``$KG_SEEDS_DIR`` or the packaged ``kg/seeds`` (holds ``articles/`` and ``curated/``)."""
    return Path(os.environ.get("KG_SEEDS_DIR") or package_data("seeds"))


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


def check_limits_env(env: Mapping[str, str] | None = None) -> None:
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
