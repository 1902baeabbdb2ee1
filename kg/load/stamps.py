"""What an article's graph records about its origin, the same on every write path.

The content stamp (the file's SHA-256 and the extractor version: an article stored under
the same stamp is not extracted again), the source it was read from, a fallback title for
an article without title or address, and the limit on claims per article; all applied by
:func:`kg.load.article.article_graph`. May import :mod:`kg.config` (and :mod:`kg.extract`
for the version, lazily: computing a stamp must not load spaCy before it is needed).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import DEFAULT_MAX_CLAIMS_PER_ARTICLE, limit_from_env

if TYPE_CHECKING:
    from kg.articles import Article


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
