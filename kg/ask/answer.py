"""Answering a question: parse it, resolve its names, run named queries, build the rows.

Each question type is answered by one or two bound named queries (``kg query --name``
runs the same ones), and the rows are built by pure functions over their results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from importlib import resources

from rdflib import URIRef

from kg.ask.entities import ACTOR_KINDS, Entity, resolve_entity, resolve_proposal_phrase, resolve_role_types
from kg.ask.positions import DEFAULT_LIMIT, change_rows, context, record_rows, summary_rows, timeline_rows
from kg.ask.questions import (
    ChangeQuestion,
    ConflictQuestion,
    HolderQuestion,
    PositionQuestion,
    RoleQuestion,
    StanceQuestion,
    TimelineQuestion,
    parse_question,
)
from kg.ask.records import AskResult, StanceRecord
from kg.ask.roles import read_roles, role_answers, roles_as_of
from kg.ask.stances import enrich, source_descriptions, source_outlets, stance_facts
from kg.ask.summary import as_of, changes, one_voice_per_source, summarise_positions
from kg.queries import get_query
from kg.rdf.mapping import notation
from kg.store import Store, iter_rows

SPOKEN_STANCES_RQ = resources.files(__package__).joinpath("spoken-stances.rq").read_text(encoding="utf-8")


def ask(store: Store, question: str, *, day: dt.date | None = None, limit: int | None = DEFAULT_LIMIT,
        use_index: bool = True) -> AskResult:
    """Answer a plain-English question from ``store``.

    Parameters
    ----------
    store : Store
    question : str
        One of the forms in :data:`kg.ask.questions.SUPPORTED_FORMS`.
    day : datetime.date, optional
        Answer as of this day: only claims dated on or before it count, and each actor's
        position is the one its claims by then state (the rule of :mod:`kg.ask.summary`).
    limit : int or None
        Rows shown per section of a summary (``who opposes ...``); None shows them all.
        ``AskResult.totals`` has the rows per section before the limit.
    use_index : bool
        Read a summary from the position index (:mod:`kg.ask.index`) when it is up to date;
        False computes it from the claims (the same rows, slower at scale).

    Returns
    -------
    AskResult

    Raises
    ------
    UnrecognisedQuestionError
        The question matches no supported form.
    UsageError
        A name in the question matches nothing in the store.
    """
    parsed = parse_question(question)
    if isinstance(parsed, StanceQuestion):
        return _stances(store, question, parsed, day, limit, use_index)
    if isinstance(parsed, PositionQuestion):
        return _position(store, question, parsed, day)
    if isinstance(parsed, ChangeQuestion):
        return _changes(store, question, parsed, day, limit)
    if isinstance(parsed, TimelineQuestion):
        return _timeline(store, question, parsed, day)
    if isinstance(parsed, RoleQuestion):
        return _roles(store, question, parsed, day)
    if isinstance(parsed, HolderQuestion):
        return _holders(store, question, parsed, day)
    return _conflicts(store, question, parsed, day)


def answer_json(store: Store, question: str, *, day: dt.date | None = None,
                limit: int | None = DEFAULT_LIMIT) -> dict:
    """The ``kg ask --format json`` document of a question: ``question``, ``query``, ``answers``, ``totals``.

    Examples
    --------
    >>> from kg.store import EmbeddedStore
    >>> answer_json(EmbeddedStore(":memory:"), "who opposes")["totals"]
    {}
    """
    return ask(store, question, day=day, limit=limit).to_json()


def query_command(name: str, **params: str) -> str:
    """The ``kg query`` command that runs a named query with these parameters.

    Examples
    --------
    >>> query_command("who-opposes", proposal="reassurance-force")
    'kg query --name who-opposes --param proposal=reassurance-force'
    """
    return " ".join([f"kg query --name {name}", *(f"--param {k}={v}" for k, v in params.items() if v)])


def _key(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _day_note(day: dt.date | None) -> tuple[str, ...]:
    return (f"as of {day.isoformat()}: the latest claim on or before that day counts",) if day else ()


def _stances(store: Store, question: str, q: StanceQuestion, day: dt.date | None,
             limit: int | None, use_index: bool = True) -> AskResult:
    from kg.ask.index import indexed_summary

    proposal = resolve_proposal_phrase(store, q.proposal)
    indexed = (indexed_summary(store, proposal.iri, polarities=q.polarities, scopes=q.scopes,
                               actor_types=q.actor_types, limit=limit) if use_index and day is None else None)
    rows, totals = indexed or _summary_from_claims(store, proposal.iri, q, day, limit)
    notes = (f"proposal: {proposal.label}", *_day_note(day))
    return AskResult(question, "stances", query_command("who-opposes", proposal=_key(proposal.iri)), tuple(rows),
                     notes, totals)


def _summary_from_claims(store: Store, proposal: str, q: StanceQuestion, day: dt.date | None,
                         limit: int | None) -> tuple[list, tuple]:
    """The summary rows computed from every stance claim on the proposal (what the index precomputes)."""
    described = source_descriptions(store)
    outlets = {source: about.get("outlet") for source, about in described.items()}
    records = stance_facts(store, proposal, outlets=outlets)
    wanted = [p for p in summarise_positions(records, day)
              if p.polarity in q.polarities
              and (q.scopes is None or p.scope in q.scopes)
              and (q.actor_types is None or p.agreeing[0].actor_type in q.actor_types)]
    ctx = context(store, records, outlets, described)
    return summary_rows(ctx, wanted, limit, q.polarities)


def _position(store: Store, question: str, q: PositionQuestion, day: dt.date | None) -> AskResult:
    entity = resolve_entity(store, q.entity, ACTOR_KINDS)
    proposal = resolve_proposal_phrase(store, q.proposal)
    records, commands, outlets = _records_of(store, entity, proposal.iri)
    ctx = context(store, stance_facts(store, proposal.iri, outlets=outlets), outlets)
    rows = record_rows(ctx, summarise_positions(records, day))
    notes = [f"{entity.label} ({entity.kind}) on {proposal.label}", *_day_note(day)]
    return AskResult(question, "position", " ; ".join(commands), tuple(rows), tuple(notes), _totals(rows))


def _changes(store: Store, question: str, q: ChangeQuestion, day: dt.date | None, limit: int | None) -> AskResult:
    proposal = resolve_proposal_phrase(store, q.proposal)
    outlets = source_outlets(store)
    records = stance_facts(store, proposal.iri, outlets=outlets)
    pairs = changes(records, day)
    total = len(pairs)
    pairs = pairs if limit is None else pairs[-limit:]  # the most recent changes
    rows = change_rows(context(store, records, outlets), pairs)
    notes = (f"proposal: {proposal.label}", *_day_note(day))
    return AskResult(question, "changes", query_command("stance-timeline", proposal=_key(proposal.iri)),
                     tuple(rows), notes, (("changed from", total), ("changed to", total)))


def _timeline(store: Store, question: str, q: TimelineQuestion, day: dt.date | None) -> AskResult:
    entity = resolve_entity(store, q.entity, ACTOR_KINDS)
    proposal = resolve_proposal_phrase(store, q.proposal)
    records, _, outlets = _records_of(store, entity, proposal.iri)
    ctx = context(store, stance_facts(store, proposal.iri, outlets=outlets), outlets)
    rows = timeline_rows(ctx, one_voice_per_source(as_of(records, day)))
    notes = [f"{entity.label} ({entity.kind}) on {proposal.label}, oldest first", *_day_note(day)]
    for before, after in changes(records, day):
        notes.append(f"changed: {before.polarity} ({before.scope or 'any'}) until {before.last_stated}, "
                     f"{after.polarity} from {after.first_stated}")
    command = query_command("stance-timeline", actor=entity.iri, proposal=_key(proposal.iri))
    return AskResult(question, "timeline", command, tuple(rows), tuple(notes), _totals(rows))


def _records_of(store: Store, entity: Entity, proposal: str) -> tuple[list[StanceRecord], list[str], dict]:
    """An actor's stance claims on a proposal, and for a person also those they stated for another actor."""
    outlets = source_outlets(store)
    records = stance_facts(store, proposal, entity.iri, outlets=outlets)
    commands = [query_command("who-opposes", proposal=_key(proposal), actor=entity.iri)]
    if entity.kind == "person":
        records += _spoken_for(store, entity, proposal, commands, outlets)
    return enrich(store, records), commands, outlets


def _totals(rows) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.section] = counts.get(row.section, 0) + 1
    return tuple(counts.items())


def _spoken_for(store: Store, person: Entity, proposal: str, commands: list[str],
                outlets: dict) -> list[StanceRecord]:
    """Stances a person stated for another actor (a minister for their country)."""
    spoken: dict[str, set[str]] = {}
    bindings = {"speaker": URIRef(person.iri), "proposal": URIRef(proposal)}
    for row in iter_rows(store.query(SPOKEN_STANCES_RQ, bindings)):
        spoken.setdefault(str(row["actor"]), set()).add(str(row["stance"]))
    out = []
    for actor in sorted(set(spoken) - {person.iri}):
        commands.append(query_command("who-opposes", proposal=_key(proposal), actor=actor))
        out += [r for r in stance_facts(store, proposal, actor, outlets=outlets) if r.claim in spoken[actor]]
    return out


def _roles(store: Store, question: str, q: RoleQuestion, day: dt.date | None) -> AskResult:
    from kg.ask.conflicts import role_conflict

    person = resolve_entity(store, q.person, ("person",))
    records = roles_as_of(read_roles(store.query(get_query("roles").text, {"person": URIRef(person.iri)})), day)
    notes = [f"person: {person.label}", *_day_note(day)]
    conflict = role_conflict(records)
    contested: set[str] = set()
    if conflict is not None:
        sides = " vs ".join(side.label for side in conflict.sides)
        notes.append(f"sources disagree ({conflict.nature}): {sides}; see `kg conflicts`")
        contested = contested_claims(conflict)
    rows = [replace(row, contested=any(e.claim in contested for e in row.evidence)) for row in role_answers(records)]
    return AskResult(question, "roles", query_command("roles", person=_key(person.iri)), tuple(rows), tuple(notes))


def contested_claims(conflict) -> set[str]:
    """The claims of a conflict that a claim of another side, from another source, contradicts within
    :data:`kg.ask.summary.CONTEST_DAYS` days."""
    from kg.ask.summary import CONTEST_DAYS, days_apart

    out = set()
    for i, side in enumerate(conflict.sides):
        for other in conflict.sides[:i] + conflict.sides[i + 1:]:
            for a in side.claims:
                if any(b.source != a.source and a.date and b.date and days_apart(a.date, b.date) <= CONTEST_DAYS
                       for b in other.claims):
                    out.add(a.claim)
    return out


def _holders(store: Store, question: str, q: HolderQuestion, day: dt.date | None) -> AskResult:
    holder = resolve_entity(store, q.holder, ("country", "organization"))
    wanted = {notation(t) for t in resolve_role_types(store, q.role)}
    records = read_roles(store.query(get_query("roles").text, {"holder": URIRef(holder.iri)}))
    records = [r for r in roles_as_of(records, day) if r.role_type in wanted]
    notes = (f"{q.role} ({', '.join(sorted(wanted))}) of {holder.label}; latest first", *_day_note(day))
    command = query_command("roles", holder=holder.code or holder.iri)
    return AskResult(question, "holders", command, tuple(role_answers(records, latest_first=True)), notes)


def _conflicts(store: Store, question: str, q: ConflictQuestion, day: dt.date | None) -> AskResult:
    from kg.ask.conflicts import find_conflicts

    if not q.entity:
        return AskResult(question, "conflicts", query_command("conflicts"), tuple(find_conflicts(store, day=day)),
                         _day_note(day))
    entity = resolve_entity(store, q.entity, (*ACTOR_KINDS, "proposal"))
    if entity.kind == "proposal":
        found = [c for c in find_conflicts(store, day=day) if c.target == entity.iri]
        command = query_command("conflicts")
    else:
        found = find_conflicts(store, subject=entity.iri, day=day)
        command = query_command("conflicts", subject=entity.iri)
    return AskResult(question, "conflicts", command, tuple(found), (f"about {entity.label}", *_day_note(day)))
