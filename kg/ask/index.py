"""The position index: the summary of :mod:`kg.ask.summary` precomputed per actor, proposal and scope.

Answering "who opposes ..." from the claims reads every stance on the proposal (tens of
thousands of rows at a million triples). The index keeps one entry per (actor, proposal,
scope) in the named graph :data:`INDEX_GRAPH`, with everything a summary row needs that
depends on that actor's claims alone: the row (position, claims, sources, dates, reasons,
conditions, contested), the agreeing claims with their first quote, and per-source agreement
tallies. Sources' reliability spans actors, so it is not stored: it is summed from the tallies
of the proposal's entries when asked (a few thousand small integers), as are the best quotes,
which depend on it.

Entries are recomputed per actor: when an article is written, the actors and speakers it (and
the graph it replaces) speaks about are marked pending (:mod:`kg.store.pending`), and
:func:`catch_up` recomputes their entries and drops the marks in one update. While anything is
pending, :func:`indexed_summary` returns None and the answer is computed from the claims, so
the index can make an answer faster, never different: ``tests/test_position_index.py``
compares both after every write path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from importlib import resources

from rdflib import Graph, Literal, URIRef

from kg.ask.positions import Context, Totals, _evidence, answer_row, limited, section_of, section_order
from kg.ask.records import Evidence, StanceAnswer, StanceRecord
from kg.ask.reliability import read_outlets, score_of, stance_checks
from kg.ask.stances import (
    STANCE_FACTS_RQ,
    _fact,
    _kind_from_iri,
    enrich,
    evidence_from_row,
    source_descriptions,
)
from kg.ask.summary import Position, best_claims, corroboration, quote_order, source_key, summarise_positions
from kg.rdf.iris import content_hash
from kg.rdf.vocab import GRAPH, ID, KG
from kg.store import Store, string_rows
from kg.store.base import checked_iri
from kg.store.pending import pending

#: The named graph of the index.
INDEX_GRAPH = GRAPH["index/positions"]
#: The layout of entries; an index of another version is rebuilt by :func:`catch_up`.
INDEX_VERSION = "5"
#: Quote candidates kept per source of an entry: a row shows three quotes, one per source first,
#: and a quote two claims share counts once, so a few per source always suffice.
PICKS_PER_SOURCE = 6
#: Rows per section the head of a proposal's table keeps (the default answer shows 20).
HEAD_ROWS = 100


def _rq(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


INDEX_TABLE_RQ = _rq("index-table.rq")
INDEX_ACTORS_RQ = _rq("index-actors.rq")
ACTOR_EVIDENCE_RQ = _rq("actor-evidence.rq")
SOURCE_DESCRIPTION_RQ = _rq("source-description.rq")
_VERSION_RQ = f"""PREFIX kg: <{KG._NS}>
SELECT ?version WHERE {{ GRAPH <{INDEX_GRAPH}> {{ <{INDEX_GRAPH}> kg:indexVersion ?version }} }}"""


@dataclass(frozen=True)
class Entry:
    """One (actor, proposal, scope) entry: what its summary row needs besides sources' scores.

    ``row`` is the summary row without reliability and quotes; ``rank_label`` and ``kind`` are
    what rows are ranked and filtered by before labels are read (the actor IRI's last segment and
    the kind its IRI gives); ``agreeing`` the independent sources stating the position;
    ``tallies`` (source, checked, agreed) per source of the entry's claims; ``picks`` the agreeing
    claims as quote candidates, each with its first evidence span.
    """

    iri: str
    proposal: str
    rank_label: str
    kind: str
    row: StanceAnswer
    agreeing: tuple[str, ...]
    tallies: tuple[tuple[str, int, int], ...]
    picks: tuple[StanceRecord, ...] = ()


def entry_iri(actor: str, proposal: str, scope: str | None) -> URIRef:
    """The IRI of the entry of one actor on one proposal in one scope.

    Examples
    --------
    >>> entry_iri("x:pol", "x:p", None) == entry_iri("x:pol", "x:p", None) != entry_iri("x:pol", "x:p", "deployment")
    True
    """
    return ID[f"position/{content_hash(actor, proposal, scope or '')}"]


# -- building entries -------------------------------------------------------------------------


def build_entries(store: Store, actors: Iterable[str] | None = None) -> list[Entry]:
    """The entries of ``actors`` (every actor holding a stance when None), from their claims.

    Parameters
    ----------
    store : Store
    actors : iterable of str, optional
        Actor IRIs; their entries on every proposal are built.

    Returns
    -------
    list of Entry
    """
    if actors is None:
        described = source_descriptions(store)
        rows = list(string_rows(store, STANCE_FACTS_RQ))
        evidence_rows = list(string_rows(store, ACTOR_EVIDENCE_RQ))
    else:
        described, rows, evidence_rows = {}, [], []
        for actor in sorted(set(actors)):
            rows += string_rows(store, STANCE_FACTS_RQ, {"actor": URIRef(actor)})
            evidence_rows += string_rows(store, ACTOR_EVIDENCE_RQ, {"actor": URIRef(actor)})
        for source in sorted({row["source"] or "" for row in rows}):
            described[source] = _source(store, source)
    outlets = {source: about.get("outlet") for source, about in described.items()}
    records = enrich(store, [_fact(row, outlets) for row in rows])
    first = _first_spans(evidence_rows, outlets, described)
    groups: dict[tuple[str, str], list[StanceRecord]] = {}
    for r in records:
        groups.setdefault((r.actor, r.proposal), []).append(r)
    return [entry for (_, proposal), claims in sorted(groups.items())
            for entry in _entries(proposal, claims, first)]


def _entries(proposal: str, claims: list[StanceRecord], first: Mapping[str, Evidence]) -> list[Entry]:
    """The entries of one actor's claims on one proposal."""
    blank = Context(None, {}, {}, {}, {})  # type: ignore[arg-type]  # rows without quotes read nothing
    checks = {c.claim: c for c in stance_checks(claims)}
    corroborated = corroboration(claims)
    out = []
    for position in summarise_positions(claims):
        section = section_of(position.polarity, position.scope)
        row = replace(answer_row(blank, position, section, quotes=False), reliability=None, evidence=())
        mine = {r.claim for r in (*position.agreeing, *position.others)}
        tallies: dict[str, list[int]] = {}
        for claim, check in checks.items():
            if claim in mine:
                tally = tallies.setdefault(check.source, [0, 0])
                tally[0] += check.checked
                tally[1] += check.checked and check.agrees
        picks = tuple(replace(r, evidence=(first[r.claim],) if r.claim in first else (), reasons=(), conditions=(),
                              confidence=1.0 if corroborated.get(r.claim) else 0.0)
                      for r in _candidates(position.agreeing, corroborated))
        out.append(Entry(str(entry_iri(position.actor, proposal, position.scope)), proposal,
                         position.actor.rsplit("/", 1)[-1], _kind_from_iri(position.actor), row,
                         position.sources, tuple((s, c, a) for s, (c, a) in sorted(tallies.items())), picks))
    return out


def _candidates(agreeing: Iterable[StanceRecord], corroborated: Mapping[str, bool]) -> list[StanceRecord]:
    """The quote candidates of a position: each source's first :data:`PICKS_PER_SOURCE` claims in the
    order :func:`kg.ask.summary.best_claims` takes them (within one source the score is the same for all)."""
    by_source: dict[str, list[StanceRecord]] = {}
    for r in agreeing:
        by_source.setdefault(source_key(r), []).append(r)
    out = []
    for claims in by_source.values():
        claims.sort(key=lambda r: quote_order(r, corroborated, {}))
        out += claims[:PICKS_PER_SOURCE]
    return sorted(out, key=lambda r: r.claim)


def _source(store: Store, source: str) -> dict[str, str]:
    for row in string_rows(store, SOURCE_DESCRIPTION_RQ, {"source": URIRef(source)}):
        return {k: v for k in ("outlet", "title") if (v := row.get(k)) is not None}
    return {}


def _first_spans(rows: Iterable[Mapping[str, str | None]], outlets: Mapping[str, str | None],
                 described: Mapping[str, Mapping[str, str]]) -> dict[str, Evidence]:
    """Each claim's first evidence span, as :func:`kg.ask.stances.claim_evidence` orders them."""
    first: dict[str, Evidence] = {}
    for row in rows:
        claim = row["claim"] or ""
        span = evidence_from_row(row, claim, described)
        if span is None:
            continue
        span = replace(span, outlet=span.outlet or outlets.get(span.source))
        if claim not in first or span.sort_key() < first[claim].sort_key():
            first[claim] = span
    return first


# -- storing entries --------------------------------------------------------------------------


def table_iri(proposal: str, part: str = "") -> URIRef:
    """The IRI of a proposal's table in the index (:func:`table_json`), or of its ``head`` (:func:`head_json`)."""
    return ID[f"positions/{content_hash(proposal)}{'/' + part if part else ''}"]


def index_graph(entries: Iterable[Entry], tables: Mapping[str, list[list]], *, versioned: bool = False) -> Graph:
    """The triples of ``entries`` and of the proposals' tables, from their entries' summaries (and, with
    ``versioned``, the version)."""
    graph = Graph()
    for e in entries:
        node = URIRef(e.iri)
        graph.add((node, KG.positionOf, URIRef(e.proposal)))
        graph.add((node, KG.positionActor, URIRef(e.row.actor_iri)))
        graph.add((node, KG.positionEvidence, Literal(_detail_json(e))))
    for proposal, summaries in tables.items():
        for part, text in (("", table_json(summaries)), ("head", head_json(summaries))):
            graph.add((table_iri(proposal, part), KG.positionOf, URIRef(proposal)))
            graph.add((table_iri(proposal, part), KG.positionTable, Literal(text)))
    if versioned:
        graph.add((INDEX_GRAPH, KG.indexVersion, Literal(INDEX_VERSION)))
    return graph


def summary_of(e: Entry) -> list:
    """What ranking, filtering and scoring read of an entry: a flat list (:func:`ranked`)."""
    r = e.row
    return [e.iri, r.actor_iri, r.polarity, r.scope, r.section, e.kind, e.rank_label, r.sources, r.claims, r.date,
            list(e.agreeing), [list(t) for t in e.tallies]]


def table_json(summaries: Iterable[list]) -> str:
    """A proposal's table, as one JSON object: its entries' summaries (sorted by entry IRI) and each
    source's (checked, agreed) tallies summed over them, which its score is computed from."""
    entries = sorted(summaries, key=lambda s: s[0])
    return json.dumps({"entries": entries, "totals": _source_totals(entries)}, separators=(",", ":"))


def head_json(summaries: Iterable[list]) -> str:
    """A proposal's head, as one JSON object: each section's first :data:`HEAD_ROWS` summaries in rank
    order and its number of rows, and the sources' tallies: what the default answer (every actor
    type and scope, at most :data:`HEAD_ROWS` rows per section) reads instead of the whole table."""
    entries = list(summaries)
    shown, totals = limited([Ranked(*s) for s in entries], HEAD_ROWS)
    by_iri = {s[0]: s for s in entries}
    sections: dict[str, dict] = {name: {"total": n, "rows": []} for name, n in totals}
    for r in shown:
        sections[r.section]["rows"].append(by_iri[r.iri])
    return json.dumps({"sections": sections, "totals": _source_totals(entries)}, separators=(",", ":"))


def _source_totals(summaries: Iterable[list]) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = {}
    for summary in summaries:
        for source, checked, agreed in summary[-1]:
            total = totals.setdefault(source, [0, 0])
            total[0] += checked
            total[1] += agreed
    return dict(sorted(totals.items()))


def _detail_json(e: Entry) -> str:
    """What a shown row reads of its entry: the row without quotes, and the quote candidates."""
    row = asdict(e.row)
    del row["evidence"], row["reliability"]
    return json.dumps({"row": row, "picks": [_pick_json(p) for p in e.picks]}, separators=(",", ":"),
                      sort_keys=True)


def _pick_json(r: StanceRecord) -> dict:
    return {"claim": r.claim, "source": r.source, "outlet": r.outlet, "date": r.date, "method": r.method,
            "corroborated": bool(r.confidence), "evidence": asdict(r.evidence[0]) if r.evidence else None}


def _pick(actor: str, p: dict) -> StanceRecord:
    evidence = (Evidence(**p["evidence"]),) if p["evidence"] else ()
    return StanceRecord(p["claim"], actor, "", "", None, "", "", None, (), (), None, None, p["date"], p["method"],
                        1.0 if p["corroborated"] else 0.0, p["source"], evidence, outlet=p["outlet"])


@dataclass(frozen=True)
class Ranked:
    """An entry as ranking reads it (:func:`summary_of`); its detail is read only if it is shown.

    The fields ranking reads have the names of :class:`~kg.ask.records.StanceAnswer`'s, so that
    :func:`kg.ask.positions.limited` ranks both alike; ``actor`` is the IRI's last segment, as
    summary rows are ranked before labels are read.
    """

    iri: str
    actor_iri: str
    polarity: str
    scope: str | None
    section: str
    kind: str
    actor: str
    sources: int
    claims: int
    date: str | None
    agreeing: list[str]
    tallies: list[list]

    @property
    def last_stated(self) -> str | None:
        """The latest date the position was stated."""
        return self.date


# -- keeping the index up to date -------------------------------------------------------------


def catch_up(store: Store) -> int:
    """Recompute the entries that pending marks name, and drop the marks, in one update.

    With no index yet (or one of another :data:`INDEX_VERSION`), or a mark of everything, the
    whole index is rebuilt. Returns the number of entries written.

    Examples
    --------
    >>> from kg.store import EmbeddedStore
    >>> catch_up(EmbeddedStore(":memory:"))
    0
    """
    marks, nodes = pending(store)
    version = [row["version"] for row in string_rows(store, _VERSION_RQ)]
    if nodes is None or version != [INDEX_VERSION]:
        entries = build_entries(store)
        tables: dict[str, list[list]] = {}
        for e in entries:
            tables.setdefault(e.proposal, []).append(summary_of(e))
        graph = index_graph(entries, tables, versioned=True)
        store.replace_graphs({INDEX_GRAPH: graph, **{m: Graph() for m in marks}})
        return len(entries)
    if not marks:
        return 0
    actors = {row["actor"] or "" for node in sorted(nodes)
              for row in string_rows(store, INDEX_ACTORS_RQ, {"node": node})}
    actors |= {str(n) for n in nodes if _proposals_of(store, str(n))}  # an actor whose last stance is gone
    entries = build_entries(store, actors)
    proposals = {e.proposal for e in entries} | {p for a in actors for p in _proposals_of(store, a)}
    rewritten: dict[str, list[list]] = {}
    for proposal in sorted(proposals):
        kept = [s for s in _table(store, proposal)["entries"] if s[1] not in actors]
        rewritten[proposal] = kept + [summary_of(e) for e in entries if e.proposal == proposal]
    store.update(_partial_update(actors, entries, rewritten, marks))
    return len(entries)


def _proposals_of(store: Store, actor: str) -> set[str]:
    """The proposals the index holds entries of ``actor`` on."""
    query = (f"SELECT DISTINCT ?actor ?proposal WHERE {{ GRAPH <{INDEX_GRAPH}> "
             f"{{ ?e <{KG.positionActor}> ?actor ; <{KG.positionOf}> ?proposal }} }}")
    return {row["proposal"] or "" for row in string_rows(store, query, {"actor": URIRef(actor)})}


def _table(store: Store, proposal: str, part: str = "") -> dict:
    """A proposal's table (or its ``head``) as the index holds it (nothing in it when it has none)."""
    for row in string_rows(store, INDEX_TABLE_RQ, {"node": table_iri(proposal, part)}):
        return json.loads(row["table"] or "{}")
    return {"entries": [], "sections": {}, "totals": {}}


def _partial_update(actors: Iterable[str], entries: list[Entry], tables: Mapping[str, list[list]],
                    marks: list[URIRef]) -> str:
    """One update: drop the actors' entries, the proposals' tables and the marks; insert the new ones."""
    index = checked_iri(INDEX_GRAPH)
    parts = [f"DELETE {{ GRAPH <{index}> {{ ?e ?p ?o }} }} WHERE {{ GRAPH <{index}> "
             f"{{ ?e <{KG.positionActor}> <{checked_iri(a)}> ; ?p ?o }} }} ;" for a in sorted(actors)]
    parts += [f"DELETE WHERE {{ GRAPH <{index}> {{ <{checked_iri(table_iri(p, part))}> ?p ?o }} }} ;"
              for p in sorted(tables) for part in ("", "head")]
    parts += [f"DROP SILENT GRAPH <{checked_iri(m)}> ;" for m in marks]
    body = index_graph(entries, tables).serialize(format="nt").strip()
    if body:
        parts.append(f"INSERT DATA {{ GRAPH <{index}> {{\n{body}\n}} }}")
    return "\n".join(parts).rstrip(" ;")


# -- reading the summary ----------------------------------------------------------------------


def indexed_summary(store: Store, proposal: str, *, polarities: tuple[str, ...], scopes: tuple[str, ...] | None,
                    actor_types: tuple[str, ...] | None, limit: int | None,
                    ) -> tuple[list[StanceAnswer], Totals] | None:
    """The summary rows of a proposal from the index, as :func:`kg.ask.positions.summary_rows` gives them
    from the claims; None when the index is missing or has pending marks (compute from the claims then).

    The proposal's table is read (one literal), sources are scored from all their tallies, rows are
    ranked and limited, and the detail of the rows shown only is read (a second query).
    """
    if pending(store)[0] or [r["version"] for r in string_rows(store, _VERSION_RQ)] != [INDEX_VERSION]:
        return None
    if scopes is None and actor_types is None and limit is not None and limit <= HEAD_ROWS:
        head = _table(store, proposal, "head")
        scores = _scores(head["totals"])
        shown, totals = _from_head(head["sections"], polarities, limit)
    else:
        table = _table(store, proposal)
        scores = _scores(table["totals"])
        wanted = [e for e in (Ranked(*s) for s in table["entries"])
                  if e.polarity in polarities and (scopes is None or e.scope in scopes)
                  and (actor_types is None or e.kind in actor_types)]
        shown, totals = limited(wanted, limit, polarities)
    details = _details(store, [e.iri for e in shown])
    ctx = Context(store, {}, scores, {}, {})
    return [_shown_row(ctx, e, details[e.iri], scores) for e in shown], totals


def _from_head(sections: Mapping[str, dict], polarities: tuple[str, ...], limit: int) -> tuple[list[Ranked], Totals]:
    """The first ``limit`` rows of each section of these polarities and the sections' totals, as
    :func:`kg.ask.positions.limited` gives them (the head's rows are in its order already)."""
    names = sorted((n for n in sections if n.partition(" ")[0] in polarities),
                   key=lambda n: section_order(n, polarities))
    shown = [Ranked(*s) for n in names for s in sections[n]["rows"][:limit]]
    return shown, tuple((n, sections[n]["total"]) for n in names)


def _details(store: Store, entries: list[str]) -> dict[str, str]:
    """``{entry IRI: its detail JSON}`` for the entries shown, in one query (the IRIs are checked)."""
    if not entries:
        return {}
    values = " ".join(f"<{checked_iri(e)}>" for e in entries)
    query = (f"SELECT ?entry ?detail WHERE {{ VALUES ?entry {{ {values} }} GRAPH <{INDEX_GRAPH}> "
             f"{{ ?entry <{KG.positionEvidence}> ?detail }} }}")
    return {row["entry"] or "": row["detail"] or "" for row in string_rows(store, query)}


def _shown_row(ctx: Context, ranked: Ranked, detail: str, scores: Mapping[str, float | None]) -> StanceAnswer:
    """An entry's row with its sources' best score and its best quotes."""
    data = json.loads(detail)
    row = data["row"]
    lists = {k: tuple(row[k]) for k in ("reasons", "conditions", "speakers", "methods")}
    answer = StanceAnswer(**{**row, **lists}, evidence=())
    picks = tuple(_pick(ranked.actor_iri, p) for p in data["picks"])
    corroborated = {p.claim: bool(p.confidence) for p in picks}
    position = Position(answer.actor_iri, answer.scope, answer.polarity, picks, (), answer.contested)
    chosen = best_claims(position, corroborated, scores)
    known = [s for s in (scores.get(k) for k in ranked.agreeing) if s is not None]
    return replace(answer, evidence=_evidence(ctx, chosen, False), reliability=max(known, default=None))


def _scores(totals: Mapping[str, list[int]]) -> dict[str, float | None]:
    """Each source's score from its (checked, agreed) tallies, as :func:`kg.ask.reliability.rate` scores it."""
    table = read_outlets()
    return {source: score_of(source, None, checked, agreed, table) for source, (checked, agreed) in totals.items()}
