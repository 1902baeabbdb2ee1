"""CLI commands: ``kg ask`` and ``kg conflicts`` (issue 4).

Thin: parse options, call :func:`kg.ask.ask` or :func:`kg.conflicts.find_conflicts`, and
print tables or JSON. Only light modules are imported on this path (no spaCy, networkx,
pyvis or pyshacl), so that ``kg ask`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kg.cli_common import StoreOption, TimeoutOption, call_with_deadline, console, open_for_cli

if TYPE_CHECKING:
    from rich.console import Console

    from kg.ask.records import AskResult, Evidence, RoleAnswer, StanceAnswer
    from kg.conflicts import Conflict

#: A question longer than this is refused before it is parsed or echoed (questions are one sentence).
MAX_QUESTION_CHARS = 1000
#: Table width when the output is not a terminal (a pipe, a file): wide enough for quotes.
PIPE_WIDTH = 200
_SECTION_TITLES = {
    ("opposes", "deployment"): "oppose the deployment itself",
    ("opposes", "own_troops"): "decline to send their own troops",
    ("supports", "deployment"): "support the deployment",
    ("supports", "own_troops"): "ready to send their own troops",
}


class AnswerFormat(StrEnum):
    """Output formats of ``kg ask`` and ``kg conflicts``."""

    table = "table"
    json = "json"


def ask(
    question: Annotated[str, typer.Argument(help="A question in plain English (quote it).", show_default=False)],
    fmt: Annotated[AnswerFormat, typer.Option("--format", "-f", help="table or json.")] = AnswerFormat.table,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Answer as of this date (YYYY-MM-DD).")] = None,
    store: StoreOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Answer a question with the quotes and sources behind it.

    Examples: kg ask "who opposes troop deployment and why";
    kg ask "what is Poland's position on troop deployment" --format json;
    kg ask "who backs the reassurance force" --as-of 2025-04-30
    """
    from kg.ask import UnrecognisedQuestionError, parse_question
    from kg.ask import ask as answer

    if len(question) > MAX_QUESTION_CHARS:
        from kg.errors import UsageError

        raise UsageError(f"the question is {len(question):,} characters long; ask in at most "
                         f"{MAX_QUESTION_CHARS:,} (one sentence, e.g. \"who opposes troop deployment and why\")")
    day = _parse_day(as_of)
    try:
        parse_question(question)  # an unreadable question needs no store
    except UnrecognisedQuestionError as exc:
        _print_forms(exc)
        raise typer.Exit(2) from None
    with open_for_cli(store, read_only=True, create=False) as target:
        result = call_with_deadline(lambda: answer(target, question, day=day), timeout, "kg ask")
    if fmt is AnswerFormat.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    _print_result(result)


def conflicts(
    fmt: Annotated[AnswerFormat, typer.Option("--format", "-f", help="table or json.")] = AnswerFormat.table,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Only claims up to this date (YYYY-MM-DD).")] = None,
    store: StoreOption = None,
) -> None:
    """List claims that disagree across sources or over time, each side with its sources and dates.

    Example: kg conflicts --format json
    """
    from kg.conflicts import find_conflicts

    day = _parse_day(as_of)
    with open_for_cli(store, read_only=True, create=False) as target:
        found = find_conflicts(target, day=day)
    if fmt is AnswerFormat.json:
        sys.stdout.write(json.dumps({"conflicts": [c.to_json() for c in found]}, ensure_ascii=False, indent=2) + "\n")
        return
    out = _console()
    if not found:
        out.print("no conflicting claims in the store")
        return
    out.print(_conflicts_table(found))


def _parse_day(value: str | None) -> dt.date | None:
    from kg.errors import UsageError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(f"--as-of expects a date YYYY-MM-DD, got {value!r}") from exc


def _console() -> Console:
    out = console()
    if not out.is_terminal:
        out.width = PIPE_WIDTH
    return out


def _print_forms(exc) -> None:
    err = console(stderr=True)
    err.print(f"kg: error: {' '.join(str(exc).split())}", markup=False)
    err.print("kg ask understands these questions:", markup=False)
    for form, example in exc.forms:
        err.print(f"  {form}\n      e.g. {example}", markup=False)


def _print_result(result: AskResult) -> None:
    out = _console()
    for note in result.notes:
        out.print(note, style="dim", markup=False)
    if not result.answers:
        out.print("no answer in the store", markup=False)
        return
    if result.kind == "stances":
        sections: dict[str, list] = {}
        for answer in result.answers:
            sections.setdefault(_section(answer), []).append(answer)
        for title, rows in sections.items():
            out.print(_stance_table(rows, title))
    elif result.kind == "position":
        out.print(_stance_table(list(result.answers), "positions, latest first", dated=True))
    elif result.kind in ("roles", "holders"):
        out.print(_role_table(list(result.answers)))
    else:
        out.print(_conflicts_table(list(result.answers)))
    out.print(f"query: {result.query}", style="dim", markup=False)


def _section(answer: StanceAnswer) -> str:
    return _SECTION_TITLES.get((answer.polarity, answer.scope or ""), answer.polarity)


def _quotes(evidence: tuple[Evidence, ...]) -> tuple[str, str]:
    quotes = "\n".join(f"{i}. “{e.quote}”" for i, e in enumerate(evidence, 1))
    sources = "\n".join(f"{i}. {e.citation} ({e.method})" for i, e in enumerate(evidence, 1))
    return quotes, sources


def _stance_table(rows: list[StanceAnswer], title: str, dated: bool = False):
    from rich.table import Table

    table = Table(title=title, show_lines=True, title_justify="left")
    for name in ("actor", "country", "polarity", "scope"):
        table.add_column(name, no_wrap=True)
    if dated:
        table.add_column("date", no_wrap=True)
    for name in ("reasons", "conditions", "speaker", "quote", "source"):
        table.add_column(name)
    for row in rows:
        quotes, sources = _quotes(row.evidence)
        cells = [row.actor, row.country or "", row.polarity, row.scope or ""]
        if dated:
            cells.append(row.date or "")
        cells += ["\n".join(row.reasons), "\n".join(row.conditions), "\n".join(row.speakers), quotes, sources]
        table.add_row(*cells)
    return table


def _role_table(rows: list[RoleAnswer]):
    from rich.table import Table

    table = Table(show_lines=True)
    for name in ("person", "role", "role type", "country", "organisation"):
        table.add_column(name, no_wrap=True)
    table.add_column("quote")
    table.add_column("source")
    for row in rows:
        quotes, sources = _quotes(row.evidence)
        table.add_row(row.person, row.role, row.role_type or "", row.country or "", row.organization or "",
                      quotes, sources)
    return table


def _conflicts_table(found: list[Conflict]):
    from rich.table import Table

    table = Table(show_lines=True, caption=f"{len(found)} conflicts")
    for name in ("kind", "subject", "about", "nature", "side"):
        table.add_column(name, no_wrap=True)
    table.add_column("claims (date, source, method: quote)")
    for conflict in found:
        about = conflict.target.rsplit("/", 1)[-1].replace("-", " ") if conflict.target else ""
        nature = conflict.nature + (f" ({conflict.gap_days} days apart)" if conflict.gap_days is not None else "")
        for i, side in enumerate(conflict.sides):
            claims = "\n".join(
                f"{ref.date or 'undated'}, {ref.outlet or ref.source.rsplit('/', 1)[-1]}, {ref.method}: "
                + " / ".join(f"“{e.quote}”" for e in ref.evidence)
                for ref in side.claims)
            first = i == 0
            table.add_row(conflict.kind if first else "", conflict.subject_label if first else "",
                          about if first else "", nature if first else "", side.label, claims)
    return table


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``: ``ask`` and ``conflicts``."""
    app.command("ask")(ask)
    app.command("conflicts")(conflicts)
