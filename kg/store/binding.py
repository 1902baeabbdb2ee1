"""Binding RDF terms into SPARQL text, for servers that take no separate bindings.

A remote SPARQL 1.1 endpoint receives the query as text, so a value bound at run time is
written as exactly one IRI or literal (checked by a regular expression of the grammar's
terminals) in a ``VALUES`` block at the start of the query's WHERE group; anything else
is refused, whatever produced it. The tokenizer here also serves :mod:`kg.store.paging`.
May import :mod:`kg.errors` only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import QueryError

_IRIREF = r'<[^\x00-\x20<>"{}|^`\\]*>'
_ECHAR = r"""\\[tbnrf"'\\]"""
_SHORT_STRING = rf'"(?:[^"\\\n\r]|{_ECHAR})*"'
_LONG_STRING = rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'
#: Exactly one IRI or literal as SPARQL text; anything else is refused, whatever produced it.
_ONE_TERM = re.compile(
    rf"(?:{_IRIREF}|(?:{_LONG_STRING}|{_SHORT_STRING})(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^{_IRIREF})?)",
    re.S,
)
ABSOLUTE_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*')
_VARNAME = re.compile(r"[A-Za-z0-9_]+")
SPARQL_TOKENS = re.compile(
    r"(?P<comment>#[^\n\r]*)"
    rf"|(?P<string>{_LONG_STRING}|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|{_SHORT_STRING}|'(?:[^'\\\n\r]|\\.)*')"
    rf"|(?P<iri>{_IRIREF})"
    r"|(?P<punct>[{}()])"
    r"|(?P<word>[^\s{}()<>\"'#*]+)"
    r"|(?P<other>\S)",
    re.S,
)
_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


def sparql_term(term: Node) -> str:
    """SPARQL text of one IRI or literal, checked to be exactly one term.

    IRIs must be absolute and free of the characters an IRI cannot hold; blank nodes
    cannot be bound over the protocol.

    Examples
    --------
    >>> sparql_term(Literal('say "hi" } DROP ALL {'))
    '"say \\\\"hi\\\\" } DROP ALL {"'
    >>> sparql_term(URIRef("http://example.org/a b"))
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: cannot bind 'http://example.org/a b': not an absolute IRI without spaces or <>"{}|^`\\
    """
    if isinstance(term, BNode):
        raise QueryError(f"cannot bind the blank node {term.n3()} over the SPARQL protocol")
    if isinstance(term, URIRef):
        _check_iri(term)
    elif isinstance(term, Literal):
        if term.datatype is not None:
            _check_iri(term.datatype)
    else:
        raise QueryError(f"cannot bind {term!r}: not an IRI or literal")
    try:
        text = term.n3()
    except Exception as exc:  # rdflib refuses some terms with a bare Exception
        raise QueryError(f"cannot bind {str(term)!r}: {exc}") from exc
    if not _ONE_TERM.fullmatch(text):
        raise QueryError(f"cannot bind {str(term)!r}: it does not serialise as one SPARQL term")
    return text


def _check_iri(iri: str) -> None:
    if not ABSOLUTE_IRI.fullmatch(str(iri)):
        raise QueryError(f"cannot bind {str(iri)!r}: not an absolute IRI without spaces or <>\"{{}}|^`\\")


def bind_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with ``bindings`` as a one-row ``VALUES`` block opening its WHERE group.

    Joining the values first gives Oxigraph's substitution semantics: the variables are
    bound in every pattern, FILTER and OPTIONAL of the group, and projected. The query
    text is only scanned for its structure (comments, strings and IRIs skipped); values
    never pass through it unchecked (see :func:`sparql_term`).

    Examples
    --------
    >>> print(bind_values("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": Literal("x")}))
    SELECT ?s ?o WHERE { VALUES (?o) { ("x") } ?s ?p ?o }
    >>> print(bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("http://example.org/a")}))
    CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://example.org/a>) } ?s ?p ?o }
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for key, term in bindings.items():
        name = str(key).lstrip("?$")
        if not _VARNAME.fullmatch(name):
            raise QueryError(f"cannot bind {str(key)!r}: not a SPARQL variable name")
        if term is None:
            raise QueryError(f"cannot bind ?{name} to nothing")
        names.append(f"?{name}")
        terms.append(sparql_term(term))
    values = f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    sparql, opening, closing, subselect = _where_group(sparql)
    if subselect:  # a group that is only a sub-SELECT takes no VALUES beside it: nest it
        return f"{sparql[:opening]} {values} {{{sparql[opening:closing]}}}{sparql[closing:]}"
    gap = "" if sparql[opening:opening + 1].isspace() else " "
    return f"{sparql[:opening]} {values}{gap}{sparql[opening:]}"


def _where_group(sparql: str) -> tuple[str, int, int, bool]:
    """The query (CONSTRUCT WHERE expanded), offsets just inside its WHERE group's braces,
    and whether that group is a bare sub-SELECT."""
    tokens = [m for m in SPARQL_TOKENS.finditer(sparql) if m.lastgroup != "comment"]
    form = next((i for i, m in enumerate(tokens) if m.lastgroup == "word" and m.group().upper() in _FORMS), None)
    if form is None:
        raise QueryError("cannot bind parameters: no SELECT, CONSTRUCT, ASK or DESCRIBE found")
    is_construct = tokens[form].group().upper() == "CONSTRUCT"
    depth = parens = 0
    template_seen = False
    opening = None
    for i in range(form + 1, len(tokens)):
        text = tokens[i].group()
        at_top = depth == 0 and parens == 0
        if at_top and tokens[i].lastgroup == "word" and text.upper() == "WHERE":
            opening = _next_brace(tokens, i)
            if is_construct and not template_seen:
                # CONSTRUCT WHERE { T } takes no VALUES: write it as CONSTRUCT { T } WHERE { T }
                template = sparql[tokens[opening].start():tokens[_matching_brace(tokens, opening)].end()]
                where = tokens[i].start()
                return _where_group(f"{sparql[:where]}{template} {sparql[where:]}")
            break
        if text == "{" and at_top:
            if not (is_construct and not template_seen):
                opening = i
                break
            template_seen = True
        depth += (text == "{") - (text == "}")
        parens += (text == "(") - (text == ")")
    if opening is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    closing = _matching_brace(tokens, opening)
    first = tokens[opening + 1]
    subselect = first.lastgroup == "word" and first.group().upper() == "SELECT"
    return sparql, tokens[opening].end(), tokens[closing].start(), subselect


def query_form(sparql: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first of these words outside comments, strings and IRIs.

    Examples
    --------
    >>> query_form("PREFIX s: <http://x/SELECT> # SELECT\\nCONSTRUCT WHERE { ?s ?p 'SELECT' }")
    'CONSTRUCT'
    """
    for m in SPARQL_TOKENS.finditer(sparql):
        if m.lastgroup == "word" and m.group().upper() in _FORMS:
            return m.group().upper()
    return None


def _next_brace(tokens: list[re.Match[str]], i: int) -> int:
    if i + 1 < len(tokens) and tokens[i + 1].group() == "{":
        return i + 1
    raise QueryError("cannot bind parameters: WHERE is not followed by a group")


def _matching_brace(tokens: list[re.Match[str]], opening: int) -> int:
    depth = 0
    for i in range(opening, len(tokens)):
        depth += (tokens[i].group() == "{") - (tokens[i].group() == "}")
        if depth == 0:
            return i
    raise QueryError("cannot bind parameters: unbalanced braces in the query")
