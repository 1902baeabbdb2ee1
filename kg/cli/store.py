"""CLI commands on a store as a whole: ``build``, ``load``, ``validate``, ``stats``, ``export``, ``check``.

Each parses its options, calls one library function and prints the result; the libraries
(rdflib, pyshacl, networkx) are imported inside the commands.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.common import StoreOption, catch_up_index, open_for_cli, output_file
from kg.cli.common import console as _console


class ExportFormat(StrEnum):
    ttl = "ttl"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    json_graph = "json-graph"


def build(
    store: StoreOption = None,
    seeds: Annotated[Optional[Path], typer.Option(help="Seeds folder with curated/ and articles/.")] = None,
    extract: Annotated[bool, typer.Option(help="Extract claims from the seed articles.")] = True,
) -> None:
    """Reset the store and load the ontology, curated triples and articles from seeds/.

    Example: kg build --store .kg/store
    """
    from kg.load.build import build as build_store

    console = _console(stderr=True)
    with open_for_cli(store) as target:
        with console.status("building…") as status:
            report = build_store(target, seeds, extract=extract, on_progress=lambda m: status.update(f"building: {m}"))
            status.update("building: position index")
            catch_up_index(target)
        total = target.count_triples()
    console.print(
        f"built {target.location}: {total:,} triples in {len(report.graphs)} graphs "
        f"({report.curated_files} curated files, {report.articles} articles, "
        f"{report.extracted_claims} extracted claims)"
    )


def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files: .ttl .nt .nq .trig .jsonld .rdf", show_default=False)],
    store: StoreOption = None,
) -> None:
    """Bulk-load RDF files, each into its own named graph (N-Quads/TriG keep theirs).

    Example: kg load extra.ttl more.nq
    """
    from kg.store import load_files

    console = _console(stderr=True)
    with open_for_cli(store) as target:
        for path, n in load_files(target, files):
            console.print(f"loaded {path}" + (f": {n:,} triples" if n >= 0 else ""))
        catch_up_index(target)


def validate(store: StoreOption = None) -> None:
    """Check the store against the SHACL shapes; exit 1 on violations.

    Example: kg validate
    """
    from kg.store.validate import validate_store

    with open_for_cli(store, read_only=True, create=False) as target:
        report = validate_store(target)
    if report.conforms and not report.triples_checked:
        from kg.errors import StoreError

        raise StoreError(f"{target.location}: the store is empty, nothing to validate (run `kg build` or `kg ingest`)")
    console = _console()
    if report.conforms:
        console.print(f"valid: {report.triples_checked:,} triples conform to ontology/shapes.ttl")
        return
    for v in report.violations:
        path = f" {v.path}" if v.path else ""
        console.print(f"{v.severity}: {v.focus}{path}: {v.message}", markup=False)
    console.print(f"{len(report.violations)} violations")
    raise typer.Exit(1)


def stats(
    store: StoreOption = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many central actors to list.")] = 5,
    network: Annotated[bool, typer.Option(help="Add centrality and stance blocs (networkx).")] = True,
) -> None:
    """Print counts: triples, persons, countries, organisations, stances by polarity, articles;
    then the most central actors (degree, betweenness) and the countries' stance blocs.

    Example: kg stats --top 10
    """
    from rich.table import Table

    from kg.analysis.stats import network_stats, store_stats

    with open_for_cli(store, read_only=True, create=False) as target:
        result = store_stats(target)
        net = network_stats(target, top) if network else None
    table = Table("what", "count", title="store")
    for key, value in result.counts.items():
        table.add_row(key, f"{value:,}")
    for polarity, by_method in sorted(result.stances_by_polarity.items()):
        for method, n in sorted(by_method.items()):
            table.add_row(f"stances {polarity} ({method})", f"{n:,}")
    _console().print(table)
    if net is None:
        return
    for title, rows in ((f"top {top} by degree centrality", net.degree),
                        (f"top {top} by betweenness centrality", net.betweenness)):
        central = Table("actor", "type", "score", title=title)
        for row in rows:
            central.add_row(row.label, row.type, f"{row.score:.3f}")
        _console().print(central)
    blocs = Table("bloc", "countries", "shared positions", title="stance blocs (Louvain, agreement graph)")
    for i, bloc in enumerate(net.blocs, 1):
        blocs.add_row(str(i), ", ".join(bloc.labels), "; ".join(f"{p}: {pol}" for p, pol in bloc.positions))
    _console().print(blocs)


def _export_help() -> str:
    from kg.cli.formats import EXPORT_FORMATS

    lines = "\n".join(f"[bold]{name}[/bold] ({', '.join(exts)}): {what}\n"
                      for name, (exts, what) in EXPORT_FORMATS.items())
    return ("Export the store as RDF, or the positions network (networkx) as a graph file.\n\n"
            "The format follows the -o extension unless -f names it; a mismatch is an error.\n\n"
            f"{lines}\n"
            "Example: kg export -o positions.gexf; kg export -f nq > backup.nq")


def export(
    fmt: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", show_default=False,
                                                        help="Format (default: from the -o extension, else ttl).")]
    = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    from kg.cli.formats import export_format
    from kg.store.dump import export_rdf

    name = export_format(fmt.value if fmt else None, str(output) if output else None)
    write = export_rdf
    if name in (ExportFormat.graphml, ExportFormat.gexf, ExportFormat.json_graph):
        from kg.analysis.graph import graph_from_store
        from kg.render.export import write_graph

        def write(target, name, out):
            write_graph(graph_from_store(target), name, out)

    with open_for_cli(store, read_only=True, create=False) as target:
        if output is None:
            write(target, name, sys.stdout.buffer)
        else:
            with output_file(output) as out:
                write(target, name, out)


def check(store: StoreOption = None) -> None:
    """Read every quad through every index of the store and report damaged files; exit 1 if any.

    Queries read only the parts of the store they need, so damage elsewhere stays silent
    until a write fails. Run this after a crash, a disk error or a copy you do not trust.

    Example: kg check --store .kg/store
    """
    from kg.store.integrity import check_integrity, raise_if_damaged

    with open_for_cli(store, read_only=True, create=False) as target:
        report = check_integrity(target)
        errors = _console(stderr=True)
        for problem in report.problems:
            errors.print(f"damaged: {problem}", markup=False)
        raise_if_damaged(target, report)
    _console().print(f"sound: {report.quads:,} quads, each read through {len(report.indexes) + 1} indexes")


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app``."""
    app.command("build")(build)
    app.command("load")(load)
    app.command("validate")(validate)
    app.command("stats")(stats)
    app.command("export", help=_export_help())(export)
    app.command("check")(check)
