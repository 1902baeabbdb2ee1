"""CLI commands: ``kg extract``, ``kg ingest``, ``kg eval`` (issue 3).

Thin: parse options, call one library function, format the result. Errors are
:class:`~kg.errors.KGError`; ``kg.cli.main`` turns them into one line on stderr and
a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli_common import StoreOption, console, one_line, open_for_cli
from kg.errors import InputError


class ExtractFormat(str, Enum):  # noqa: UP042 - typer needs a str Enum
    """Output formats of ``kg extract``."""

    table = "table"
    jsonl = "jsonl"


def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html) or directories.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="table or jsonl (one claim per line).")]
    = ExtractFormat.table,
) -> None:
    """Print the role and stance claims found in articles, without touching the store.

    Example: kg extract seeds/articles/*.txt --format jsonl
    """
    from kg.articles import find_articles, load_article
    from kg.errors import KGError
    from kg.extract import extract_articles
    from kg.extract.pipeline import check_extractable

    errors = console(stderr=True)
    articles = []
    for given in files:
        try:
            paths = find_articles([given])
        except KGError as exc:
            errors.print(f"kg: warning: {one_line(exc)}")
            continue
        for path in paths:
            try:
                article = load_article(path)
                check_extractable(article)
                articles.append(article)
            except KGError as exc:
                errors.print(f"kg: warning: {one_line(exc)}")
    if not articles:
        raise InputError(", ".join(str(f) for f in files), "no readable article")
    results = extract_articles(articles)
    if format is ExtractFormat.jsonl:
        for found in results:
            for claim in found.claims:
                sys.stdout.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
        return
    _print_claims_tables(results)


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or directories to load.")],
    store: StoreOption = None,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", min=1, help="Extraction processes (default: the number of cores); one writes.")] = None,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Extract on a Dask cluster (tcp://HOST:PORT; the [distributed] extra).")] = None,
) -> None:
    """Extract articles and load each into its own named graph (unchanged ones are skipped).

    Example: kg ingest new-articles/ --store .kg/store --jobs 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.ingest import ingest as run_ingest
    from kg.ingest_parallel import default_jobs

    errors = console(stderr=True)
    with open_for_cli(store) as target, Progress(
        TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), TextColumn("{task.description}"),
        console=errors, transient=True, disable=not errors.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None, rate="")

        def on_progress(done: int, total: int, path: str, outcome: str) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, completed=done, total=total, description=f"{Path(path).name}: {outcome}",
                       rate=f"{speed:.1f} articles/s" if speed else "")

        report = run_ingest(target, paths, on_progress=on_progress, jobs=jobs or default_jobs(), scheduler=scheduler)
    for _, message in report.failures:
        errors.print(f"kg: warning: {' '.join(message.split())}")
    errors.print(f"ingested: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
                 f"{report.failed} failed; {report.claims} claims loaded")
    if report.done == 0:
        raise typer.Exit(1)


def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <article_id>.jsonl gold claims.")],
    articles: Annotated[list[Path], typer.Argument(help="Article files or directories to extract and score.")],
) -> None:
    """Score extraction against gold claims: precision, recall and F1 for roles and stances.

    Example: kg eval tests/gold seeds/articles
    """
    from rich.table import Table

    from kg.evaluate import evaluate

    report = evaluate(gold_dir, articles)
    table = Table("measure", "precision", "recall", "F1", "tp", "fp", "fn",
                  caption=f"{len(report.articles)} articles")
    for label, score in (("roles (person + country)", report.roles),
                         ("roles (+ role type)", report.role_types),
                         ("stances (actor + polarity)", report.stances)):
        table.add_row(label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                      str(score.tp), str(score.fp), str(score.fn))
    out = console()
    out.print(table)
    out.print(f"reasons found: {report.reasons_found}/{report.reasons_expected} correct stances with a gold reason "
              f"({report.reason_rate:.3f})")
    if report.missed:
        out.print("missed (in the gold, not extracted):")
        for miss in report.missed:
            out.print(f"  {miss}", markup=False)


def _print_claims_tables(results) -> None:
    from rich.table import Table

    out = console()
    for found in results:
        roles = Table("person", "role", "type", "country", "organization", "quote", title=f"{found.doc}: roles")
        for r in found.roles:
            roles.add_row(r.person, r.role, r.role_type, r.country or "", r.organization or "", r.quote)
        stances = Table("actor", "type", "polarity", "scope", "speaker", "reason", "condition",
                        title=f"{found.doc}: stances")
        for s in found.stances:
            stances.add_row(s.actor, s.actor_type, s.polarity, s.scope, s.speaker or "", s.reason or "",
                            s.condition or "")
        out.print(roles)
        out.print(stances)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``: ``extract``, ``ingest`` and ``eval``."""
    app.command("extract")(extract)
    app.command("ingest")(ingest)
    app.command("eval")(eval_)
