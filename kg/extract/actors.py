"""Who holds the stance of a frame: its subject, the speaker, or the countries whose troops are meant.

The actor is the subject of the frame (through pronouns, "including" lists, possessors
and relative clauses), else the speaker of the reported clause or quotation, else —
for "send British and French troops" — the countries whose troops would be sent.
Mentions of the destination country inside place phrases are never actors. May import
:mod:`kg.extract.attribution`, :mod:`kg.extract.context`, :mod:`kg.extract.frames` and below.
"""

from __future__ import annotations

from kg.extract.attribution import before_dash, listed_with, mentions_for, speakers_for, subject_of
from kg.extract.context import person_country
from kg.extract.frames import Frame, cue_for
from kg.extract.records import DocState, Mention
from kg.extract.topic import VIEW_VERBS


def actor_mentions(state: DocState, frame: Frame) -> tuple[list[Mention], list[Mention], float]:
    """(actors, speakers, confidence) for a frame."""
    speakers = speakers_for(state, frame.top)
    if frame.holder is not None:  # "X criticised Atlantis for offering soldiers": Atlantis's commitment
        return mentions_for(state, frame.holder), speakers, 0.7
    if frame.cue.kind == "consequence":  # "warned that foreign troops would trigger a war": the warner's stance
        return [m for m in speakers if m.kind != "org" or m.known], speakers, 0.7
    # the actor climbs through a cue, a noun the cue's complement hangs from ("initiated the idea of
    # sending"), or a verb that only carries a noun cue ("has no plans to")
    passable_words = state.gazetteer.words("generic_complement") | state.gazetteer.words("light_verb")
    dashed = before_dash(frame.top)  # "Freedonia, Atlantis—leading the talks—": Atlantis alone leads
    subj = dashed or subject_of(frame.top, passable=lambda t: cue_for(state, t) is not None
                                or t.lemma_.lower() in passable_words or t.lemma_.lower() in VIEW_VERBS,
                                passive_actions=state.gazetteer.words("passive_action"))
    actors: list[Mention] = []
    confidence = 0.85
    if subj is not None:
        actors = mentions_for(state, subj)
        if actors and subj.pos_ == "PRON":
            confidence = 0.75
        if dashed is None:
            for anchor in actors or [None]:
                actors += [m for m in listed_with(state, subj, anchor) if m not in actors]
    if not actors and (subj is None or subj.dep_ == "csubj"):
        actors, confidence = _for_whom(state, frame), 0.7
    if not actors and speakers:
        actors, confidence = speakers, 0.7 if subj is None or subj.pos_ == "PRON" else 0.6
    if not actors and frame.cue.kind in ("action", "modal"):
        actors, confidence = _troop_providers(state, frame), 0.55
    destination = state.gazetteer.proposal.get("destination")
    adversary = state.gazetteer.proposal.get("adversary")
    sending = frame.cue.kind == "action" or (frame.scope == "own_troops" and frame.cue.kind == "modal")
    actors = [m for m in actors if not (m.kind == "country" and m.key in (destination, adversary) and sending)]
    actors = [m for m in actors if m.kind != "org" or m.known]
    actors = [m for m in actors if m.kind != "person" or " " in m.key.strip()]  # a lone first name is no actor
    return actors, speakers, confidence


def _for_whom(state: DocState, frame: Frame) -> list[Mention]:
    """"For Atlantis, sending troops is out of the question": the "for" phrase of a predicate names who holds it."""
    tok = frame.top
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in prep.children:
                m = state.token_mention.get(pobj.i)
                if pobj.dep_ == "pobj" and m is not None and m.kind in ("country", "person") and m.via != "demonym":
                    return [m]
    return []


def _troop_providers(state: DocState, frame: Frame) -> list[Mention]:
    """"send British and French military personnel": the countries whose troops would be sent."""
    excluded = {state.gazetteer.proposal.get("destination"), state.gazetteer.proposal.get("adversary")}
    found: dict[str, Mention] = {}
    for troop in frame.troop_objects:
        for c in troop.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            for t in [c, *c.conjuncts]:
                m = state.token_mention.get(t.i)
                if m is not None and m.kind == "country" and m.key not in excluded:
                    found.setdefault(m.key, m)
    return list(found.values())


_NORMATIVE = frozenset({"should", "ought", "must"})


def is_normative(frame: Frame) -> bool:
    """"X should (not) / must send troops": a recommendation, the speaker's view of what X ought to do."""
    heads = [frame.top, *frame.tokens]
    heads += [t.head for t in heads if t.dep_ in ("xcomp", "acomp") and t.head.i != t.i]
    return any(c.dep_ == "aux" and c.lower_ in _NORMATIVE for t in heads for c in t.children)


def outside_government(state: DocState, person: str) -> bool:
    """A speaker whose known role is in parliament or a party, not in government."""
    return person_country(state, person)[1] in state.gazetteer.own_voice_role_types


def own_scope(state: DocState, frame: Frame, actor: Mention, scope: str) -> str:
    """A troop word modified by the actor's own country ("US boots") makes the scope ``own_troops``; the
    destination's own stance ("Ukraine called on partners to deploy the force") is always on the deployment."""
    country = actor.key if actor.kind == "country" else None
    if actor.kind == "person":
        country = person_country(state, actor.key)[0]
    if country is not None and country == state.gazetteer.proposal.get("destination"):
        return "deployment"  # the force would be sent to it: it has no troops of its own to send there
    for troop in frame.troop_objects:
        for c in troop.children:
            m = state.token_mention.get(c.i)
            if (m is not None and m.kind == "country" and m.key == country) or c.lower_ in ("own", "our"):
                return "own_troops"
    return scope
