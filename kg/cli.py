"""The ``kg`` command line: parse options, call one library function, format the result.

Heavy libraries (spaCy, networkx, pyvis, pyshacl) are imported inside the commands
that need them, so that ``kg query`` and ``kg ask`` start fast.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli_common import StoreOption, TimeoutOption, call_with_deadline, one_line, open_for_cli, output_file
from kg.cli_common import console as _console
from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help=(
        "positions-kg: who stands where on a question, and why — a knowledge graph of political "
        "actors, countries and their stances, built from news, with the evidence behind each claim.\n\n"
        "Example: kg build && kg query --name persons-roles"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _print_version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg (positions-kg) {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """positions-kg command line."""


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(StrEnum):
    ttl = "ttl"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    json_graph = "json-graph"


@app.command()
def build(
    store: StoreOption = None,
    seeds: Annotated[Optional[Path], typer.Option(help="Seeds folder with curated/ and articles/.")] = None,
    extract: Annotated[bool, typer.Option(help="Extract claims from the seed articles.")] = True,
) -> None:
    """Reset the store and load the ontology, curated triples and articles from seeds/.

    Example: kg build --store .kg/store
    """
    from kg.build import build as build_store

    console = _console(stderr=True)
    with open_for_cli(store) as target:
        with console.status("building…") as status:
            report = build_store(target, seeds, extract=extract, on_progress=lambda m: status.update(f"building: {m}"))
        total = target.count_triples()
    console.print(
        f"built {target.location}: {total:,} triples in {len(report.graphs)} graphs "
        f"({report.curated_files} curated files, {report.articles} articles, "
        f"{report.extracted_claims} extracted claims)"
    )


@app.command()
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


@app.command()
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="SPARQL text or a .rq file.", show_default=False)] = None,
    name: Annotated[Optional[str], typer.Option("--name", "-n", help="Run a named query (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="key=value for a named query.")] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
    update: Annotated[bool, typer.Option("--update", help="Allow SPARQL Update (changes the store).")] = False,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Run a SPARQL query (text, .rq file, or named query with parameters).

    Examples: kg query "SELECT * WHERE { ?s ?p ?o } LIMIT 5";
    kg query --name roles --param holder=Latvia --format csv
    """
    from kg.errors import UsageError
    from kg.query import read_query_text, run_query

    if list_queries:
        _print_query_list()
        return
    if not sparql and not name:
        raise UsageError("give SPARQL text, a .rq file, or --name NAME (see kg query --list)")
    params = _parse_params(param or [])
    text = read_query_text(sparql) if sparql else None
    with open_for_cli(store, read_only=not update, create=False) as target:
        output = call_with_deadline(
            lambda: run_query(target, text, name=name, params=params, allow_update=update),
            timeout, name or (sparql if text != sparql else "kg query"))
        _print_output(output, fmt, target)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check the store against the SHACL shapes; exit 1 on violations.

    Example: kg validate
    """
    from kg.validate import validate_store

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


@app.command()
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

    from kg.stats import network_stats, store_stats

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
    from kg.export_formats import EXPORT_FORMATS

    lines = "\n".join(f"[bold]{name}[/bold] ({', '.join(exts)}): {what}\n"
                      for name, (exts, what) in EXPORT_FORMATS.items())
    return ("Export the store as RDF, or the positions network (networkx) as a graph file.\n\n"
            "The format follows the -o extension unless -f names it; a mismatch is an error.\n\n"
            f"{lines}\n"
            "Example: kg export -o positions.gexf; kg export -f nq > backup.nq")


@app.command(help=_export_help())
def export(
    fmt: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", show_default=False,
                                                        help="Format (default: from the -o extension, else ttl).")]
    = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    from kg.export import export_rdf
    from kg.export_formats import export_format

    name = export_format(fmt.value if fmt else None, str(output) if output else None)
    write = export_rdf
    if name in (ExportFormat.graphml, ExportFormat.gexf, ExportFormat.json_graph):
        from kg.analysis.export import write_graph
        from kg.analysis.graph import graph_from_store

        def write(target, name, out):
            write_graph(graph_from_store(target), name, out)

    with open_for_cli(store, read_only=True, create=False) as target:
        if output is None:
            write(target, name, sys.stdout.buffer)
        else:
            with output_file(output) as out:
                write(target, name, out)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    from kg.errors import UsageError

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param expects key=value, got {pair!r}")
        params[key.strip()] = value
    return params


def _print_query_list() -> None:
    from rich.table import Table

    from kg.queries import all_queries

    table = Table("name", "parameters", "description", title="named queries")
    for q in all_queries().values():
        table.add_row(q.name, ", ".join(f"{k} ({t})" for k, t in q.params.items()), q.description)
    _console().print(table)


def _print_output(output, fmt: QueryFormat, store) -> None:
    from kg.query import format_delimited, format_json

    if output.kind == "update":
        _console(stderr=True).print("update applied")
    elif output.kind == "construct":
        sys.stdout.write(output.turtle)
    elif fmt is QueryFormat.json:
        sys.stdout.write(format_json(output) + "\n")
    elif output.kind == "ask":
        sys.stdout.write(("true" if output.boolean else "false") + "\n")
    elif fmt is QueryFormat.csv:
        sys.stdout.write(format_delimited(output, ","))
    elif fmt is QueryFormat.tsv:
        sys.stdout.write(format_delimited(output, "\t"))
    else:
        from kg.tables import human_table, print_table, store_labeller

        table = human_table(output.columns, output.rows, store_labeller(store))
        print_table(_console(), table, f"{len(output.rows)} rows")


#: Modules that add commands to ``app`` through their ``register(app)`` function.
COMMAND_MODULES = ("kg.cli_extract", "kg.cli_ask", "kg.cli_render", "kg.cli_serve", "kg.cli_check")
for _name in COMMAND_MODULES:
    import_module(_name).register(app)


def main() -> None:
    """Entry point: run the app, turning ``KGError`` into a one-line message and exit code."""
    # rdflib logs an ill-typed literal ("x"^^xsd:integer) with a traceback; the SHACL shapes
    # report the same literal as a violation, with its focus node, so the log adds only noise.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    try:
        from kg.limits import check_limits_env

        check_limits_env()
        app()
    except KGError as exc:
        sys.stderr.write(f"kg: error: {one_line(exc)}\n")
        sys.exit(exc.exit_code)
    except RuntimeError as exc:  # damage found by a read outside kg.store (RocksDB names the file)
        from kg.store import is_corruption

        if not is_corruption(exc):
            raise
        sys.stderr.write(f"kg: error: the store is damaged ({one_line(exc)[:300]}); restore it from an "
                         "export or rebuild it with `kg build --store NEW_DIR`; `kg check` finds damage\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("kg: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
