"""Running user SPARQL (text, ``.rq`` file or named query) and formatting results."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib.query import Result
from rdflib.term import Literal, Node

from kg.errors import InputError, QueryError
from kg.queries import bind_params, get_query
from kg.store import Store, select_rows

_UPDATE_KEYWORDS = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.I,
)
_COMMENT_OR_TOKEN = re.compile(r"""<[^>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*""")


@dataclass
class QueryOutput:
    """A query's result: tabular rows, a graph (Turtle text) or a boolean."""

    kind: str  # "select", "construct", "ask", "update"
    columns: list[str]
    rows: list[list[Node | None]]
    turtle: str = ""
    boolean: bool | None = None


def is_update(sparql: str) -> bool:
    """True when the text is a SPARQL Update rather than a query.

    Examples
    --------
    >>> is_update("PREFIX x: <http://x/> # c\\nDROP ALL"), is_update("SELECT * { ?s ?p ?o }")
    (True, False)
    """
    without_comments = _COMMENT_OR_TOKEN.sub(lambda m: "" if m.group().startswith("#") else m.group(), sparql)
    return bool(_UPDATE_KEYWORDS.match(without_comments))


#: A query file larger than this is refused unread (devices and FIFOs are refused too).
MAX_QUERY_FILE_BYTES = 1_000_000


def read_query_text(query: str) -> str:
    """The SPARQL text: ``query`` itself, or the content of the ``.rq`` file it names."""
    if query.endswith((".rq", ".sparql", ".ru")):
        from kg.articles import read_regular_file

        raw = read_regular_file(query, MAX_QUERY_FILE_BYTES, "query file", "the limit is fixed")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(query, f"cannot read query file: {exc}") from exc
    return query


def run_query(
    store: Store,
    sparql: str | None = None,
    *,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    allow_update: bool = False,
) -> QueryOutput:
    """Run SPARQL text or a named query with bound parameters.

    Raises
    ------
    QueryError
        Syntax errors, and updates when ``allow_update`` is false.
    UsageError
        Unknown named query or parameter.
    """
    bindings = {}
    if name:
        named = get_query(name)
        sparql = named.text
        bindings = bind_params(named, params or {})
    elif params:
        raise QueryError("--param only applies to named queries (--name)")
    if not sparql or not sparql.strip():
        raise QueryError("empty query")
    if is_update(sparql):
        if not allow_update:
            raise QueryError("this is a SPARQL Update; pass --update to change the store")
        from kg.store.pending import marking_everything

        store.update(marking_everything(sparql))  # what it changes is unknown: the position index is recomputed
        return QueryOutput(kind="update", columns=[], rows=[])
    return result_output(store.query(sparql, bindings))


def result_output(result: Result) -> QueryOutput:
    """Turn an rdflib result into a :class:`QueryOutput`."""
    if result.type == "ASK":
        return QueryOutput(kind="ask", columns=["ask"], rows=[], boolean=bool(result.askAnswer))
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        graph = result.graph
        assert graph is not None  # a CONSTRUCT or DESCRIBE result has its graph
        return QueryOutput(kind="construct", columns=[], rows=[], turtle=graph.serialize(format="turtle"))
    columns = [str(v) for v in result.vars or []]
    return QueryOutput(kind="select", columns=columns, rows=[list(row) for row in select_rows(result)])


def term_text(term: Node | None) -> str:
    """Plain text of a result cell: IRIs and literals as their value, unbound as ''."""
    if term is None:
        return ""
    return str(term)


def format_delimited(output: QueryOutput, delimiter: str) -> str:
    """Rows as CSV or TSV with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(output.columns)
    for row in output.rows:
        writer.writerow([term_text(t) for t in row])
    return buffer.getvalue()


def format_json(output: QueryOutput) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if output.kind == "ask":
        return json.dumps({"head": {}, "boolean": output.boolean})
    bindings = []
    for row in output.rows:
        item = {}
        for column, term in zip(output.columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, Literal):
                cell = {"type": "literal", "value": str(term)}
                if term.language:
                    cell["xml:lang"] = term.language
                elif term.datatype:
                    cell["datatype"] = str(term.datatype)
            else:
                cell = {"type": "bnode" if term.__class__.__name__ == "BNode" else "uri", "value": str(term)}
            item[column] = cell
        bindings.append(item)
    return json.dumps({"head": {"vars": output.columns}, "results": {"bindings": bindings}}, ensure_ascii=False)
