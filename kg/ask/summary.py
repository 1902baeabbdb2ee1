"""The position summary: one row per actor, proposal and scope, corroborated, dated and rated.

Pure functions over :class:`~kg.ask.records.StanceRecord` lists (one proposal's claims). The
rule, as the README states it:

1. **One voice per source.** Within one source article, curated claims override extracted
   ones: an extracted claim whose polarity no curated claim of the same article, actor and
   scope states is dropped (an extraction error is not a change of position).
2. **Current position** of an (actor, scope): the polarity of the latest dated claim; ties
   on the date go to the polarity more independent sources state (corroboration), then to a
   curated claim, then to the more confident one. Undated claims count as oldest.
3. **The row** counts the claims that state the current polarity (``claims``), their
   independent sources (``sources``: outlets, or the article where the outlet is unknown;
   two articles of one outlet are one source), the first and last dates they were stated,
   their reasons and conditions ranked by how many sources give them (from curated claims
   when there are any), and the best quotes: corroborated first, then from the more reliable
   source, then the most recent.
4. **Contested**: another independent source states a different polarity for the same actor
   and scope within :data:`CONTEST_DAYS` days of a claim of the row.

Examples
--------
>>> from kg.ask.records import StanceRecord
>>> def claim(name, polarity, date, source, method="curated"):
...     return StanceRecord(name, "x:pol", "Poland", "country", "POL", "x:p", polarity, "own_troops", (), (),
...                         None, None, date, method, 1.0, source, (), outlet=None)
>>> [row.polarity for row in summarise_positions([claim("a", "opposes", "2025-04-10", "x:1"),
...                                               claim("b", "supports", "2025-06-01", "x:2")])]
['supports']
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.ask.records import POLARITY_ORDER, SCOPE_ORDER, StanceRecord, rank

#: Two sources disagree (a position is contested) when their claims are at most this many days apart.
CONTEST_DAYS = 28
#: Quotes shown per summary row (a single actor's record shows them all).
BEST_QUOTES = 3


@dataclass(frozen=True)
class Position:
    """One (actor, scope) position: the claims that state it and the ones that do not.

    ``agreeing`` state the current polarity, ``others`` every other polarity of the same
    actor and scope (after the one-voice-per-source rule).
    """

    actor: str
    scope: str | None
    polarity: str
    agreeing: tuple[StanceRecord, ...]
    others: tuple[StanceRecord, ...]
    contested: bool

    @property
    def claims(self) -> int:
        """How many claims state the position."""
        return len(self.agreeing)

    @property
    def sources(self) -> tuple[str, ...]:
        """The independent sources that state the position (outlet, else article)."""
        return tuple(sorted({source_key(r) for r in self.agreeing}))

    @property
    def first_stated(self) -> str | None:
        """The earliest date a claim states the position."""
        return min((r.date for r in self.agreeing if r.date), default=None)

    @property
    def last_stated(self) -> str | None:
        """The latest date a claim states the position."""
        return max((r.date for r in self.agreeing if r.date), default=None)


def source_key(record: StanceRecord) -> str:
    """The independent source of a claim: its outlet, else its article.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from kg.ask.records import StanceRecord
    >>> r = StanceRecord("c", "a", "A", "country", None, "p", "opposes", None, (), (), None, None, None,
    ...                  "curated", 1.0, "x:article/1", (), outlet="Wire")
    >>> source_key(r), source_key(replace(r, outlet=None))
    ('outlet:Wire', 'x:article/1')
    """
    return f"outlet:{record.outlet}" if record.outlet else record.source


def one_voice_per_source(records: Iterable[StanceRecord]) -> list[StanceRecord]:
    """Drop extracted claims that the curated claims of the same article, actor and scope contradict.

    Examples
    --------
    >>> from dataclasses import replace
    >>> from kg.ask.records import StanceRecord
    >>> c = StanceRecord("c", "a", "A", "country", None, "p", "opposes", "own_troops", (), (), None, None,
    ...                  "2025-04-10", "curated", 1.0, "x:1", ())
    >>> [r.claim for r in one_voice_per_source([c, replace(c, claim="e", polarity="neutral", method="extracted"),
    ...                                          replace(c, claim="f", method="extracted")])]
    ['c', 'f']
    """
    records = list(records)
    curated: dict[tuple, set[str]] = {}
    for r in records:
        if r.method == "curated":
            curated.setdefault((r.source, r.actor, r.scope), set()).add(r.polarity)
    return [r for r in records
            if r.method == "curated" or r.polarity in curated.get((r.source, r.actor, r.scope), {r.polarity})]


def as_of(records: Iterable[StanceRecord], day: dt.date | None) -> list[StanceRecord]:
    """The records dated on or before ``day`` (all of them when ``day`` is None; undated ones never)."""
    if day is None:
        return list(records)
    limit = day.isoformat()
    return [r for r in records if r.date is not None and r.date[:10] <= limit]


def summarise_positions(records: Iterable[StanceRecord], day: dt.date | None = None) -> list[Position]:
    """One :class:`Position` per actor and scope, by the rule of this module, sorted."""
    groups: dict[tuple, list[StanceRecord]] = {}
    for record in one_voice_per_source(as_of(records, day)):
        groups.setdefault((record.actor, record.scope), []).append(record)
    out = []
    for (actor, scope), claims in groups.items():
        polarity = current_polarity(claims)
        agreeing = tuple(sorted((r for r in claims if r.polarity == polarity), key=lambda r: (r.date or "", r.claim)))
        others = tuple(sorted((r for r in claims if r.polarity != polarity), key=lambda r: (r.date or "", r.claim)))
        out.append(Position(actor, scope, polarity, agreeing, others, contested(agreeing, others)))
    return sorted(out, key=lambda p: (rank(p.polarity, POLARITY_ORDER), rank(p.scope, SCOPE_ORDER), p.actor))


def current_polarity(claims: list[StanceRecord]) -> str:
    """The polarity of the latest claim; ties: more sources, then curated, then more confident."""
    support = {p: len({source_key(r) for r in claims if r.polarity == p}) for p in {r.polarity for r in claims}}
    best = max(claims, key=lambda r: (r.date or "", support[r.polarity], r.method == "curated",
                                      r.confidence or 0.0, -rank(r.polarity, POLARITY_ORDER)))
    return best.polarity


def contested(agreeing: Iterable[StanceRecord], others: Iterable[StanceRecord]) -> bool:
    """Whether another independent source states another polarity within :data:`CONTEST_DAYS` days."""
    near = Window(others)
    return any(any(source_key(o) != source_key(a) for o in near.around(a.date)) for a in agreeing if a.date)


def days_apart(a: str, b: str) -> int:
    """Days between two ISO dates (or date-times).

    Examples
    --------
    >>> days_apart("2025-03-27", "2025-04-10")
    14
    """
    return abs(day_number(a) - day_number(b))


def day_number(date: str) -> int:
    """The proleptic Gregorian ordinal of an ISO date (or date-time)."""
    return dt.date.fromisoformat(date[:10]).toordinal()


class Window:
    """Dated claims sorted by day, to find those within :data:`CONTEST_DAYS` days of a date quickly.

    Examples
    --------
    >>> from kg.ask.records import StanceRecord
    >>> r = StanceRecord("c", "a", "A", "country", None, "p", "opposes", None, (), (), None, None, "2025-04-10",
    ...                  "curated", 1.0, "x:1", ())
    >>> [x.claim for x in Window([r]).around("2025-05-01")], [x.claim for x in Window([r]).around("2025-06-01")]
    (['c'], [])
    """

    def __init__(self, records: Iterable[StanceRecord]) -> None:
        dated = sorted(((day_number(r.date), r) for r in records if r.date), key=lambda pair: pair[0])
        self._days = [d for d, _ in dated]
        self._records = [r for _, r in dated]

    def around(self, date: str | None) -> list[StanceRecord]:
        """The claims dated at most :data:`CONTEST_DAYS` days before or after ``date``."""
        if not date or not self._days:
            return []
        day = day_number(date)
        return self._records[bisect_left(self._days, day - CONTEST_DAYS):bisect_right(self._days, day + CONTEST_DAYS)]


def ranked(values: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Distinct values, most sources first, then alphabetically; ``values`` are (value, source) pairs.

    Examples
    --------
    >>> ranked([("Belarus", "s1"), ("budget", "s2"), ("Belarus", "s2"), ("Belarus", "s2")])
    ('Belarus', 'budget')
    """
    counts = Counter(value for value, _ in set(values))
    return tuple(sorted(counts, key=lambda v: (-counts[v], v)))


def reasons_of(position: Position) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The position's reasons and conditions, ranked by sources (from its curated claims when any)."""
    claims = [r for r in position.agreeing if r.method == "curated"] or list(position.agreeing)
    return (ranked((x, source_key(r)) for r in claims for x in r.reasons),
            ranked((x, source_key(r)) for r in claims for x in r.conditions))


def best_claims(position: Position, corroborated: Mapping[str, bool], reliability: Mapping[str, float | None],
                limit: int | None = BEST_QUOTES) -> list[StanceRecord]:
    """The claims whose quotes to show: corroborated first, then more reliable source, then most recent;
    one claim per source before a second one of any source."""
    ordered = sorted(position.agreeing, key=lambda r: quote_order(r, corroborated, reliability))
    seen: set[str] = set()
    firsts: list[StanceRecord] = []
    for r in ordered:
        if source_key(r) not in seen:
            seen.add(source_key(r))
            firsts.append(r)
    picked = {r.claim for r in firsts}
    chosen = firsts + [r for r in ordered if r.claim not in picked]
    return chosen if limit is None else chosen[:limit]


def quote_order(record: StanceRecord, corroborated: Mapping[str, bool],
                reliability: Mapping[str, float | None]) -> tuple:
    """The order in which claims' quotes are shown: corroborated, more reliable source, newer, curated."""
    return (not corroborated.get(record.claim, False), -(reliability.get(source_key(record)) or 0.0),
            newest_first(record.date), record.method != "curated", record.claim)


#: Maps each character to one that sorts the other way: a date string sorts newest first after it.
_REVERSED = {c: 0x10FFFF - c for c in range(0x80)}


def newest_first(date: str | None) -> str:
    """A sort key putting later dates first (like ``-date``), "" (undated) before any date.

    Examples
    --------
    >>> sorted(["2025-04-10", "2025-06-01", ""], key=newest_first)
    ['', '2025-06-01', '2025-04-10']
    """
    return (date or "").translate(_REVERSED)


def corroboration(records: Iterable[StanceRecord]) -> dict[str, bool]:
    """For each claim, whether another independent source states the same actor, polarity and scope."""
    records = one_voice_per_source(records)
    sources: dict[tuple, set[str]] = {}
    for r in records:
        sources.setdefault((r.actor, r.polarity, r.scope), set()).add(source_key(r))
    return {r.claim: len(sources[(r.actor, r.polarity, r.scope)] - {source_key(r)}) > 0 for r in records}


def changes(records: Iterable[StanceRecord], day: dt.date | None = None) -> list[tuple[Position, Position]]:
    """Positions that changed: (earlier, later) pairs per actor and scope, oldest first.

    The claims of an (actor, scope) are taken in date order; each time the position by the
    rule above differs from the one before, the pair of positions is one change.
    """
    groups: dict[tuple, list[StanceRecord]] = {}
    for record in one_voice_per_source(as_of(records, day)):
        if record.date:
            groups.setdefault((record.actor, record.scope), []).append(record)
    out = []
    for claims in groups.values():
        dates = sorted({(r.date or "")[:10] for r in claims})  # every claim here has a date
        previous: Position | None = None
        for date in dates:
            upto = summarise_positions([r for r in claims if (r.date or "")[:10] <= date])
            current = upto[0] if upto else None
            if current is not None and previous is not None and current.polarity != previous.polarity:
                out.append((previous, current))
            previous = current
    return sorted(out, key=lambda pair: (pair[1].last_stated or "", pair[1].actor, pair[1].scope or ""))
