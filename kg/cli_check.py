"""CLI command ``kg check``: read every quad of the embedded store, to find damage queries miss."""

from __future__ import annotations

import typer

from kg.cli_common import StoreOption, console, open_for_cli


def check(store: StoreOption = None) -> None:
    """Read every quad through every index of the store and report damaged files; exit 1 if any.

    Queries read only the parts of the store they need, so damage elsewhere stays silent
    until a write fails. Run this after a crash, a disk error or a copy you do not trust.

    Example: kg check --store .kg/store
    """
    from kg.integrity import check_integrity, raise_if_damaged

    with open_for_cli(store, read_only=True, create=False) as target:
        report = check_integrity(target)
        errors = console(stderr=True)
        for problem in report.problems:
            errors.print(f"damaged: {problem}", markup=False)
        raise_if_damaged(target, report)
    console().print(f"sound: {report.quads:,} quads, each read through {len(report.indexes) + 1} indexes")


def register(app: typer.Typer) -> None:
    """Add ``kg check`` to ``app``."""
    app.command("check")(check)
