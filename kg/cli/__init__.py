"""The ``kg`` command line: one module per command group, each adding its commands to ``app``.

A command parses its options, calls one library function and formats the result. This
package may import every layer below it; nothing imports it but ``kg.__main__``. Heavy
libraries (spaCy, networkx, pyvis, pyshacl) are imported inside the commands that need
them, so that ``kg query`` and ``kg ask`` start fast. :func:`main` alone turns a
:class:`~kg.errors.KGError` into a one-line message and its exit code.
"""

from __future__ import annotations

import logging
import sys
from importlib import import_module
from typing import Annotated

import typer

from kg.cli.common import one_line
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


#: Modules that add commands to ``app`` through their ``register(app)`` function, in help order.
COMMAND_MODULES = ("kg.cli.store", "kg.cli.query", "kg.cli.extract", "kg.cli.ask", "kg.cli.render", "kg.cli.serve")
for _name in COMMAND_MODULES:
    import_module(_name).register(app)


def main() -> None:
    """Entry point: run the app, turning ``KGError`` into a one-line message and exit code."""
    # rdflib logs an ill-typed literal ("x"^^xsd:integer) with a traceback; the SHACL shapes
    # report the same literal as a violation, with its focus node, so the log adds only noise.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    try:
        from kg.config import check_limits_env

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
