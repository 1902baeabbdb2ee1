"""The ``kg export`` formats, what each is for, and choosing one from ``-f`` and the ``-o`` extension.

Light on imports: the CLI reads this table to write its help.
"""

from __future__ import annotations

from kg.errors import UsageError

#: Every ``kg export`` format: (file extensions, what it is for). The first extension is the usual one.
EXPORT_FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "ttl": ((".ttl",), "Turtle, all graphs merged: to read or diff by hand, or load into any RDF tool"),
    "nq": ((".nq",), "N-Quads, one quad per line with its named graph: backups, bulk loads, kg load"),
    "trig": ((".trig",), "TriG, named graphs kept and readable: other triple stores (GraphDB, Jena, Virtuoso)"),
    "jsonld": ((".jsonld", ".json-ld"), "JSON-LD compacted with a kg: @context: web and JSON tools"),
    "graphml": ((".graphml",), "the positions network as GraphML: yEd, Cytoscape, igraph, networkx"),
    "gexf": ((".gexf",), "the positions network as static GEXF with colours and sizes: Gephi"),
    "json-graph": ((".json",), "the positions network as node-link JSON: D3, networkx.node_link_graph"),
}


def export_format(fmt: str | None, output: str | None) -> str:
    """The export format: ``fmt`` if given, else the one the ``output`` extension names, else ``ttl``.

    Raises
    ------
    UsageError
        Unknown extension without ``fmt``, or ``fmt`` that contradicts the extension.

    Examples
    --------
    >>> export_format(None, "positions.graphml"), export_format("nq", None), export_format(None, None)
    ('graphml', 'nq', 'ttl')
    >>> export_format("ttl", "positions.gexf")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: -f ttl does not match positions.gexf (a .gexf file is gexf); drop -f or rename the file
    """
    by_suffix = {ext: name for name, (exts, _) in EXPORT_FORMATS.items() for ext in exts}
    suffix = "" if output is None else "." + str(output).rsplit(".", 1)[-1].lower() if "." in str(output) else ""
    implied = by_suffix.get(suffix)
    if fmt is None:
        if output is None:
            return "ttl"
        if implied is None:
            known = ", ".join(sorted(by_suffix))
            raise UsageError(f"cannot tell the format of {output} from its extension ({known}); pass -f")
        return implied
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if implied is not None and implied != fmt:
        raise UsageError(f"-f {fmt} does not match {output} (a {suffix} file is {implied}); "
                         "drop -f or rename the file")
    return fmt
