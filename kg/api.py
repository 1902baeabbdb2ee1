"""The Python API behind ``import kg``: open a store, ask, query, extract, get a networkx graph.

Thin wrappers over the library functions the CLI calls, so that a notebook gets the same
answers as ``kg ask --format json`` and ``kg query --format json``. Loaded only when one of
these names is first used (see ``kg/__init__.py``), so ``import kg`` stays fast.
Examples that run against the seeds store are in ``docs/api.md``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib.term import Literal, Node

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.store import Store


def open_store(path_or_url: str | os.PathLike[str] | None = None, *, read_only: bool = True) -> Store:
    """Open an embedded store folder or a remote ``http(s)://`` SPARQL endpoint.

    Read-only by default (a notebook should not change the graph by accident); use it
    as a context manager, or call ``close()``.

    Examples
    --------
    >>> store = open_store(":memory:", read_only=False)
    >>> store.count_triples()
    0
    """
    from kg.store import open_store as _open

    return _open(None if path_or_url is None else str(path_or_url), read_only=read_only, create=not read_only)


def ask(store: Store, question: str, *, as_of: str | dt.date | None = None) -> dict:
    """Answer a plain-English question; the same records as ``kg ask --format json``.

    Examples
    --------
    >>> ask(open_store(":memory:", read_only=False), "who opposes")["answers"]
    []
    """
    from kg.ask import ask as _ask

    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return _ask(store, question, day=day).to_json()


@dataclass(frozen=True)
class QueryResult:
    """The rows of a SELECT query: ``columns``, ``rows`` of rdflib terms (None when unbound)."""

    columns: list[str]
    rows: list[list[Node | None]]

    def __len__(self) -> int:
        return len(self.rows)

    def to_dicts(self) -> list[dict[str, Any]]:
        """One dict per row: IRIs as strings, literals as Python values (dates, numbers), unbound left out.

        Examples
        --------
        >>> from rdflib import Literal, URIRef
        >>> QueryResult(["a", "n", "x"], [[URIRef("https://x.org/a"), Literal(3), None]]).to_dicts()
        [{'a': 'https://x.org/a', 'n': 3}]
        """
        return [{c: _python(t) for c, t in zip(self.columns, row, strict=True) if t is not None} for row in self.rows]

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs pandas: ``pip install 'positions-kg[notebooks]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:
            from kg.errors import UsageError

            raise UsageError("to_dataframe needs pandas: pip install 'positions-kg[notebooks]'") from exc
        return pd.DataFrame([[_python(t) for t in row] for row in self.rows], columns=self.columns)


def _python(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if not isinstance(value, Literal) else str(value)
    return str(term)


def query(store: Store, name: str, **params: object) -> QueryResult:
    """Run the named query ``name`` (``kg query --list``) with parameters bound at run time.

    Examples
    --------
    >>> query(open_store(":memory:", read_only=False), "stances-by-polarity").to_dicts()
    []
    """
    from kg.queries.run import run_query

    return _result(run_query(store, name=name, params={k: str(v) for k, v in params.items()}))


def sparql(store: Store, text: str) -> QueryResult:
    """Run a SPARQL SELECT (read-only; updates are refused).

    Examples
    --------
    >>> sparql(open_store(":memory:", read_only=False), "SELECT (1 AS ?one) WHERE {}").to_dicts()
    [{'one': 1}]
    """
    from kg.queries.run import run_query

    return _result(run_query(store, text))


def _result(output) -> QueryResult:
    from kg.errors import QueryError

    if output.kind != "select":
        raise QueryError(f"expected a SELECT query, got {output.kind.upper()}")
    return QueryResult(list(output.columns), [list(row) for row in output.rows])


def extract(text_or_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[dict]:
    """Extract role and stance claims from article text, a file or several files (spaCy; nothing stored).

    A ``str`` that names an existing file is read as that file; any other ``str`` is the
    article text itself. Returns the records of ``kg extract --format jsonl``.
    """
    from kg.articles import load_article, parse_article
    from kg.extract import extract_articles
    from kg.extract.pipeline import check_extractable

    items = [text_or_path] if isinstance(text_or_path, (str, os.PathLike)) else list(text_or_path)
    articles = []
    for item in items:
        if isinstance(item, os.PathLike) or ("\n" not in item and len(item) < 4096 and Path(item).is_file()):
            article = load_article(item)
        else:
            article = parse_article(item.encode("utf-8"), "text.txt")
        check_extractable(article)
        articles.append(article)
    return [claim.to_json() for found in extract_articles(articles) for claim in found.claims]


def to_networkx(store: Store, **filters: Any) -> nx.MultiDiGraph:
    """The positions graph (actors, proposals, posts, articles) as a networkx ``MultiDiGraph``.

    ``filters`` are those of :func:`kg.analysis.graph.graph_from_store` (``polarity``,
    ``source``, ``since``, ``until``, ``roles``, ``articles``, ``construct``).

    Examples
    --------
    >>> to_networkx(open_store(":memory:", read_only=False)).number_of_nodes()
    0
    """
    from kg.analysis.graph import graph_from_store

    return graph_from_store(store, **filters)
