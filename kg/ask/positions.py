"""Rows of position answers: the summary of :mod:`kg.ask.summary` with quotes, sources and ratings.

The summary is computed from the claims without their evidence; quotes are then read for the
claims of the rows shown only (one small bound query per claim), so that the cost of an answer
grows with the rows it shows, not with the evidence in the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from kg.ask.records import POLARITY_ORDER, SCOPE_ORDER, Evidence, StanceAnswer, StanceRecord, rank
from kg.ask.summary import (
    Position,
    best_claims,
    corroboration,
    newest_first,
    reasons_of,
    source_key,
)
from kg.store import Store

#: Rows per section before the limit, in section order.
Totals = tuple[tuple[str, int], ...]
#: Rows shown per section unless told otherwise.
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Context:
    """What rows are built with: the store, the outlets of articles, sources' scores, corroboration."""

    store: Store
    outlets: Mapping[str, str | None]
    scores: Mapping[str, float | None]
    corroborated: Mapping[str, bool]
    described: Mapping[str, Mapping[str, str]]


def context(store: Store, records: list[StanceRecord], outlets: Mapping[str, str | None],
            described: Mapping[str, Mapping[str, str]] | None = None) -> Context:
    """The context for rows about ``records`` (one proposal's claims).

    Sources are rated here by the stance claims on this proposal only (the claims already read):
    rating them by every claim of the store is ``kg sources``, whose cost grows with the store.
    """
    from kg.ask.reliability import rate, read_outlets, scores_by_source, stance_checks
    from kg.ask.stances import source_descriptions

    scores = scores_by_source(rate(stance_checks(records), dict(outlets), read_outlets()))
    return Context(store, outlets, scores, corroboration(records),
                   source_descriptions(store) if described is None else described)


def section_of(polarity: str, scope: str | None) -> str:
    """The section a summary row belongs to: polarity and scope, conditions in one section.

    Examples
    --------
    >>> section_of("opposes", "own_troops"), section_of("conditional", "deployment")
    ('opposes own_troops', 'conditional')
    """
    if polarity in ("conditional", "neutral") or not scope:
        return polarity
    return f"{polarity} {scope}"


def section_order(section: str, polarities: tuple[str, ...] = POLARITY_ORDER) -> tuple[int, int]:
    """Sort key of sections: polarity (in the order the question asks them), then scope."""
    polarity, _, scope = section.partition(" ")
    return (rank(polarity, polarities), rank(scope or None, SCOPE_ORDER))


class Rankable(Protocol):
    """What rows are ranked by: a summary row, or an index entry before its row is read."""

    @property
    def section(self) -> str: ...
    @property
    def scope(self) -> str | None: ...
    @property
    def sources(self) -> int: ...
    @property
    def claims(self) -> int: ...
    @property
    def actor(self) -> str: ...
    @property
    def actor_iri(self) -> str: ...
    @property
    def last_stated(self) -> str | None: ...


R = TypeVar("R", bound=Rankable)


def row_key(answer: Rankable) -> tuple:
    """Order within a section: scope, then most sources, most claims, latest, then actor."""
    return (rank(answer.scope, SCOPE_ORDER), -answer.sources, -answer.claims, newest_first(answer.last_stated),
            answer.actor.casefold(), answer.actor_iri)


def limited(rows: Iterable[R], limit: int | None, polarities: tuple[str, ...] = POLARITY_ORDER,
            ) -> tuple[list[R], tuple[tuple[str, int], ...]]:
    """The first ``limit`` rows of each section (all when None), in section order, and the totals."""
    sections: dict[str, list[R]] = {}
    for row in rows:
        sections.setdefault(row.section, []).append(row)
    shown, totals = [], []
    for name in sorted(sections, key=lambda name: section_order(name, polarities)):
        ordered = sorted(sections[name], key=row_key)
        shown += ordered if limit is None else ordered[:limit]
        totals.append((name, len(ordered)))
    return shown, tuple(totals)


def answer_row(ctx: Context, position: Position, section: str, *, claims: Iterable[StanceRecord] | None = None,
               all_evidence: bool = False, quotes: bool = True) -> StanceAnswer:
    """One row: the position's figures, ranked reasons and conditions, and its best (or every) quote
    (none when ``quotes`` is false: a row to rank before its quotes are read)."""
    agreeing = list(position.agreeing if claims is None else claims)
    reasons, conditions = reasons_of(replace(position, agreeing=tuple(agreeing)))
    chosen = (sorted(agreeing, key=lambda r: (r.date or "", r.claim)) if all_evidence
              else best_claims(replace(position, agreeing=tuple(agreeing)), ctx.corroborated, ctx.scores))
    evidence = _evidence(ctx, chosen, all_evidence) if quotes else ()
    sources = {source_key(r) for r in agreeing}
    scores = [s for s in (ctx.scores.get(k) for k in sources) if s is not None]
    labels = sorted({r.actor_label for r in agreeing})
    return StanceAnswer(
        actor=labels[0], actor_iri=agreeing[0].actor, actor_type=min(r.actor_type for r in agreeing),
        country=min((r.country for r in agreeing if r.country), default=None),
        polarity=position.polarity if claims is None else agreeing[0].polarity, scope=position.scope,
        reasons=reasons, conditions=conditions, evidence=evidence,
        speakers=tuple(sorted({r.speaker_label for r in agreeing if r.speaker_label})),
        methods=tuple(sorted({r.method for r in agreeing if r.method})),
        date=max((r.date for r in agreeing if r.date), default=None), section=section, claims=len(agreeing),
        sources=len(sources), first_stated=min((r.date for r in agreeing if r.date), default=None),
        contested=position.contested, reliability=max(scores, default=None),
    )


def _evidence(ctx: Context, claims: list[StanceRecord], everything: bool) -> tuple[Evidence, ...]:
    from kg.ask.stances import claim_evidence

    out: dict[tuple, Evidence] = {}
    for record in claims:
        spans = record.evidence or claim_evidence(ctx.store, record.claim, ctx.outlets, ctx.described)
        for item in spans if everything else spans[:1]:  # a summary row: one quote per claim
            key = (item.source, item.start, item.end, item.quote)
            if key in out and (out[key].method or "") <= (item.method or ""):
                continue
            out[key] = replace(item, outlet=item.outlet or record.outlet,
                               reliability=ctx.scores.get(source_key(record)))
        if not everything and len(out) >= 3:
            break
    chosen = list(out.values())
    return tuple(chosen if everything else chosen[:3])


def summary_rows(ctx: Context, positions: Iterable[Position], limit: int | None = DEFAULT_LIMIT,
                 polarities: tuple[str, ...] = POLARITY_ORDER) -> tuple[list[StanceAnswer], Totals]:
    """The summary rows of these positions, the first ``limit`` per section with their best quotes, and
    the rows per section before the limit. Rows are ranked first; quotes are read for those shown only."""
    by_key = {(p.actor, p.scope): p for p in positions}
    bare = [answer_row(ctx, p, section_of(p.polarity, p.scope), quotes=False) for p in by_key.values()]
    shown, totals = limited(bare, limit, polarities)
    full = enriched(ctx, [by_key[(row.actor_iri, row.scope)] for row in shown])
    return [answer_row(ctx, position, row.section) for position, row in zip(full, shown, strict=True)], totals


def enriched(ctx: Context, positions: Iterable[Position]) -> list[Position]:
    """The positions, in order, with the reasons and labels of their claims read
    (:func:`kg.ask.stances.enrich`)."""
    from kg.ask.stances import enrich

    positions = list(positions)
    claims = {r.claim: r for r in enrich(ctx.store, [r for p in positions for r in (*p.agreeing, *p.others)])}
    return [replace(p, agreeing=tuple(claims[r.claim] for r in p.agreeing),
                    others=tuple(claims[r.claim] for r in p.others)) for p in positions]


def record_rows(ctx: Context, positions: Iterable[Position]) -> list[StanceAnswer]:
    """One actor's whole record: each current position with all its quotes (section ``current``), then
    every other position reported in the same scope (section ``other``), each with all its quotes."""
    rows = []
    for p in positions:
        rows.append(answer_row(ctx, p, "current", all_evidence=True))
        by_polarity: dict[str, list[StanceRecord]] = {}
        for r in p.others:
            by_polarity.setdefault(r.polarity, []).append(r)
        for polarity in sorted(by_polarity, key=lambda x: rank(x, POLARITY_ORDER)):
            rows.append(answer_row(ctx, p, "other", claims=by_polarity[polarity], all_evidence=True))
    return rows


def change_rows(ctx: Context, pairs: Iterable[tuple[Position, Position]]) -> list[StanceAnswer]:
    """Each change as two rows: section ``changed from`` (the earlier position), then ``changed to``."""
    rows = []
    for before, after in pairs:
        before, after = enriched(ctx, [before, after])
        rows.append(answer_row(ctx, before, "changed from"))
        rows.append(answer_row(ctx, after, "changed to"))
    return rows


def timeline_rows(ctx: Context, records: Iterable[StanceRecord]) -> list[StanceAnswer]:
    """One row per claim in date order (section ``timeline``), each with its quotes."""
    rows = []
    for r in sorted(records, key=lambda r: (r.date or "", rank(r.scope, SCOPE_ORDER), r.claim)):
        position = Position(r.actor, r.scope, r.polarity, (r,), (), False)
        rows.append(answer_row(ctx, position, "timeline", all_evidence=True))
    return rows
