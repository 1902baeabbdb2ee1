"""Results larger than a server's row cap: paged, or refused; never silently cut.

Some servers answer at most so many rows per query (Virtuoso: ``ResultSetMaxRows``
in ``virtuoso.ini``, 10,000 by default) and say so only in a response header
(``X-SPARQL-MaxRows``), with a ``200 OK``. A ``kg stats`` over 12,662 role edges
then counts 10,000. :class:`~kg.store.remote.RemoteStore` hands such a capped SELECT to
:func:`paged_query_texts`: the query is re-run as a sub-query, in pages of the cap,
under a stable order (its own ``ORDER BY`` keys, then every projected variable), the
way Virtuoso's documentation pages past the cap. CONSTRUCT/DESCRIBE results cannot be
paged that way; one that reaches the cap is refused (:func:`check_graph_size`).

The cap is learnt from the header (per store), else ``$KG_RESULT_ROW_CAP``, else the
endpoint style's default (:attr:`kg.store.remote.EndpointStyle`; Virtuoso's is 10,000).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from rdflib.query import Result

from kg.config import DEFAULT_ROW_CAPS
from kg.errors import QueryError, StoreError, UsageError
from kg.store.binding import SPARQL_TOKENS

if TYPE_CHECKING:
    from kg.store.remote import RemoteStore

#: The header by which Virtuoso says a result was cut at its cap.
ROW_CAP_HEADER = "X-SPARQL-MaxRows"
_ORDER_WORDS = {"ASC", "DESC"}
_CLAUSE_END = {"LIMIT", "OFFSET", "VALUES"}


def row_cap(style: str, env: Mapping[str, str] | None = None) -> int | None:
    """The row cap assumed before a server states one: ``$KG_RESULT_ROW_CAP`` or the style's default.

    Examples
    --------
    >>> row_cap("virtuoso", {}), row_cap("oxigraph", {}), row_cap("oxigraph", {"KG_RESULT_ROW_CAP": "500"})
    (10000, None, 500)
    """
    env = os.environ if env is None else env
    raw = (env.get("KG_RESULT_ROW_CAP") or "").strip()
    if not raw:
        return DEFAULT_ROW_CAPS.get(style)
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"KG_RESULT_ROW_CAP must be a positive whole number of rows, got {raw!r}")
    return int(raw)


def header_cap(headers: Mapping[str, str]) -> int | None:
    """The cap a response says it was cut at, or None.

    Examples
    --------
    >>> header_cap({"X-SPARQL-MaxRows": "10000"}), header_cap({})
    (10000, None)
    """
    raw = str(headers.get(ROW_CAP_HEADER, "")).strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def paged_query_texts(sparql: str, variables: Sequence[str], page: int) -> Iterator[str]:
    """SELECT texts of successive pages of ``sparql``'s result, ``page`` rows each (without end).

    Virtuoso's own way past its cap (a "scrollable cursor"): the query, ordered by its own
    ``ORDER BY`` keys and then by every projected variable (a total order over distinct
    rows, so that pages neither overlap nor skip while the data does not change), becomes
    a sub-query that the outer query slices with LIMIT/OFFSET and does not sort again
    (Virtuoso 7.2 refuses a sorted OFFSET past its cap, and fails on a key given twice).

    Raises
    ------
    QueryError
        The query has its own LIMIT or OFFSET, or its ORDER BY uses something other
        than projected variables with ASC/DESC.

    Examples
    --------
    >>> texts = paged_query_texts("SELECT ?a ?b WHERE { ?a <p> ?b } ORDER BY DESC(?b)", ["a", "b"], 100)
    >>> print(next(texts))
    SELECT ?a ?b WHERE { { SELECT ?a ?b WHERE { ?a <p> ?b } ORDER BY DESC(?b) ?a } } LIMIT 100 OFFSET 0
    >>> next(texts).endswith("LIMIT 100 OFFSET 100")
    True
    """

    tokens = [m for m in SPARQL_TOKENS.finditer(sparql) if m.lastgroup != "comment"]
    form = next((i for i, m in enumerate(tokens) if m.lastgroup == "word" and m.group().upper() == "SELECT"), None)
    if form is None:
        raise QueryError("only SELECT results can be paged past a server's row cap")
    order, span, sliced = _order_clause(tokens, form, set(variables))
    if sliced:
        raise QueryError("the result exceeds the server's row cap and cannot be paged: the query has its own "
                         "LIMIT/OFFSET; raise the server's cap (Virtuoso: ResultSetMaxRows)")
    ordered = set(re.findall(r"[?$](\w+)", order))
    keys = " ".join([order, *(f"?{v}" for v in variables if v not in ordered)]).strip()
    end = span[0] if span is not None else len(sparql)
    rest = sparql[span[1]:] if span is not None else ""
    prologue, body = sparql[:tokens[form].start()], sparql[tokens[form].start():end]
    projected = " ".join(f"?{v}" for v in variables)
    tail = f" {rest.strip()}" if rest.strip() else ""
    offset = 0
    while True:
        yield (f"{prologue.strip()} SELECT {projected} WHERE {{ {{ {body.strip()} ORDER BY {keys}{tail}"
               f" }} }} LIMIT {page} OFFSET {offset}").strip()
        offset += page


def _order_clause(tokens: list, form: int, variables: set[str]) -> tuple[str, tuple[int, int] | None, bool]:
    """The query's top-level ORDER BY conditions ('' without one, checked to be pageable), the
    clause's character span, and whether the query has a top-level LIMIT or OFFSET."""
    depth, start, end, sliced = 0, None, None, False
    for i in range(form, len(tokens)):
        text = tokens[i].group()
        depth += (text == "{") - (text == "}")
        if depth:
            continue
        upper = text.upper()
        if start is None and upper == "ORDER" and i + 1 < len(tokens) and tokens[i + 1].group().upper() == "BY":
            start = i
            continue
        sliced = sliced or upper in ("LIMIT", "OFFSET")
        if start is not None and end is None and upper in _CLAUSE_END:
            end = i
    if start is None:
        return "", None, sliced
    stop = len(tokens) if end is None else end
    return _checked_keys(tokens[start + 2:stop], variables), (tokens[start].start(), tokens[stop - 1].end()), sliced


def _checked_keys(tokens: list, variables: set[str]) -> str:
    for token in tokens:
        text = token.group()
        if text in "()" or text.upper() in _ORDER_WORDS:
            continue
        if text.startswith(("?", "$")) and text[1:] in variables:
            continue
        raise QueryError(f"the result exceeds the server's row cap and cannot be paged: its ORDER BY uses {text!r}, "
                         "not a selected variable; raise the server's cap (Virtuoso: ResultSetMaxRows)")
    return "".join(t.group() if i == 0 or t.group() in "()" or tokens[i - 1].group() == "(" else f" {t.group()}"
                   for i, t in enumerate(tokens))


def check_graph_size(triples: int, cap: int | None, url: str) -> None:
    """Refuse a CONSTRUCT/DESCRIBE answer that reached the row cap (the server may have cut it).

    Examples
    --------
    >>> check_graph_size(10, 10, "http://h/sparql")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: http://h/sparql: the graph result reached the server's row cap of 10 triples and may be cut...
    """
    if cap is not None and triples >= cap:
        raise StoreError(f"{url}: the graph result reached the server's row cap of {cap} triples and may be cut; "
                         "raise the cap (Virtuoso: ResultSetMaxRows in virtuoso.ini; KG_RESULT_ROW_CAP tells kg "
                         "the new cap)")


def uncapped(store: RemoteStore, text: str, result: Result, headers: Mapping[str, str]) -> Result:
    """``result`` of ``text`` on ``store``, made whole if the server cut it at its row cap.

    A SELECT the server says it cut (or that has exactly the assumed cap of rows) is run
    again in pages (:func:`paged_query_texts`); a graph result at the cap is refused.
    """
    stated = header_cap(headers)
    if stated is not None:
        store.row_cap = stated  # servers state their cap only when they cut: remember it
    cap = stated or store.row_cap
    if cap is None or result.type == "ASK":
        return result
    if result.type != "SELECT":
        assert result.graph is not None  # a CONSTRUCT or DESCRIBE result has its graph
        check_graph_size(len(result.graph), cap, store.endpoints["query"])
        return result
    rows = list(result.bindings)
    if stated is None and len(rows) < cap:
        result.bindings = rows
        return result
    assert result.vars is not None  # a SELECT result has its variables
    names = [str(v) for v in result.vars]
    everything: list = []
    for page_text in paged_query_texts(text, names, cap):
        page = store.select_page(page_text)
        assert page.vars is not None  # a SELECT result has its variables
        if [str(v) for v in page.vars] != names:
            raise StoreError(f"{store.endpoints['query']}: a page of a capped result came back with other columns")
        found = list(page.bindings)
        everything.extend(found)
        if len(found) < cap:
            break
    whole = Result("SELECT")
    whole.vars = result.vars
    whole.bindings = everything
    return whole
