"""CLI command ``kg query``: run SPARQL text, a ``.rq`` file or a named query, and print the result."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Optional

import typer

from kg.cli.common import StoreOption, TimeoutOption, call_with_deadline, catch_up_index, open_for_cli
from kg.cli.common import console as _console


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


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
    from kg.queries.run import read_query_text, run_query

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
            timeout, name or (sparql if sparql and text != sparql else "kg query"))
        if output.kind == "update":
            catch_up_index(target)
        _print_output(output, fmt, target)


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
    from kg.queries.run import format_delimited, format_json

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
        from kg.cli.tables import human_table, print_table, store_labeller

        table = human_table(output.columns, output.rows, store_labeller(store))
        print_table(_console(), table, f"{len(output.rows)} rows")


def register(app: typer.Typer) -> None:
    """Add ``kg query`` to ``app``."""
    app.command("query")(query)
