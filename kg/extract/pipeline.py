"""The extraction pipeline: spaCy over all articles in one batch, then our components.

``COMPONENTS`` is the short list of steps each article goes through, in order;
each takes the :class:`~kg.extract.records.DocState` and adds its findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from kg.articles import Article
from kg.claims import ArticleClaims
from kg.config import DEFAULT_MAX_EXTRACT_CHARS, limit_from_env
from kg.errors import LimitExceededError
from kg.extract.claims import build_claims
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.mentions import find_mentions
from kg.extract.nlp import build_nlp, load_nlp
from kg.extract.quotes import find_quote_speakers
from kg.extract.records import DocState
from kg.extract.resolve import resolve_persons
from kg.extract.roles import find_roles
from kg.extract.stances import find_stances

Component = Callable[[DocState], None]

def max_extract_chars() -> int:
    """The longest body the parser takes: ``KG_MAX_EXTRACT_CHARS`` or 1,000,000 characters."""
    return limit_from_env("KG_MAX_EXTRACT_CHARS", DEFAULT_MAX_EXTRACT_CHARS)


def check_extractable(article: Article) -> None:
    """Refuse a body too long to parse in reasonable memory.

    Raises
    ------
    LimitExceededError
        The body is longer than :func:`max_extract_chars`.
    """
    limit = max_extract_chars()
    if len(article.body) > limit:
        raise LimitExceededError(
            f"{article.path}: body has {len(article.body):,} characters, over the extraction limit of "
            f"{limit:,} (set KG_MAX_EXTRACT_CHARS to change it)"
        )

#: The steps, in order (spaCy-style): each reads what the previous ones found.
COMPONENTS: tuple[Component, ...] = (
    find_mentions,
    resolve_persons,
    find_roles,
    find_quote_speakers,
    find_stances,
)


def iter_states(articles: Sequence[Article], *, gazetteer: Gazetteer | None = None, batch_size: int = 16,
                n_process: int = 1) -> Iterator[DocState]:
    """Parse the articles with ``nlp.pipe`` and run every component on each.

    ``gazetteer`` is the lookup data every component reads (default: the packaged one,
    with a spaCy pipeline loaded once per process; another gazetteer gets its own pipeline).

    Raises
    ------
    LimitExceededError
        An article is too long to parse (checked before any work is done).
    """
    for article in articles:
        check_extractable(article)
    if gazetteer is None:
        gazetteer, nlp = load_gazetteer(), load_nlp()
    else:
        nlp = build_nlp(gazetteer)
    nlp.max_length = max(nlp.max_length, max_extract_chars() + 1)
    bodies = (a.body for a in articles)
    for article, doc in zip(articles, nlp.pipe(bodies, batch_size=batch_size, n_process=n_process), strict=True):
        state = DocState(article=article, doc=doc, gazetteer=gazetteer)
        for component in COMPONENTS:
            component(state)
        yield state


def extract_articles(articles: Sequence[Article], *, gazetteer: Gazetteer | None = None, batch_size: int = 16,
                     n_process: int = 1) -> list[ArticleClaims]:
    """Extract role and stance claims from articles.

    Parameters
    ----------
    articles : sequence of Article
        Parsed articles (see :func:`kg.articles.load_article`).
    gazetteer : Gazetteer, optional
        The lookup data (names, cues, markers, word lists); the packaged one by default
        (:func:`kg.extract.gazetteer.read_gazetteer` reads another directory).
    batch_size : int
        Documents per ``nlp.pipe`` batch.
    n_process : int
        Worker processes for spaCy (2 helps on two cores for large batches).

    Returns
    -------
    list of ArticleClaims
        One per article, in the same order.

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> a = parse_article("Latvian Defence Minister Anna Berzina spoke.".encode(), "a.txt")
    >>> [r.role_type for r in extract_articles([a])[0].roles]
    ['defence_minister']
    """
    states = iter_states(articles, gazetteer=gazetteer, batch_size=batch_size, n_process=n_process)
    return [build_claims(state) for state in states]
