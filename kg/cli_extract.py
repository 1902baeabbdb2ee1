"""CLI commands: ``kg extract``, ``kg ingest``, ``kg eval`` (issue 3)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
