"""CLI commands: ``kg render`` (issue 5).

Thin: parse options, build the graph with :func:`kg.analysis.graph.graph_from_store`
and write the page with :func:`kg.render.write_html`. networkx, igraph and pyvis are
imported inside the command, so other commands do not pay for them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.claims import Polarity
from kg.cli.common import StoreOption, console, open_for_cli


def render(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("graph.html"),
    query: Annotated[Optional[Path], typer.Option(
        "--query", help="A SPARQL CONSTRUCT (.rq file) selecting the subgraph to draw.", show_default=False)] = None,
    polarity: Annotated[Optional[str], typer.Option(
        help=f"Only stances of this polarity: {', '.join(Polarity)}.", show_default=False)] = None,
    source: Annotated[Optional[str], typer.Option(
        help="Only claims from this article: its IRI, identifier (file name without suffix) or file.",
        show_default=False)] = None,
    since: Annotated[Optional[str], typer.Option(help="Only claims dated on or after (YYYY-MM-DD).",
                                                 show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option(help="Only claims dated on or before (YYYY-MM-DD).",
                                                 show_default=False)] = None,
    proposal: Annotated[Optional[str], typer.Option(
        help="Colour actors by their position on this proposal (IRI, name or identifier); "
             "default: the one with the most stances.", show_default=False)] = None,
    max_nodes: Annotated[Optional[int], typer.Option(
        "--max-nodes", help="Draw only the N best-connected nodes.", show_default=False)] = None,
    store: StoreOption = None,
) -> None:
    """Write the graph of actors, posts and stances as one interactive, offline HTML page.

    Examples: kg render -o graph.html; kg render --polarity opposes --since 2025-04-01;
    kg render --query my-subgraph.rq --max-nodes 500
    """
    from kg.analysis.graph import graph_from_store
    from kg.errors import UsageError
    from kg.render import write_html
    from kg.render.page import DEFAULT_TITLE
    from kg.render.select import construct_subgraph, top_nodes

    start, end = _parse_day("--since", since), _parse_day("--until", until)
    if start and end and start > end:
        raise UsageError(f"--since {since} is after --until {until}")
    source_iri = _source_iri(source) if source else None
    sparql = _read_query(query) if query else None
    with open_for_cli(store, read_only=True, create=False) as target:
        chosen = construct_subgraph(target, sparql, origin=str(query)) if sparql is not None else target
        graph = graph_from_store(chosen, polarity=polarity, source=source_iri, since=start, until=end)
    if graph.number_of_nodes() == 0:
        raise UsageError(f"nothing to draw: no claims{_filters_text(query, polarity, source, since, until)}")
    total = graph.number_of_nodes()
    if max_nodes is not None:
        graph = top_nodes(graph, max_nodes)
    title = DEFAULT_TITLE + _filters_text(query, polarity, source, since, until, title=True)
    write_html(graph, output, title=title, proposal=_proposal_node(graph, proposal) if proposal else None)
    kept = f" (the {graph.number_of_nodes():,} best connected of {total:,})" if graph.number_of_nodes() < total else ""
    console(stderr=True).print(
        f"wrote {output}: {graph.number_of_nodes():,} nodes{kept}, {graph.number_of_edges():,} edges",
        markup=False,
    )


def _proposal_node(graph, wanted: str) -> str:
    """The proposal node ``wanted`` names: its IRI, its label or the IRI's last segment (any case)."""
    from kg.errors import UsageError

    proposals = {n: d for n, d in graph.nodes(data=True) if d.get("type") == "proposal"}
    key = wanted.strip().casefold()
    for node, data in sorted(proposals.items()):
        if key in (str(node).casefold(), str(data.get("label") or "").casefold(),
                   str(node).rstrip("/").rsplit("/", 1)[-1].casefold()):
            return node
    known = ", ".join(sorted(str(d.get("label") or n) for n, d in proposals.items())) or "none"
    raise UsageError(f"--proposal {wanted!r}: no such proposal in the graph (known: {known})")


def _parse_day(option: str, value: str | None) -> dt.date | None:
    from kg.errors import UsageError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from exc


def _read_query(path: Path) -> str:
    from kg.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(str(path), f"cannot read query file: {reason}") from exc


def _source_iri(value: str) -> str:
    """An article IRI from what the user typed: the IRI, the article id or the article's file."""
    from kg.articles import article_id_for
    from kg.rdf.iris import article_iri

    if value.startswith(("http://", "https://")):
        return value
    return str(article_iri(article_id_for(value)))


def _filters_text(query: Path | None, polarity: str | None, source: str | None, since: str | None,
                  until: str | None, *, title: bool = False) -> str:
    parts = [
        f"from {query.name}" if query else None,
        polarity,
        f"source {source}" if source else None,
        f"since {since}" if since else None,
        f"until {until}" if until else None,
    ]
    shown = [p for p in parts if p]
    if not shown:
        return ""
    return (" — " if title else " matching ") + (" · " if title else ", ").join(shown)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command()(render)
