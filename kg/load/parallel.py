"""Extraction for ``kg ingest`` in several processes; the store keeps one writer.

Workers (``concurrent.futures`` over ``multiprocessing``'s *spawn* start method, so
nothing of the parent's state, open store or threads is inherited) each load spaCy once
(:func:`_start_worker`) and turn batches of articles into their stamped article graphs
(:func:`extract_batch`); the parent extracts batches too while no worker result is ready.
It alone writes, each article in its own transaction, exactly as a one-process ingest
does, so a run killed at any
moment leaves every article graph whole or absent. Workers die with the parent (Linux:
``PR_SET_PDEATHSIG``), so a killed ingest leaves no extraction running behind it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.articles import Article

#: Articles per task sent to a worker (spaCy pipes a batch at a time; small enough for a steady bar).
BATCH = 4
#: Fewer pending articles per extra process than this, and the extra process costs more than it saves
#: (each loads spaCy, ~2 s).
MIN_ARTICLES_PER_PROCESS = 8


@dataclass(frozen=True)
class Extracted:
    """One article's extraction: its graph (None when refused) with the claim count, or why it was refused."""

    article: Article
    graph: Graph | None
    claims: int
    error: str | None = None


def default_jobs() -> int:
    """Processes ``kg ingest`` uses by default: the cores this process may run on.

    Examples
    --------
    >>> default_jobs() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def processes_for(jobs: int, pending: int) -> int:
    """Worker processes worth starting beside this one for ``pending`` articles with ``--jobs jobs``.

    This process extracts too (it has spaCy loaded by the time a worker has), so ``jobs``
    processes are ``jobs - 1`` workers; none for fewer than
    :data:`MIN_ARTICLES_PER_PROCESS` articles per process.

    Examples
    --------
    >>> processes_for(2, 100), processes_for(2, 5), processes_for(1, 100), processes_for(4, 20)
    (1, 0, 0, 1)
    """
    return max(0, min(jobs, pending // MIN_ARTICLES_PER_PROCESS) - 1)


def extract_batch(articles: Sequence[Article]) -> list[Extracted]:
    """Each article's claims as its stamped article graph (refused past the claims limit).

    Runs in a worker or, for a one-process ingest, in the writer itself.
    """
    from kg.errors import LimitExceededError
    from kg.extract.claims import build_claims
    from kg.extract.pipeline import iter_states
    from kg.load.article import article_graph
    from kg.load.stamps import max_claims_per_article

    limit = max_claims_per_article()
    out = []
    for state in iter_states(articles):
        found = build_claims(state)
        try:
            out.append(Extracted(state.article, article_graph(state.article, found.claims, limit=limit),
                                 len(found.claims)))
        except LimitExceededError as exc:
            out.append(Extracted(state.article, None, len(found.claims), str(exc)))
    return out


def extracted(articles: Sequence[Article], jobs: int) -> Iterator[Extracted]:
    """The articles' extractions, by this process and ``jobs - 1`` workers (see :func:`processes_for`).

    Batches go to the workers a few at a time; whenever none has a result ready, this
    process extracts the next batch itself. Results come as they are ready, so their
    order is the articles' order only with one process.
    """
    workers = processes_for(jobs, len(articles))
    if not workers:
        yield from extract_batch(articles)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    batches = deque(articles[i:i + BATCH] for i in range(0, len(articles), BATCH))
    running: set = set()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        try:
            while batches or running:
                while batches and len(running) < 2 * workers:
                    running.add(pool.submit(extract_batch, batches.popleft()))
                ready = {f for f in running if f.done()}
                if not ready and batches:
                    yield from extract_batch(batches.popleft())
                    continue
                if not ready:
                    ready = wait(running, return_when=FIRST_COMPLETED).done
                for future in ready:
                    running.discard(future)
                    yield from future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _start_worker(parent: int) -> None:
    """Worker set-up: die with the parent, load spaCy and the gazetteer once."""
    from kg.store.server import die_with_parent

    die = die_with_parent()
    if die is not None:
        die()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    from kg.extract.nlp import load_nlp

    load_nlp()
