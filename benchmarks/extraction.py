"""Throughput of the extraction pipeline against plain ``nlp.pipe`` of the same model.

Both run, one after the other in one process, over the same texts: at least 200
articles made from the seed articles (each copy varied by a leading line and a
rotation of its paragraphs). Targets: ours / plain <= 1.5, and >= 7 articles/s.

Run: ``.venv/bin/python -m benchmarks.extraction [N_ARTICLES] [N_PROCESS] [REPEATS]``
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kg.articles import Article, find_articles, load_article

SEED_ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"


@dataclass(frozen=True)
class ExtractionBenchmark:
    """Timings of one benchmark run."""

    articles: int
    n_process: int
    ours_seconds: float
    plain_seconds: float
    claims: int

    @property
    def ours_per_second(self) -> float:
        """Articles per second through the whole extraction pipeline."""
        return self.articles / self.ours_seconds

    @property
    def plain_per_second(self) -> float:
        """Articles per second through plain ``nlp.pipe``."""
        return self.articles / self.plain_seconds

    @property
    def ratio(self) -> float:
        """Our time divided by plain ``nlp.pipe`` time."""
        return self.ours_seconds / self.plain_seconds


def varied_articles(n: int, seeds: Path = SEED_ARTICLES) -> list[Article]:
    """``n`` articles made from the seed articles, each copy slightly different."""
    base = [load_article(p) for p in find_articles([seeds])]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        paragraphs = [p for p in a.body.split("\n") if p.strip()]
        k = (i // len(base)) % max(1, len(paragraphs))
        body = f"Report {i} on the coalition.\n" + "\n".join(paragraphs[k:] + paragraphs[:k])
        out.append(Article(path=f"bench/{i:04d}_{a.article_id}.txt", article_id=f"{i:04d}_{a.article_id}", body=body))
    return out


def measure(n_articles: int = 200, *, n_process: int = 1, batch_size: int = 16,
            repeats: int = 1) -> ExtractionBenchmark:
    """Time our pipeline and plain ``nlp.pipe`` over the same ``n_articles`` texts.

    With ``repeats`` > 1 the two alternate and the fastest run of each counts (less noise
    on a shared machine).
    """
    import spacy

    from kg.extract import extract_articles
    from kg.extract.nlp import MODEL_NAME, load_nlp

    articles = varied_articles(n_articles)
    texts = [a.body for a in articles]
    plain = spacy.load(MODEL_NAME)
    load_nlp()
    list(plain.pipe(texts[:5]))  # warm up both
    extract_articles(articles[:5])

    plain_seconds = ours_seconds = float("inf")
    claims = 0
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        for _doc in plain.pipe(texts, batch_size=batch_size, n_process=n_process):
            pass
        plain_seconds = min(plain_seconds, time.perf_counter() - t0)
        t0 = time.perf_counter()
        results = extract_articles(articles, batch_size=batch_size, n_process=n_process)
        ours_seconds = min(ours_seconds, time.perf_counter() - t0)
        claims = sum(len(r.claims) for r in results)
    return ExtractionBenchmark(n_articles, n_process, ours_seconds, plain_seconds, claims)


def main(argv: list[str]) -> None:
    """Print the figures: ``[N_ARTICLES] [N_PROCESS] [REPEATS]``."""
    n = int(argv[0]) if argv else 200
    n_process = int(argv[1]) if len(argv) > 1 else 1
    repeats = int(argv[2]) if len(argv) > 2 else 1
    r = measure(n, n_process=n_process, repeats=repeats)
    print(f"articles: {r.articles}  n_process: {r.n_process}  claims: {r.claims}")
    print(f"plain nlp.pipe : {r.plain_seconds:7.2f} s  {r.plain_per_second:6.1f} articles/s")
    print(f"our pipeline   : {r.ours_seconds:7.2f} s  {r.ours_per_second:6.1f} articles/s")
    print(f"ratio ours/plain: {r.ratio:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main(sys.argv[1:])
