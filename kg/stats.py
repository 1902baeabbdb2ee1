"""Counts that describe a store: triples, entities, claims by polarity, articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.queries import get_query
from kg.store import Store


@dataclass
class StoreStats:
    """Headline counts of a store."""

    counts: dict[str, int] = field(default_factory=dict)
    stances_by_polarity: dict[str, dict[str, int]] = field(default_factory=dict)


def store_stats(store: Store) -> StoreStats:
    """Count triples, persons, countries, organisations, stances (by polarity) and articles.

    Parameters
    ----------
    store : Store

    Returns
    -------
    StoreStats
    """
    row = next(iter(store.query(get_query("stats-counts").text)))
    counts = {str(var): int(value) for var, value in zip(row.labels, row)}
    by_polarity: dict[str, dict[str, int]] = {}
    for polarity, method, n in store.query(get_query("stances-by-polarity").text):
        by_polarity.setdefault(str(polarity), {})[str(method)] = int(n)
    return StoreStats(counts=counts, stances_by_polarity=by_polarity)
