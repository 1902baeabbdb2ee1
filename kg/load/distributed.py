"""Extraction on a Dask cluster: ``kg ingest --scheduler tcp://HOST:PORT`` (the ``[distributed]`` extra).

Dask distributed is a well-kept engine that already does what is needed here: a
scheduler that hands tasks to worker processes on any number of machines, retries a
task whose worker died, and sends Python objects both ways. Each task is
:func:`kg.load.parallel.extract_batch` over a batch of articles (the articles travel
with the task, so workers need no access to the files; they need ``positions-kg`` and
its spaCy model installed, and load the model once per worker process). Results come
back to this process, which alone writes: each batch's article graphs in one
transaction (a remote store sends them through the Graph Store Protocol, all graphs of
the batch in one upload round and one SPARQL update), so an article is whole or absent.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kg.errors import StoreError, UsageError

if TYPE_CHECKING:
    from kg.articles import Article
    from kg.load.parallel import Extracted

#: Articles per task: big enough that a worker's spaCy batches stay full, small enough to spread.
BATCH = 16


def extracted_batches(articles: Sequence[Article], scheduler: str) -> Iterator[list[Extracted]]:
    """Each batch's extractions as its worker returns it (not in the articles' order).

    Raises
    ------
    UsageError
        The ``[distributed]`` extra is not installed.
    StoreError
        The scheduler cannot be reached.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise UsageError("--scheduler needs Dask distributed: pip install 'positions-kg[distributed]'") from exc
    from kg.load.parallel import extract_batch

    if not scheduler.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        raise UsageError(f"--scheduler must be a Dask scheduler address like tcp://HOST:PORT, got {scheduler!r}")
    try:
        # waits as long as Dask's distributed.comm.timeouts.connect says (30 s unless configured)
        client = Client(scheduler)
    except OSError as exc:  # includes the timeout
        raise StoreError(f"{scheduler}: cannot reach the Dask scheduler ({exc})") from exc
    try:
        batches = [list(articles[i:i + BATCH]) for i in range(0, len(articles), BATCH)]
        futures = client.map(extract_batch, batches, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
