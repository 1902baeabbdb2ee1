"""CLI commands: ``kg ask`` and ``kg conflicts`` (issue 4).

Thin: parse options, call :func:`kg.ask.ask` or :func:`kg.ask.conflicts.find_conflicts`, and
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

from kg.cli.common import StoreOption, TimeoutOption, call_with_deadline, console, open_for_cli

if TYPE_CHECKING:
    from rich.console import Console

    from kg.ask.conflicts import Conflict
    from kg.ask.records import AskResult, Evidence, RoleAnswer, StanceAnswer

#: A question longer than this is refused before it is parsed or echoed (questions are one sentence).
MAX_QUESTION_CHARS = 1000
#: Table width when the output is not a terminal (a pipe, a file) and COLUMNS is not set.
PIPE_WIDTH = 200
_SECTION_TITLES = {
    "opposes deployment": "oppose the deployment itself",
    "opposes own_troops": "decline to send their own troops",
    "supports deployment": "support the deployment",
    "supports own_troops": "ready to send their own troops",
    "current": "current position",
    "other": "other positions reported",
}
#: How a position reads in one line.
_POSITION_WORDS = {
    ("opposes", "deployment"): "opposes deployment",
    ("opposes", "own_troops"): "declines own troops",
    ("supports", "deployment"): "supports deployment",
    ("supports", "own_troops"): "ready to send troops",
    ("conditional", "deployment"): "conditional",
    ("conditional", "own_troops"): "conditional (own troops)",
}


class AnswerFormat(StrEnum):
    """Output formats of ``kg ask`` and ``kg conflicts``."""

    table = "table"
    json = "json"


def ask(
    question: Annotated[str, typer.Argument(help="A question in plain English (quote it).", show_default=False)],
    fmt: Annotated[AnswerFormat, typer.Option("--format", "-f", help="table or json.")] = AnswerFormat.table,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Answer as of this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Rows shown per section.")] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Show every row of every section.")] = False,
    wide: Annotated[bool, typer.Option("--wide", help="The full table with every column and quote.")] = False,
    store: StoreOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Answer a question with the quotes and sources behind it.

    Examples: kg ask "who opposes troop deployment and why";
    kg ask "what is Poland's position on troop deployment" --format json;
    kg ask "who backs the reassurance force" --as-of 2025-04-30 --all
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
    rows = None if show_all else limit
    with open_for_cli(store, read_only=True, create=False) as target:
        result = call_with_deadline(lambda: answer(target, question, day=day, limit=rows), timeout, "kg ask")
    if fmt is AnswerFormat.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    _print_result(result, wide=wide)


def sources(
    fmt: Annotated[AnswerFormat, typer.Option("--format", "-f", help="table or json.")] = AnswerFormat.table,
    store: StoreOption = None,
) -> None:
    """List each source (outlet, else article) with its claims, how many others corroborate or contradict,
    and its reliability score (kg/data/outlets.tsv adds curated designations).

    Example: kg sources --format json
    """
    from kg.ask.reliability import source_ratings

    with open_for_cli(store, read_only=True, create=False) as target:
        ratings = source_ratings(target)
    if fmt is AnswerFormat.json:
        sys.stdout.write(json.dumps({"sources": [r.to_json() for r in ratings]}, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table

    out = _console()
    table = Table(box=None, caption=f"{len(ratings)} sources; score: share of checked claims that agree")
    for name in ("source", "articles", "claims", "checked", "corroborated", "contradicted", "score", "designation"):
        table.add_column(name, no_wrap=name != "source", justify="left" if name in ("source", "designation")
                         else "right")
    for r in ratings:
        table.add_row(r.label, str(r.articles), str(r.claims), str(r.checked), str(r.corroborated),
                      str(r.contradicted), "unrated" if r.score is None else f"{r.score:.2f}", r.designation or "")
    out.print(table)


def conflicts(
    fmt: Annotated[AnswerFormat, typer.Option("--format", "-f", help="table or json.")] = AnswerFormat.table,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Only claims up to this date (YYYY-MM-DD).")] = None,
    store: StoreOption = None,
) -> None:
    """List claims that disagree across sources or over time, each side with its sources and dates.

    Example: kg conflicts --format json
    """
    from kg.ask.conflicts import find_conflicts

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
    import os

    out = console()
    if not out.is_terminal and not os.environ.get("COLUMNS", "").isdigit():
        out.width = PIPE_WIDTH  # COLUMNS, when set, wins (rich reads it)
    return out


def _print_forms(exc) -> None:
    err = console(stderr=True)
    err.print(f"kg: error: {' '.join(str(exc).split())}", markup=False)
    err.print("kg ask understands these questions:", markup=False)
    for form, example in exc.forms:
        err.print(f"  {form}\n      e.g. {example}", markup=False)


def _print_result(result: AskResult, *, wide: bool = False) -> None:
    out = _console()
    for note in result.notes:
        out.print(note, style="dim", markup=False)
    if not result.answers:
        out.print("no answer in the store", markup=False)
        return
    if result.kind == "stances":
        sections: dict[str, list] = {}
        for answer in result.answers:
            sections.setdefault(answer.section, []).append(answer)
        more = result.more()
        totals = dict(result.totals)
        for name, rows in sections.items():
            title = f"{_SECTION_TITLES.get(name, name)} ({totals.get(name, len(rows))})"
            if wide:
                out.print(_stance_table(rows, title))
            else:
                out.print(title, style="bold", markup=False)
                for line in _compact(rows, out.width):
                    out.print(line, markup=False, overflow="ignore", crop=False)
            if name in more:
                out.print(f"  and {more[name]} more: --all or --limit N", markup=False)
    elif result.kind in ("position", "timeline"):
        if wide:
            out.print(_stance_table(list(result.answers), "positions", dated=True))
        else:
            _print_records(out, list(result.answers))
    elif result.kind == "changes":
        _print_changes(out, list(result.answers), wide)
    elif result.kind in ("roles", "holders"):
        out.print(_role_table(list(result.answers)))
    else:
        out.print(_conflicts_table(list(result.answers)))
    out.print(f"query: {result.query}", style="dim", markup=False)


def _position_words(answer: StanceAnswer) -> str:
    return _POSITION_WORDS.get((answer.polarity, answer.scope or ""), answer.polarity)


def _why(answer: StanceAnswer) -> str:
    if answer.reasons:
        return answer.reasons[0]
    return f"if {answer.conditions[0]}" if answer.conditions else ""


def _support(answer: StanceAnswer) -> str:
    sources = f"{answer.sources} source{'s' if answer.sources != 1 else ''}"
    return sources + (" contested" if answer.contested else "")


def _compact(rows: list[StanceAnswer], width: int) -> list[str]:
    """One line per row, at most ``width`` characters: actor, position, first reason (or condition),
    sources, last date; the reason is cut to the room left."""
    cells = [[_cut(row.actor, 24), _position_words(row), _why(row), _support(row), row.last_stated or "undated"]
             for row in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(5)]
    room = max(0, width - sum(widths) + widths[2] - 2 * 4)
    lines = []
    for c in cells:
        why = _cut(c[2], room).ljust(min(room, widths[2]))
        parts = [c[0].ljust(widths[0]), c[1].ljust(widths[1]), why, c[3].ljust(widths[3]), c[4]]
        lines.append("  ".join(p for p in parts if p.strip() or p).rstrip() if room else
                     "  ".join(p for i, p in enumerate(parts) if i != 2).rstrip())
    return lines


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else (text[: max(0, width - 1)].rstrip() + "…" if width > 0 else "")


def _print_records(out: Console, rows: list[StanceAnswer]) -> None:
    """A record per row: the position and its figures, then reasons, conditions and every quote,
    wrapped to the console's width."""
    import textwrap

    def say(text: str, indent: str = "", **style) -> None:
        lines = textwrap.wrap(text, width=max(20, out.width), initial_indent=indent, subsequent_indent=indent + "  ")
        for line in lines:
            out.print(line, markup=False, **style)

    for row in rows:
        dates = row.first_stated if row.first_stated == row.last_stated else f"{row.first_stated} to {row.last_stated}"
        rating = "unrated" if row.reliability is None else f"reliability {row.reliability:.2f}"
        label = _SECTION_TITLES.get(row.section, row.section)
        say(f"{row.actor}: {_position_words(row)} ({label})", style="bold")
        say(f"{row.claims} claim{'s' if row.claims != 1 else ''}, {_support(row)}, {dates or 'undated'}, {rating}",
            "  ")
        for reason in row.reasons:
            say(f"because {reason}", "  ")
        for condition in row.conditions:
            say(f"if {condition}", "  ")
        for e in row.evidence:
            score = "" if e.reliability is None else f", {e.reliability:.2f}"
            say(f"“{e.quote}” ({e.citation}, {e.method}{score})", "  ")


def _print_changes(out: Console, rows: list[StanceAnswer], wide: bool) -> None:
    for before, after in zip(rows[::2], rows[1::2], strict=True):
        out.print(f"{after.actor}: {_position_words(before)} {before.first_stated} to {before.last_stated}, "
                  f"then {_position_words(after)} from {after.first_stated}", markup=False, soft_wrap=False)
        if wide:
            _print_records(out, [before, after])


def _quotes(evidence: tuple[Evidence, ...]) -> tuple[str, str]:
    quotes = "\n".join(f"{i}. “{e.quote}”" for i, e in enumerate(evidence, 1))
    sources = "\n".join(f"{i}. {e.citation} ({e.method})" for i, e in enumerate(evidence, 1))
    return quotes, sources


def _stance_table(rows: list[StanceAnswer], title: str, dated: bool = False):
    from rich.table import Table

    table = Table(title=title, show_lines=True, title_justify="left")
    for name in ("actor", "country", "polarity", "scope", "claims", "sources", "first", "last"):
        table.add_column(name, no_wrap=True)
    for name in ("reasons", "conditions", "speaker", "quote", "source"):
        table.add_column(name)
    for row in rows:
        quotes, sources = _quotes(row.evidence)
        cells = [row.actor, row.country or "", row.polarity, row.scope or "", str(row.claims),
                 _support(row), row.first_stated or "", row.last_stated or ""]
        cells += ["\n".join(row.reasons), "\n".join(row.conditions), "\n".join(row.speakers), quotes, sources]
        table.add_row(*cells)
    return table


def _role_table(rows: list[RoleAnswer]):
    from rich.table import Table

    table = Table(show_lines=True)
    for name in ("person", "role", "role type", "country", "organisation", "contested"):
        table.add_column(name, no_wrap=True)
    table.add_column("quote")
    table.add_column("source")
    for row in rows:
        quotes, sources = _quotes(row.evidence)
        table.add_row(row.person, row.role, row.role_type or "", row.country or "", row.organization or "",
                      "contested" if row.contested else "", quotes, sources)
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
    """Add this module's commands to ``app``: ``ask``, ``conflicts`` and ``sources``."""
    app.command("ask")(ask)
    app.command("conflicts")(conflicts)
    app.command("sources")(sources)
