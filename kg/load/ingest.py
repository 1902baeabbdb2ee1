"""Loading articles into the store: one named graph per article, one transaction each.

Each article's graph holds :func:`kg.rdf.mapping.claims_to_graph` of its extracted claims and
a ``kg:contentHash`` that combines the file's SHA-256 with
:data:`kg.extract.EXTRACTOR_VERSION`. An article whose stored hash is the same is
skipped (the store is not touched); a changed one has its graph replaced whole.
Files that cannot be read are reported one by one and nothing of them is loaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.errors import KGError
from kg.load.stamps import article_source, content_stamp
from kg.rdf.iris import article_graph_iri

if TYPE_CHECKING:
    from kg.articles import Article
    from kg.store import Store


CONTENT_HASH_QUERY = (Path(__file__).with_name("content-hash.rq")).read_text(encoding="utf-8")
SOURCE_QUERY = (Path(__file__).with_name("article-source.rq")).read_text(encoding="utf-8")

#: ``on_progress(done, total, path, outcome)``; outcome is added, replaced, unchanged or failed.
ProgressCallback = Callable[[int, int, str, str], None]


@dataclass
class IngestReport:
    """What an ingest did, per article outcome, and the claims it loaded."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Articles that are now in the store as they are on disk."""
        return self.added + self.replaced + self.unchanged


def stored_stamp(store: Store, graph_iri: URIRef) -> str | None:
    """The content hash stored in an article graph, or None when the graph is absent."""
    from kg.store import select_rows

    for row in select_rows(store.query(CONTENT_HASH_QUERY, bindings={"g": graph_iri})):
        return str(row[1])
    return None


def stored_source(store: Store, graph_iri: URIRef) -> str | None:
    """The source stored in an article graph; None when the graph is absent or older than sources."""
    from kg.store import select_rows

    for row in select_rows(store.query(SOURCE_QUERY, bindings={"g": graph_iri})):
        return str(row[1])
    return None


def unique_article(store: Store, article: Article, seen: dict[str, str]) -> Article | None:
    """``article`` with an id no other source holds, or None when its source was already seen.

    The id stays the file stem unless another source holds it (in the store, or earlier in
    this run, as recorded in ``seen``: id -> source); then a short hash of this source is
    added. So a changed file replaces its own article, never one of another folder or site.
    Articles stored before sources were recorded count as this source's.
    """
    from kg.articles import short_hash

    source = article_source(article)
    owner = seen.get(article.article_id) or stored_source(store, article_graph_iri(article.article_id))
    if owner is not None and owner != source:
        article = replace(article, article_id=f"{article.article_id}-{short_hash(source)}")
    if seen.get(article.article_id) == source:
        return None
    seen[article.article_id] = source
    return article


def _expand(paths: Sequence[str | os.PathLike[str]], report: IngestReport) -> list[Path]:
    from kg.articles import find_articles

    files: list[Path] = []
    for given in paths:
        try:
            files.extend(find_articles([given]))
        except KGError as exc:
            report.failed += 1
            report.failures.append((str(given), str(exc)))
    return files


def ingest(store: Store, paths: Sequence[str | os.PathLike[str]], *,
           on_progress: ProgressCallback | None = None, jobs: int = 1,
           scheduler: str | None = None) -> IngestReport:
    """Extract and load article files (or directories of them) into ``store``.

    Parameters
    ----------
    store : Store
        An open, writable store.
    paths : sequence of path
        Article files and directories (searched recursively).
    on_progress : callable, optional
        Called after each file as ``on_progress(done, total, path, outcome)``.
    jobs : int
        Extraction processes (see :mod:`kg.load.parallel`); writes stay in this one.
    scheduler : str, optional
        A Dask scheduler's address: extract on its cluster instead (:mod:`kg.load.distributed`),
        each batch of articles then written in one transaction.

    Returns
    -------
    IngestReport
        Counts per outcome; unreadable files are in ``failures`` as (path, message).

    Examples
    --------
    >>> from kg.store import open_store  # doctest: +SKIP
    >>> with open_store("/tmp/s") as s:  # doctest: +SKIP
    ...     ingest(s, ["seeds/articles"]).added
    5
    """
    from kg.articles import load_article
    from kg.extract.pipeline import check_extractable

    report = IngestReport()
    files = _expand(paths, report)
    total, done = len(files), 0

    def progress(path: str, outcome: str) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, total, path, outcome)

    pending: list[tuple[Article, bool]] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            article = load_article(path)
            check_extractable(article)
        except KGError as exc:
            report.failed += 1
            report.failures.append((str(path), str(exc)))
            progress(str(path), "failed")
            continue
        unique = unique_article(store, article, seen)
        if unique is None:  # the same file named twice
            report.unchanged += 1
            progress(str(path), "unchanged")
            continue
        article = unique
        stamp = stored_stamp(store, article_graph_iri(article.article_id))
        if stamp == content_stamp(article):
            report.unchanged += 1
            progress(str(path), "unchanged")
            continue
        pending.append((article, stamp is not None))
    try:
        _load(store, pending, report, progress, jobs, scheduler)
    except KGError as exc:  # e.g. disk full: what was loaded before stays loaded, and is reported
        exc.report = report  # type: ignore[attr-defined]
        raise
    return report


def _load(store: Store, pending: list[tuple[Article, bool]], report: IngestReport,
          progress: Callable[[str, str], None], jobs: int = 1, scheduler: str | None = None) -> None:
    if not pending:
        return
    articles = [a for a, _ in pending]
    existed = {a.article_id: flag for a, flag in pending}
    if scheduler:
        from kg.load.distributed import extracted_batches

        batches = extracted_batches(articles, scheduler)
    else:
        from kg.load.parallel import extracted

        batches = ([result] for result in extracted(articles, jobs))
    for batch in batches:
        graphs = {article_graph_iri(r.article.article_id): r.graph for r in batch if r.graph is not None}
        if graphs:
            store.replace_graphs(graphs)  # one transaction: each article whole or absent
        for result in batch:
            article = result.article
            if result.graph is None:
                report.failed += 1
                report.failures.append((article.path, result.error or ""))
                progress(article.path, "failed")
                continue
            report.claims += result.claims
            if existed[article.article_id]:
                report.replaced += 1
                progress(article.path, "replaced")
            else:
                report.added += 1
                progress(article.path, "added")


