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

from kg.cli.common import StoreOption, catch_up_index, console, one_line, open_for_cli
from kg.errors import InputError


class ExtractFormat(str, Enum):  # noqa: UP042 - typer needs a str Enum
    """Output formats of ``kg extract``."""

    table = "table"
    jsonl = "jsonl"


class EvalFormat(str, Enum):  # noqa: UP042 - typer needs a str Enum
    """Output formats of ``kg eval``."""

    table = "table"
    json = "json"


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

    Files that cannot be read are named one per line and skipped; the exit status is 1 if any was.

    Example: kg ingest new-articles/ --store .kg/store --jobs 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.errors import KGError
    from kg.load.ingest import ingest as run_ingest
    from kg.load.parallel import default_jobs

    errors = console(stderr=True)
    report = None
    target = open_for_cli(store)
    try:
        with target, Progress(
            TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), TextColumn("{task.description}"),
            console=errors, transient=True, disable=not errors.is_terminal,
        ) as bar:
            task = bar.add_task("", total=None, rate="")

            def on_progress(done: int, total: int, path: str, outcome: str) -> None:
                speed = bar.tasks[0].speed
                bar.update(task, completed=done, total=total, description=f"{Path(path).name}: {outcome}",
                           rate=f"{speed:.1f} articles/s" if speed else "")

            try:
                report = run_ingest(target, paths, on_progress=on_progress, jobs=jobs or default_jobs(),
                                    scheduler=scheduler)
                catch_up_index(target)
            except KGError as exc:
                report = getattr(exc, "report", None)
                raise
    finally:  # the summary of what was done comes before the error of closing the store (disk full)
        if report is not None:
            _print_ingest_summary(report, errors)
    if report.failed or report.done == 0:  # a refused file is an error, even when others loaded
        raise typer.Exit(1)


def _print_ingest_summary(report, errors) -> None:
    for _, message in report.failures:
        errors.print(f"kg: warning: {' '.join(message.split())}")
    errors.print(f"ingested: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
                 f"{report.failed} failed; {report.claims} claims loaded")


class Split(str, Enum):  # noqa: UP042 - typer needs a str Enum
    """Which articles ``kg eval`` scores (see :func:`kg.extract.evaluate.corpus_split`)."""

    dev = "dev"
    test = "test"
    other = "other"


def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <article_id>.jsonl gold claims.")],
    articles: Annotated[list[Path], typer.Argument(help="Article files or directories to extract and score.")],
    split: Annotated[Split | None, typer.Option(
        "--split", help="Score only this split of a numbered corpus: dev (tune on it), test (report once), "
                        "other (un-numbered articles). Default: every article with a gold file.")] = None,
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="table or json.")] = EvalFormat.table,
) -> None:
    """Score extraction against gold claims: roles, stances, polarity, scope, reasons, calibration.

    Example: kg eval tests/gold/corpus ../shared/corpus --split dev
    """
    from kg.extract.evaluate import evaluate

    report = evaluate(gold_dir, articles, split=split.value if split else None)
    if format is EvalFormat.json:
        sys.stdout.write(json.dumps({"split": split.value if split else "all", **report.to_json()}, indent=2) + "\n")
        return
    _print_eval_tables(report, split.value if split else "all")


def _print_eval_tables(report, split: str) -> None:
    from rich.table import Table

    table = Table("measure", "precision", "recall", "F1", "tp", "fp", "fn",
                  caption=f"{len(report.articles)} articles, split {split}")
    for label, score in (("roles (person + country)", report.roles),
                         ("roles (+ role type)", report.role_types),
                         ("stances (actor + polarity)", report.stances)):
        table.add_row(label, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                      str(score.tp), str(score.fp), str(score.fn))
    rates = Table("measure", "value", "of")
    for label, rate in (("polarity precision (actor right)", report.polarity),
                        ("scope accuracy (stance right)", report.scope),
                        ("reasons found, distilled", report.reasons),
                        ("conditions found, distilled", report.conditions)):
        rates.add_row(label, f"{rate.value:.3f}", f"{rate.hits}/{rate.total}")
    calibration = Table("confidence", "stances", "precision", title="calibration")
    for (lo, hi), rate in report.calibration.items():
        calibration.add_row(f"{lo:.2f}–{hi:.2f}", str(rate.total), f"{rate.value:.3f}" if rate.total else "–")
    out = console()
    out.print(table)
    out.print(rates)
    out.print(calibration)
    for title, items in (("missed (in the gold, not extracted)", report.missed),
                         ("spurious (extracted, not in the gold)", report.spurious)):
        if items:
            out.print(f"{title}:")
            for item in items:
                out.print(f"  {item}", markup=False)


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
