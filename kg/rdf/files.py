"""Parsing RDF files into rdflib graphs, with errors that name the file and line."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.rdf.terms import TermConverter
from kg.store import invalid_rdf


def parse_turtle_file(path: str | os.PathLike[str]) -> Graph:
    """Parse a Turtle file with Oxigraph's parser into an rdflib graph.

    Raises
    ------
    InputError
        Unreadable file or a syntax error (the message names the file and line).

    Examples
    --------
    >>> import tempfile
    >>> f = tempfile.NamedTemporaryFile("w", suffix=".ttl", delete=False)
    >>> _ = f.write("<http://x/a> <http://x/p> <http://x/b> .\\n<http://x/a> <http://x/p> ."); f.close()
    >>> try:
    ...     parse_turtle_file(f.name)
    ... except InputError as e:
    ...     print(e.line)
    2
    """
    import pyoxigraph as ox

    name = str(path)
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    graph = Graph()
    # RDF 1.1 makes "x" and "x"^^xsd:string one value, but rdflib compares them as different,
    # so curated and extracted data would otherwise hold duplicate quotes and labels.
    convert = TermConverter(plain_strings=True)
    try:
        for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
            graph.add(convert.triple(triple))
    except SyntaxError as exc:
        raise invalid_rdf(name, "TURTLE", exc) from exc
    return graph
