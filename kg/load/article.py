"""One article's named graph, made the same way by every write path.

``kg build``, ``kg ingest`` (in this process, its worker processes and on a Dask
cluster) all turn an extracted article into its graph with :func:`article_graph`: the
claims limit is checked, an article without title or address gets its first line as
title, and the content stamp and source are recorded once, as the graph is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.errors import LimitExceededError
from kg.load.stamps import article_source, content_stamp, max_claims_per_article, with_fallback_title
from kg.rdf.mapping import claims_to_graph

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.articles import Article
    from kg.claims import Claim


def article_graph(article: Article, claims: Sequence[Claim], *, limit: int | None = None) -> Graph:
    """The named graph of ``article`` and the ``claims`` extracted from it.

    Parameters
    ----------
    article : Article
        The article as read from its file.
    claims : sequence of Claim
        What extraction found in it.
    limit : int, optional
        Claims allowed per article; default :func:`~kg.load.stamps.max_claims_per_article`.

    Returns
    -------
    rdflib.Graph
        The article's metadata (with its content stamp and source) and its claims, shortcuts included.

    Raises
    ------
    LimitExceededError
        More claims than ``limit``: a runaway extraction must not flood the store, so the article is refused whole.

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> from kg.rdf.vocab import KG
    >>> graph = article_graph(parse_article(b"Troops for Ukraine.", "/tmp/a.txt"), [])
    >>> next(graph.objects(None, KG.contentHash)).startswith("sha256:")
    True
    >>> article_graph(parse_article(b"Text.", "/tmp/a.txt"), [None, None], limit=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.LimitExceededError: /tmp/a.txt: 2 claims exceed the limit of 1 per article ...
    """
    limit = max_claims_per_article() if limit is None else limit
    if len(claims) > limit:
        raise LimitExceededError(f"{article.path}: {len(claims)} claims exceed the limit of {limit} "
                                 "per article (set KG_MAX_CLAIMS_PER_ARTICLE to change it)")
    return claims_to_graph(with_fallback_title(article), claims,
                           stamp=content_stamp(article), source=article_source(article))
