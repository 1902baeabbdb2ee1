"""Named SPARQL queries: ``.rq`` files in this folder, with parameters bound at run time.

Each file starts with comment headers::

    # name: persons-roles
    # description: Persons with their roles and the country or organisation of each post.
    # param: person iri

A parameter ``NAME TYPE`` binds ``?NAME``, which must be projected and used in a required
triple pattern: Oxigraph applies bindings to the projected solutions, so a binding does not
constrain an OPTIONAL or a FILTER.

Parameter values are converted and validated by type and passed as ``initBindings``;
they are never formatted into the query text. Beside the files: :mod:`kg.queries.run`
(user SPARQL: text, ``.rq`` file or named query, and result formats) and
:mod:`kg.queries.resolve` (the names users give to countries and proposals). May import
stores and RDF terms; nothing of answers, analysis, rendering or the CLI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import UsageError

PARAM_TYPES = ("iri", "string", "date", "int", "country", "proposal", "polarity", "person")
_HEADER = re.compile(r"^#\s*(name|description|param):\s*(.*?)\s*$")
_SAFE_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query loaded from a ``.rq`` file."""

    name: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def all_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    out = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            query = parse_query_file(entry.read_text(encoding="utf-8"), entry.name[:-3])
            out[query.name] = query
    return out


def parse_query_file(text: str, default_name: str) -> NamedQuery:
    """Read the headers of a ``.rq`` text.

    Examples
    --------
    >>> q = parse_query_file("# name: x\\n# param: c country\\nSELECT ?c WHERE {}", "f")
    >>> q.name, q.params
    ('x', {'c': 'country'})
    """
    name, description, params = default_name, "", {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "name":
            name = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            pname, ptype = [*value.split(), "string"][:2]
            if ptype not in PARAM_TYPES:
                raise ValueError(f"query {name}: unknown parameter type {ptype!r}")
            params[pname] = ptype
    return NamedQuery(name=name, description=description, text=text, params=params)


def get_query(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    UsageError
        No such query (the message lists the known ones).
    """
    queries = all_queries()
    if name not in queries:
        raise UsageError(f"unknown query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def bind_params(query: NamedQuery, raw: Mapping[str, str]) -> dict[str, Node]:
    """Convert ``key=value`` strings into RDF terms by the query's declared types.

    Examples
    --------
    >>> q = parse_query_file("# param: country country\\n# param: since date\\nSELECT ?country ?since {}", "q")
    >>> b = bind_params(q, {"country": "Poland", "since": "2025-04-01"})
    >>> str(b["country"]), b["since"].toPython()
    ('https://w3id.org/positions-kg/id/country/POL', datetime.date(2025, 4, 1))
    """
    bindings: dict[str, Node] = {}
    for key, value in raw.items():
        if key not in query.params:
            known = ", ".join(query.params) or "none"
            raise UsageError(f"query {query.name!r} has no parameter {key!r} (parameters: {known})")
        bindings[key] = convert_param(key, query.params[key], value)
    return bindings


def convert_param(key: str, ptype: str, value: str) -> Node:
    """Validate one parameter value and turn it into an RDF term."""
    from kg.queries.resolve import resolve_country, resolve_proposal
    from kg.rdf import iris

    try:
        if ptype == "iri":
            if not _SAFE_IRI.match(value):
                raise ValueError("not an absolute IRI")
            return URIRef(value)
        if ptype == "date":
            return Literal(dt.date.fromisoformat(value))
        if ptype == "int":
            return Literal(int(value))
        if ptype == "country":
            return iris.country_iri(resolve_country(value))
        if ptype == "proposal":
            return resolve_proposal(value)
        if ptype == "person":
            return iris.person_iri(value)
        if ptype == "polarity":
            from kg.rdf.mapping import POLARITY_CONCEPTS

            return POLARITY_CONCEPTS[value.lower()]
        return Literal(value)
    except (ValueError, KeyError, LookupError) as exc:
        raise UsageError(f"bad value for parameter {key!r} ({ptype}): {value!r}") from exc
