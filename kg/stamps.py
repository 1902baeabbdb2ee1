"""What an article's graph records about its origin, the same on every write path.

The content stamp (the file's SHA-256 and the extractor version: an article stored under
the same stamp is not extracted again), the source it was read from, a fallback title for
an article without title or address, and the limit on claims per article. Used by
:mod:`kg.ingest`, its worker processes (:mod:`kg.ingest_parallel`) and :mod:`kg.build`.
May import :mod:`kg.rdf.iris`, :mod:`kg.rdf.vocab`, :mod:`kg.limits` (and :mod:`kg.extract` for
the version, lazily: computing a stamp must not load spaCy before it is needed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal

from kg.limits import limit_from_env
from kg.rdf.iris import article_iri
from kg.rdf.vocab import KG

if TYPE_CHECKING:
    from kg.articles import Article


#: Claims one article may yield before it is refused (``KG_MAX_CLAIMS_PER_ARTICLE`` overrides).
DEFAULT_MAX_CLAIMS_PER_ARTICLE = 2000


def content_stamp(article: Article) -> str:
    """The stored hash: the file's SHA-256 and the extractor version.

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> content_stamp(parse_article(b"Text.", "a.txt")).startswith("sha256:")
    True
    """
    from kg.extract import EXTRACTOR_VERSION

    return f"sha256:{article.content_hash};extractor:{EXTRACTOR_VERSION}"


def max_claims_per_article() -> int:
    """The claims-per-article limit: ``KG_MAX_CLAIMS_PER_ARTICLE`` or 2000.

    Examples
    --------
    >>> max_claims_per_article() > 0
    True
    """
    return limit_from_env("KG_MAX_CLAIMS_PER_ARTICLE", DEFAULT_MAX_CLAIMS_PER_ARTICLE, minimum=1)


def stamp_content_hash(graph: Graph, article: Article) -> Graph:
    """Set the article's ``kg:contentHash`` in ``graph`` to :func:`content_stamp` (in place)."""
    node = article_iri(article.article_id)
    graph.remove((node, KG.contentHash, None))
    graph.add((node, KG.contentHash, Literal(content_stamp(article))))
    return graph


def article_source(article: Article) -> str:
    """What an article was read from: its front matter's ``url``, else the file's absolute ``file:`` URI.

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> article_source(parse_article(b"---\\nurl: https://example.org/a\\n---\\nText.", "a.txt"))
    'https://example.org/a'
    >>> article_source(parse_article(b"Text.", "/tmp/a.txt"))
    'file:///tmp/a.txt'
    """
    return article.url or Path(article.path).resolve().as_uri()


def stamp_source(graph: Graph, article: Article) -> Graph:
    """Record :func:`article_source` as the article's ``dcterms:source`` in ``graph`` (in place)."""
    from rdflib import XSD
    from rdflib.namespace import DCTERMS

    node = article_iri(article.article_id)
    graph.remove((node, DCTERMS.source, None))
    graph.add((node, DCTERMS.source, Literal(article_source(article), datatype=XSD.anyURI)))
    return graph


def with_fallback_title(article: Article) -> Article:
    """An article without title or address gets its first line as title (so that it is identifiable).

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> with_fallback_title(parse_article(b"\\n Troops for Ukraine \\nBody.", "a.txt")).title
    'Troops for Ukraine'
    """
    if article.title or article.url:
        return article
    first = next((line.strip() for line in article.body.splitlines() if line.strip()), "")
    if len(first) > 200:
        first = first[:200].rsplit(" ", 1)[0] + "…"
    return replace(article, title=first or article.article_id)
